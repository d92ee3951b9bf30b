"""Names to abstract values: module-level bindings, imports, class members, and functions after their decorators."""

from __future__ import annotations

import ast
from dataclasses import replace

from ..index.workspace import Definition, External, ModuleRef, Symbol
from ..interp.frame import Frame, State
from ..interp.values import UNKNOWN, ClassRef, ExternalValue, Function, ModuleValue, join_values, members
from ..orm.models import MappedAttribute, MappedClass, base_class_statement
from ..orm.sqla_api import Construct, construct_of
from ..orm.state import Heap
from .summaries import MAX_CALL_DEPTH


class Names:
    """The engine's name resolution (a mixin of ``Engine``)."""

    def global_value(self, path: str, name: str):
        key = (path, name)
        dependencies = self.workspace.dependencies
        if key in self._globals:
            value, consulted = self._globals[key]
            dependencies.note_all(consulted)
            return value
        if key in self._in_progress:
            return UNKNOWN
        self._in_progress.add(key)
        try:
            with dependencies.recording() as consulted:
                dependencies.note(path, name)
                symbol = self.workspace.resolve(path, name)
                value = self.symbol_value(symbol) if symbol is not None else UNKNOWN
        finally:
            self._in_progress.discard(key)
        self._globals[key] = (value, frozenset(consulted))
        return value

    def symbol_value(self, symbol: Symbol):
        if isinstance(symbol, External):
            return ExternalValue(symbol.qualified)
        if isinstance(symbol, ModuleRef):
            return ModuleValue(symbol.path)
        if isinstance(symbol, Definition):
            node = symbol.node
            if isinstance(node, ast.ClassDef):
                return ClassRef(symbol.path, node, self.models.mapped_class(symbol))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return self.decorate(symbol.path, node, ())
            if isinstance(node, ast.Call) and self.models.makes_base(symbol.path, node):
                return self.base_class(symbol.path, node)
            if isinstance(node, ast.expr):
                return self.with_rebinds(symbol, self.module_expression(symbol.path, node))
        return UNKNOWN

    def base_class(self, path: str, call: ast.Call) -> ClassRef:
        """The class a ``declarative_base()`` call makes, named as the module binds it."""
        name = next((n for n, node in self.workspace.symbols(path).defs.items() if node is call), "Base")
        return ClassRef(path, base_class_statement(name, call), None)

    def with_rebinds(self, symbol: Definition, value):
        """``value`` (what the module's own statement binds) joined with what functions that declare the name
        ``global`` assign to it (``def init(): global s; s = scoped_session(...)``): any of them may be there."""
        for rebound in self.workspace.symbols(symbol.path).rebinds.get(symbol.name, ()):
            if rebound is not symbol.node:
                value = join_values(value, self.module_expression(symbol.path, rebound))
        return value

    def module_expression(self, path: str, expr: ast.expr):
        """The value of a module-level expression (``SessionLocal = sessionmaker(...)``), evaluated once."""
        key = (path, id(expr))
        if key in self._in_progress:
            return UNKNOWN
        self._in_progress.add(key)
        try:
            frame = Frame(path=path, code=expr, graph=None, context=("module",), reporting=False)  # type: ignore[arg-type]
            frame.depth = MAX_CALL_DEPTH  # module level never runs user functions (but constructors' __init__)
            state = State({}, Heap())
            value = self.evaluator.value(frame, expr, state)
            self._module_objects.update(state.heap.objects)  # what their __init__ stored stays readable
            return value
        finally:
            self._in_progress.discard(key)

    def module_object(self, oid):
        """The fact of a plain object module-level code built, when the analysed path's heap does not hold it."""
        return self._module_objects.get(oid)

    def module_member(self, module: ModuleValue, name: str):
        symbol = self.workspace.resolve_attribute(ModuleRef(module.path), name)
        return self.symbol_value(symbol) if symbol is not None else UNKNOWN

    def import_value(self, path: str, stmt: ast.Import | ast.ImportFrom, alias: ast.alias):
        if isinstance(stmt, ast.Import):
            module = alias.name if alias.asname else alias.name.split(".")[0]
            return self.symbol_value(self.workspace.resolve_import(path, module, None))
        return self.symbol_value(self.workspace.resolve_import(path, stmt.module or "", alias.name, stmt.level))

    def class_member(self, cls: ClassRef, name: str, after: ClassRef | None = None):
        """``name`` looked up on ``cls`` through its MRO (``after``: past that class, as ``super()`` does)."""
        return self.classes.member(cls, name, after)

    def class_owner(self, path: str, function: ast.AST) -> ClassRef | None:
        """The class whose body defines ``function`` (for a bare ``super()``)."""
        return self.classes.owner_of(path, function)

    def class_mro(self, cls: ClassRef) -> tuple[ClassRef, ...]:
        return self.classes.mro(cls)

    def class_fully_known(self, cls: ClassRef) -> bool:
        """Is every class in ``cls``'s MRO one we see (so a name missing from all of them is really missing)?"""
        return self.classes.fully_known(cls)

    def method_function(self, cls: MappedClass, attribute: MappedAttribute) -> Function | None:
        if attribute.function is None:
            return None
        return Function(attribute.path, attribute.function)

    def decorate(self, path: str, node: ast.FunctionDef | ast.AsyncFunctionDef, closure: tuple, defaults: tuple = ()):
        """The value a ``def`` binds: the function after its decorators, bottom-up."""
        key = (path, id(node), closure, defaults)
        dependencies = self.workspace.dependencies
        if key in self._decorated:
            value, consulted = self._decorated[key]
            dependencies.note_all(consulted)
            return value
        value = Function(path, node, closure, defaults=defaults)
        with dependencies.recording() as consulted:
            for decorator in reversed(node.decorator_list):
                value = self._apply_decorator(path, decorator, value)
        self._decorated[key] = (value, frozenset(consulted))
        return value

    def _apply_decorator(self, path: str, decorator: ast.expr, function):
        if not isinstance(function, Function):
            return function
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        symbol = self.workspace.resolve_expression(path, target)
        if isinstance(symbol, External):
            if construct_of(symbol.qualified) is Construct.CONTEXTMANAGER:
                return replace(function, is_contextmanager=True)
            return function  # route registration, caching, wraps, ...: the function still runs as written
        if isinstance(symbol, Definition) and isinstance(symbol.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if isinstance(decorator, ast.Call):
                return self._decorator_factory(path, decorator, symbol, function)
            decorated = self._run_decorator(symbol, function)
            return decorated if isinstance(decorated, Function) else function
        return function

    def _run_decorator(self, decorator: Definition, function: Function):
        """Run a user decorator on ``function``: most return a wrapper closing over it."""
        frame = Frame(path=decorator.path, code=None, graph=None, context=("decorator",))  # type: ignore[arg-type]
        state = State({}, Heap())
        return self.call(self.evaluator, frame, Function(decorator.path, decorator.node), [function], {}, decorator.node, state)


    def _decorator_factory(self, path: str, decorator: ast.Call, factory, function: Function):
        """``@factory(args)`` on ``function``: call the factory with its (module-level) arguments, then apply the
        decorator it returns. Most return a wrapper closing over ``function`` and those arguments."""
        engine = self
        ev = self.evaluator
        frame = Frame(path=path, code=None, graph=None, context=("decorator",))  # type: ignore[arg-type]
        state = State({}, Heap())
        args = [engine.module_expression(path, a) for a in decorator.args if not isinstance(a, ast.Starred)]
        kwargs = {k.arg: engine.module_expression(path, k.value) for k in decorator.keywords if k.arg}
        made = engine.call(ev, frame, Function(factory.path, factory.node), args, kwargs, decorator, state)
        for member in members(made):
            if isinstance(member, Function):
                decorated = engine.call(ev, frame, member, [function], {}, decorator, state)
                if isinstance(decorated, Function):
                    return decorated
        return function
