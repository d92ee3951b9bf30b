"""Methods a dataclass generates: a ``MappedAsDataclass`` model's ``__repr__`` reads every field declared with
``repr=True`` and its ``__eq__`` every field with ``compare=True`` (both the default), relationships included;
``dataclasses.asdict``/``astuple`` read every field, recursing into related dataclass instances. Its ``__init__``
leaves the fields not given at their defaults: which relationships that leaves NULL or empty."""

from __future__ import annotations

import ast

from ..orm.models import AttrKind, MappedAttribute, MappedClass
from .values import ClassRef
from .host import Host


#: the dataclass flag of a field (its keyword on mapped_column()/relationship()) each generated method honours
FIELD_FLAG = {"__repr__": "repr", "__str__": "repr", "__eq__": "compare", "asdict": None, "replace": "init"}
#: the class-level option (``class User(Base, repr=False)``) that turns a generated method off
CLASS_OPTION = {"__repr__": "repr", "__str__": "repr", "__eq__": "eq", "asdict": None, "replace": None}
#: generated methods that read each field once, without going on into related instances
#: (``dataclasses.replace`` reads every ``init`` field it is not given, to pass it to the new object)
FLAT_METHODS = {"__eq__", "replace"}
_DATACLASS_BASES = {"MappedAsDataclass"}
_DATACLASS_DECORATORS = {"mapped_as_dataclass"}


def generated_fields(engine: Host, mapped: MappedClass, method: str) -> list[MappedAttribute] | None:
    """The fields ``method`` ("__repr__", "__str__", "__eq__", "asdict" or "replace") reads on ``mapped``; None when the
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
    keywords = field_keywords(attribute)
    return keywords is not None and isinstance(keywords.get(flag), ast.Constant) and keywords[flag].value is False


# -- the generated __init__: what it leaves empty ------------------------------------------------------------------
def left_null_by_init(cls: MappedClass, kwargs) -> frozenset[str]:
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
    keywords = field_keywords(attribute)
    if keywords is None:
        return False
    if "default" in keywords:
        return isinstance(keywords["default"], ast.Constant) and keywords["default"].value is None
    return _left_out_of_init(keywords) and not {"default_factory", "server_default", "insert_default"} & keywords.keys()


def left_empty_by_init(cls: MappedClass, kwargs) -> frozenset[str]:
    """The collections a dataclass model's generated ``__init__`` leaves empty: not given, and made by
    ``default_factory=list`` (or ``set``), or left out of ``__init__``."""
    return frozenset(a.name for a in cls.loadable() if a.kind is AttrKind.RELATIONSHIP and a.uselist
                     and a.name not in kwargs and _empty_by_default(a))


def _empty_by_default(attribute: MappedAttribute) -> bool:
    keywords = field_keywords(attribute)
    if keywords is None:
        return False
    factory = keywords.get("default_factory")
    if factory is not None:
        return isinstance(factory, ast.Name) and factory.id in ("list", "set")
    return _left_out_of_init(keywords) and "default" not in keywords


def field_keywords(attribute: MappedAttribute) -> dict[str, ast.expr] | None:
    """The keywords of the ``mapped_column(...)``/``relationship(...)`` that declares a dataclass field."""
    call = getattr(attribute.node, "value", None)
    return {k.arg: k.value for k in call.keywords if k.arg} if isinstance(call, ast.Call) else None


def _left_out_of_init(keywords: dict[str, ast.expr]) -> bool:
    return isinstance(keywords.get("init"), ast.Constant) and keywords["init"].value is False

