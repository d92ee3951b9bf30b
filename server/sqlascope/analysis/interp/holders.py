"""Long-lived holders of ORM instances, tracked on the path and warned about at the store.

Long-lived holders of ORM instances: module-level containers, class attributes, ``functools.cache`` results,
``self`` attributes and ``flask.g``.

Two jobs:
- *track* what such a holder keeps, on the analysis path, so that a read of the kept instance in a later call
  of the same root (``view(); recent_colors()``) sees it as it is then, detached;
- *warn* at the store (SQS108) when the instance outlives its session there: the holder lives on after the
  session ends, so any later read of a lazy relationship or expired attribute raises. The store itself does not
  fail at run time; the warning says where the bug is made.

A module-level container is a module-level name bound to a list/dict/set literal (or ``list()``, ``dict()``,
``defaultdict(...)``, ...). Its contents are tracked in the heap under ``("global", path, name)``; a class's
attributes under ``("class", path, line, column)``; ``flask.g`` under ``FLASK_G``.
"""

from __future__ import annotations

import ast

from ..findings import Fault, Severity
from ..index.workspace import Definition
from ..orm.models import decorator_name
from ..orm.sqla_api import Construct
from ..orm.state import Life
from ..report.issues import Issue
from .frame import Frame, State
from .host import Evaluating, Host
from .values import ClassRef, Const, InstanceRef, Items, Many, ObjectFact, SessionRef, UNKNOWN, join_values, members


#: heap object key of ``flask.g`` (one per app context; contexts.py saves and restores it)
FLASK_G = ("flask.g",)
#: ``flask.g``'s dict-like methods, by what they do to the names it holds (``Holders.g_method``)
G_METHODS = frozenset({"get", "pop", "setdefault"})
ELEMENT = "<element>"
_CONTAINER_CALLS = {"list", "dict", "set", "defaultdict", "OrderedDict", "deque", "WeakValueDictionary", "Counter"}
_DICT_CALLS = {"dict", "defaultdict", "OrderedDict", "WeakValueDictionary", "Counter"}
_SESSION_BOUND = {Life.PERSISTENT, Life.DETACHED, Life.DELETED}


def container_kind(node: ast.AST) -> str | None:
    """"list", "dict" or "set" when ``node`` builds an empty-or-literal container, else None."""
    if isinstance(node, (ast.List, ast.ListComp)):
        return "list"
    if isinstance(node, (ast.Dict, ast.DictComp)):
        return "dict"
    if isinstance(node, (ast.Set, ast.SetComp)):
        return "set"
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in _CONTAINER_CALLS:
            return "dict" if name in _DICT_CALLS else ("set" if name == "set" else "list")
    return None


