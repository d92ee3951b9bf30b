"""Values read from declarations, for when value flow gives nothing: an analysis root's parameters (``self``
included), and what a project function whose body gives no known value returns.

A parameter annotated ``Session`` / ``AsyncSession`` is an open session of unknown origin. One annotated with a
plain project class is an instance of that class as its ``__init__`` leaves it when called with declared
arguments (``def __init__(self, db: ExtendedAsyncSAEngine)``: ``self._db`` is such an engine, whose own
``__init__`` made its session factories). That is how services reach their sessions through objects that nothing
in the checked code constructs: the framework, a dependency-injection container or a registry builds them.
Anything else stays unknown. Mapped classes are not made up this way: an instance of unknown state would
report what cannot be known.
"""

from __future__ import annotations

import ast

from ..index.workspace import Definition, External
from ..orm.sqla_api import Construct, construct_of, is_async_name
from .frame import Frame, State
from .values import UNKNOWN, ClassRef, Factory, Function, ObjectFact, ObjectRef

#: How many declared objects deep a made-up instance's constructor arguments are made up in turn.
MAX_DECLARED_DEPTH = 2
#: The call depth a made-up instance's ``__init__`` runs at: it runs, and what it calls runs one level deep.
DECLARED_CONSTRUCTOR_DEPTH = 4
#: Annotation wrappers whose first argument is the declared type. (``Annotated[...]`` carries a framework's
#: dependency: interp/frameworks.py reads it.)
_WRAPPERS = {"Optional", "Final", "ClassVar"}


class Declarations:
    def __init__(self, engine) -> None:
        self.engine = engine

    def value(self, ev, frame: Frame, path: str, annotation: ast.expr | None, node: ast.AST, state: State,
              label: str, depth: int = 0, sessions: bool = True):
        """What a value declared with ``annotation`` (in module ``path``) holds, as far as the declaration says.
        ``sessions=False``: a declared session stays unknown (a function whose body gives an unknown session may
        return a shared one, and a new one per call would tell sessions apart that are one)."""
        annotation = _declared_type(annotation)
        if annotation is None:
            return UNKNOWN
        symbol = self.engine.workspace.resolve_expression(path, annotation)
        if not sessions and isinstance(symbol, External):
            return UNKNOWN
        if isinstance(symbol, External) and construct_of(symbol.qualified) is Construct.SESSION:
            factory = Factory(is_async_name(symbol.qualified), False, label)
            return ev.calls.new_session(ev, frame, factory, node, state)
        if isinstance(symbol, Definition) and isinstance(symbol.node, ast.ClassDef) and depth < MAX_DECLARED_DEPTH:
            cls = self.engine.symbol_value(symbol)
            if isinstance(cls, ClassRef) and cls.mapped is None:
                return self.instance(ev, frame, cls, node, state, depth)
        return UNKNOWN

    def instance(self, ev, frame: Frame, cls: ClassRef, node: ast.AST, state: State, depth: int = 0) -> ObjectRef:
        """An instance of ``cls`` as its ``__init__`` leaves it, called with the values its parameters declare.
        What the constructor reports is not the root's to report: the constructor is analysed as its own root."""
        oid = frame.alloc(node, f"declared-{depth}")
        ref = ObjectRef(oid)
        if oid in state.heap.objects:
            return ref
        state.heap.objects[oid] = ObjectFact(cls)
        init = self.engine.class_member(cls, "__init__")
        if not isinstance(init, Function):
            return ref
        kwargs = {}
        for param in [*init.node.args.args[1:], *init.node.args.kwonlyargs]:
            value = self.value(ev, frame, init.path, param.annotation, param, state, param.arg, depth + 1)
            if value is not UNKNOWN:
                kwargs[param.arg] = value
        saved_depth, reported = frame.depth, len(frame.issues)
        frame.depth = max(saved_depth, DECLARED_CONSTRUCTOR_DEPTH)
        try:
            self.engine.call(ev, frame, init, [ref], kwargs, node, state)
        finally:
            frame.depth = saved_depth
            del frame.issues[reported:]
        return ref


def _declared_type(annotation: ast.expr | None) -> ast.expr | None:
    """The type an annotation declares: ``Optional[X]``, ``X | None`` and ``"X"`` give X."""
    for _ in range(4):
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            try:
                annotation = ast.parse(annotation.value, mode="eval").body
            except SyntaxError:
                return None
        elif isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
            left, right = annotation.left, annotation.right
            annotation = right if isinstance(left, ast.Constant) and left.value is None else left
        elif isinstance(annotation, ast.Subscript) and _head(annotation.value) in _WRAPPERS:
            inner = annotation.slice
            annotation = inner.elts[0] if isinstance(inner, ast.Tuple) and inner.elts else inner
        else:
            break
    return annotation if isinstance(annotation, (ast.Name, ast.Attribute)) else None


def _head(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
