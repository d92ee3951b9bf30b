"""Expressions to abstract values: names, literals, operators, comprehensions and string formatting."""

from __future__ import annotations

import ast
import re
import string

from ..orm.sqla_api import validator_kind
from .describe import describe
from .frame import Frame, State, bind, element_of
from .values import UNKNOWN, Const, ExternalValue, Items, Many, join_values, join_all, map_members, members

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
        if expr is None:
            return UNKNOWN
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
        value = self.engine.global_value(frame.path, name)
        if isinstance(value, Many) and state.heap.objects:
            key = self.holders.container_key(frame.path, name)
            if key is not None:
                return self.holders.global_read(key, value, state)
        return value

    def _expr_Name(self, frame, expr: ast.Name, state):
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
        return self.value(frame, expr.value, state)

    def _expr_NamedExpr(self, frame, expr: ast.NamedExpr, state):
        value = self.value(frame, expr.value, state)
        bind(frame, expr.target, value, state)
        return value

    def _expr_Tuple(self, frame, expr: ast.Tuple, state):
        return Items(tuple(self.value(frame, e, state) for e in expr.elts))

    def _expr_List(self, frame, expr: ast.List, state):
        items = [self.value(frame, e, state) for e in expr.elts]
        return Many(join_all(items)) if items else Many(UNKNOWN)

    def _expr_Set(self, frame, expr: ast.Set, state):
        items = [self.value(frame, e, state) for e in expr.elts]
        for item, element in zip(items, expr.elts):
            self.implicit_call(frame, item, "__hash__", element, state)
        return Many(join_all(items), "set") if items else Many(UNKNOWN, "set")

    def _expr_Compare(self, frame, expr: ast.Compare, state):
        """``a == b`` runs ``a.__eq__(b)``; ``x in s`` hashes ``x`` when ``s`` is a set or a dict."""
        left = self.value(frame, expr.left, state)
        left_node = expr.left
        for op, comparator in zip(expr.ops, expr.comparators):
            right = self.value(frame, comparator, state)
            if isinstance(op, (ast.Eq, ast.NotEq)):
                self.implicit_call(frame, left, "__eq__", left_node, state, (right,))
            elif isinstance(op, (ast.In, ast.NotIn)) and any(
                    isinstance(m, Many) and m.kind in ("set", "dict") for m in members(right)):
                self.implicit_call(frame, left, "__hash__", left_node, state)
            left, left_node = right, comparator
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
        if isinstance(expr.slice, ast.Slice):
            return base if isinstance(base, Many) else UNKNOWN
        return map_members(base, element_of)

    def _expr_IfExp(self, frame, expr: ast.IfExp, state):
        self.value(frame, expr.test, state)
        return join_values(self.value(frame, expr.body, state), self.value(frame, expr.orelse, state))

    def _expr_BoolOp(self, frame, expr: ast.BoolOp, state):
        return join_all([self.value(frame, v, state) for v in expr.values])

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
        return UNKNOWN

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
        return Many(join_all(values), "dict") if values else Many(UNKNOWN, "dict")

    def _expr_Yield(self, frame, expr, state):
        value = self.value(frame, expr.value, state) if expr.value is not None else Const(None)
        if frame.reporting:
            frame.yields[frame.current] = (state.copy(), value)
        return UNKNOWN

    _expr_YieldFrom = _expr_Yield


def _formatting_dunder(conversion: str | None) -> str:
    """The method a formatting conversion runs: ``r`` is repr(), ``a`` is ascii(), which runs repr() too;
    ``s`` or none is str()."""
    return "__repr__" if conversion in ("r", "a") else "__str__"
