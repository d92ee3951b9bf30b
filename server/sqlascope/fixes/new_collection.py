"""A new object's collection starts empty: ``Model(..., rel=[])`` where the object is made.

A collection nobody touched before the flush is *unloaded*, so reading it later needs a lazy load: after the
session closed that raises DetachedInstanceError, under AsyncSession MissingGreenlet. A row that was just
inserted has no related rows yet, so giving the collection at construction is the same data, already loaded.
Only for collections (``uselist``) of an instance made by the model's constructor, and not when a commit, a
rollback or ``expire()`` expired it (that would unload it again).
"""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from .scope import detached_by_the_code
from .edits import Fix
from .syntax import append_argument, is_constructor_of, node_at

KIND = "init-collection"


def init_collection(finding: Finding, source_of) -> list[Fix]:
    data = finding.data
    if data.get("attribute_kind") != "relationship" or data.get("uselist") is False:
        return []
    if data.get("fault") not in ("detached_unloaded", "greenlet") or data.get("fault") == "greenlet" and data.get("expired_by"):
        return []
    if detached_by_the_code(finding):
        return []  # it stands for a row that exists: an empty collection would unlink that row's children on add()
    span, model, attribute = data.get("load"), data.get("model"), data.get("attribute")
    source = source_of(span[0]) if span else None
    call = node_at(source, span, ast.Call) if source else None
    if not is_constructor_of(call, model) or any(k.arg in (attribute, None) for k in call.keywords):
        return []
    empty = _empty_collection(data.get("model_at"), model, attribute, source_of)
    if empty is None:
        return []
    edit = append_argument(source, call, f"{attribute}={empty}")
    title = f"Start `{attribute}` empty where the new `{model}` is made: `{model}(..., {attribute}={empty})`"
    return [Fix(title, finding.code, KIND, (edit,), preferred=True)]


def _empty_collection(model_at, model: str, attribute: str, source_of) -> str | None:
    """``[]`` or ``set()`` from the relationship's ``Mapped[...]`` annotation; None for other collection classes."""
    source = source_of(model_at[0]) if model_at else None
    if source is None or source.tree is None:
        return "[]"
    for stmt in ast.walk(source.tree):
        if isinstance(stmt, ast.ClassDef) and stmt.name == model:
            for item in stmt.body:
                target = item.targets[0] if isinstance(item, ast.Assign) and len(item.targets) == 1 else getattr(item, "target", None)
                if not (isinstance(target, ast.Name) and target.id == attribute):
                    continue
                value = getattr(item, "value", None)
                if isinstance(value, ast.Call) and any(k.arg == "collection_class" for k in value.keywords):
                    return None
                text = ast.unparse(item.annotation) if isinstance(item, ast.AnnAssign) else ""
                if "set[" in text.lower() or "Set[" in text:
                    return "set()"
                if "dict[" in text.lower():
                    return None
                return "[]"
    return "[]"
