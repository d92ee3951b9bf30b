"""``# noqa`` and ``# noqa: SQS101,SQS102`` comments, the way flake8 and ruff read them."""

from __future__ import annotations

import re

_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)


def suppressed(line_text: str, code: str) -> bool:
    match = _NOQA.search(line_text)
    if match is None:
        return False
    codes = match.group("codes")
    if not codes:
        return True
    return code.upper() in {c.upper() for c in re.split(r"[\s,]+", codes) if c}
