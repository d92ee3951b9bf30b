"""The mapped-class index: which classes are ORM-mapped, and how each attribute loads.

Recognised mappings: ``DeclarativeBase`` subclasses, ``declarative_base()`` and ``registry.generate_base()``
bases, ``registry.mapped``, Flask-SQLAlchemy ``db.Model``, SQLModel ``table=True`` and imperative mappings
(``registry.map_imperatively`` / ``mapper``, see ``imperative.py``). Attributes are classified from the class body:
columns, relationships (with their ``lazy=`` strategy), deferred columns, column properties, hybrids,
properties and methods. Inherited attributes come from mapped parents and mixins.
"""

from __future__ import annotations

import ast
import enum
from dataclasses import dataclass, field, replace

from ..index.workspace import Definition, External, Workspace
from .directions import collection_by_keys, self_referential_collection
from .imperative import MAP_IMPERATIVELY, ImperativeMapping, mapping_calls, table_columns
from .sqla_api import ANNOTATION_LAZY, RELATIONSHIP_LAZY, Construct, Strategy, construct_of


class AttrKind(enum.Enum):
    COLUMN = "column"
    RELATIONSHIP = "relationship"
    PROPERTY = "property"  # @property, hybrid, cached_property: runs user code that may read attributes
    METHOD = "method"
    PROXY = "proxy"  # association_proxy: reads a relationship


@dataclass(frozen=True)
class MappedAttribute:
    name: str
    kind: AttrKind
    strategy: Strategy = Strategy.COLUMN
    target: str | None = None  # relationship target class name
    uselist: bool | None = None
    function: ast.AST | None = None  # property getter / method
    proxied: str | None = None  # association_proxy: the relationship it reads
    primary_key: bool = False  # load_only() always loads it
    back_populates: str | None = None  # the relationship on the target that mirrors this one
    #: a deferred column's group (``deferred_group=``, ``deferred(..., group=)``): reading one loads them all
    group: str | None = None
    #: the statements ("insert", "update") after which the database holds a value for this column that Python
    #: never saw: ``server_default=``/``server_onupdate=``, or a SQL expression as ``default=``/``onupdate=``
    generated: frozenset[str] = frozenset()
    foreign_key: bool = False  # a column holding a ``ForeignKey(...)``: a many-to-one's loader reads it
    joined: bool = False  # a relationship its parent's own SELECT loads by a JOIN (``lazy="joined"``)
    selectin: bool = False  # a relationship loaded by a second SELECT ... IN after its parents (``lazy="selectin"``)
    #: a collection whose rows a DELETE of its parent must update or delete, so the flush loads it first
    #: (one-to-many or many-to-many, not viewonly, without passive_deletes: observed)
    loaded_by_delete: bool = False
    #: a self-referential many-to-one: which loads of its row fill it with None when its foreign key is None
    #: ("refresh" for a whole-object refresh()); a refresh() that names it always does (observed)
    fills_null_key: frozenset[str] = frozenset()
    #: a relationship whose related instances ``add()`` of its parent adds too (the "save-update" cascade: the
    #: default; not for ``viewonly`` or a ``cascade=`` without it; observed)
    cascades_add: bool = True
    viewonly: bool = False  # ``viewonly=True``: it never writes the foreign key it joins on
    secondary: bool = False  # a many-to-many through ``secondary=``: only relationships write its rows
    #: a many-to-one on its own foreign key: its lazy loader looks the target up by primary key, so it finds one
    #: the session's identity map holds without a query (SQLAlchemy's ``use_get``)
    by_key: bool = False
    #: the mapped subclass that declares it, when it is an attribute of a subclass (``ModelIndex.mapped_class``): a
    #: query of this class gives objects of the subclass without loading its own columns (observed: they are
    #: expired until something reads one)
    subclass: str | None = None
    #: such an attribute is loaded with this class's rows all the same: the subclass's ``polymorphic_load`` or
    #: this class's ``with_polymorphic`` mapper argument includes it
    polymorphic_loaded: bool = False
    path: str = ""
    node: ast.AST | None = field(default=None, compare=False)

    @property
    def is_loadable(self) -> bool:
        """Part of the row or a relationship: its state is tracked per instance."""
        return self.kind in (AttrKind.COLUMN, AttrKind.RELATIONSHIP)

    def points_at(self, class_name: str) -> bool:
        """Is this a relationship to class ``class_name`` (its target named bare or dotted)?"""
        return self.kind is AttrKind.RELATIONSHIP and (self.target or "").rpartition(".")[2] == class_name

    @property
    def loader(self) -> str:
        """The loader its mapping gives a relationship, by ``lazy=`` name ("joined", "selectin", "subquery",
        "immediate", or "select" for a lazy load); other strategies by their own name."""
        if self.strategy is Strategy.EAGER:
            return "joined" if self.joined else "selectin" if self.selectin else "subquery"
        return {Strategy.IMMEDIATE: "immediate", Strategy.LAZY: "select"}.get(self.strategy, self.strategy.value)