class Holders:
    def __init__(self, engine: Host) -> None:
        self.engine = engine
        self._generation = -1
        self._containers: dict[tuple[str, str], tuple | None] = {}

    # -- module-level containers ---------------------------------------------------------------------------
    def container_key(self, path: str, name: str) -> tuple | None:
        """The heap key of the module-level container ``name`` refers to in ``path``, if it is one."""
        if self._generation != self.engine.workspace.generation:
            self._generation = self.engine.workspace.generation
            self._containers.clear()
        key = (path, name)
        if key not in self._containers:
            symbol = self.engine.workspace.resolve(path, name)
            found = None
            if isinstance(symbol, Definition) and isinstance(symbol.node, ast.expr) and container_kind(symbol.node):
                found = ("global", symbol.path, symbol.name)
            self._containers[key] = found
        return self._containers[key]

    def global_read(self, key: tuple, value, state: State):
        """A module-level container as read now: what this path stored in it, and anything else (unknown)."""
        fact = state.heap.objects.get(key)
        stored = fact.field(ELEMENT) if fact is not None else None
        if stored is None:
            return value
        kind = value.kind if isinstance(value, Many) else ""
        base = value.element if isinstance(value, Many) else UNKNOWN
        return Many(join_values(base, stored), kind)

    def global_store(self, ev: Evaluating, frame: Frame, key: tuple, name: str, stored, node: ast.AST,
                     source: ast.AST, state: State) -> None:
        self.warn(ev, frame, stored, node, source, f"module-level `{name}`", state)
        fact = state.heap.objects.get(key) or ObjectFact(None)
        old = fact.field(ELEMENT)
        state.heap.objects[key] = fact.with_field(ELEMENT, stored if old is None else join_values(old, stored))

    # -- class attributes ------------------------------------------------------------------------------------
    @staticmethod
    def class_key(cls: ClassRef) -> tuple:
        return ("class", cls.path, cls.node.lineno, cls.node.col_offset)

    def class_read(self, cls: ClassRef, name: str, state: State):
        fact = state.heap.objects.get(self.class_key(cls))
        stored = fact.field(name) if fact is not None else None
        return None if stored is None else join_values(UNKNOWN, stored)  # anyone may have set it before

    def class_store(self, ev, frame, cls: ClassRef, name: str, value, node: ast.AST, source: ast.AST, state) -> None:
        self.warn(ev, frame, value, node, source, f"class attribute `{cls.node.name}.{name}`", state)
        key = self.class_key(cls)
        state.heap.objects[key] = (state.heap.objects.get(key) or ObjectFact(cls)).with_field(name, value)

    # -- flask.g ---------------------------------------------------------------------------------------------
    def g_read(self, name: str, state: State):
        fact = state.heap.objects.get(FLASK_G)
        return fact.field(name) if fact is not None else None

    def g_method(self, method: str, args: list, state: State):
        """``g.get(name, default)``, ``g.pop(name, default)`` and ``g.setdefault(name, default)``: the value stored
        under ``name`` in this app context; ``pop`` removes it. None when the name is not a constant."""
        name = args[0].value if args and isinstance(args[0], Const) and isinstance(args[0].value, str) else None
        if name is None:
            return None
        default = args[1] if len(args) > 1 else Const(None)
        fact = state.heap.objects.get(FLASK_G) or ObjectFact(None)
        stored = fact.field(name)
        if method == "pop" and stored is not None:
            state.heap.objects[FLASK_G] = fact.without_field(name)
        elif method == "setdefault" and stored is None:
            state.heap.objects[FLASK_G] = fact.with_field(name, default)
        return default if stored is None else stored

    def g_store(self, ev, frame, name: str, value, node, source, state) -> None:
        self.warn(ev, frame, value, node, source, f"`g.{name}`", state, only_local=True)
        state.heap.objects[FLASK_G] = (state.heap.objects.get(FLASK_G) or ObjectFact(None)).with_field(name, value)

    # -- self attributes and cached functions ----------------------------------------------------------------
    def self_store(self, ev, frame, name: str, value, node, source, state) -> None:
        self.warn(ev, frame, value, node, source, f"`self.{name}`", state, only_local=True)

    def cached_return(self, ev, frame, value, node, source, state) -> None:
        if not frame.reporting:
            return  # ``warn`` reports nothing outside the reporting pass: don't resolve decorators for it
        function = frame.code
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or not self._is_cached(frame.path, function):
            return
        self.warn(ev, frame, value, node, source, f"the cache of `@{self._cache_name(function)}` `{function.name}()`",
                  state)

    def _is_cached(self, path: str, function: ast.AST) -> bool:
        # Not memoised on the node: the answer depends on what the decorator's name resolves to, which can
        # change while the function's own text doesn't (and an edit may reuse the node, see reparse.py).
        for decorator in function.decorator_list:
            target, name = decorator_name(decorator)
            if name != "cached_property" and self.engine.models.construct(path, target) is Construct.CACHE:
                return True
        return False

    @staticmethod
    def _cache_name(function: ast.AST) -> str:
        for decorator in function.decorator_list:
            _, name = decorator_name(decorator)
            if name in ("cache", "lru_cache"):
                return name
        return "cache"

    # -- the warning -----------------------------------------------------------------------------------------
    def warn(self, ev, frame, value, node: ast.AST, source: ast.AST, holder: str, state, only_local: bool = False):
        """SQS108 for each session-bound instance in ``value`` that the holder keeps past its session.

        ``only_local``: the holder lives exactly as long as something else (the object, the app context), so
        warn only when the instance is already detached or its session is one this function opened (and so
        ends before the holder does)."""
        if not frame.reporting:
            return
        for member in _instances(value):
            fact = state.heap.instances.get(member.iid)
            if fact is None or not (fact.life & _SESSION_BOUND):
                continue
            if only_local and not (fact.life == frozenset({Life.DETACHED}) or self._local_sessions(frame, fact, state)):
                continue
            text = ev.text(frame, source) if isinstance(source, (ast.Name, ast.Attribute)) else ""
            text = text or fact.label
            # Not ev.report: the store is the finding, whoever called the function that stores (no call chain).
            frame.issues.append(Issue(
                fault=Fault.OUTLIVES_SESSION,
                severity=Severity.WARNING,
                location=ev.location(frame, node),
                expression=text,
                instance=text,
                fact=fact,
                session_label=ev.session_label(fact, state),
                holder=holder,
            ))

    @staticmethod
    def _local_sessions(frame, fact, state) -> bool:
        """Every session of the instance was opened by this very function call, is not a shared registry
        session, and is not kept on an object (``self.session = ...``): it ends before the holder does."""
        if not fact.sessions:
            return False
        shared = set(state.heap.registries.values())
        kept = {v.sid for o in state.heap.objects.values() if isinstance(o, ObjectFact)  # not a FactoryConfig
                for _, v in o.fields if isinstance(v, SessionRef)}
        for sid in fact.sessions:
            local = isinstance(sid, tuple) and len(sid) >= 2 and sid[0] == frame.context and sid[1] == frame.path
            if not local or sid in shared or sid in kept:
                return False
        return True


def _instances(value):
    for member in members(value):
        if isinstance(member, InstanceRef):
            yield member
        elif isinstance(member, Items):
            for item in member.items:
                yield from _instances(item)
        elif isinstance(member, Many):
            yield from _instances(member.element)
