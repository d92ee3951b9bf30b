"""Expressions to abstract values: names, literals, operators, comprehensions and string formatting."""

from __future__ import annotations

import ast
import operator
import re
import string

from . import generators, unpacked_rows
from ..orm.sqla_api import validator_kind
from .describe import describe
from .frame import PATH_RAISED, STATEMENT_FAILS, Frame, State, bind, element_of, rebound_global
from .values import (UNKNOWN, Const, ExternalValue, Factory, Function, Generator, InstanceRef, Items, Many, ObjectRef, Pending,
                     Registry, SessionRef, is_none, join_all, join_values, map_members, members, referenced_names, truthy)

#: How a message names the loop a comprehension runs.
_COMPREHENSION_KINDS = {ast.ListComp: "list comprehension", ast.SetComp: "set comprehension",
                        ast.DictComp: "dict comprehension", ast.GeneratorExp: "generator expression"}



#: printf-style conversions of a ``%`` format string, in order.
_PERCENT_CONVERSION = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])")


class Expressions:
    """The evaluator's expression kinds (a mixin of ``Evaluator``); ``value`` dispatches on the node type."""

    # == expressions =====================================================================================
    def value(self, frame: Frame, expr: ast.expr | None, state: State, quiet: bool = False):
        """Evaluate ``expr`` for its value and its effects. ``quiet`` re-reads without effects or issues."""
        if expr is None or PATH_RAISED in state.env:  # the path raised: the rest of the statement never runs
            return UNKNOWN
        if expr.lineno > state.env.get(STATEMENT_FAILS, expr.lineno):
            return UNKNOWN  # a read on an earlier line of this statement raised: the parts on later lines never run
        if quiet:
            if isinstance(expr, ast.Name):
                return self.name(frame, expr.id, state)
            return UNKNOWN
        method = getattr(self, "_expr_" + type(expr).__name__, None)
        if method is None:
            for child in ast.iter_child_nodes(expr):
                if isinstance(child, ast.expr):
                    self.value(frame, child, state)
            return UNKNOWN
        return method(frame, expr, state)

    def name(self, frame: Frame, name: str, state: State):
        if name in state.env:
            return state.env[name]
        rebound = rebound_global(state, frame.path, name) if not isinstance(frame.code, ast.Module) else None
        if rebound is not None:
            return rebound
        value = self.engine.global_value(frame.path, name)
        if (value is UNKNOWN or _refers_to_heap(value)) and not isinstance(frame.code, ast.Module):
            # a name the module body computed (`projects = session.scalars(...).all()`): its value as the body left it
            bound = self.engine.module_binding(frame.path, name, state.heap)
            if bound is not None:
                return bound
        if any(isinstance(m, (Factory, Registry)) for m in members(value)) and not isinstance(frame.code, ast.Module):
            self.engine.module_factory_configs(frame.path, name, state.heap)
        if isinstance(value, Many):  # (not "and the heap holds objects": that reads every object, see orm/state.py)
            key = self.holders.container_key(frame.path, name)
            if key is not None:
                return self.holders.global_read(key, value, state)
        return value

    def _expr_Name(self, frame, expr: ast.Name, state):
        if expr.id not in state.env and frame.graph is not None and expr.id in frame.graph.body_locals:
            state.env[PATH_RAISED] = True  # UnboundLocalError: this path ends here
            return UNKNOWN
        value = self.name(frame, expr.id, state)
        if frame.probe is not None and frame.reporting:
            self.record_probe(frame, expr, value, state)
        return value

    def record_probe(self, frame: Frame, expr: ast.Name, value, state: State) -> None:
        text = describe(expr.id, value, state.heap)
        if text:
            location = self.location(frame, expr)
            key = (location.line, location.column, location.end_column)
            previous = frame.probe.get(key)
            frame.probe[key] = text if previous in (None, text) else f"{previous}\n\n(on another path) {text}"

    def _expr_Constant(self, frame, expr: ast.Constant, state):
        return Const(expr.value) if isinstance(expr.value, (str, bool, int, type(None))) else UNKNOWN

    def _expr_Await(self, frame, expr: ast.Await, state):
        value = self.value(frame, expr.value, state)
        for member in members(value):
            for awaited in (member.items if isinstance(member, Items) else (member,)):  # gather(...)'s results
                if isinstance(awaited, Pending):  # awaiting a future/task of handed-off work joins it
                    self.calls.join(self, frame, awaited, expr, state)
        return value

    def _expr_NamedExpr(self, frame, expr: ast.NamedExpr, state):
        value = self.value(frame, expr.value, state)
        bind(frame, expr.target, value, state)
        return value

    def _expr_Tuple(self, frame, expr: ast.Tuple, state):
        return Items(tuple(self.value(frame, e, state) for e in expr.elts))

    def _expr_List(self, frame, expr: ast.List, state):
        items = [self.value(frame, e, state) for e in expr.elts]
        return Many(join_all(items)) if items else Many(UNKNOWN, empty=True)

    def _expr_Set(self, frame, expr: ast.Set, state):
        items = [self.value(frame, e, state) for e in expr.elts]
        for item, element in zip(items, expr.elts):
            self.implicit_call(frame, item, "__hash__", element, state)
        return Many(join_all(items), "set") if items else Many(UNKNOWN, "set", empty=True)

    def _expr_Compare(self, frame, expr: ast.Compare, state):
        """``a == b`` runs ``a.__eq__(b)``; ``x in s`` hashes ``x`` when ``s`` is a set or a dict."""
        left = first = self.value(frame, expr.left, state)
        left_node = expr.left
        for op, comparator in zip(expr.ops, expr.comparators):
            right = self.value(frame, comparator, state)
            if isinstance(op, (ast.Eq, ast.NotEq)):
                self.implicit_call(frame, left, "__eq__", left_node, state, (right,))
            elif isinstance(op, (ast.In, ast.NotIn)) and any(
                    isinstance(m, Many) and m.kind in ("set", "dict") for m in members(right)):
                self.implicit_call(frame, left, "__hash__", left_node, state)
            elif isinstance(op, (ast.In, ast.NotIn)):  # a list/tuple compares its elements with `==`
                elements = [element_of(m) for m in members(right) if isinstance(m, (Many, Items))]
                if elements and not _only_itself(left, join_all(elements), state):
                    self.implicit_call(frame, left, "__eq__", left_node, state, (join_all(elements),))
            left, left_node = right, comparator
        if (len(expr.ops) == 1 and isinstance(expr.ops[0], (ast.Is, ast.IsNot))
                and isinstance(expr.comparators[0], ast.Constant) and expr.comparators[0].value is None):
            decided = is_none(self.value(frame, expr.left, state, quiet=True))
            if decided is not None:  # `owned = session is None` keeps what the test decides
                return Const(decided if isinstance(expr.ops[0], ast.Is) else not decided)
        if len(expr.ops) == 1:
            return _folded(expr.ops[0], first, left)  # `left` is the comparator's value by now
        return UNKNOWN

    def _expr_BinOp(self, frame, expr: ast.BinOp, state):
        """``"..." % value`` formats now: ``%s`` runs ``__str__``, ``%r`` runs ``__repr__``."""
        self.value(frame, expr.left, state)
        right = self.value(frame, expr.right, state)
        if isinstance(expr.op, ast.Mod) and isinstance(expr.left, ast.Constant) and isinstance(expr.left.value, str):
            conversions = [c for c in _PERCENT_CONVERSION.findall(expr.left.value) if c != "%"]
            values = list(right.items) if isinstance(right, Items) else [right]
            for conversion, value in zip(conversions, values):
                if conversion in "sra":
                    self.implicit_call(frame, value, _formatting_dunder(conversion), expr, state)
        return UNKNOWN

    def _str_format(self, frame, expr: ast.Call, args: list, kwargs: dict, state) -> None:
        """``"{}".format(value)`` runs ``__str__`` (``{!r}``: ``__repr__``) of each value it formats."""
        try:
            fields = list(string.Formatter().parse(expr.func.value.value))
        except ValueError:
            return
        auto = 0
        for _literal, field_name, _spec, conversion in fields:
            if field_name is None:
                continue
            head = field_name.split(".")[0].split("[")[0]
            if head == "":
                value, auto = (args[auto] if auto < len(args) else UNKNOWN), auto + 1
            elif head.isdigit():
                value = args[int(head)] if int(head) < len(args) else UNKNOWN
            else:
                value = kwargs.get(head, UNKNOWN)
            if head == field_name:  # "{0.name}" reads an attribute instead: not followed
                self.implicit_call(frame, value, _formatting_dunder(conversion), expr, state)

    def _expr_Starred(self, frame, expr: ast.Starred, state):
        return self.value(frame, expr.value, state)

    def _expr_Subscript(self, frame, expr: ast.Subscript, state):
        base = self.value(frame, expr.value, state)
        if isinstance(base, ExternalValue) and validator_kind(base.qualified) == "subscript":
            return self.frameworks.validator(frame.path, expr.slice)  # `RootModel[list[Schema]]`
        index = self.value(frame, expr.slice, state)
        if isinstance(base, Items) and isinstance(index, Const) and isinstance(index.value, int):
            if -len(base.items) <= index.value < len(base.items):
                return base.items[index.value]
        if isinstance(base, Items) and isinstance(index, Const) and index.value in base.names:
            return base.items[base.names.index(index.value)]  # `row._mapping["User"]`, `.mappings()` rows
        if isinstance(expr.slice, ast.Slice):
            return base if isinstance(base, Many) else UNKNOWN
        if isinstance(index, Const) and isinstance(index.value, int) and not isinstance(index.value, bool):
            row = unpacked_rows.row_at(state.heap, base, index.value)
            if row is not None:
                return row
        if isinstance(base, Many) and isinstance(index, Const) and base.entries:
            found = base.entry(index.value)
            return found if found is not None else UNKNOWN  # a key the literal lacks raises KeyError
        return map_members(base, element_of)

    def _expr_IfExp(self, frame, expr: ast.IfExp, state):
        self.value(frame, expr.test, state)
        return join_values(self.value(frame, expr.body, state), self.value(frame, expr.orelse, state))

    def _expr_BoolOp(self, frame, expr: ast.BoolOp, state):
        """``a or b`` short-circuits: an operand whose truth decides the result ends the evaluation (its right
        side never runs), and an operand that can only be passed over is not a possible result."""
        deciding = isinstance(expr.op, ast.Or)  # the truth that ends an `or`; `and` ends on False
        results = []
        for index, operand in enumerate(expr.values):
            value = self.value(frame, operand, state)
            truth = truthy(value)
            if truth is deciding or index == len(expr.values) - 1:
                results.append(value)
                break
            if truth is None:
                results.append(value)
        return join_all(results)

    def _expr_JoinedStr(self, frame, expr: ast.JoinedStr, state):
        for part in expr.values:
            if isinstance(part, ast.FormattedValue):
                value = self.value(frame, part.value, state)
                if part.format_spec is not None:
                    self.value(frame, part.format_spec, state)
                conversion = chr(part.conversion) if part.conversion > 0 else None  # -1: none given
                self.implicit_call(frame, value, _formatting_dunder(conversion), part, state)
        return UNKNOWN

    def _expr_Lambda(self, frame, expr: ast.Lambda, state):
        """A lambda is a function like a nested ``def`` (``lambda args: body`` runs ``return body``)."""
        closure = () if isinstance(frame.code, ast.Module) else tuple(sorted(
            ((k, v) for k, v in state.env.items() if k in referenced_names(expr)), key=lambda kv: kv[0]))
        return Function(frame.path, _lambda_function(expr), closure)

    def _comprehension(self, frame, expr, state, elements: list[ast.expr]):
        scope = State(dict(state.env), state.heap)
        pushed = 0
        try:
            for generator in expr.generators:
                iterable = self.iterable(frame, self.value(frame, generator.iter, scope), generator.iter, scope)
                element = element_of(iterable)
                bind(frame, generator.target, element, scope)
                loop = self.loop_over(frame, element, expr, _COMPREHENSION_KINDS[type(expr)], scope)
                if loop is not None:  # the rest of the comprehension runs once per row
                    frame.active.append(loop)
                    pushed += 1
                for condition in generator.ifs:
                    self.value(frame, condition, scope)
            results = [self.value(frame, e, scope) for e in elements]
        finally:
            del frame.active[len(frame.active) - pushed:]
        state.heap = scope.heap
        return results

    def _expr_ListComp(self, frame, expr, state):
        return Many(self._comprehension(frame, expr, state, [expr.elt])[0])

    _expr_GeneratorExp = _expr_ListComp

    def _expr_SetComp(self, frame, expr, state):
        element = self._comprehension(frame, expr, state, [expr.elt])[0]
        self.implicit_call(frame, element, "__hash__", expr.elt, state)
        return Many(element, "set")

    def _expr_DictComp(self, frame, expr, state):
        # a mapping is modelled by its values: `by_id[k]` and `.values()` give an element
        key, value = self._comprehension(frame, expr, state, [expr.key, expr.value])
        self.implicit_call(frame, key, "__hash__", expr.key, state)
        return Many(value, "dict")

    def _expr_Dict(self, frame, expr: ast.Dict, state):
        values = [self.value(frame, v, state) for v in expr.values]
        for key in expr.keys:
            if key is not None:
                self.implicit_call(frame, self.value(frame, key, state), "__hash__", key, state)
        if not values:
            return Many(UNKNOWN, "dict", empty=True)
        entries = ()
        if all(isinstance(k, ast.Constant) and isinstance(k.value, (str, int)) for k in expr.keys):
            entries = tuple(dict(zip((k.value for k in expr.keys), values)).items())  # a repeated key: the last
        return Many(join_all(values), "dict", entries=entries)

    def _expr_Yield(self, frame, expr, state):
        value = self.value(frame, expr.value, state) if expr.value is not None else Const(None)
        if frame.reporting:
            frame.yields[frame.current] = (state.copy(), value)
        return UNKNOWN

    def _expr_YieldFrom(self, frame, expr, state):
        """``yield from gen``: the inner generator's yields are this one's, made while it is suspended."""
        inner = self.value(frame, expr.value, state)
        if not any(isinstance(m, Generator) for m in members(inner)):
            elements = self.iterable(frame, inner, expr.value, state)  # a query's result gives its rows
            if frame.reporting:
                frame.yields[frame.current] = (state.copy(), element_of(elements))
            return UNKNOWN
        yielded, resumes = generators.start(self, frame, inner, expr, state)
        suspended = state.copy()
        suspended.env[generators.DELEGATED] = resumes  # finished first when this generator resumes
        frame.yields[frame.current] = (suspended, yielded)
        generators.finish(self, frame, resumes, expr, state)
        return UNKNOWN


