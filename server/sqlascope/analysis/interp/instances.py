"""Instantiating a user class: a mapped class gives a new transient instance, a plain one runs its ``__init__``."""

from __future__ import annotations

import ast
from dataclasses import replace

from ..orm import lifecycle
from ..orm.models import AttrKind, MappedAttribute, MappedClass
from .dataclass_methods import is_dataclass_model
from .frame import Frame, State
from .host import Evaluating, Host
from .values import ClassRef, Const, Function, InstanceRef, ObjectFact, ObjectRef


def construct_instance(engine: Host, ev: Evaluating, frame: Frame, cls: ClassRef, args, kwargs, node, state: State):
    if cls.mapped is None:
        return _construct_object(engine, ev, frame, cls, args, kwargs, node, state)
    iid = frame.alloc(node, "new")
    given = _given(engine, cls, args, kwargs, node)
    fact = lifecycle.new_transient_instance(cls.mapped, cls.mapped.name.lower(), given, ev.location(frame, node))
    nulls, empty = fact.null_keys, fact.empty_collections
    if given is None and not args and is_dataclass_model(engine, cls.mapped):
        nulls, empty = _dataclass_null_keys(cls.mapped, kwargs), _dataclass_empty_collections(cls.mapped, kwargs)
    state.heap.instances[iid] = replace(
        fact, null_keys=_only_its_own(engine, cls.mapped, nulls),
        empty_collections=_by_their_own_rows(engine, cls.mapped, empty), identity=_given_key(cls.mapped, kwargs))
    return InstanceRef(iid)


def _dataclass_null_keys(cls: MappedClass, kwargs) -> frozenset[str]:
    """The many-to-ones a dataclass model's generated ``__init__`` leaves with a NULL key: not given, nor any
    foreign key column, and each of them None by default."""
    keys = [a for a in cls.loadable() if a.foreign_key]
    if not keys or any(a.name in kwargs or not _none_by_default(a) for a in keys):
        return frozenset()
    return frozenset(a.name for a in cls.loadable() if a.kind is AttrKind.RELATIONSHIP and a.uselist is False
                     and a.name not in kwargs and _none_by_default(a))


def _none_by_default(attribute: MappedAttribute) -> bool:
    """A dataclass field that holds None unless given: ``default=None``, or left out of ``__init__`` with no
    default (a column the database fills, by ``server_default=``, does not count)."""
    keywords = _field_keywords(attribute)
    if keywords is None:
        return False
    if "default" in keywords:
        return isinstance(keywords["default"], ast.Constant) and keywords["default"].value is None
    return _left_out_of_init(keywords) and not {"default_factory", "server_default", "insert_default"} & keywords.keys()


def _only_its_own(engine: Host, cls: MappedClass, names: frozenset[str]) -> frozenset[str]:
    """Those of relationships ``names`` of ``cls`` (left empty by its constructor) that only their own attribute
    can fill: not one whose target has a relationship back to ``cls`` that writes (a mirror, or a relationship of
    its own on the same key), as adding to that from the other side fills this one at the flush. (Only a
    collection through ``secondary=`` is a candidate: a one-to-many's key is a column of the other side's rows,
    which any of them may be given.)"""
    return frozenset(n for n in names if not _written_from_the_other_side(engine, cls, cls.attributes[n]))


def _by_their_own_rows(engine: Host, cls: MappedClass, collections: frozenset[str]) -> frozenset[str]:
    """The collections of a new object it was not given that stay empty until something writes them: a
    one-to-many until a row of its target is written (``rows``, at the flush), a many-to-many through
    ``secondary=`` while nothing on the other side can add to it."""
    through = frozenset(n for n in collections if cls.attributes[n].secondary)
    return (collections - through) | _only_its_own(engine, cls, through)


def _written_from_the_other_side(engine: Host, cls: MappedClass, relationship: MappedAttribute) -> bool:
    target = engine.models.find_by_name(relationship.target or "", cls.path)
    if target is None:
        return True
    return any(a.kind is AttrKind.RELATIONSHIP and not a.viewonly and (a.target or "").rpartition(".")[2] == cls.name
               and not (target.name == cls.name and a.name == relationship.name) for a in target.attributes.values())


def _dataclass_empty_collections(cls: MappedClass, kwargs) -> frozenset[str]:
    """The collections a dataclass model's generated ``__init__`` leaves empty: not given, and made by
    ``default_factory=list`` (or ``set``), or left out of ``__init__``."""
    return frozenset(a.name for a in cls.loadable() if a.kind is AttrKind.RELATIONSHIP and a.uselist
                     and a.name not in kwargs and _empty_by_default(a))


def _empty_by_default(attribute: MappedAttribute) -> bool:
    keywords = _field_keywords(attribute)
    if keywords is None:
        return False
    factory = keywords.get("default_factory")
    if factory is not None:
        return isinstance(factory, ast.Name) and factory.id in ("list", "set")
    return _left_out_of_init(keywords) and "default" not in keywords


def _field_keywords(attribute: MappedAttribute) -> dict[str, ast.expr] | None:
    """The keywords of the ``mapped_column(...)``/``relationship(...)`` that declares a dataclass field."""
    call = getattr(attribute.node, "value", None)
    return {k.arg: k.value for k in call.keywords if k.arg} if isinstance(call, ast.Call) else None


def _left_out_of_init(keywords: dict[str, ast.expr]) -> bool:
    return isinstance(keywords.get("init"), ast.Constant) and keywords["init"].value is False


def _given_key(cls: MappedClass, kwargs) -> tuple | None:
    """``(cls, key)`` for a new object given its single primary key as a constant: the key of its row."""
    keys = [a.name for a in cls.loadable() if a.primary_key]
    given = kwargs.get(keys[0]) if len(keys) == 1 else None
    return (cls, given.value) if isinstance(given, Const) and given.value is not None else None


def _given(engine: Host, cls: ClassRef, args, kwargs, node) -> set[str] | None:
    """The attributes a mapped class's constructor sets: its keywords, when the constructor is SQLAlchemy's
    (which sets exactly those); None when it is not known (positional or ``**`` arguments, an ``__init__`` of the
    code's own, a dataclass model's generated one, which also sets every field's default)."""
    splatted = isinstance(node, ast.Call) and any(k.arg is None for k in node.keywords)
    if args or splatted or isinstance(engine.class_member(cls, "__init__"), Function) \
            or is_dataclass_model(engine, cls.mapped):
        return None
    return {k for k in kwargs if k in cls.mapped.attributes}


def _construct_object(engine: Host, ev: Evaluating, frame: Frame, cls: ClassRef, args, kwargs, node, state: State):
    """A plain user class: its fields are tracked so that ``self._factory()`` still names a factory."""
    oid = frame.alloc(node, "object")
    state.heap.objects[oid] = ObjectFact(cls)
    init = engine.class_member(cls, "__init__")
    if isinstance(init, Function):
        depth = frame.depth
        if frame.context == ("module",):
            frame.depth = min(depth, MODULE_CONSTRUCTOR_DEPTH)  # module level runs __init__, and nothing it calls
        try:
            engine.call(ev, frame, init, [ObjectRef(oid), *args], kwargs, node, state)
        finally:
            frame.depth = depth
    return ObjectRef(oid)


#: the call depth a module-level ``Class(...)`` runs its ``__init__`` at: one below the limit, so that ``__init__``
#: itself runs (its fields are the object's) but calls nothing further
MODULE_CONSTRUCTOR_DEPTH = 5
