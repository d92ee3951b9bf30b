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
    fact = lifecycle.new_transient_instance(
        cls.mapped, cls.mapped.name.lower(), _given(engine, cls, args, kwargs, node), ev.location(frame, node)
    )
    state.heap.instances[iid] = replace(fact, null_keys=frozenset(n for n in fact.null_keys if _only_its_own(
        engine, cls.mapped, cls.mapped.attributes[n])), identity=_given_key(cls.mapped, kwargs))
    return InstanceRef(iid)


def _only_its_own(engine: Host, cls: MappedClass, relationship: MappedAttribute) -> bool:
    """Is ``relationship`` (a many-to-one of ``cls``) the only way its foreign key gets set? Not when its target has
    a relationship back to ``cls`` that writes (a mirror, or a one-to-many of its own): appending a new object to
    that collection sets the key at the flush."""
    target = engine.models.find_by_name(relationship.target or "", cls.path)
    if target is None:
        return False
    return not any(a.kind is AttrKind.RELATIONSHIP and not a.viewonly and (a.target or "").rpartition(".")[2] == cls.name
                   and not (target.name == cls.name and a.name == relationship.name) for a in target.attributes.values())


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
