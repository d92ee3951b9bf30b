"""Source text of the generated programs' models module: mapped classes, defaults, relationships, schemas."""

from __future__ import annotations

from dataclasses import dataclass

#: Collection strategies a plain one-to-many / many-to-many may use (dynamic and write_only need their own
#: annotation and live on the separate `extras` relationship).
COLLECTION_STRATEGIES = ("select", "joined", "selectin", "subquery", "immediate", "raise", "noload")
#: Many-to-one strategies.
SCALAR_STRATEGIES = ("select", "joined", "selectin", "subquery", "immediate", "raise", "noload")
EXTRA_STRATEGIES = ("dynamic", "write_only")


@dataclass(frozen=True)
class ModelConfig:
    dataclass: bool  # MappedAsDataclass base (then no bidirectional relationships: asdict() would recurse forever)
    children_lazy: str
    tags_lazy: str
    manager_lazy: str
    parent_lazy: str  # Child.parent (only without dataclass)
    extras_lazy: str  # dynamic | write_only
    bidirectional: str  # back_populates | backref | none
    classic_deferred: bool  # `deferred(Column(...))` instead of `mapped_column(deferred=True)`
    repr_reads: str  # none | columns | relationship  (custom __repr__ on non-dataclass models)
    schema_fields: str  # columns | children | deferred (the Pydantic ParentOut)
    is_async: bool

    @property
    def has_extras(self) -> bool:
        return not self.dataclass

    @property
    def has_child_parent(self) -> bool:
        return self.bidirectional != "none"


