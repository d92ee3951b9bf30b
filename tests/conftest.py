import sys
from pathlib import Path

_TESTS = Path(__file__).resolve().parent
_SERVER = _TESTS.parent / "server"

for _p in (str(_SERVER), str(_TESTS)):
    if _p not in sys.path:
        sys.path.insert(0, _p)