@dataclass(eq=False)  # identity: facts refer to it and must stay hashable
class MappedClass:
    name: str
    path: str
    node: ast.ClassDef
    attributes: dict[str, MappedAttribute]
    #: ``__mapper_args__["eager_defaults"]`` (its own or a base's): whether a flush fetches the values the
    #: database generated. None: not given, SQLAlchemy's "auto" (after an INSERT when the dialect has RETURNING)
    eager_defaults: bool | str | None = None

    def loadable(self) -> list[MappedAttribute]:
        return [a for a in self.attributes.values() if a.is_loadable]


class _Role(enum.Enum):
    BASE = "base"  # a declarative base: its subclasses are mapped
    MAPPED = "mapped"
    MIXIN = "mixin"  # plain class: contributes attributes
    DECLARATIVE = "declarative"  # SQLAlchemy's DeclarativeBase itself: a direct subclass is a base


_COLLECTION_ANNOTATIONS = {"list", "List", "set", "Set", "Collection", "Sequence", "MutableSequence",
                           "MutableSet", "WriteOnlyMapped", "DynamicMapped", "tuple", "Tuple", "Iterable"}


def decorator_name(decorator: ast.expr) -> tuple[ast.expr, str]:
    """What a decorator names (``@cache`` and ``@functools.lru_cache(64)`` both name their callee) and the
    last part of that name."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return target, _last_name(target)


class ModelIndex:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._generation = -1
        self._roles: dict[tuple[str, int], tuple[_Role, MappedClass | None]] = {}
        #: what classifying each class consulted (its bases, their modules), re-noted on every cache hit
        self._sources: dict[tuple[str, int], frozenset] = {}
        self._by_name: dict[str, list[tuple[str, ast.ClassDef]]] | None = None
        #: a base's last name → the class statements that name it among their bases
        self._by_base: dict[str, list[tuple[str, ast.ClassDef]]] | None = None
        #: the module-level calls whose construct is being worked out (a guard against a name defined by itself)
        self._naming: set[tuple[str, int]] = set()
        #: what adding each class's subclass attributes consulted, re-noted on every later question
        self._polymorphic: dict[tuple[str, int], frozenset] = {}
        #: target class name → the ``relationship(..., backref=...)`` declarations that give it a reverse attribute
        self._backrefs: dict[str, list[tuple[str, str, ast.Call, ast.expr | None]]] | None = None
        #: bare class name → the imperative mapping calls that name it
        self._imperative: dict[str, list[ImperativeMapping]] | None = None
        self._unparsed: list[str] = []  # files the imperative index could not read

    def forget(self) -> None:
        """Classify every class afresh on the next question (see ``Engine.forget_shared_work``)."""
        self._generation = -1

    def _fresh(self) -> None:
        if self._generation != self.workspace.generation:
            self._generation = self.workspace.generation
            self._roles.clear()
            self._sources.clear()
            self._by_name = None
            self._by_base = None
            self._polymorphic.clear()
            self._backrefs = None
            self._imperative = None

    # -- public ------------------------------------------------------------------------------------------
    def mapped_class(self, definition: Definition) -> MappedClass | None:
        """The mapped class a class statement makes, with its mapped subclasses' attributes."""
        if not isinstance(definition.node, ast.ClassDef):
            return None
        role, info = self._role(definition.path, definition.node)
        if role is not _Role.MAPPED:
            return None
        self._add_subclass_attributes(definition.path, definition.node, info)
        return info

    def class_info(self, definition: Definition) -> MappedClass | None:
        """Attributes of any class (mapped or mixin), for property/method lookup."""
        if not isinstance(definition.node, ast.ClassDef):
            return None
        return self._role(definition.path, definition.node)[1]

    def find_by_name(self, name: str, near: str) -> MappedClass | None:
        """A mapped class by its bare name, as relationship("Name") refers to it."""
        for path, node in self._class_statements(name, near):
            info = self.mapped_class(Definition(path, node, node.name))
            if info is not None:
                return info
        return None

    def _class_statements(self, name: str, near: str) -> list[tuple[str, ast.ClassDef]]:
        """The module-level class statements named ``name`` (bare or dotted), those in module ``near`` first."""
        self._fresh()
        if self._by_name is None:
            self._by_name = {}
            for path, source in self.workspace.files.items():
                if source.tree is None:
                    continue
                for stmt in source.tree.body:
                    if isinstance(stmt, ast.ClassDef):
                        self._by_name.setdefault(stmt.name, []).append((path, stmt))
        return sorted(self._by_name.get(name.rpartition(".")[2], []), key=lambda c: c[0] != near)

    # -- polymorphism ------------------------------------------------------------------------------------
    def _add_subclass_attributes(self, path: str, node: ast.ClassDef, info: MappedClass) -> None:
        """Give ``info`` the attributes only its mapped subclasses declare (``MappedAttribute.subclass``): an
        object a query of this class returns may be of a subclass. Done once a class is classified, never while
        classifying, so that what a class inherits does not depend on which class was classified first."""
        key = (path, id(node))
        dependencies = self.workspace.dependencies
        if key in self._polymorphic:
            dependencies.note_all(self._polymorphic[key])
            return
        self._polymorphic[key] = frozenset()  # a guard: a subclass's classification may ask for this class
        with dependencies.recording() as consulted:
            found = self._subclass_attributes(path, node, info)
        for name, attribute in found.items():
            info.attributes.setdefault(name, attribute)
        self._polymorphic[key] = frozenset(consulted)

    def _subclass_attributes(self, path: str, node: ast.ClassDef, info: MappedClass) -> dict[str, MappedAttribute]:
        loads_all = _mapper_arg(node, "with_polymorphic", None)
        found: dict[str, MappedAttribute] = {}
        for sub_path, sub_node in self._subclass_statements(node.name):
            if not any(self._names_class(sub_path, base, node) for base in sub_node.bases):
                continue
            sub = self.mapped_class(Definition(sub_path, sub_node, sub_node.name))
            if sub is None:
                continue
            loaded = _mapper_arg(sub_node, "polymorphic_load", None) in ("inline", "selectin") or loads_all == "*"
            for name, attribute in sub.attributes.items():
                if name in info.attributes or name in found or not attribute.is_loadable:
                    continue
                deeper = attribute.subclass is not None
                found[name] = replace(attribute, subclass=attribute.subclass or sub.name,
                                      polymorphic_loaded=loaded and (attribute.polymorphic_loaded or not deeper))
        return found

    def _names_class(self, path: str, base: ast.expr, node: ast.ClassDef) -> bool:
        symbol = self.workspace.resolve_expression(path, base.value if isinstance(base, ast.Subscript) else base)
        return isinstance(symbol, Definition) and symbol.node is node

    def _subclass_statements(self, name: str) -> list[tuple[str, ast.ClassDef]]:
        """The module-level class statements with a base whose last name is ``name``."""
        self._fresh()
        if self._by_base is None:
            self._by_base = {}
            for path, source in self.workspace.files.items():
                for stmt in (source.tree.body if source.tree is not None else ()):
                    if isinstance(stmt, ast.ClassDef):
                        for base in stmt.bases:
                            last = _last_name(base.value if isinstance(base, ast.Subscript) else base)
                            if last:
                                self._by_base.setdefault(last, []).append((path, stmt))
        return self._by_base.get(name, [])

    # -- classification ----------------------------------------------------------------------------------
    def _role(self, path: str, node: ast.ClassDef) -> tuple[_Role, MappedClass | None]:
        self._fresh()
        key = (path, id(node))
        dependencies = self.workspace.dependencies
        cached = self._roles.get(key)
        if cached is not None:
            dependencies.note_all(self._sources.get(key, ()))
            return cached
        self._roles[key] = (_Role.MIXIN, None)  # recursion guard for cyclic bases
        with dependencies.recording() as consulted:
            dependencies.note(path, node.name)
            result = self._classify(path, node)
        self._roles[key] = result
        self._sources[key] = frozenset(consulted)
        return result

    def _classify(self, path: str, node: ast.ClassDef) -> tuple[_Role, MappedClass | None]:
        inherited: dict[str, MappedAttribute] = {}
        mapped = False
        is_base = False
        eager_defaults: bool | str | None = None
        for base in node.bases:
            kind, base_info = self._base_kind(path, base)
            inherited.update({name: a for name, a in base_info.attributes.items() if a.subclass is None}
                             if base_info else {})
            if eager_defaults is None and base_info is not None:  # the first base that sets it, as the MRO finds it
                eager_defaults = base_info.eager_defaults
            mapped = mapped or kind in (_Role.BASE, _Role.MAPPED)
            is_base = is_base or kind is _Role.DECLARATIVE
        if any(self._is_sqlmodel_table(path, node, base) for base in node.bases):
            mapped = True
        if any(self._is_registry_mapped(path, d) for d in node.decorator_list):
            mapped = True
        own = self._own_attributes(path, node)
        imperative = self._imperative_attributes(path, node)
        if imperative is not None:
            mapped = True
            if any(a.kind is AttrKind.COLUMN for a in imperative.values()):  # the table decides, not the hints
                own = {name: a for name, a in own.items() if not (a.is_loadable and a.node is None)}
            own.update(imperative)
        if not mapped and not is_base and "__tablename__" in _class_assignments(node) and any(
            a.kind is AttrKind.RELATIONSHIP or a.kind is AttrKind.COLUMN and a.node is not None for a in own.values()
        ):
            mapped = True  # syntax says it's mapped even though the base didn't resolve (deps not installed)
        if _class_assignments(node).get("__abstract__") is True:
            # not mapped itself, but its subclasses are, with its columns: a base (observed)
            is_base, mapped = is_base or mapped, False
        attributes = {**inherited, **own}
        if mapped:
            attributes = {**self._reverse_attributes(node.name), **attributes}
            attributes = {name: self._directed(path, node, a) for name, a in attributes.items()}
        info = MappedClass(node.name, path, node, attributes, _mapper_arg(node, "eager_defaults", eager_defaults))
        if is_base:
            return _Role.BASE, info
        return (_Role.MAPPED if mapped else _Role.MIXIN), info

    def _directed(self, path: str, owner: ast.ClassDef, attribute: MappedAttribute) -> MappedAttribute:
        """A relationship as its foreign keys say (directions.py): a collection or not, where its type does not
        say, and whether it is a many-to-one loaded by key."""
        if attribute.kind is not AttrKind.RELATIONSHIP or not attribute.target:
            return attribute
        target = self._class_node(attribute.target, path)
        value = getattr(attribute.node, "value", None)
        call = value if isinstance(value, ast.Call) else None
        uselist = collection_by_keys(owner, target, call, attribute.secondary)
        if uselist is None:
            return attribute
        if attribute.uselist is None:
            # a backref's reverse side (no call) keeps the delete behaviour _reverse_attribute gave it
            deletes = (attribute.loaded_by_delete if call is None
                       else _loaded_by_delete(call, attribute.strategy, uselist))
            attribute = replace(attribute, uselist=uselist, loaded_by_delete=deletes)
        return replace(attribute, by_key=attribute.uselist is False and uselist is False)

    def _class_node(self, name: str, near: str) -> ast.ClassDef | None:
        """The class statement named ``name`` (bare or dotted), preferring one in module ``near``."""
        candidates = self._class_statements(name, near)
        if not candidates:
            return None
        path, node = candidates[0]
        self.workspace.dependencies.note(path, node.name)
        return node

    def _reverse_attributes(self, name: str) -> dict[str, MappedAttribute]:
        """The relationships other models' ``backref=`` put on class ``name``, which never declares them."""
        if self._backrefs is None:
            self._backrefs = {}
            for path, owner, forward, value, annotation in self._relationship_declarations():
                if not (isinstance(value, ast.Call) and _keyword_node(value, "backref") is not None):
                    continue
                if self.construct(path, value.func) is not Construct.RELATIONSHIP:
                    continue
                target = _relationship_target(value, annotation)
                if target:  # keyed by the bare class name, as the target class looks itself up
                    self._backrefs.setdefault(target.rpartition(".")[2], []).append(
                        (path, owner, forward, value, annotation))
        reverse: dict[str, MappedAttribute] = {}
        for path, owner, forward, call, annotation in self._backrefs.get(name, ()):
            attribute = _reverse_attribute(path, owner, forward, call, annotation)
            if attribute is not None:
                self.workspace.dependencies.note(path, owner)
                reverse[attribute.name] = attribute
        return reverse

    def _relationship_declarations(self):
        """Every attribute declaration that could be a relationship: (path, owner class name, attribute name, value,
        annotation), from class bodies and from imperative mappings' ``properties=``."""
        for path, source in self.workspace.files.items():
            for owner in (s for s in (source.tree.body if source.tree else ()) if isinstance(s, ast.ClassDef)):
                for stmt in owner.body:
                    if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
                        name = target.id if isinstance(target, ast.Name) else None
                        yield path, owner.name, name, stmt.value, getattr(stmt, "annotation", None)
        for mappings in self._imperative_index().values():
            for mapping in mappings:
                for name, value in mapping.properties.items():
                    yield mapping.path, mapping.class_name, name, value, None

    def _imperative_index(self) -> dict[str, list[ImperativeMapping]]:
        if self._imperative is None:
            self._imperative, self._unparsed = {}, []
            for path, source in self.workspace.files.items():
                if source.tree is None:
                    self._unparsed.append(path)
                    continue
                for mapping in mapping_calls(path, source.tree):
                    if mapping.class_name:
                        self._imperative.setdefault(mapping.class_name, []).append(mapping)
        return self._imperative

    def _imperative_attributes(self, path: str, node: ast.ClassDef) -> dict[str, MappedAttribute] | None:
        """The attributes an imperative mapping of this class gives it, or None when nothing maps it so."""
        index = self._imperative_index()
        for unparsed in self._unparsed:  # a mapping there would count once it parses again
            self.workspace.dependencies.note(unparsed, "")
        for mapping in index.get(node.name, ()):
            symbol = self.workspace.resolve_expression(mapping.path, mapping.mapped)
            if not (isinstance(symbol, Definition) and symbol.node is node):
                continue
            func = mapping.call.func
            if getattr(func, "attr", None) != MAP_IMPERATIVELY and self.construct(mapping.path, func) is not Construct.MAPPER:
                continue
            self.workspace.dependencies.note(mapping.path, node.name)
            attributes = self._table_attributes(mapping)
            for name, value in mapping.properties.items():
                attribute = self._property_attribute(mapping.path, name, value)
                if attribute is not None:
                    attributes[name] = _without_self_eager(attribute, node.name, value)
            return attributes
        return None

    def _table_attributes(self, mapping: ImperativeMapping) -> dict[str, MappedAttribute]:
        if mapping.table is None:
            return {}
        if isinstance(mapping.table, ast.Name):
            self.workspace.dependencies.note(mapping.path, mapping.table.id)
        symbol = self.workspace.resolve_expression(mapping.path, mapping.table)
        table = symbol.node if isinstance(symbol, Definition) else None
        if not isinstance(table, ast.Call) or self.construct(symbol.path, table.func) is not Construct.TABLE:
            return {}
        return {name: MappedAttribute(name, AttrKind.COLUMN, Strategy.COLUMN,
                                      primary_key=_keyword(column, "primary_key") is True, path=symbol.path, node=column,
                                      generated=generated_by_database(column), foreign_key=_has_foreign_key(column))
                for name, column in table_columns(table)
                if self.construct(symbol.path, column.func) is Construct.MAPPED_COLUMN}

    def _property_attribute(self, path: str, name: str, value: ast.expr) -> MappedAttribute | None:
        """One ``properties=`` entry: a relationship, a deferred column or column property, or a renamed column."""
        if not isinstance(value, ast.Call):
            return MappedAttribute(name, AttrKind.COLUMN, Strategy.COLUMN, path=path, node=value)  # table.c.x
        construct = self.construct(path, value.func)
        if construct is Construct.RELATIONSHIP:
            return self._relationship(path, name, None, value, value)
        if construct in (Construct.DEFERRED, Construct.COLUMN_PROPERTY):
            group = _deferred_group(value)
            deferred = construct is Construct.DEFERRED or _keyword(value, "deferred") is True or group is not None
            return MappedAttribute(name, AttrKind.COLUMN, Strategy.DEFERRED if deferred else Strategy.COLUMN,
                                   path=path, node=value, group=group)
        return None  # synonym(), composite(), ...: not row state of their own

    def _base_kind(self, path: str, base: ast.expr):
        """Classify one base expression: its role and what it passes on (its attributes, its mapper arguments)."""
        if isinstance(base, ast.Subscript):
            base = base.value  # Generic[T], MappedAsDataclass[...]
        symbol = self.workspace.resolve_expression(path, base)
        if isinstance(symbol, External):
            construct = construct_of(symbol.qualified)
            if construct is Construct.DECLARATIVE_BASE:
                return _Role.DECLARATIVE, None
            return None, None
        if isinstance(symbol, Definition):
            if isinstance(symbol.node, ast.ClassDef):
                return self._role(symbol.path, symbol.node)
            if isinstance(symbol.node, ast.Call) and self.makes_base(symbol.path, symbol.node):
                return _Role.BASE, None
        if isinstance(base, ast.Attribute) and base.attr == "Model" and self._is_flask_db(path, base.value):
            return _Role.BASE, None
        return None, None

    def _is_flask_db(self, path: str, expr: ast.expr) -> bool:
        symbol = self.workspace.resolve_expression(path, expr)
        if not (isinstance(symbol, Definition) and isinstance(symbol.node, ast.Call)):
            return False
        key = (symbol.path, id(symbol.node))
        if key in self._naming:  # `t = t.run_sync(...)`: a name defined by a call on itself names nothing
            return False
        self._naming.add(key)
        try:
            return self._call_construct(symbol.path, symbol.node) is Construct.FLASK_SQLALCHEMY
        finally:
            self._naming.discard(key)

    def _is_sqlmodel_table(self, path: str, node: ast.ClassDef, base: ast.expr) -> bool:
        """``class Hero(SQLModel, table=True)``, also through a plain model base (``class User(UserBase, table=True)``)."""
        if not any(k.arg == "table" and isinstance(k.value, ast.Constant) and k.value.value is True for k in node.keywords):
            return False
        return self._derives_from_sqlmodel(path, base, frozenset())

    def _derives_from_sqlmodel(self, path: str, base: ast.expr, seen: frozenset) -> bool:
        symbol = self.workspace.resolve_expression(path, base)
        if isinstance(symbol, External):
            return construct_of(symbol.qualified) is Construct.SQLMODEL
        if isinstance(symbol, Definition) and isinstance(symbol.node, ast.ClassDef):
            key = (symbol.path, symbol.node.lineno)
            if key in seen:
                return False
            self.workspace.dependencies.note(symbol.path, symbol.node.name)
            return any(self._derives_from_sqlmodel(symbol.path, b, seen | {key}) for b in symbol.node.bases)
        return False

    def _is_registry_mapped(self, path: str, decorator: ast.expr) -> bool:
        if isinstance(decorator, ast.Call):
            decorator = decorator.func
        return isinstance(decorator, ast.Attribute) and decorator.attr in ("mapped", "mapped_as_dataclass")

    def construct(self, path: str, expr: ast.expr) -> Construct | None:
        """The SQLAlchemy construct an expression names, including Flask-SQLAlchemy's ``db.X`` aliases."""
        symbol = self.workspace.resolve_expression(path, expr)
        if isinstance(symbol, External):
            return construct_of(symbol.qualified)
        if isinstance(expr, ast.Attribute) and self._is_flask_db(path, expr.value):
            return construct_of(f"sqlalchemy.{expr.attr}")
        return None

    def makes_base(self, path: str, call: ast.Call) -> bool:
        """Does ``call`` make a declarative base class (``declarative_base()``, ``registry.generate_base()``)?"""
        return (self._call_construct(path, call) is Construct.DECLARATIVE_BASE_FUNC
                or getattr(call.func, "attr", None) == "generate_base")

    def _call_construct(self, path: str, call: ast.Call) -> Construct | None:
        return self.construct(path, call.func)
    # -- attributes --------------------------------------------------------------------------------------
    def _own_attributes(self, path: str, node: ast.ClassDef) -> dict[str, MappedAttribute]:
        attrs: dict[str, MappedAttribute] = {}
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                attrs[stmt.name] = self._function_attribute(path, stmt)
                continue
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                name, annotation, value = stmt.target.id, stmt.annotation, stmt.value
            elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                name, annotation, value = stmt.targets[0].id, None, stmt.value
            else:
                continue
            if name.startswith("__"):
                continue
            attribute = self._data_attribute(path, name, annotation, value, stmt)
            if attribute is not None:
                attrs[name] = _without_self_eager(attribute, node.name, value)
        return attrs

    def _function_attribute(self, path: str, func: ast.FunctionDef | ast.AsyncFunctionDef) -> MappedAttribute:
        for decorator in func.decorator_list:
            target, name = decorator_name(decorator)
            if name in ("property", "cached_property", "hybrid_property") or self.construct(path, target) in (
                Construct.HYBRID,
                Construct.CACHE,
            ) and name != "lru_cache":
                return MappedAttribute(func.name, AttrKind.PROPERTY, function=func, path=path, node=func)
            if name in ("setter", "expression", "deleter", "comparator"):
                return MappedAttribute(func.name, AttrKind.PROPERTY, function=None, path=path, node=func)
        return MappedAttribute(func.name, AttrKind.METHOD, function=func, path=path, node=func)

    def _data_attribute(self, path, name, annotation, value, stmt) -> MappedAttribute | None:
        construct = None
        call = None
        if isinstance(value, ast.Call):
            call = value
            construct = self.construct(path, value.func)
        if construct is Construct.RELATIONSHIP:
            return self._relationship(path, name, annotation, call, stmt)
        if construct in (Construct.MAPPED_COLUMN, Construct.COLUMN_PROPERTY):
            group = _deferred_group(call)
            deferred = _keyword(call, "deferred") is True or group is not None  # a group implies deferred
            strategy = Strategy.DEFERRED if deferred else Strategy.COLUMN
            primary_key = _keyword(call, "primary_key") is True
            return MappedAttribute(name, AttrKind.COLUMN, strategy, primary_key=primary_key, path=path, node=stmt,
                                   group=group, generated=generated_by_database(call), foreign_key=_has_foreign_key(call))
        if construct is Construct.DEFERRED:
            return MappedAttribute(name, AttrKind.COLUMN, Strategy.DEFERRED, path=path, node=stmt,
                                   group=_deferred_group(call))
        if construct is Construct.ASSOCIATION_PROXY:
            proxied = call.args[0].value if call.args and isinstance(call.args[0], ast.Constant) else None
            return MappedAttribute(name, AttrKind.PROXY, proxied=proxied, path=path, node=stmt)
        if value is None and annotation is not None:
            # `name: Mapped[int]` is a column in 2.0 style; plain annotations are columns in SQLModel tables
            if _annotation_head(annotation) == "Mapped" or _is_plain_annotation(annotation):
                return MappedAttribute(name, AttrKind.COLUMN, Strategy.COLUMN, path=path, node=None)
        return None

    def _relationship(self, path, name, annotation, call, stmt) -> MappedAttribute:
        lazy = _keyword(call, "lazy", default=None)
        sa_kwargs = _keyword_node(call, "sa_relationship_kwargs")
        if isinstance(sa_kwargs, ast.Dict):
            for key, val in zip(sa_kwargs.keys, sa_kwargs.values):
                if isinstance(key, ast.Constant) and key.value == "lazy" and isinstance(val, ast.Constant):
                    lazy = val.value
        if lazy is None and annotation is not None:
            lazy = ANNOTATION_LAZY.get(_annotation_head(annotation))  # WriteOnlyMapped[...] means lazy="write_only"
        strategy = RELATIONSHIP_LAZY.get(lazy, Strategy.LAZY) if isinstance(lazy, (str, bool, type(None))) else Strategy.LAZY
        if annotation is not None and _annotation_head(annotation) in _QUERY_ANNOTATIONS:
            # `WriteOnlyMapped[X]` / `DynamicMapped[X]` choose the loader themselves
            strategy = RELATIONSHIP_LAZY[ANNOTATION_LAZY[_annotation_head(annotation)]]
        target = _relationship_target(call, annotation)
        uselist = _keyword(call, "uselist", default=None)
        if annotation is not None and uselist is None:
            uselist = _annotation_target(annotation)[1]
        back_populates = _keyword(call, "back_populates")
        if back_populates is None:  # backref="name" / backref("name", ...) declares the mirror from this side
            spec = _keyword_node(call, "backref")
            spec = spec.args[0] if isinstance(spec, ast.Call) and spec.args else spec
            back_populates = spec.value if isinstance(spec, ast.Constant) else None
        return MappedAttribute(name, AttrKind.RELATIONSHIP, strategy, target=target, uselist=uselist,
                               back_populates=back_populates if isinstance(back_populates, str) else None,
                               path=path, node=stmt, joined=lazy in ("joined", False), selectin=lazy == "selectin",
                               loaded_by_delete=_loaded_by_delete(call, strategy, uselist),
                               cascades_add=_cascades_add(call), viewonly=_keyword(call, "viewonly") is True,
                               secondary=_keyword_node(call, "secondary") is not None)


