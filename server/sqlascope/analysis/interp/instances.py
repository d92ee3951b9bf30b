"""Instantiating a user class: a mapped class gives a new transient instance, a plain one runs its ``__init__``."""

from __future__ import annotations

import ast

from ..orm import lifecycle
from .dataclass_methods import is_dataclass_model
from .frame import Frame, State
from .host import Evaluating, Host
from .values import ClassRef, Function, InstanceRef, ObjectFact, ObjectRef


def construct_instance(engine: Host, ev: Evaluating, frame: Frame, cls: ClassRef, args, kwargs, node, state: State):
    if cls.mapped is None:
        return _construct_object(engine, ev, frame, cls, args, kwargs, node, state)
    iid = frame.alloc(node, "new")
    state.heap.instances[iid] = lifecycle.new_transient_instance(
        cls.mapped, cls.mapped.name.lower(), _given(engine, cls, args, kwargs, node), ev.location(frame, node)
    )
    return InstanceRef(iid)


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
