"""Attributes a web framework adds to every request object: the project's own Pyramid
``config.add_request_method(fn, name=..., reify=True)`` (found by scanning the workspace) and those of included
frameworks (pyramid_tm's ``request.tm``, ``sqla_api.FRAMEWORK_REQUEST_ATTRIBUTES``); and pyramid_services'
``request.find_service(iface, name=...)``, which calls the factory the project registered for that interface and
name (``config.register_service_factory(factory, iface=..., name=...)``, the factory a function or its dotted
path) with the request.

A request is usually a handler parameter the analysis knows nothing about, so ``request.db`` is the value the
registered function returns for an unknown request. Only attributes (``reify=True`` or ``property=True``) are
values; a plain request method is called like any other unknown method.
"""

from __future__ import annotations

import ast

from ..orm.sqla_api import CURRENT_TRANSACTION_MANAGER, FIND_SERVICE, FRAMEWORK_REQUEST_ATTRIBUTES, Construct
from .values import UNKNOWN, BoundMethod, Function, ObjectFact, TransactionManager, members
from .host import Host


#: a file can only register request attributes if its text mentions one of these
_MARKERS = ("add_request_method", "register_service_factory", *FRAMEWORK_REQUEST_ATTRIBUTES)



#: The heap key of the request's reified attributes (one request per analysis path: handlers receive one).
REIFIED = ("request", "reified attributes")


class RequestAttributes:
    """The request attributes registered in the workspace, and their values on an unknown request."""

    def __init__(self, engine: Host) -> None:
        self.engine = engine
        self._generation = -1
        self._table: dict[str, object] = {}
        #: (interface name or None, service name or None) → (path, factory expression) of the registration
        self._services: dict[tuple[str | None, str | None], tuple[str, ast.expr]] = {}

    def table(self) -> dict[str, object]:
        """Attribute name → ``(path, callable expression)`` of the registering call, or a framework construct."""
        workspace = self.engine.workspace
        if workspace.generation != self._generation:
            self._generation = workspace.generation
            self._table, self._services = {}, {}
            for path, source in list(workspace.files.items()):
                if source.tree is not None and any(marker in source.text for marker in _MARKERS):
                    self._scan(path, source.tree)
        return self._table

    def _scan(self, path: str, tree: ast.Module) -> None:
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            keywords = {k.arg: k.value for k in node.keywords if k.arg}
            if node.func.attr == "add_request_method":
                registered = node.args[0] if node.args else keywords.get("callable")
                name = node.args[1] if len(node.args) > 1 else keywords.get("name")
                is_attribute = any(_true(keywords.get(flag)) for flag in ("reify", "property"))
                if registered is None or not is_attribute:
                    continue
                if isinstance(name, ast.Constant) and isinstance(name.value, str):
                    self._table[name.value] = (path, registered)
                elif name is None and isinstance(registered, ast.Name):
                    self._table[registered.id] = (path, registered)
            elif node.func.attr == "register_service_factory" and node.args:
                self._services[(_interface_key(keywords.get("iface")), _constant(keywords.get("name")))] = (path, node.args[0])
            elif node.func.attr == "include" and node.args and isinstance(node.args[0], ast.Constant):
                self._table.update(FRAMEWORK_REQUEST_ATTRIBUTES.get(node.args[0].value, {}))

    def value(self, ev, frame, receiver, name: str, node: ast.AST, state):
        """``receiver.<name>`` on an unknown object, if some request attribute is registered under that name."""
        entry = self.table().get(name)
        if entry is None:
            return BoundMethod(receiver, name) if name == FIND_SERVICE and self._services else UNKNOWN
        if entry is Construct.TRANSACTION_CURRENT:
            return TransactionManager(CURRENT_TRANSACTION_MANAGER)
        path, registered = entry
        if not isinstance(registered, ast.Name):
            return UNKNOWN  # a lambda or an attribute: not followed
        reified = state.heap.objects.get(REIFIED)
        known = reified.field(name) if reified is not None else None
        if known is not None:  # reify=True: computed once per request, the same object at every read
            return known
        function = self.engine.global_value(path, registered.id)
        for member in members(function):
            if isinstance(member, Function):
                value = self.engine.call(ev, frame, member, [receiver], {}, node, state)
                state.heap.objects[REIFIED] = (state.heap.objects.get(REIFIED) or ObjectFact(None)).with_field(name, value)
                return value
        return UNKNOWN


    def find_service(self, ev, frame, request, call: ast.Call, state):
        """``request.find_service(iface, context=None, name="")``: the registered factory's result for the request."""
        keywords = {k.arg: k.value for k in call.keywords if k.arg}
        key = (_interface_key(call.args[0] if call.args else keywords.get("iface")),
               _constant(call.args[2] if len(call.args) > 2 else keywords.get("name")))
        registration = self._services.get(key)
        if registration is None:
            return UNKNOWN
        path, factory = registration
        function = self._factory_function(path, factory)
        if not isinstance(function, Function):
            return UNKNOWN
        return self.engine.call(ev, frame, function, [UNKNOWN, request], {}, call, state)

    def _factory_function(self, path: str, factory: ast.expr):
        if isinstance(factory, ast.Constant) and isinstance(factory.value, str):  # "pkg.module.factory"
            module, _, name = factory.value.rpartition(".")
            target = self.engine.workspace.find_module(module, path) if module else None
            return self.engine.global_value(target, name) if target else UNKNOWN
        if isinstance(factory, ast.Name):
            return self.engine.global_value(path, factory.id)
        return UNKNOWN


def _interface_key(node: ast.expr | None) -> str | None:
    """An interface by its last name (``iface=UserService``, ``find_service(UserService)``)."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else None


def _constant(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value else None


def _true(value) -> bool:
    return isinstance(value, ast.Constant) and value.value is True
