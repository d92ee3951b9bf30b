"""Instantiating a user class: a mapped class gives a new transient instance, a plain one runs its ``__init__``."""

from __future__ import annotations

import ast
from dataclasses import replace

from ..orm import lifecycle
from ..orm.models import AttrKind, MappedAttribute, MappedClass
from ..orm.state import Heap, InstanceFact
from .dataclass_methods import is_dataclass_model, left_empty_by_init, left_null_by_init
from .frame import Frame, State
from .host import Evaluating, Host
from .values import ClassRef, Const, Function, InstanceRef, Items, Many, ObjectFact, ObjectRef, members


def construct_instance(engine: Host, ev: Evaluating, frame: Frame, cls: ClassRef, args, kwargs, node, state: State):
    if cls.mapped is None:
        return _construct_object(engine, ev, frame, cls, args, kwargs, node, state)
    iid = frame.alloc(node, "new")
    given = _given(engine, cls, args, kwargs, node)
    fact = lifecycle.new_transient_instance(cls.mapped, cls.mapped.name.lower(), given, ev.location(frame, node))
    nulls, empty = fact.null_keys, fact.empty_collections
    if given is None and not args and is_dataclass_model(engine, cls.mapped):
        nulls, empty = left_null_by_init(cls.mapped, kwargs), left_empty_by_init(cls.mapped, kwargs)
    for name, value in kwargs.items():
        fact = give(engine, state.heap, fact, name, value)
    state.heap.instances[iid] = replace(
        fact, null_keys=_only_its_own(engine, cls.mapped, nulls),
        empty_collections=_by_their_own_rows(engine, cls.mapped, empty), identity=_given_key(cls.mapped, kwargs))
    return InstanceRef(iid)


def give(engine: Host, heap: Heap, fact: InstanceFact, name: str | None, value, appended: bool = False) -> InstanceFact:
    """``fact`` once ``value`` was given to its attribute ``name`` (a constructor keyword, an attribute store, an
    append when ``appended``): adding it adds the instances ``value`` holds when that is a relationship that
    cascades (``lifecycle.given_to``), and reading the relationship gives them (``lifecycle.holding``)."""
    attribute = fact.cls.attributes.get(name) if name is not None else None
    if attribute is None or attribute.kind is not AttrKind.RELATIONSHIP:
        return fact
    instances = [iid for iid in engine.references.of(value)[1] if iid in heap.instances]
    fact = lifecycle.holding(fact, attribute, instances, _wholly_instances(value), appended)
    return lifecycle.given_to(fact, attribute, instances)


def _wholly_instances(value) -> bool:
    """Is every possible value an instance, None, or a list of them (so that what it holds is known)? A tuple:
    the arguments of an append or extend."""
    if isinstance(value, tuple):
        return all(_wholly_instances(v) for v in value)
    for member in members(value):
        if isinstance(member, Many):
            member = member.element if not member.empty else Const(None)
        if isinstance(member, Items):
            if not all(isinstance(i, InstanceRef) for i in member.items):
                return False
        elif not isinstance(member, (InstanceRef, Const)):
            return False
    return True


def _only_its_own(engine: Host, cls: MappedClass, names: frozenset[str]) -> frozenset[str]:
    """Those of relationships ``names`` of ``cls`` (left empty by its constructor) that only their own attribute
    can fill: not one whose target has a relationship back to ``cls`` that writes (a mirror, or a relationship of
    its own on the same key), as adding to that from the other side fills this one at the flush."""
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
    return any(a.points_at(cls.name) and not a.viewonly and not (target.name == cls.name and a.name == relationship.name)
               for a in target.attributes.values())


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