def _cascades_add(call: ast.Call | None) -> bool:
    if call is None or _keyword(call, "viewonly") is True:
        return call is None
    cascade = _keyword(call, "cascade")
    return not isinstance(cascade, str) or bool({"all", "save-update"} & {c.strip() for c in cascade.split(",")})


def _loaded_by_delete(call: ast.Call | None, strategy: Strategy, uselist: bool | None) -> bool:
    collection = uselist is True or _keyword_node(call, "secondary") is not None
    return (collection and strategy not in (Strategy.DYNAMIC, Strategy.WRITE_ONLY)
            and _keyword(call, "viewonly") is not True and _keyword(call, "passive_deletes") in (None, False))


def _relationship_target(call: ast.Call, annotation: ast.expr | None) -> str | None:
    """The class a relationship points at: its first argument (a name or a string), else its annotation."""
    if call.args:
        first = call.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
        if isinstance(first, ast.Name):
            return first.id
    return _annotation_target(annotation)[0] if annotation is not None else None


def _reverse_attribute(path: str, owner: str, forward: str | None, call: ast.Call,
                       annotation: ast.expr | None) -> MappedAttribute | None:
    """The attribute ``relationship(..., backref="name")`` or ``backref=backref("name", lazy=..., uselist=...)``
    creates on its target: a relationship back to ``owner``, lazy unless the backref says otherwise, and a list
    when the forward side is a many-to-one or goes through ``secondary=`` (observed)."""
    spec = _keyword_node(call, "backref")
    options: ast.Call | None = None
    if isinstance(spec, ast.Call) and spec.args:
        options, spec = spec, spec.args[0]
    if not (isinstance(spec, ast.Constant) and isinstance(spec.value, str)):
        return None
    forward_list = _keyword(call, "uselist")
    if forward_list is None and annotation is not None:
        forward_list = _annotation_target(annotation)[1]
    uselist = _keyword(options, "uselist")
    if uselist is None:
        uselist = True if _keyword_node(call, "secondary") is not None else (
            None if forward_list is None else not forward_list)
    lazy = _keyword(options, "lazy", default="select")
    strategy = RELATIONSHIP_LAZY.get(lazy, Strategy.LAZY) if isinstance(lazy, (str, bool)) else Strategy.LAZY
    return MappedAttribute(spec.value, AttrKind.RELATIONSHIP, strategy, target=owner, uselist=uselist,
                           back_populates=forward, path=path, node=None,
                           joined=lazy in ("joined", False), selectin=lazy == "selectin",
                           loaded_by_delete=uselist is True and _keyword(call, "viewonly") is not True
                           and _keyword(options, "passive_deletes") in (None, False),
                           cascades_add=_keyword(call, "viewonly") is not True and _cascades_add(options),
                           viewonly=_keyword(call, "viewonly") is True,
                           secondary=_keyword_node(call, "secondary") is not None)