def _formatting_dunder(conversion: str | None) -> str:
    """The method a formatting conversion runs: ``r`` is repr(), ``a`` is ascii(), which runs repr() too;
    ``s`` or none is str()."""
    return "__repr__" if conversion in ("r", "a") else "__str__"


def _lambda_function(expr: ast.Lambda) -> ast.FunctionDef:
    """The ``def`` a lambda stands for (memoised on the node, so its summaries and CFG are reused)."""
    function = getattr(expr, "_sqlascope_function", None)
    if function is None:
        body = ast.Return(value=expr.body)
        ast.copy_location(body, expr.body)
        function = ast.FunctionDef(name="<lambda>", args=expr.args, body=[body], decorator_list=[], returns=None,
                                   type_comment=None, type_params=[])
        ast.copy_location(function, expr)
        function.end_lineno, function.end_col_offset = expr.end_lineno, expr.end_col_offset
        expr._sqlascope_function = function  # type: ignore[attr-defined]
    return function


def _only_itself(left, elements, state: State) -> bool:
    """Does a list hold only the very object looked up in it (one row, not each of several)? ``in`` tests
    identity before ``==``, so the object's ``__eq__`` never runs (observed)."""
    if not isinstance(left, InstanceRef) or elements != left:
        return False
    fact = state.heap.instances.get(left.iid)
    return fact is not None and not (fact.origin is not None and fact.origin.many)


