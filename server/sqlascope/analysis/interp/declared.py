"""Values read from declarations, for when value flow gives nothing: an analysis root's parameters (``self``
included), parameters that no call supplies (a decorator or a framework injects them), and what a project
function returns when its body gives no known value.

A value declared ``Session`` / ``AsyncSession`` is an open session of unknown origin. One declared with a plain
project class is a ``DeclaredRef``: an instance of that class that nothing in the checked code constructs (a
framework, a dependency-injection container or a registry does). It lives outside the heap, so it costs what an
unknown value costs, until code reads from it: its methods and properties are the class's, and its fields are
what the class declares for them, read when first needed:
- a class-level annotation (``engine: AsyncEngine``);
- an assignment in ``__init__``: of a parameter (``self._db = db`` with ``db: ExtendedAsyncSAEngine``), whose
  annotation then declares the field, or of any other expression (``self._factory = async_sessionmaker(self)``),
  which is evaluated with the parameters as declared.

What the object's own methods store on it is not tracked (as for an unknown value). Mapped classes are not made up
this way: a parameter declared with a model is an instance persistent in the caller's session, whatever
it loaded taken as loaded (``lifecycle.declared_instance``), so only what this code does to it is reported.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from ..index.workspace import Definition, External
from ..orm import lifecycle
from ..orm.sqla_api import Construct, construct_of, is_async_name
from .frame import Frame, State
from .values import (UNKNOWN, ClassRef, Const, DeclaredRef, ExternalValue, Factory, Function, InstanceRef, ModuleValue,
                     _Unknown, join_values, members)

#: Annotation wrappers whose first argument is the declared type. (``Annotated[...]`` carries a framework's
#: dependency: interp/frameworks.py reads it.)
_WRAPPERS = {"Optional", "Final", "ClassVar"}
#: How many declarations deep a field's value is read (a field declared by a field declared by ...).
MAX_DECLARED_DEPTH = 4
#: The call depth an initialiser runs at: what it calls runs (a constructor), and nothing further.
INITIALISER_DEPTH = 5
#: Values that refer to nothing in the heap, so a field holding one is the same in every root.
_HEAP_FREE = (ClassRef, DeclaredRef, Factory, Function, Const, ExternalValue, ModuleValue, _Unknown)


class Declarations:
    def __init__(self, engine) -> None:
        self.engine = engine
        #: (class node id, field name) → where the class declares the field: ("annotation" | "expression", node)
        self._fields: dict[tuple[int, str], tuple[str, ast.AST, str] | None] = {}
        #: (class node id, field name, depth) → a field's value that holds nothing of the heap (see field)
        self._values: dict[tuple[int, str, int], object] = {}
        self._generation = -1
        self._constructions: tuple[int, dict[str, list[tuple[str, ast.Call]]]] | None = None

    def forget(self) -> None:
        """Forget field values read so far (``Engine.forget_shared_work``: each file is analysed as if first)."""
        self._values = {}

    def value(self, ev, frame: Frame, path: str, annotation: ast.expr | None, node: ast.AST, state: State,
              label: str, sessions: bool = True, made_here: bool = False):
        """What a value declared with ``annotation`` (in module ``path``) holds, as far as the declaration says.
        ``sessions=False``: a declared session stays unknown (a function whose body gives an unknown session may
        return a shared one, and a new one per call would tell sessions apart that are one). ``made_here``: the
        value is made by the call that declares it (an abstract factory method's return), so a session is a new
        one rather than one the caller may hold under another name."""
        annotation = _declared_type(annotation)
        if annotation is None:
            return UNKNOWN
        symbol = self.engine.workspace.resolve_expression(path, annotation)
        if isinstance(symbol, External):
            if sessions and construct_of(symbol.qualified) is Construct.SESSION:
                factory = Factory(is_async_name(symbol.qualified), False, label)
                tag = "session" if made_here else lifecycle.DECLARED_SESSION
                return ev.calls.new_session(ev, frame, factory, node, state, tag)
            return UNKNOWN
        if isinstance(symbol, Definition) and isinstance(symbol.node, ast.ClassDef):
            cls = self.engine.symbol_value(symbol)
            if isinstance(cls, ClassRef) and cls.mapped is None:
                return DeclaredRef(cls)
            if isinstance(cls, ClassRef) and sessions and isinstance(frame.code, (ast.FunctionDef, ast.AsyncFunctionDef)):
                iid = frame.alloc(node, "declared-instance")
                if iid not in state.heap.instances:
                    state.heap.instances[iid] = lifecycle.declared_instance(
                        cls.mapped, label, isinstance(frame.code, ast.AsyncFunctionDef), ev.location(frame, node))
                return InstanceRef(iid)
        return UNKNOWN

    def field(self, ev, frame: Frame, ref: DeclaredRef, name: str, state: State):
        """Field ``name`` of a declared instance, from the class's declaration of it; UNKNOWN if there is none."""
        if ref.depth >= MAX_DECLARED_DEPTH:
            return UNKNOWN
        for cls in self.engine.class_mro(ref.cls):
            declaration = self._declaration(cls, name)
            if declaration is None:
                continue
            kind, node, path = declaration
            key = (id(cls.node), name, ref.depth)
            if key in self._values:
                return self._values[key]
            # one context per declaration: a session the field holds is the same whoever reads it, wherever;
            # an initialiser runs what it calls, and nothing further (as a module-level constructor does)
            scratch = Frame(path=path, code=node, graph=None, context=("declared", path, node.lineno, name),
                            reporting=False, depth=INITIALISER_DEPTH)  # type: ignore[arg-type]
            if kind == "annotation":
                value = self.value(ev, scratch, path, node, node, state, name)
            else:
                value = self._initialiser(ev, scratch, cls, node, replace(ref, depth=ref.depth + 1), state)
            value = _deeper(value, ref.depth + 1)
            if all(isinstance(m, _HEAP_FREE) for m in members(value)):
                self._values[key] = value  # the same in every root: read once
            return value
        return UNKNOWN

    def _initialiser(self, ev, scratch: Frame, cls: ClassRef, expr: ast.expr, ref: DeclaredRef, state: State):
        """``self.name = expr`` in ``__init__``: ``expr`` with ``self`` the instance and each parameter as declared."""
        init = self.engine.class_member(cls, "__init__")
        env: dict[str, object] = {}
        if isinstance(init, Function):
            params = [*init.node.args.posonlyargs, *init.node.args.args, *init.node.args.kwonlyargs]
            if params:
                env[params[0].arg] = ref
            for index, param in enumerate(params[1:]):
                env[param.arg] = self.value(ev, scratch, init.path, param.annotation, param, state, param.arg)
                if env[param.arg] is UNKNOWN and param.annotation is None:
                    env[param.arg] = self._constructed_with(cls, index, param.arg)
        local = State(env, state.heap)
        return ev.value(scratch, expr, local)

    def _constructed_with(self, cls: ClassRef, index: int, name: str):
        """What the workspace's ``Class(...)`` calls pass for an unannotated ``__init__`` parameter (position
        ``index`` after ``self``, or keyword ``name``), where that is a module-level name (``AccountActivator(
        serializer, User)`` in a factory): the join of those values; UNKNOWN when no call passes one."""
        workspace = self.engine.workspace
        found = UNKNOWN
        for path, call in self._construction_index().get(cls.node.name, ()):
            symbol = workspace.resolve_expression(path, call.func)
            if not (isinstance(symbol, Definition) and symbol.node is cls.node):
                continue
            workspace.dependencies.note(path, "")
            arg = call.args[index] if index < len(call.args) else next(
                (k.value for k in call.keywords if k.arg == name), None)
            if isinstance(arg, ast.Starred) or not isinstance(arg, (ast.Name, ast.Attribute)):
                continue
            if isinstance(arg, ast.Name) and workspace.resolve(path, arg.id) is None:
                continue  # a local of the calling function
            value = self.engine.module_expression(path, arg)
            if value is not UNKNOWN:
                found = value if found is UNKNOWN else join_values(found, value)
        return found

    def _construction_index(self) -> dict[str, list[tuple[str, ast.Call]]]:
        """Every call of a bare or dotted name, by that name: where classes are constructed (syntax only)."""
        generation = self.engine.workspace.generation
        if self._constructions is None or self._constructions[0] != generation:
            index: dict[str, list[tuple[str, ast.Call]]] = {}
            for path, source in self.engine.workspace.files.items():
                for node in ast.walk(source.tree) if source.tree is not None else ():
                    if isinstance(node, ast.Call) and (node.args or node.keywords):
                        func = node.func
                        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                        if name and name[:1].isupper():
                            index.setdefault(name, []).append((path, node))
            self._constructions = (generation, index)
        return self._constructions[1]

    def _declaration(self, cls: ClassRef, name: str):
        generation = self.engine.workspace.generation
        if self._generation != generation:  # node ids are only unique among live trees
            self._generation, self._fields, self._values = generation, {}, {}
        key = (id(cls.node), name)
        if key not in self._fields:
            self._fields[key] = _find_declaration(cls, name, self.engine.class_member(cls, "__init__"))
        return self._fields[key]


def _find_declaration(cls: ClassRef, name: str, init) -> tuple[str, ast.AST, str] | None:
    for stmt in cls.node.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == name:
            return "annotation", stmt.annotation, cls.path
    if not isinstance(init, Function) or not any(stmt is init.node for stmt in cls.node.body):
        return None
    args = init.node.args
    params = {p.arg: p for p in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    self_name = next(iter(params), None)
    for stmt in ast.walk(init.node):
        target = value = None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
        elif isinstance(stmt, ast.AnnAssign):
            target, value = stmt.target, stmt.value
        if not (isinstance(target, ast.Attribute) and target.attr == name and isinstance(target.value, ast.Name)
                and target.value.id == self_name):
            continue
        if isinstance(stmt, ast.AnnAssign):
            return "annotation", stmt.annotation, init.path
        if isinstance(value, ast.Name) and value.id in params and params[value.id].annotation is not None:
            return "annotation", params[value.id].annotation, init.path
        return "expression", value, init.path
    return None


def _deeper(value, depth: int):
    return replace(value, depth=depth) if isinstance(value, DeclaredRef) else value


def _declared_type(annotation: ast.expr | None) -> ast.expr | None:
    """The type an annotation declares: ``Optional[X]``, ``X | None`` and ``"X"`` give X."""
    for _ in range(4):
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            try:
                annotation = ast.parse(annotation.value, mode="eval").body
            except SyntaxError:
                return None
        elif isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
            left, right = annotation.left, annotation.right
            annotation = right if isinstance(left, ast.Constant) and left.value is None else left
        elif isinstance(annotation, ast.Subscript) and _head(annotation.value) in _WRAPPERS:
            inner = annotation.slice
            annotation = inner.elts[0] if isinstance(inner, ast.Tuple) and inner.elts else inner
        else:
            break
    return annotation if isinstance(annotation, (ast.Name, ast.Attribute)) else None


def _head(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
