"""Loader options as abstract values: ``selectinload(User.addresses)`` and its chains, as a query carries them."""

from __future__ import annotations

from dataclasses import replace

from ..orm.sqla_api import WILDCARD, WILDCARD_KINDS, LoaderOpt, LoaderOption
from .values import UNKNOWN, AttrRef, Const, members


def flatten_options(values) -> tuple[LoaderOpt, ...]:
    """Loader options passed to ``.options(...)``, with the links of chained options spelled out."""
    flat: list[LoaderOpt] = []
    for value in values:
        for member in members(value):
            if isinstance(member, LoaderOpt):
                flat.extend((*member.parents, replace(member, parents=())))
    return tuple(flat)


def loader_option(kind: LoaderOption, args, prefix: tuple[str, ...]) -> LoaderOpt | object:
    refs = [a for a in args if isinstance(a, AttrRef)]
    if kind is LoaderOption.LOAD_ONLY:
        return LoaderOpt(kind, prefix + ("*",), tuple(r.name for r in refs)) if refs else UNKNOWN
    if not refs:
        if kind in WILDCARD_KINDS and any(isinstance(a, Const) and a.value == WILDCARD for a in args):
            return LoaderOpt(kind, prefix + (WILDCARD,))  # lazyload("*"): every relationship of the entity
        return UNKNOWN
    return LoaderOpt(kind, prefix + (refs[0].name,))