def models_source(cfg: ModelConfig) -> str:
    """The whole models module for ``cfg``."""
    dc = cfg.dataclass
    lines = [
        "from __future__ import annotations",
        "",
        "from typing import Optional",
        "",
        "from pydantic import BaseModel, ConfigDict",
        "from sqlalchemy import Column, ForeignKey, String, Table, Text",
        "from sqlalchemy.ext.asyncio import AsyncAttrs",
        "from sqlalchemy.orm import (DeclarativeBase, DynamicMapped, Mapped, MappedAsDataclass, WriteOnlyMapped,",
        "                            backref, deferred, mapped_column, relationship)",
        "",
        "",
        f"class Base({'AsyncAttrs, ' if cfg.is_async else ''}{'MappedAsDataclass, ' if dc else ''}DeclarativeBase):",
        "    pass",
        "",
        "",
        'parent_tag = Table("parent_tag", Base.metadata,',
        '                   Column("parent_id", ForeignKey("parent.id"), primary_key=True),',
        '                   Column("tag_id", ForeignKey("tag.id"), primary_key=True))',
        "",
        "",
        "class Tag(Base):",
        '    __tablename__ = "tag"',
        f"    id: Mapped[int] = mapped_column(primary_key=True{', init=False' if dc else ''})",
        "    label: Mapped[str] = mapped_column(String(30))",
        "",
        "",
        "class Parent(Base):",
        '    __tablename__ = "parent"',
        f"    id: Mapped[int] = mapped_column(primary_key=True{', init=False' if dc else ''})",
        "    name: Mapped[str] = mapped_column(String(50))",
    ]
    default = lambda v: f", default={v}"  # noqa: E731  (column default; in dataclass mode also the field default)
    if cfg.classic_deferred and not dc:
        lines.append("    bio = deferred(Column(Text, default='bio'))")
    else:
        lines.append(f"    bio: Mapped[str] = mapped_column(Text, deferred=True{default(repr('bio'))})")
    lines += [
        f"    note: Mapped[str] = mapped_column(Text, deferred=True, deferred_group='extra'{default(repr('note'))})",
        f"    motto: Mapped[str] = mapped_column(Text, deferred=True, deferred_group='extra'{default(repr('motto'))})",
        f"    stamp: Mapped[str] = mapped_column(String(20), server_default='srv'{', init=False' if dc else ''})",
        "    score: Mapped[int] = mapped_column(default=0)",
        f"    manager_id: Mapped[Optional[int]] = mapped_column(ForeignKey('parent.id'){default('None')})",
    ]
    back = ""
    if cfg.bidirectional == "back_populates":
        back = ", back_populates='parent'"
    elif cfg.bidirectional == "backref":
        back = f", backref=backref('parent', lazy='{cfg.parent_lazy}')"
    lines += [
        f"    children: Mapped[list[Child]] = relationship(lazy='{cfg.children_lazy}'{back}"
        f"{', default_factory=list' if dc else ''}, order_by='Child.id')",
        f"    tags: Mapped[list[Tag]] = relationship(secondary=parent_tag, lazy='{cfg.tags_lazy}'"
        f"{', default_factory=list' if dc else ''}, order_by='Tag.id')",
        f"    manager: Mapped[Optional[Parent]] = relationship(remote_side='Parent.id', lazy='{cfg.manager_lazy}'"
        f"{', default=None' if dc else ''})",
    ]
    # Dataclass models get no `extras`: asdict() deep-copies every field, and an AppenderQuery or a
    # WriteOnlyCollection cannot be copied (TypeError), which is not the kind of failure under test.
    if cfg.has_extras and cfg.extras_lazy == "dynamic":
        lines.append("    extras: DynamicMapped[Child] = relationship(lazy='dynamic', viewonly=True)")
    elif cfg.has_extras:
        lines.append("    extras: WriteOnlyMapped[Child] = relationship(viewonly=True)")
    lines += [
        "",
        "    @property",
        "    def label(self):",
        '        return f"{self.name} ({len(self.children)} children)"',
    ]
    if not dc and cfg.repr_reads != "none":
        inner = "{self.id} {self.name}" if cfg.repr_reads == "columns" else "{self.name} {len(self.children)}"
        lines += ["", "    def __repr__(self):", f'        return f"<Parent {inner}>"']
    lines += [
        "",
        "",
        "class Child(Base):",
        '    __tablename__ = "child"',
        f"    id: Mapped[int] = mapped_column(primary_key=True{', init=False' if dc else ''})",
        "    title: Mapped[str] = mapped_column(String(50))",
        f"    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey('parent.id'){default('None')})",
    ]
    if cfg.bidirectional == "back_populates":
        lines.append(f"    parent: Mapped[Optional[Parent]] = relationship(back_populates='children', "
                     f"lazy='{cfg.parent_lazy}')")
    if not dc:
        lines += ["", "    def __repr__(self):", '        return f"<Child {self.id} {self.title}>"']
    lines += [
        "",
        "",
        "class ChildOut(BaseModel):",
        "    model_config = ConfigDict(from_attributes=True)",
        "    id: int",
        "    title: str",
        "",
        "",
        "class ParentOut(BaseModel):",
        "    model_config = ConfigDict(from_attributes=True)",
        "    # Optional: make_transient() / make_transient_to_detached() can leave None in an unloaded attribute",
        "    id: Optional[int]",
        "    name: Optional[str]",
    ]
    lines += {"columns": ["    score: Optional[int]"], "children": ["    children: list[ChildOut]"],
              "deferred": ["    bio: Optional[str]"]}[cfg.schema_fields]
    return "\n".join(lines) + "\n"


def seed_lines(cfg: ModelConfig) -> list[str]:
    """Statements (at indentation 0, with a bound ``s``) that insert the fixed data set.

    Parent 1 "p1" has children c1, c2 and tag t1; parent 2 "p2" is managed by p1 and has child c3."""
    return [
        "t1 = Tag(label='t1')",
        "p1 = Parent(name='p1')",
        "p2 = Parent(name='p2')",
        "p2.manager = p1",
        "p1.children.append(Child(title='c1'))",
        "p1.children.append(Child(title='c2'))",
        "p2.children.append(Child(title='c3'))",
        "p1.tags.append(t1)",
        "s.add_all([p1, p2])",
    ]