def _refers_to_heap(value, depth: int = 0) -> bool:
    """Does ``value`` name sessions, instances or objects (facts that live in a heap)?"""
    if depth > 3:
        return False
    for member in members(value):
        if isinstance(member, (InstanceRef, SessionRef, ObjectRef)):
            return True
        if isinstance(member, Many) and _refers_to_heap(member.element, depth + 1):
            return True
        if isinstance(member, Items) and any(_refers_to_heap(i, depth + 1) for i in member.items):
            return True
    return False


#: comparisons of two known constants, decided now (``mode != "fast"`` when ``mode`` holds "fast")
_FOLDED_COMPARISONS = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
                       ast.Gt: operator.gt, ast.GtE: operator.ge}
_FOLDABLE = (str, int, float, bool, type(None))


def _folded(op: ast.cmpop, left, right):
    """``Const(result)`` when both sides are constants (or unions of them) and every pairing gives one result."""
    compare = _FOLDED_COMPARISONS.get(type(op))
    sides = (members(left), members(right))
    if compare is None or not all(isinstance(m, Const) and isinstance(m.value, _FOLDABLE) for side in sides for m in side):
        return UNKNOWN
    try:
        results = {bool(compare(a.value, b.value)) for a in sides[0] for b in sides[1]}
    except TypeError:  # "a" < 1
        return UNKNOWN
    return Const(results.pop()) if len(results) == 1 else UNKNOWN