def _without_self_eager(attribute: MappedAttribute, owner: str, value: ast.expr | None) -> MappedAttribute:
    """A self-referential relationship with an eager ``lazy=`` and no ``join_depth`` is not loaded with its row:
    the eager loader stops at the mapper it started from (observed: ``manager = relationship(remote_side=...,
    lazy="joined"/"selectin"/"subquery"/"immediate")`` is left unloaded by get() and select(), except that
    "immediate" fills a many-to-one whose key is None), so reading it lazy loads. A refresh() of the whole object
    fills such a many-to-one with None when its key is None under "immediate", "selectin" and "subquery" (observed;
    not under "select" or "joined"), which ``fills_null_key`` keeps; "immediate" fills it as the row loads ("load";
    observed)."""
    if attribute.kind is not AttrKind.RELATIONSHIP or attribute.target != owner:
        return attribute
    if attribute.uselist is None and isinstance(value, ast.Call):
        uselist = self_referential_collection(value)
        attribute = replace(attribute, uselist=uselist,
                            loaded_by_delete=_loaded_by_delete(value, attribute.strategy, uselist))
    refills = attribute.uselist is False and (
        attribute.strategy is Strategy.IMMEDIATE or attribute.strategy is Strategy.EAGER and not attribute.joined)
    fills = {"refresh"} if refills else set()
    if attribute.uselist is False and attribute.strategy is Strategy.IMMEDIATE:
        fills.add("load")  # its loader runs with the row, and gives None for a NULL key without a query
    attribute = replace(attribute, fills_null_key=frozenset(fills))
    if (attribute.strategy in (Strategy.EAGER, Strategy.IMMEDIATE)
            and isinstance(value, ast.Call) and _keyword_node(value, "join_depth") is None):
        return replace(attribute, strategy=Strategy.LAZY)
    return attribute


