"""Tables and the imperative mappings, with a relationship and its backref declared in properties=."""

from sqlalchemy import Column, ForeignKey, Table, Text, orm

import meta
from domain import Package, Resource

package_table = Table(
    "package", meta.metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text),
    Column("notes", Text, nullable=True),
)

resource_table = Table(
    "resource", meta.metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text),
    Column("package_id", Text, ForeignKey("package.id")),
)

meta.registry.map_imperatively(Package, package_table, properties={
    "notes": orm.deferred(package_table.c.notes),
})

meta.registry.map_imperatively(Resource, resource_table, properties={
    "package": orm.relationship(Package, backref=orm.backref("resources_all", cascade="all, delete")),
})
