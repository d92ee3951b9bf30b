"""Loader options as abstract values: ``selectinload(User.addresses)`` and its chains, as a query carries them."""

from __future__ import annotations

from dataclasses import replace

from ..orm.sqla_api import (EAGER_OPTION_LOADERS, EAGER_WILDCARD_KINDS, LOADER_OPTIONS, WILDCARD, WILDCARD_KINDS,
                             LoaderOpt, LoaderOption)
from .values import UNKNOWN, AttrRef, Const, Items, Many, members


def flatten_options(values) -> tuple[LoaderOpt, ...]:
    """Loader options passed to ``.options(...)``, with the links of chained options spelled out; a list or tuple
    of options (``.options(*eager)``) gives its elements."""
    flat: list[LoaderOpt] = []
    for value in values:
        for member in members(value):
            if isinstance(member, LoaderOpt):
                flat.extend((*member.parents, replace(member, parents=())))
            elif isinstance(member, Items):
                flat.extend(flatten_options(member.items))
            elif isinstance(member, Many):
                flat.extend(flatten_options((member.element,)))
    return tuple(flat)


def loader_option(name: str, args, prefix: tuple[str, ...]) -> LoaderOpt | object:
    """The option ``name(*args)`` (``selectinload(A.b)``), its path continuing ``prefix`` when chained."""
    kind = LOADER_OPTIONS[name]
    refs = [a for a in args if isinstance(a, AttrRef)]
    if kind is LoaderOption.UNDEFER_GROUP:
        groups = tuple(a.value for a in args if isinstance(a, Const) and isinstance(a.value, str))
        return LoaderOpt(kind, prefix + ("*",), groups) if groups else UNKNOWN
    if kind is LoaderOption.LOAD_ONLY:
        return LoaderOpt(kind, prefix + ("*",), tuple(r.name for r in refs)) if refs else UNKNOWN
    if not refs:
        if any(isinstance(a, Const) and a.value == WILDCARD for a in args):
            if kind in WILDCARD_KINDS:
                return LoaderOpt(kind, prefix + (WILDCARD,))  # lazyload("*"): every relationship of the entity
            if kind in EAGER_WILDCARD_KINDS:
                return LoaderOpt(kind, prefix + (WILDCARD,), loader=EAGER_OPTION_LOADERS.get(name),
                                 every_level=not prefix)
        return UNKNOWN
    # `selectinload(A.b, B.c)` names a path: like `defaultload(A.b).selectinload(B.c)`, it sets the last link only
    return LoaderOpt(kind, prefix + tuple(r.name for r in refs), entity=None if prefix else refs[0].cls.name,
                     loader=EAGER_OPTION_LOADERS.get(name))


def sub_options(parent: LoaderOpt, args) -> LoaderOpt | Items:
    """``selectinload(A.b).options(joinedload(B.c), ...)``: each sub-option continues the parent's path, as chaining
    it onto the parent would (observed)."""
    chained = tuple(replace(option, path=parent.path + option.path, parents=parent.parents + (parent,),
                            entity=parent.entity) for option in flatten_options(args))
    return Items(chained) if chained else parent


def options_for(options: tuple[LoaderOpt, ...], entity, entities: tuple) -> tuple[LoaderOpt, ...]:
    """The options of a query of several ``entities`` that apply to ``entity``: those naming it, and those that name
    no entity of the query (wildcards, strings) for the first."""
    names = {e.name for e in entities if e is not None}
    first = entity is entities[0]
    return tuple(o for o in options if o.entity == entity.name or (first and o.entity not in names))
