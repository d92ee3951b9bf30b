"""Methods a dataclass generates: a ``MappedAsDataclass`` model's ``__repr__`` reads every field declared with
``repr=True`` and its ``__eq__`` every field with ``compare=True`` (both the default), relationships included;
``dataclasses.asdict``/``astuple`` read every field, recursing into related dataclass instances."""

from __future__ import annotations

import ast

from ..orm.models import MappedAttribute, MappedClass
from .values import ClassRef
from .host import Host


#: the dataclass flag of a field (its keyword on mapped_column()/relationship()) each generated method honours
FIELD_FLAG = {"__repr__": "repr", "__str__": "repr", "__eq__": "compare", "asdict": None}
#: the class-level option (``class User(Base, repr=False)``) that turns a generated method off
CLASS_OPTION = {"__repr__": "repr", "__str__": "repr", "__eq__": "eq", "asdict": None}
_DATACLASS_BASES = {"MappedAsDataclass"}
_DATACLASS_DECORATORS = {"mapped_as_dataclass"}


def generated_fields(engine: Host, mapped: MappedClass, method: str) -> list[MappedAttribute] | None:
    """The fields ``method`` ("__repr__", "__str__", "__eq__" or "asdict") reads on ``mapped``; None when the
    class gets no such generated method (not a dataclass model, or the option is off)."""
    if not is_dataclass_model(engine, mapped):
        return None
    order = engine.class_mro(ClassRef(mapped.path, mapped.node, mapped))
    option = CLASS_OPTION[method]
    if option and any(_keyword_false(c.node.keywords, option) for c in order):
        return None
    flag = FIELD_FLAG[method]
    return [a for a in mapped.loadable() if not (flag and _field_flag_false(a, flag))]


def is_dataclass_model(engine: Host, mapped: MappedClass) -> bool:
    """A ``MappedAsDataclass`` / ``@mapped_as_dataclass`` model, directly or through a base."""
    return any(_declares_dataclass(c.node) for c in engine.class_mro(ClassRef(mapped.path, mapped.node, mapped)))


def _declares_dataclass(node: ast.ClassDef) -> bool:
    bases = {(b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")) for b in node.bases}
    decorators = {(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list}
    names = {(d.attr if isinstance(d, ast.Attribute) else getattr(d, "id", "")) for d in decorators}
    return bool(bases & _DATACLASS_BASES or names & _DATACLASS_DECORATORS)


def _keyword_false(keywords: list[ast.keyword], name: str) -> bool:
    return any(k.arg == name and isinstance(k.value, ast.Constant) and k.value.value is False for k in keywords)


def _field_flag_false(attribute: MappedAttribute, flag: str) -> bool:
    stmt = attribute.node
    value = getattr(stmt, "value", None)
    return isinstance(value, ast.Call) and _keyword_false(value.keywords, flag)
