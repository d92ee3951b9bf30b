"""Seeded grammar that writes runnable SQLAlchemy programs, each tagged with the generator features it uses.

A program is a small project (``main.py``, sometimes ``models.py`` and ``db.py``) whose entry module defines
``scenario_program()``. It sets up an in-memory database, obtains instances through one session style and one
program shape, applies session operations, and reads attributes in one read style. Whether it raises is left to
the runtime: the generator only guarantees that it is valid Python that fails, if at all, with a target error.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .models_source import (COLLECTION_STRATEGIES, EXTRA_STRATEGIES, SCALAR_STRATEGIES, ModelConfig, models_source,
                            seed_lines)

ENTRY = "main.py"
SCENARIO = "scenario_program"

IMPORTS = [
    "import asyncio",
    "import functools",
    "import json",
    "import threading",
    "from concurrent.futures import ThreadPoolExecutor",
    "from contextlib import asynccontextmanager, contextmanager",
    "from dataclasses import asdict",
    "",
    "from sqlalchemy import create_engine, select",
    "from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine",
    "from sqlalchemy.orm import (Session, contains_eager, defaultload, defer, joinedload, lazyload, load_only,",
    "                            make_transient, make_transient_to_detached, raiseload, scoped_session,",
    "                            selectinload, sessionmaker, subqueryload, undefer, undefer_group)",
    "from sqlalchemy.pool import StaticPool",
]
MODEL_NAMES = "Base, Child, ChildOut, Parent, ParentOut, Tag"


@dataclass
class Program:
    seed: int
    files: dict[str, str]
    features: frozenset[str]
    is_async: bool = False
    draws: int = 0  # how many random draws writing it took
    zeroed: frozenset[int] = frozenset()  # draws forced to zero (the simplest choice), for shrinking


class ChoiceRandom(random.Random):
    """A seeded random source whose draws can be forced to zero one by one: a zero draw picks the first (simplest)
    option of a choice and says no to a chance, so shrinking a program is zeroing its draws (as Hypothesis
    shrinks a choice sequence). Every draw still consumes the underlying stream, so the others keep their values."""

    def __init__(self, seed: int, zeroed: frozenset[int] = frozenset()):
        self.zeroed = zeroed
        self.draws = 0
        super().__init__(seed)

    def _zero(self) -> bool:
        index = self.draws
        self.draws += 1
        return index in self.zeroed

    def random(self) -> float:
        value = super().random()
        return 0.0 if self._zero() else value

    def getrandbits(self, k: int) -> int:
        value = super().getrandbits(k)
        return 0 if self._zero() else value


def indent(lines: list[str], n: int = 1) -> list[str]:
    pad = "    " * n
    return [pad + line if line else line for line in lines]


@dataclass
class Gen:
    """One program being written: the random source, the model configuration and the features used so far."""

    rng: random.Random
    cfg: ModelConfig
    features: set[str] = field(default_factory=set)
    has_kid: bool = False
    new_object: bool = False
    needs_reader: bool = False
    needs_store: str = ""
    maybe_open: bool = False  # the first session may still be open after its scope (then s2.add(obj) is a misuse)
    reads_in_scope: bool = False  # the scenario reads while the scope's block is still open (a generator's loop)

    def pick(self, options, tag_prefix: str | None = None):
        choice = self.rng.choice(options)
        if tag_prefix is not None:
            self.features.add(f"{tag_prefix}:{choice}")
        return choice

    def chance(self, p: float) -> bool:
        """True with probability ``p``; a zero draw says no."""
        return self.rng.random() >= 1 - p

    @property
    def aw(self) -> str:
        """``await `` under async."""
        return "await " if self.cfg.is_async else ""


# --------------------------------------------------------------------------- loader options

_RELATIONSHIPS = {"Parent": [("children", "Child"), ("tags", "Tag"), ("manager", "Parent")], "Tag": []}
_COLUMNS = {"Parent": ["name", "bio", "note", "score"], "Child": ["title"], "Tag": ["label"]}
_CHAIN_LOADERS = ("selectinload", "joinedload", "subqueryload", "defaultload")
_LEAF_LOADERS = ("selectinload", "joinedload", "subqueryload", "raiseload", "lazyload")


def loader_chain(g: Gen, depth: int, multi_entity: bool = False) -> str:
    """One loader option: a chain of up to ``depth`` steps from Parent (``selectinload(Parent.children)
    .joinedload(Child.parent).load_only(Parent.name)``) or a wildcard / column option."""
    # Child.parent is left out: chaining from a collection back to its own many-to-one conflicts with the
    # strategy SQLAlchemy sets there itself ("Loader strategy replacement ... is in conflict").
    relationships = dict(_RELATIONSHIPS, Child=[])
    if not multi_entity and g.chance(0.12):
        option = g.pick(["lazyload('*')", "undefer_group('extra')", "defer(Parent.bio)", "undefer(Parent.bio)",
                         "load_only(Parent.name)", "raiseload(Parent.children)"])
        g.features.add("loader:" + option.split("(")[0])
        return option
    entity, parts = "Parent", []
    for step in range(depth):
        last = step == depth - 1
        rels = relationships.get(entity, [])
        column_here = last and g.chance(0.45 if step else 0.3) and not (multi_entity and step == 0)
        if not rels or column_here:
            column = g.pick(_COLUMNS[entity])
            if entity == "Parent" and g.chance(0.5):
                call = "undefer_group('extra')"
            else:
                kind = g.pick(["load_only", "defer", "undefer"])
                if kind == "load_only" and column == "name" and entity == "Parent":
                    call = "load_only(Parent.name)"
                else:
                    call = f"{kind}({entity}.{column})"
            parts.append(call)
            g.features.add("loader:" + call.split("(")[0])
            break
        attr, target = g.rng.choice(rels)
        loader = g.pick(_LEAF_LOADERS if last else _CHAIN_LOADERS)
        g.features.add("loader:" + loader)
        parts.append(f"{loader}({entity}.{attr})")
        entity = target
    g.features.add(f"loader_depth:{len(parts)}")
    return ".".join(parts)


def options(g: Gen, multi_entity: bool = False) -> list[str]:
    """0–2 loader options; two options never start on the same path (their strategies would conflict)."""
    if not g.chance(0.65):
        return []
    chains = [loader_chain(g, g.rng.randint(1, 3), multi_entity)]
    if g.chance(0.3):
        second = loader_chain(g, g.rng.randint(1, 3), multi_entity)
        if _first_path(second) != _first_path(chains[0]):
            chains.append(second)
    return chains


def _first_path(chain: str) -> str:
    head = chain.split(").")[0]
    return head.split("(", 1)[1].rstrip(")")


# --------------------------------------------------------------------------- loading

def load_lines(g: Gen, session: str = "s", begin_scope: bool = False) -> list[str]:
    """Statements that bind ``obj`` (and, for multi-entity rows, ``kid``) inside a session scope."""
    pid = g.rng.choice([1, 1, 2])
    aw, s = g.aw, session
    kinds = ["get", "get_options", "select", "multi_entity", "contains_eager", "new", "repository"]
    if not g.cfg.is_async:
        kinds.append("query")
    kind = g.pick(kinds, "load")
    opts = options(g, kind == "multi_entity") if kind in ("get_options", "select", "query", "multi_entity") else []
    if kind == "get_options" and not opts:
        opts = [loader_chain(g, 1)]
    joined = ", ".join(opts)
    if kind == "get":
        return [f"obj = {aw}{s}.get(Parent, {pid})"]
    if kind == "get_options":
        return [f"obj = {aw}{s}.get(Parent, {pid}, options=[{joined}])"]
    stmt = f"select(Parent).where(Parent.id == {pid})" + (f".options({joined})" if opts else "")
    if kind == "select":
        g.features.add("query:select")
        if g.chance(0.5):
            return [f"obj = ({aw}{s}.scalars({stmt})).unique().one()"]
        return [f"result = {aw}{s}.execute({stmt})", "obj = result.unique().scalar_one()"]
    if kind == "query":
        g.features.add("query:legacy")
        chain = f".options({joined})" if opts else ""
        if g.chance(0.5):
            return [f"obj = {s}.query(Parent){chain}.filter_by(id={pid}).one()"]
        return [f"obj = {s}.query(Parent){chain}.filter(Parent.id == {pid}).first()"]
    if kind == "multi_entity":
        g.has_kid = True
        g.features.add("query:select")
        stmt = (f"select(Parent, Child).join(Parent.children).where(Parent.id == {pid}).order_by(Child.id)"
                + (f".options({joined})" if opts else ""))
        return [f"row = ({aw}{s}.execute({stmt})).unique().first()", "obj, kid = row"]
    if kind == "contains_eager":
        g.features.add("loader:contains_eager")
        g.features.add("query:select")
        stmt = (f"select(Parent).join(Parent.children).where(Parent.id == {pid})"
                ".options(contains_eager(Parent.children))")
        return [f"obj = ({aw}{s}.scalars({stmt})).unique().one()"]
    if kind == "repository":
        g.features.add("shape:base_repository")
        return [f"repo = ParentRepository({s})", f"obj = {aw}repo.get({pid})"]
    g.new_object = True
    ending = "flush" if begin_scope else g.pick(["flush", "commit"])
    return ["obj = Parent(name='new')", f"{s}.add(obj)", f"{aw}{s}.{ending}()"]


# --------------------------------------------------------------------------- operations inside a scope

def _names(g: Gen) -> str:
    return g.rng.choice(["'name'", "'children'", "'name', 'tags'", "'bio'", "'manager'"])


#: ``setattr(obj, name, 7)`` by a constant name, or by one the program computes (a mapping's first key)
_SETATTR_NAMES = ("'score'", "next(iter({'score': 1}))")


def _score_store(g: Gen) -> str:
    """``obj.score = 7``, sometimes written as a ``setattr`` store."""
    if not g.chance(0.4):
        return "obj.score = 7"
    g.features.add("op:setattr_flush")
    return f"setattr(obj, {g.rng.choice(_SETATTR_NAMES)}, 7)"


def op_lines(g: Gen, name: str, s: str = "s") -> list[str]:
    aw = g.aw
    table = {
        "commit": lambda: [f"{aw}{s}.commit()"],
        "rollback": lambda: [f"{aw}{s}.rollback()"],
        "flush": lambda: [_score_store(g), f"{aw}{s}.flush()"],
        "expire": lambda: [f"{s}.expire(obj)"],
        "expire_names": lambda: [f"{s}.expire(obj, [{_names(g)}])"],
        "expire_all": lambda: [f"{s}.expire_all()"],
        "refresh": lambda: [f"{aw}{s}.refresh(obj)"],
        "refresh_names": lambda: [f"{aw}{s}.refresh(obj, [{_names(g)}])"],
        "merge": lambda: [f"obj = {aw}{s}.merge(obj)"],
        "expunge": lambda: [f"{s}.expunge(obj)"],
        "expunge_all": lambda: [f"{s}.expunge_all()"],
        "make_transient": lambda: ["make_transient(obj)"],
        "make_transient_to_detached": lambda: ["make_transient(obj)", "make_transient_to_detached(obj)"],
        "close": lambda: [f"{aw}{s}.close()"],
        "delete_commit": lambda: [f"{aw}{s}.delete(obj)", f"{aw}{s}.commit()"],
        "begin_nested": lambda: (
            [f"{'async ' if aw else ''}with {s}.begin_nested():", "    obj.score = 3"] if g.chance(0.5) else
            [f"sp = {aw}{s}.begin_nested()", "obj.name = 'sp'", f"{aw}sp.rollback()"]),
        "begin_after_autobegin": lambda: [f"{'async ' if aw else ''}with {s}.begin():", "    obj.score = 4"],
        "read_inside": lambda: [f"print({read_expression(g, 'obj', inside=True)})"],
        "pre_read_relationship": lambda: ["print(len(obj.children))"] if not aw else _awaitable_read(g),
    }
    return table[name]()


def _awaitable_read(g: Gen) -> list[str]:
    """The async form of a relationship read inside the scope: through ``awaitable_attrs`` (tagged as such)."""
    g.features.add("read:awaitable_attrs")
    return ["print(len(await obj.awaitable_attrs.children))"]


_OPS = ("commit", "rollback", "flush", "expire", "expire_names", "expire_all", "refresh", "refresh_names", "merge",
        "expunge", "expunge_all", "make_transient", "make_transient_to_detached", "close", "delete_commit",
        "begin_nested", "begin_after_autobegin", "read_inside", "pre_read_relationship")
#: How often each operation is drawn (rare ones end most programs with an error before anything is read).
_OP_WEIGHTS = {"begin_after_autobegin": 0.6, "delete_commit": 0.6, "make_transient_to_detached": 0.6,
               "read_inside": 1.5, "commit": 2.0}


#: Operations that end the transaction of a `with factory.begin()` block: nothing may use the session after them
#: inside the block ("Can't operate on closed transaction inside context manager").
_ENDS_BEGIN_BLOCK = {"commit", "rollback", "close", "delete_commit"}


def body_lines(g: Gen, begin_scope: bool = False, session: str = "s") -> list[str]:
    """Load, then 0–3 operations: the body of a session scope."""
    lines = load_lines(g, session, begin_scope)
    count = g.rng.choice([0, 1, 1, 2, 2, 3])
    weights = [_OP_WEIGHTS.get(op, 1.0) for op in _OPS]
    for index in range(count):
        op = g.rng.choices(_OPS, weights)[0]
        if op == "delete_commit" and g.new_object:
            op = "commit"
        if begin_scope and op in _ENDS_BEGIN_BLOCK and (index < count - 1 or g.reads_in_scope):
            op = "expire"
        g.features.add(f"op:{op}")
        lines += op_lines(g, op, session)
    return lines


# --------------------------------------------------------------------------- reads

def read_expression(g: Gen, o: str, inside: bool = False) -> str:
    """One read of ``o`` (a Parent), tagged with what it reads."""
    cfg = g.cfg
    reads = [
        ("column", f"{o}.name"), ("column", f"{o}.id"), ("deferred", f"{o}.bio"), ("deferred_group", f"{o}.note"),
        ("server_default", f"{o}.stamp"), ("python_default", f"{o}.score"),
        ("relationship", f"len({o}.children)"), ("relationship", f"[t.label for t in {o}.tags]"),
        ("relationship", f"({o}.manager.name if {o}.manager is not None else None)"),
        ("property", f"{o}.label"), ("repr", f"repr({o})"), ("pydantic", f"ParentOut.model_validate({o}).model_dump()"),
    ]
    if cfg.has_extras:
        reads.append(("extras", f"{o}.extras.count()" if cfg.extras_lazy == "dynamic"
                      else f"{o}.extras.select() is not None"))
    if cfg.dataclass:
        reads += [("asdict", f"asdict({o})"), ("repr", f"repr({o})")]
    if cfg.has_child_parent:
        reads.append(("relationship", f"[c.parent.name if c.parent is not None else None for c in {o}.children]"))
    if cfg.is_async and not inside and g.chance(0.1):
        g.features.add("read:awaitable_attrs")
        return f"len(await {o}.awaitable_attrs.children)"
    kind, expression = g.rng.choice(reads)
    g.features.add(f"read:{kind}")
    attribute_strategy = {"children": cfg.children_lazy, "tags": cfg.tags_lazy, "manager": cfg.manager_lazy,
                          "extras": cfg.extras_lazy}
    for attribute, strategy in attribute_strategy.items():
        if f"{o}.{attribute}" in expression:
            g.features.add(f"lazy:{strategy}")
    if ".parent." in expression:
        g.features.add(f"lazy:{cfg.parent_lazy}")
    if kind == "repr" and cfg.dataclass:
        g.features.add("read:dataclass_repr")
    return expression


def kid_expression(g: Gen, k: str) -> str:
    reads = [f"{k}.title", f"{k}.parent_id"]
    if g.cfg.has_child_parent:
        reads.append(f"({k}.parent.name if {k}.parent is not None else None)")
    g.features.add("read:multi_entity_row")
    return g.rng.choice(reads)


def read_lines(g: Gen, var: str = "obj") -> list[str]:
    """The reads after the scope, in one read style."""
    lines: list[str] = []
    style = g.pick(["direct", "direct", "fstring", "sorted_key", "json_default", "map", "thread", "executor",
                    "container", "attribute_store"], "read_style")
    target = var
    if style == "container":
        store = g.pick(["dict", "list"])
        if store == "dict":
            g.needs_store = "dict"
            lines.append(f"REGISTRY['item'] = {var}")
            target = "REGISTRY['item']"
        else:
            lines += [f"items = [{var}]"]
            target = "items[0]"
    elif style == "attribute_store":
        g.needs_store = g.needs_store or "holder"
        lines += ["holder = Holder()", f"holder.item = {var}"]
        target = "holder.item"
    if style in ("thread", "executor"):
        g.needs_reader = True
        if style == "thread":
            lines += [f"worker = threading.Thread(target=read_in_thread, args=({var},))", "worker.start()",
                      "worker.join()"]
        else:
            lines += ["with ThreadPoolExecutor(max_workers=1) as pool:",
                      f"    pool.submit(read_in_thread, {var}).result()"]
        return lines
    in_lambda = style in ("sorted_key", "json_default", "map")
    expression = read_expression(g, "o" if in_lambda else target, inside=in_lambda)
    if style in ("direct", "container", "attribute_store"):
        lines.append(f"print({expression})")
    elif style == "fstring":
        lines.append(f'print(f"value: {{{expression}}}")' if "repr(" not in expression
                     else f'print(f"value: {{{target}!r}}")')
    elif style == "sorted_key":
        lines.append(f"print(len(sorted([{target}], key=lambda o: str({expression}))))")
    elif style == "json_default":
        lines.append(f"print(json.dumps({target}, default=lambda o: {{'v': {expression}}}))")
    elif style == "map":
        lines.append(f"print(list(map(lambda o: {expression}, [{target}])))")
    if g.has_kid and g.chance(0.4):
        lines.append(f"print({kid_expression(g, 'kid')})")
    return lines


def reader_def(g: Gen) -> list[str]:
    expression = read_expression(g, "o")
    if "await " in expression:
        expression = "o.name"
    return ["def read_in_thread(o):", f"    print({expression})"]


# --------------------------------------------------------------------------- sessions

def _session_kwargs(g: Gen) -> str:
    return g.rng.choice(["", "", ", expire_on_commit=False", ", autoflush=False"])


def opener(g: Gen) -> tuple[str, str]:
    """(mode, opening text): mode "with" → ``with <text> as s:``; "begin_pair" → the full with-header;
    "manual" → ``s = <text>``."""
    if g.cfg.is_async:
        kind = g.pick(["AsyncSession(engine)", "factory()", "factory.begin()", "manual"], "session")
        if kind == "AsyncSession(engine)":
            return "with", f"AsyncSession(engine{_session_kwargs(g)})"
        if kind == "manual":
            return "manual", "factory()"
        return "with", kind
    kind = g.pick(["Session(engine)", "factory()", "factory.begin()", "Session(engine) as s, s.begin()",
                   "scoped_session", "scoped_session", "manual"], "session")
    if kind == "Session(engine)":
        return "with", f"Session(engine{_session_kwargs(g)})"
    if kind == "Session(engine) as s, s.begin()":
        return "begin_pair", "with Session(engine) as s, s.begin():"
    if kind == "scoped_session":
        return "scoped", "Scoped()"
    if kind == "manual":
        return "manual", g.rng.choice(["factory()", f"Session(engine{_session_kwargs(g)})"])
    return "with", kind


def scope_lines(g: Gen, returns: str | None = None) -> list[str]:
    """A session scope in one session style around a generated body; ``returns`` adds a return of that
    expression (inside the scope or after it)."""
    mode, text = opener(g)
    body = body_lines(g, begin_scope=mode == "begin_pair" or text == "factory.begin()")
    if returns is not None and g.has_kid:
        returns = "obj, kid"
    aw, asy = g.aw, "async " if g.cfg.is_async else ""
    ret_inside = returns is not None and mode in ("with", "begin_pair") and g.chance(0.4)
    inner = body + ([f"return {returns}"] if ret_inside else [])
    if mode == "with":
        lines = [f"{asy}with {text} as s:", *indent(inner)]
    elif mode == "begin_pair":
        lines = [text, *indent(inner)]
    else:
        end = g.rng.choice(["close", "try_finally", "open"] if mode == "manual" else ["remove", "remove", "remove",
                                                                                      "close", "open"])
        g.features.add(f"session_end:{end}")
        if end == "try_finally":
            lines = [f"s = {text}", "try:", *indent(inner), "finally:", f"    {aw}s.close()"]
        else:
            ending = {"close": [f"{aw}s.close()"], "remove": ["Scoped.remove()"], "open": []}[end]
            g.maybe_open |= end == "open"
            lines = [f"s = {text}", *inner, *ending]
    if returns is not None and not ret_inside:
        lines.append(f"return {returns}")
    return lines


def engine_lines(g: Gen) -> list[str]:
    """Engine, factory (maybe configured later), scoped registry and the setup function."""
    cfg = g.cfg
    seed = seed_lines(cfg)
    if cfg.is_async:
        lines = ['engine = create_async_engine("sqlite+aiosqlite://")',
                 f"factory = async_sessionmaker(engine{_session_kwargs(g)})"]
        g.features.add("session:async")
    else:
        lines = ['engine = create_engine("sqlite://", poolclass=StaticPool, '
                 'connect_args={"check_same_thread": False})',
                 f"factory = sessionmaker(bind=engine{_session_kwargs(g)})"]
    if g.chance(0.2):
        g.features.add("session:configure")
        lines.append(f"factory.configure(expire_on_commit={g.rng.choice(['False', 'True'])})")
    if not cfg.is_async:
        lines.append("Scoped = scoped_session(factory)")
    lines += ["", ""]
    if cfg.is_async:
        lines += ["async def _setup():", "    async with engine.begin() as conn:",
                  "        await conn.run_sync(Base.metadata.create_all)",
                  "    async with AsyncSession(engine) as s:", *indent(seed, 2), "        await s.commit()"]
    else:
        lines += ["def _setup():", "    Base.metadata.create_all(engine)", "    with Session(engine) as s:",
                  *indent(seed, 2), "        s.commit()"]
    return lines


# --------------------------------------------------------------------------- program shapes

def repository_defs(g: Gen) -> list[str]:
    aw, asy = g.aw, "async " if g.cfg.is_async else ""
    return ["class BaseRepository:", "    model = None", "", "    def __init__(self, session):",
            "        self.session = session", "", f"    {asy}def get(self, ident):",
            f"        return {aw}self.session.get(self.model, ident)", "", "",
            "class ParentRepository(BaseRepository):", "    model = Parent"]


def shape(g: Gen) -> tuple[list[str], list[str], bool]:
    """(helper definitions, scenario statements binding ``obj``, reads-already-placed)."""
    cfg = g.cfg
    asy, aw = ("async ", "await ") if cfg.is_async else ("", "")
    shapes = ["inline", "inline", "helper_return", "contextmanager", "decorator", "session_class"]
    if not cfg.is_async:
        shapes += ["generator", "module_level"]
    kind = g.pick(shapes, "shape")
    if kind in ("inline", "module_level"):
        return [], scope_lines(g), False
    if kind == "helper_return":
        scope = scope_lines(g, returns="obj")
        result = "obj, kid" if g.has_kid else "obj"
        return [f"{asy}def load_obj():", *indent(scope)], [f"{result} = {aw}load_obj()"], False
    if kind == "generator":
        g.reads_in_scope = g.chance(0.5)
        return generator_shape(g, scope_lines(g))
    make = g.rng.choice(["factory()", "factory.begin()"]) if kind == "decorator" else "factory()"
    body = body_lines(g, begin_scope=make == "factory.begin()")
    result = "obj, kid" if g.has_kid else "obj"
    if kind == "contextmanager":
        commit = g.chance(0.5)
        close = g.chance(0.7)
        g.maybe_open |= not close
        deco = "@asynccontextmanager" if cfg.is_async else "@contextmanager"
        make = g.rng.choice(["factory()", "AsyncSession(engine)" if cfg.is_async else "Session(engine)"])
        defs = [deco, f"{asy}def session_scope():", f"    s = {make}", "    try:", "        yield s",
                *([f"        {aw}s.commit()"] if commit else []), "    except Exception:",
                f"        {aw}s.rollback()", "        raise", "    finally:",
                f"        {aw}s.close()" if close else "        pass"]
        return defs, [f"{asy}with session_scope() as s:", *indent(body)], False
    if kind == "decorator":
        defs = ["def with_session(fn):", "    @functools.wraps(fn)", f"    {asy}def wrapper(*args, **kwargs):",
                f"        {asy}with {make} as s:", f"            return {aw}fn(s, *args, **kwargs)",
                "    return wrapper", "", "", "@with_session", f"{asy}def load_obj(s):", *indent(body),
                f"    return {result}"]
        return defs, [f"{result} = {aw}load_obj()"], False
    if kind == "session_class":
        exit_body = g.rng.choice([["self.session.commit()", "self.session.close()"], ["self.session.close()"],
                                  ["self.session.commit()"], ["pass"]])
        g.maybe_open |= "self.session.close()" not in exit_body
        exit_body = [f"{aw}{line}" if line != "pass" else line for line in exit_body]
        enter, exit_ = ("__aenter__", "__aexit__") if cfg.is_async else ("__enter__", "__exit__")
        defs = ["class SessionOwner:", "    def __init__(self):", "        self.session = factory()", "",
                f"    {asy}def {enter}(self):", "        return self", "",
                f"    {asy}def {exit_}(self, *exc):", *indent(exit_body, 2), "",
                f"    {asy}def load(self):", "        s = self.session", *indent(body, 2),
                f"        return {result}"]
        lines = [f"{asy}with SessionOwner() as owner:", f"    {result} = {aw}owner.load()"]
        if g.chance(0.3):
            lines.append(f"    print({read_expression(g, 'obj', inside=True)})")
        return defs, lines, False
    raise AssertionError(kind)


def generator_shape(g: Gen, scope: list[str]) -> tuple[list[str], list[str], bool]:
    """A generator yielding from inside its session scope; read inside the loop (session open) or after list()."""
    result = "obj, kid" if g.has_kid else "obj"
    defs = ["def iter_objs():", *indent(_insert_yield(scope, result))]
    if g.reads_in_scope:
        g.features.add("shape:generator_read_inside")
        return defs, [f"for {result} in iter_objs():", *indent(read_lines(g))], True
    return defs, [f"{result} = list(iter_objs())[0]"], False


def _insert_yield(scope: list[str], result: str) -> list[str]:
    """Put ``yield <result>`` where the body of a scope written by scope_lines ends (before the session ends)."""
    if scope[-1] in ("s.close()", "Scoped.remove()"):
        return [*scope[:-1], f"yield {result}", scope[-1]]
    if scope[-2:] == ["finally:", "    s.close()"]:
        return [*scope[:-2], f"    yield {result}", *scope[-2:]]
    if scope[0].startswith("with "):
        return [*scope, f"    yield {result}"]
    return [*scope, f"yield {result}"]


# --------------------------------------------------------------------------- assembly

def model_config(rng: random.Random, is_async: bool) -> ModelConfig:
    """Zero draws give the plainest models: no dataclass, lazy="select", no bidirectional relationship."""
    dc = rng.random() >= 0.7
    return ModelConfig(
        dataclass=dc,
        children_lazy=rng.choice(COLLECTION_STRATEGIES),
        tags_lazy=rng.choice(COLLECTION_STRATEGIES),
        manager_lazy=rng.choice(SCALAR_STRATEGIES),
        parent_lazy=rng.choice(SCALAR_STRATEGIES),
        extras_lazy=rng.choice(EXTRA_STRATEGIES),
        bidirectional="none" if dc else rng.choice(["none", "back_populates", "backref"]),
        classic_deferred=rng.random() >= 0.7,
        repr_reads=rng.choice(["none", "columns", "relationship"]),
        schema_fields=rng.choice(["columns", "children", "deferred"]),
        is_async=is_async,
    )


def _model_features(cfg: ModelConfig) -> set[str]:
    features = {f"model:bidirectional_{cfg.bidirectional}"}
    if cfg.dataclass:
        features.add("model:dataclass")
    if cfg.classic_deferred and not cfg.dataclass:
        features.add("model:classic_deferred")
    return features


def generate(seed: int, zeroed: frozenset[int] = frozenset()) -> Program:
    """The program for ``seed`` (the same seed always gives the same program); ``zeroed`` forces those draws to
    their simplest value."""
    rng = ChoiceRandom(seed, zeroed)
    cfg = model_config(rng, is_async=rng.random() >= 0.75)
    g = Gen(rng, cfg)
    g.features |= _model_features(cfg)
    helpers, statements, reads_done = shape(g)
    after = after_scope_lines(g)
    reads = [] if reads_done else read_lines(g)
    layout = g.pick(["single", "models", "models_db"], "modules")
    module_level = "shape:module_level" in g.features
    program = assemble(seed, g, layout, helpers, statements + after + reads, module_level)
    program.draws, program.zeroed = rng.draws, zeroed
    return program


def after_scope_lines(g: Gen) -> list[str]:
    """Sometimes a second session: merge, add, refresh, or make_transient after the first scope ended."""
    if not g.chance(0.3):
        return []
    aw, asy = g.aw, "async " if g.cfg.is_async else ""
    # a deleted instance cannot be merged or added again ("has been deleted"): that is not the error under test
    deleted = "op:delete_commit" in g.features
    ops = ["refresh", "make_transient"] + ([] if deleted else ["merge"]) + \
        ([] if g.maybe_open or deleted else ["add", "add_refresh"])
    op = g.pick(ops, "after_scope")
    if op == "make_transient":
        return ["make_transient(obj)"]
    stmt = {"merge": [f"obj = {aw}s2.merge(obj)"], "add": ["s2.add(obj)"], "refresh": [f"{aw}s2.refresh(obj)"],
            "add_refresh": ["s2.add(obj)", f"{aw}s2.refresh(obj)"]}[op]
    opener_text = "AsyncSession(engine)" if g.cfg.is_async else g.rng.choice(["Session(engine)", "factory()"])
    inner_read = [f"print({read_expression(g, 'obj', inside=True)})"] if g.chance(0.5) else []
    return [f"{asy}with {opener_text} as s2:", *indent(stmt + inner_read)]


def assemble(seed: int, g: Gen, layout: str, helpers: list[str], statements: list[str],
             module_level: bool) -> Program:
    cfg = g.cfg
    models = models_source(cfg)
    support: list[str] = []
    if g.needs_reader:
        support += reader_def(g) + ["", ""]
    if g.needs_store == "dict":
        support += ["REGISTRY = {}", "", ""]
    if g.needs_store == "holder":
        support += ["class Holder:", "    pass", "", ""]
    plumbing = engine_lines(g) + ["", ""] + repository_defs(g) + ["", ""] + helpers
    is_async = cfg.is_async
    setup = "await _setup()" if is_async else "_setup()"
    if module_level:
        scenario = ["def scenario_program():", "    pass", "", "", setup, *statements]
    else:
        scenario = [f"{'async ' if is_async else ''}def {SCENARIO}():", f"    {setup}", *indent(statements)]
    files: dict[str, str] = {}
    header = ["from __future__ import annotations", "", *IMPORTS, ""]
    if layout == "single":
        model_body = models.split("\n", 2)[2]  # drop its `from __future__` line
        main = [*header, model_body, "", *plumbing, "", "", *support, *scenario]
    elif layout == "models":
        files["models.py"] = models
        main = [*header, f"from models import {MODEL_NAMES}", "", "", *plumbing, "", "", *support, *scenario]
    else:
        files["models.py"] = models
        names = ["engine", "factory", "_setup", "ParentRepository", *exported_names(helpers)]
        if not is_async:
            names.append("Scoped")
        files["db.py"] = "\n".join([*header, f"from models import {MODEL_NAMES}", "", "", *plumbing]) + "\n"
        main = [*header, f"from models import {MODEL_NAMES}",
                f"from db import {', '.join(sorted(set(names)))}", "", "", *support, *scenario]
    files[ENTRY] = "\n".join(main) + "\n"
    features = set(g.features)
    if len(files) > 1:
        features.add("modules:multi")
    if is_async:
        features.add("async")
    return Program(seed=seed, files=files, features=frozenset(features), is_async=is_async)


def exported_names(helpers: list[str]) -> list[str]:
    names = []
    for line in helpers:
        for prefix in ("def ", "async def ", "class "):
            if line.startswith(prefix):
                names.append(line[len(prefix):].split("(")[0].split(":")[0])
    return names
