"""Plain classes: nothing here says they are mapped; map_imperatively() in tables.py does."""

from typing import Optional

from sqlalchemy import orm

import meta

Mapped = orm.Mapped


class DomainObject:
    Session = meta.Session

    @classmethod
    def get(cls, reference: str) -> Optional["DomainObject"]:
        return cls.Session.get(cls, reference)

    @classmethod
    def by_name(cls, name: str):
        return cls.Session.query(cls).filter_by(name=name).first()


class Package(DomainObject):
    id: Mapped[str]
    name: Mapped[str]
    notes: Mapped[str]

    def __init__(self, id: str, name: str, notes: str = "") -> None:
        self.id = id
        self.name = name
        self.notes = notes


class Resource(DomainObject):
    id: Mapped[str]
    name: Mapped[str]
    package_id: Mapped[str]
    package: Mapped[Package]

    def __init__(self, id: str, name: str) -> None:
        self.id = id
        self.name = name

    def describe(self) -> str:
        return f"{self.name} of {self.package.name}"  # expect: DetachedInstanceError