#: Annotations that make a relationship produce queries instead of loading (write_only / dynamic).
_QUERY_ANNOTATIONS = {"WriteOnlyMapped", "DynamicMapped"}


def _last_name(expr: ast.expr) -> str:
    return expr.attr if isinstance(expr, ast.Attribute) else expr.id if isinstance(expr, ast.Name) else ""


def _class_assignments(node: ast.ClassDef) -> dict[str, object]:
    values: dict[str, object] = {}
    for stmt in node.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    values[target.id] = stmt.value.value if isinstance(stmt.value, ast.Constant) else stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            values[stmt.target.id] = stmt.value.value if isinstance(stmt.value, ast.Constant) else stmt.value
    return values


def _mapper_arg(node: ast.ClassDef, name: str, inherited):
    """A constant entry of the class's own ``__mapper_args__ = {...}``, else what its mapped base has."""
    args = _class_assignments(node).get("__mapper_args__")
    if isinstance(args, ast.Dict):
        for key, value in zip(args.keys, args.values):
            if isinstance(key, ast.Constant) and key.value == name and isinstance(value, ast.Constant):
                return value.value
    return inherited


#: the column keywords whose value the database computes, by the statement that computes it; ``default=`` and
#: ``onupdate=`` only when given a SQL expression (a Python value or callable is computed before the statement)
_SERVER_KEYWORDS = {"server_default": "insert", "server_onupdate": "update"}
_SQL_EXPRESSION_KEYWORDS = {"default": "insert", "onupdate": "update"}
#: calls that build a SQL expression (``func.now()``, ``text("...")``, ``literal_column(...)``, ``select(...)``)
_SQL_EXPRESSION_HEADS = {"func", "text", "literal_column", "literal", "select", "cast", "case", "null", "true", "false"}


