"""Framework conventions that end sessions or move instances: FastAPI, Pydantic, Celery.

Framework conventions that decide when a session ends or where an instance goes: FastAPI dependencies and
background tasks, Pydantic ``from_attributes`` validation, Celery task sending.

The timing facts these rules rely on were observed by running the frameworks (see tests/corpus/README.md and
tests/test_corpus_frameworks.py, which checks FastAPI's ordering against the installed version):
- a FastAPI handler parameter declared with ``Depends(dep)`` receives what ``dep`` returns, or what it yields;
  a yield dependency's exit code runs after the response was serialized, and after the background tasks
  unless it was declared with ``scope="function"`` (``sqla_api.DEPENDENCY_EXIT``);
- ``Model.model_validate(obj)`` with ``from_attributes`` reads every field of ``Model`` from ``obj`` (nested models
  from the related objects), where the call is;
- ``task.delay(obj)`` / ``task.apply_async((obj,))`` serializes its arguments: the task receives a detached copy
  of ``obj`` holding only the attributes loaded when it was sent.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from ..index.workspace import Definition, External
from ..orm.sqla_api import DEPENDENCY_EXIT, TASK_SEND_METHODS, Construct, construct_of
from ..orm.state import Event, Life
from .frame import Frame, State, element_of
from .host import Evaluating, Host
from .generators import resumes_in
from .instances import construct_instance
from .values import (
    UNKNOWN,
    is_generator_function,
    ClassRef,
    Const,
    Context,
    ContextKind,
    Dependency,
    ExternalValue,
    Function,
    InstanceRef,
    Items,
    Keyed,
    Many,
    TaskQueue,
    Validator,
    members,
)


#: env slot holding the resumptions of the yield dependencies entered for this handler, per exit timing
_EXITS = "<dependency-exits:{}>"
#: how deep nested Pydantic models are followed
_MAX_SCHEMA_DEPTH = 4
#: FastAPI route decorators (``@app.get(...)``, ``@router.post(...)``): their response is validated into a model
_ROUTE_METHODS = {"get", "post", "put", "patch", "delete", "head", "options", "api_route"}
#: annotation heads of a response that is a list of models
_LIST_ANNOTATIONS = {"list", "List", "Sequence", "tuple", "Tuple", "set", "Set"}


def _is_list_annotation(annotation: ast.expr) -> bool:
    head = annotation.value if isinstance(annotation, ast.Subscript) else None
    return isinstance(head, (ast.Name, ast.Attribute)) and (
        getattr(head, "id", None) or getattr(head, "attr", None)) in _LIST_ANNOTATIONS


_is_generator = is_generator_function


class Frameworks:
    def __init__(self, engine: Host) -> None:
        self.engine = engine

    # -- FastAPI: parameters -----------------------------------------------------------------------------
    def inject_parameters(self, ev: Evaluating, frame: Frame, function: ast.AST, state: State) -> None:
        """Bind the parameters a framework fills in and the caller did not: ``Depends(...)``, ``BackgroundTasks``."""
        args = function.args
        positional = [*args.posonlyargs, *args.args]
        defaults: dict[str, ast.expr] = {}
        for param, default in zip(positional[len(positional) - len(args.defaults):], args.defaults):
            defaults[param.arg] = default
        for param, default in zip(args.kwonlyargs, args.kw_defaults):
            if default is not None:
                defaults[param.arg] = default
        for param in (*positional, *args.kwonlyargs):
            if state.env.get(param.arg, UNKNOWN) is not UNKNOWN:
                continue
            injected = self._injected(ev, frame, param, defaults.get(param.arg), state)
            if injected is not None:
                state.env[param.arg] = injected

    def _injected(self, ev, frame, param: ast.arg, default: ast.expr | None, state: State):
        dependency = None
        if isinstance(default, ast.Call) and self.engine.models.construct(frame.path, default.func) is Construct.DEPENDS:
            value = ev.value(frame, default, state)
            dependency = value if isinstance(value, Dependency) else None
        annotation = param.annotation
        if dependency is None and annotation is not None:
            dependency = self._from_annotation(ev, frame, annotation, state)
        if isinstance(dependency, TaskQueue):
            return dependency
        if isinstance(dependency, Dependency):
            return self._enter_dependency(ev, frame, dependency, default or annotation, state)
        return None

    def _from_annotation(self, ev, frame, annotation: ast.expr, state: State, depth: int = 0):
        """``Annotated[T, Depends(dep)]`` (inline or through a module-level alias) or ``BackgroundTasks``."""
        if depth > 2:
            return None
        path = frame.path
        node = annotation
        if isinstance(node, (ast.Name, ast.Attribute)):
            symbol = self.engine.workspace.resolve_expression(path, node)
            if isinstance(symbol, External):
                return TaskQueue() if construct_of(symbol.qualified) is Construct.BACKGROUND_TASKS else None
            if not (isinstance(symbol, Definition) and isinstance(symbol.node, ast.Subscript)):
                return None
            path, node = symbol.path, symbol.node  # `SessionDep = Annotated[Session, Depends(get_db)]`
        if not isinstance(node, ast.Subscript):
            return None
        head = self.engine.workspace.resolve_expression(path, node.value)
        if not (isinstance(head, External) and construct_of(head.qualified) is Construct.ANNOTATED):
            return None
        metadata = node.slice.elts[1:] if isinstance(node.slice, ast.Tuple) else []
        for element in metadata:
            if not isinstance(element, ast.Call):
                continue
            value = self.engine.module_expression(path, element) if path != frame.path else ev.value(frame, element, state)
            if isinstance(value, Dependency):
                return value
        return None

    def depends(self, args: list, kwargs: dict) -> Dependency:
        """``Depends(target, scope=...)``"""
        target = args[0] if args else kwargs.get("dependency", UNKNOWN)
        scope = kwargs.get("scope")
        return Dependency(target, scope.value if isinstance(scope, Const) and isinstance(scope.value, str) else "request")

    def _enter_dependency(self, ev, frame, dependency: Dependency, node: ast.AST, state: State):
        target = dependency.target
        if isinstance(target, Function):
            if _is_generator(target.node):
                entered, resume = self.engine.enter_generator(
                    ev, frame, Context(ContextKind.GENERATOR, (target, (), ())), node, state)
                if resume is not None:
                    timing = DEPENDENCY_EXIT.get(dependency.scope, "after_background_tasks")
                    slot = _EXITS.format(timing)
                    state.env[slot] = resumes_in(state.env.get(slot, ())) + (resume,)
                return entered
            return self.engine.call(ev, frame, target, [], {}, node, state)
        if isinstance(target, ClassRef):
            return construct_instance(self.engine, ev, frame, target, [], {}, node, state)
        return UNKNOWN

    # -- FastAPI: background tasks -----------------------------------------------------------------------
    def add_task(self, ev, frame, args: list, kwargs: dict, node: ast.Call, state: State) -> None:
        """``background_tasks.add_task(fn, *args)``: ``fn`` runs after the response was sent, after the exit code
        of the dependencies declared with ``scope="function"``. It is analysed here, on a copy of the state."""
        if not args:
            return
        later = state.copy()
        for resume in resumes_in(later.env.get(_EXITS.format("before_background_tasks"), ())):
            self.engine.exit_generator(ev, frame, resume, node, later)
        for member in members(args[0]):
            if isinstance(member, Function):
                self.engine.call(ev, frame, member, list(args[1:]), kwargs, node, later)

    # -- Pydantic -----------------------------------------------------------------------------------------
    def validate_from_attributes(self, ev, frame, schema: ClassRef, args: list, kwargs: dict, node: ast.Call,
                                 state: State):
        """``Schema.model_validate(obj)``: reads every field of ``Schema`` from ``obj``, at the call."""
        if not args:
            return UNKNOWN
        from_attributes = kwargs.get("from_attributes")
        explicit = isinstance(from_attributes, Const) and from_attributes.value is True
        if not explicit and not self._config_from_attributes(schema):
            return UNKNOWN
        source = node.args[0] if node.args else node
        self._read_fields(ev, frame, schema, args[0], source, node, state, 0)
        return UNKNOWN

    def validator(self, path: str, annotation: ast.expr):
        """``RootModel[list[M]]`` / ``TypeAdapter(list[M])``: a validator of ``M``, or of a list of ``M``."""
        schema = self._nested_schema(path, annotation)
        return Validator(schema, _is_list_annotation(annotation)) if schema is not None else UNKNOWN

    def validate_with(self, ev, frame, validator: Validator, args: list, kwargs: dict, node: ast.Call, state: State):
        """``validator.validate_python(value, from_attributes=True)`` / ``RootList.model_validate(value)``."""
        if not args:
            return UNKNOWN
        source = node.args[0] if node.args else node
        self._read_fields(ev, frame, validator.schema, args[0], source, node, state, 0)
        return UNKNOWN

    # -- FastAPI: response_model ----------------------------------------------------------------------------
    def serialize_response(self, ev, frame, value, node: ast.Return, state: State) -> None:
        """An endpoint's ``response_model`` (or return annotation) is filled from what it returns, in the handler,
        right after ``return``: each field is read from the returned object(s) with ``from_attributes``."""
        if frame.depth or not isinstance(frame.code, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return
        found = self._response_model(frame.path, frame.code)
        if found is None:
            return
        schema, many = found
        source = node.value if node.value is not None else node
        if not many:
            self._read_fields(ev, frame, schema, value, source, node, state, 0)
            return
        element = element_of(value)
        ev.per_element(frame, element, node, "serialization of each item of the response", state,
                       lambda: self._read_fields(ev, frame, schema, element, source, node, state, 0))

    def _response_model(self, path: str, function: ast.AST) -> tuple[ClassRef, bool] | None:
        """The Pydantic model a route's response is validated into, and whether the response is a list of them."""
        for decorator in function.decorator_list:
            if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)
                    and decorator.func.attr in _ROUTE_METHODS):
                continue
            annotation = next((k.value for k in decorator.keywords if k.arg == "response_model"), function.returns)
            if annotation is None:
                return None
            schema = self._nested_schema(path, annotation)
            return (schema, _is_list_annotation(annotation)) if schema is not None else None
        return None

    def _read_fields(self, ev, frame, schema: ClassRef, value, source: ast.expr, node: ast.Call, state, depth: int):
        if depth > _MAX_SCHEMA_DEPTH:
            return
        for element in [m.element for m in members(value) if isinstance(m, Many)]:
            # a list validated item by item (a list field, a RootModel / list[...] of models)
            ev.per_element(frame, element, node, "validation of each item", state,
                           lambda: self._read_fields(ev, frame, schema, element, source, node, state, depth))
        for member in members(value):
            if not isinstance(member, InstanceRef) or member.iid not in state.heap.instances:
                continue
            for name, annotation, path in self._fields(schema):
                fake = ast.Attribute(value=source, attr=name, ctx=ast.Load())
                ast.copy_location(fake, node)
                fake.end_lineno, fake.end_col_offset = node.end_lineno, node.end_col_offset
                related = ev.attribute(frame, member, fake, state)
                nested = self._nested_schema(path, annotation)
                if nested is not None:
                    self._read_fields(ev, frame, nested, related, fake, node, state, depth + 1)

    def _fields(self, schema: ClassRef, seen: frozenset = frozenset()) -> list[tuple[str, ast.expr, str]]:
        """(name, annotation, module path) of every field, inherited ones first."""
        key = (schema.path, schema.node.lineno, schema.node.col_offset)
        if key in seen:
            return []
        fields: dict[str, tuple[str, ast.expr, str]] = {}
        for base in self._bases(schema):
            for field in self._fields(base, seen | {key}):
                fields[field[0]] = field
        for stmt in schema.node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                name = stmt.target.id
                head = stmt.annotation.value if isinstance(stmt.annotation, ast.Subscript) else stmt.annotation
                if name.startswith("_") or name == "model_config" or getattr(head, "id", "") == "ClassVar":
                    continue
                fields[name] = (name, stmt.annotation, schema.path)
        return list(fields.values())

    def _bases(self, schema: ClassRef) -> list[ClassRef]:
        bases = []
        for base in schema.node.bases:
            symbol = self.engine.workspace.resolve_expression(schema.path, base)
            if isinstance(symbol, Definition) and isinstance(symbol.node, ast.ClassDef):
                bases.append(ClassRef(symbol.path, symbol.node, None))
        return bases

    def _config_from_attributes(self, schema: ClassRef, depth: int = 0) -> bool:
        if depth > 5:
            return False
        if any(self._is_sqlmodel(schema.path, base) for base in schema.node.bases):
            return True  # SQLModel's own config reads from attributes: a data model (no table) validates an ORM object
        for stmt in schema.node.body:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
            if any(isinstance(t, ast.Name) and t.id == "model_config" for t in targets) and stmt.value is not None:
                if any(isinstance(k, ast.keyword) and k.arg == "from_attributes" and isinstance(k.value, ast.Constant)
                       and k.value.value is True for k in ast.walk(stmt.value)):
                    return True
                if isinstance(stmt.value, ast.Dict) and any(
                        isinstance(k, ast.Constant) and k.value == "from_attributes" for k in stmt.value.keys):
                    return True
            if isinstance(stmt, ast.ClassDef) and stmt.name == "Config":  # pydantic v1 style
                for inner in stmt.body:
                    if isinstance(inner, ast.Assign) and any(
                            isinstance(t, ast.Name) and t.id in ("orm_mode", "from_attributes") for t in inner.targets):
                        return True
        return any(self._config_from_attributes(base, depth + 1) for base in self._bases(schema))

    def _is_sqlmodel(self, path: str, base: ast.expr) -> bool:
        symbol = self.engine.workspace.resolve_expression(path, base)
        return isinstance(symbol, External) and construct_of(symbol.qualified) is Construct.SQLMODEL

    def _nested_schema(self, path: str, annotation: ast.expr) -> ClassRef | None:
        """The Pydantic model a field's annotation names, through list[...], Optional[...] and ``X | None``."""
        node = annotation
        for _ in range(4):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                try:
                    node = ast.parse(node.value, mode="eval").body
                except (SyntaxError, ValueError):
                    return None
            if isinstance(node, ast.BinOp):
                node = node.left if not (isinstance(node.left, ast.Constant) and node.left.value is None) else node.right
            elif isinstance(node, ast.Subscript):
                node = node.slice.elts[0] if isinstance(node.slice, ast.Tuple) and node.slice.elts else node.slice
            else:
                break
        if not isinstance(node, (ast.Name, ast.Attribute)):
            return None
        symbol = self.engine.workspace.resolve_expression(path, node)
        if isinstance(symbol, Definition) and isinstance(symbol.node, ast.ClassDef):
            schema = ClassRef(symbol.path, symbol.node, None)
            if self.engine.models.mapped_class(symbol) is None and self._config_from_attributes(schema):
                return schema
        return None

    # -- Celery --------------------------------------------------------------------------------------------
    def send_task(self, ev, frame, task: Function, method: str, args: list, kwargs: dict, node: ast.Call,
                  state: State) -> None:
        """``task.delay(*args)`` / ``task.apply_async(args, kwargs)``: the task runs elsewhere, on serialized copies."""
        if TASK_SEND_METHODS.get(method) == "args":
            positional = kwargs.get("args", args[0] if args else Items(()))
            keywords = kwargs.get("kwargs", args[1] if len(args) > 1 else Keyed(()))
            task_args = list(positional.items) if isinstance(positional, Items) else []
            task_kwargs = dict(keywords.items) if isinstance(keywords, Keyed) else {}
            if not isinstance(positional, Items):
                return
        else:
            task_args, task_kwargs = list(args), dict(kwargs)
        later = state.copy()
        text = ev.text(frame, node.func)
        event = Event(ev.location(frame, node), f"`{text}(...)` sent a serialized copy: the task gets it detached")
        sent = [self._serialized(ev, frame, value, node, later, event, i) for i, value in enumerate(task_args)]
        sent_kwargs = {k: self._serialized(ev, frame, v, node, later, event, k) for k, v in task_kwargs.items()}
        self.engine.call(ev, frame, task, sent, sent_kwargs, node, later)

    def _serialized(self, ev, frame, value, node, state: State, event: Event, tag):
        if isinstance(value, InstanceRef) and value.iid in state.heap.instances:
            fact = state.heap.instances[value.iid]
            life = frozenset({Life.PERSISTENT: Life.DETACHED, Life.DELETED: Life.DETACHED,
                              Life.PENDING: Life.TRANSIENT}.get(x, x) for x in fact.life)
            copy_id = frame.alloc(node, f"serialized:{tag}")
            history = fact.history | {event} if Life.PERSISTENT in fact.life else fact.history
            state.heap.instances[copy_id] = replace(fact, life=life, sessions=frozenset(), is_async=False,
                                                    history=history, merge_discarded=frozenset())
            return InstanceRef(copy_id)
        if isinstance(value, Items):
            return Items(tuple(self._serialized(ev, frame, v, node, state, event, (tag, i)) for i, v in enumerate(value.items)))
        if isinstance(value, Many):
            return Many(self._serialized(ev, frame, value.element, node, state, event, (tag, "*")), value.kind)
        return value if isinstance(value, (Const, ExternalValue)) else UNKNOWN
