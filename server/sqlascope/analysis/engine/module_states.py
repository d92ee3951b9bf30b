"""What a module's body leaves behind (its names' values and the heap they refer to), shared with its functions."""

from __future__ import annotations

import ast

from ..index.workspace import Definition
from ..interp.fixpoint import run
from ..interp.frame import Frame, State
from ..interp.holders import Holders
from ..interp.values import UNKNOWN, ClassRef
from ..orm.state import FactoryConfig, Heap


class ModuleStates:
    """The engine's module-body states (a mixin of ``Engine``). A function that reads a module-level name bound
    by the module's own statements (``projects = session.scalars(...).all()`` after ``session = factory()``)
    sees the value the module body left there, with the session and instance facts it refers to: one registry and
    one heap for the module and its functions."""

    def module_binding(self, path: str, name: str, heap: Heap):
        """The value the body of module ``path`` leaves in ``name`` (its facts copied into ``heap`` where ``heap``
        has none; joined with what functions rebinding it as a ``global`` assign), or None when the name is not an assignment of that body or its value is unknown."""
        symbol = self.workspace.resolve(path, name)
        if not (isinstance(symbol, Definition) and symbol.path == path and isinstance(symbol.node, ast.expr)):
            return None
        state = self._module_state(path)
        value = state.env.get(name) if state is not None else None
        if value is None or value is UNKNOWN:
            return None
        value = self.with_rebinds(symbol, value)
        for mine, theirs in ((heap.sessions, state.heap.sessions), (heap.instances, state.heap.instances),
                             (heap.objects, state.heap.objects), (heap.registries, state.heap.registries)):
            for key, fact in dict.items(theirs):  # the module's heap: not the code's reads (orm/state.ObjectFacts)
                mine.setdefault(key, fact)
        return value

    def module_factory_configs(self, path: str, name: str, heap: Heap, own_module: bool = True) -> None:
        """Copy into ``heap`` the ``configure(...)`` overrides that module bodies left on session factories: those
        of module ``path`` (reading ``name``; unless ``own_module`` is false) and of the module that defines
        ``name`` (``factory.configure(...)`` after ``factory = sessionmaker(...)`` applies to the sessions every
        function makes later)."""
        symbol = self.workspace.resolve(path, name)
        paths = ([path] if own_module else []) + (
            [symbol.path] if isinstance(symbol, Definition) and symbol.path != path else [])
        for module_path in paths:
            state = self._module_state(module_path)
            if state is None:
                continue
            for key, fact in dict.items(state.heap.objects):  # the module's heap, as above
                if isinstance(fact, FactoryConfig):
                    heap.objects.setdefault(key, fact)

    def module_class_attribute(self, cls: ClassRef, name: str):
        """What the body of the module defining ``cls`` stored in its class attribute ``name``
        (``Base.query = db_session.query_property()``), or None."""
        state = self._module_state(cls.path)
        fact = dict.get(state.heap.objects, Holders.class_key(cls)) if state is not None else None
        return fact.field(name) if fact is not None else None

    def _module_state(self, path: str) -> State | None:
        self._fresh()
        dependencies = self.workspace.dependencies
        cached = self._module_states.get(path)
        if cached is not None:
            dependencies.note_all(cached[1])
            return cached[0]
        source = self.workspace.files.get(path)
        key = ("module state", path)
        if source is None or source.tree is None or key in self._in_progress or not self.is_relevant(path):
            return None
        self._in_progress.add(key)
        try:
            with dependencies.recording() as consulted:
                frame = Frame(path=path, code=source.tree, graph=self.graph(path, source.tree), context=("module",))
                result = run(self.evaluator, frame, State({}, Heap()))
        finally:
            self._in_progress.discard(key)
        state = result.exit
        self._module_states[path] = (state, frozenset(consulted))
        return state