def generated_by_database(call: ast.Call | None) -> frozenset[str]:
    """The statements after which ``call``'s column (``mapped_column``/``Column``) holds a database-made value."""
    if call is None:
        return frozenset()
    generated = {statement for keyword, statement in _SERVER_KEYWORDS.items()
                 if _keyword_node(call, keyword) is not None}
    generated |= {statement for keyword, statement in _SQL_EXPRESSION_KEYWORDS.items()
                  if _is_sql_expression(_keyword_node(call, keyword))}
    return frozenset(generated)


def _has_foreign_key(call: ast.Call | None) -> bool:
    """``mapped_column(ForeignKey("t.id"))`` / ``Column("x", ForeignKey(...))``."""
    return call is not None and any(
        isinstance(arg, ast.Call) and (getattr(arg.func, "id", None) or getattr(arg.func, "attr", None)) == "ForeignKey"
        for arg in call.args)


def _is_sql_expression(node: ast.expr | None) -> bool:
    if not isinstance(node, ast.Call):
        return False
    head = node.func
    while isinstance(head, (ast.Attribute, ast.Call)):
        if isinstance(head, ast.Attribute) and head.attr in _SQL_EXPRESSION_HEADS:
            return True
        head = head.value if isinstance(head, ast.Attribute) else head.func
    return isinstance(head, ast.Name) and head.id in _SQL_EXPRESSION_HEADS


