"""The names a function body binds: a read of one that no assignment on the path bound ends the path."""

from __future__ import annotations

import ast
import textwrap

from sqlascope.analysis.interp.cfg import body_locals


def _locals(source: str) -> set[str]:
    function = ast.parse(textwrap.dedent(source)).body[0]
    return set(body_locals(function))


def test_every_binding_form_counts_and_parameters_do_not():
    found = _locals('''
        def f(a, *rest, b=1, **extra):
            x = 1
            y: int = 2
            z += 1
            for i, (j, k) in pairs:
                pass
            with open(p) as handle, lock:
                pass
            try:
                pass
            except ValueError as error:
                pass
            import os.path
            from json import dumps as encode
            def helper():
                inner = 1
            class Model:
                field = 1
            if (n := len(x)) > 1:
                pass
            [m for m in range(3) if (w := m)]
            match value:
                case [first, *others]:
                    pass
                case {"k": v, **remaining}:
                    pass
            del gone
    ''')
    assert found == {"x", "y", "z", "i", "j", "k", "handle", "error", "os", "encode", "helper", "Model", "n", "w",
                     "first", "others", "v", "remaining", "gone"}


def test_global_nonlocal_and_nested_scopes_are_not_this_functions():
    found = _locals('''
        def f():
            global counter
            counter = 1
            lambda q: q
            [c for c in range(3)]
            def g():
                nonlocal_name = 2
            return counter
    ''')
    assert found == {"g"}