def _keyword_node(call: ast.Call | None, name: str) -> ast.expr | None:
    if call is None:
        return None
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _deferred_group(call: ast.Call | None) -> str | None:
    """``mapped_column(deferred_group="g")`` / ``column_property(..., group="g")`` / ``deferred(col, group="g")``."""
    group = _keyword(call, "deferred_group", default=None) or _keyword(call, "group", default=None)
    return group if isinstance(group, str) else None


def _keyword(call: ast.Call | None, name: str, default=None):
    node = _keyword_node(call, name)
    if isinstance(node, ast.Constant):
        return node.value
    return default


def _annotation_head(annotation: ast.expr) -> str | None:
    if isinstance(annotation, ast.Subscript):
        annotation = annotation.value
    if isinstance(annotation, ast.Attribute):
        return annotation.attr
    if isinstance(annotation, ast.Name):
        return annotation.id
    return None


def _is_plain_annotation(annotation: ast.expr) -> bool:
    head = _annotation_head(annotation)
    return head in ("int", "str", "float", "bool", "Optional", "datetime", "date", "Decimal", "bytes", "UUID")


def _annotation_target(annotation: ast.expr) -> tuple[str | None, bool | None]:
    """From ``Mapped[list["Address"]]`` get ("Address", True); from ``Mapped["User"]`` ("User", False)."""
    node = annotation
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return None, None
    collection: bool | None = False
    while isinstance(node, ast.Subscript):
        head = _annotation_head(node)
        if head in _COLLECTION_ANNOTATIONS:
            collection = True
        node = node.slice
        if isinstance(node, ast.Tuple) and node.elts:
            node = node.elts[0]
    if isinstance(node, ast.BinOp):  # "Address | None"
        node = node.left
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        inner = node.value.strip().strip("'\"")
        return inner.rpartition(".")[2].split("|")[0].strip() or None, collection
    if isinstance(node, ast.Name):
        return node.id, collection
    if isinstance(node, ast.Attribute):
        return node.attr, collection
    return None, collection


def base_class_statement(name: str, call: ast.Call) -> ast.ClassDef:
    """The class a ``declarative_base()`` call makes, as a class statement at the call with an empty body: what
    it holds beyond SQLAlchemy's own attributes is what code sets on it (``Base.query = ...``). One per call."""
    made = getattr(call, "_sqlascope_class", None)
    if made is None:
        made = ast.copy_location(ast.ClassDef(name=name, bases=[], keywords=[], body=[], decorator_list=[],
                                              type_params=[]), call)
        call._sqlascope_class = made  # type: ignore[attr-defined]
    return made
