"""What an edit costs besides analysis: a replaced syntax tree is freed when it is replaced (not by a later
garbage collection), and closing a document whose text the workspace has seen before parses nothing."""

from __future__ import annotations

import ast
import gc
from pathlib import Path

from sqlascope.analysis.engine.core import Engine
from sqlascope.analysis.index.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "examples" / "shop" / "services.py").read_text()


def test_closing_an_edited_document_reuses_the_file_read_from_disk(tmp_path: Path):
    path = tmp_path / "app.py"
    path.write_text(TEXT)
    workspace = Workspace()
    on_disk = workspace.add_file(str(path))
    edited = workspace.add_file(str(path), TEXT + "\nprint(x)\n")
    assert edited is not on_disk
    assert workspace.add_file(str(path)) is on_disk  # the editor's text is gone: the disk version, not parsed again
    workspace.add_file(str(path), TEXT + "\nprint(x)\n")
    assert workspace.add_file(str(path), TEXT) is on_disk  # undo back to the saved text


def test_edits_leave_no_cyclic_garbage():
    """Replaced syntax trees must be freed when they are replaced: a cycle (a control-flow graph, a recursive
    closure) holding one kept it until the next collection, and those were 10-70 ms pauses while typing."""
    shop = ROOT / "examples" / "shop"
    workspace = Workspace()
    for path in sorted(shop.glob("*.py")):
        workspace.add_file(str(path))
    target = str(shop / "services.py")
    engine = Engine(workspace)
    assert engine.analyze_file(target), "the example has findings: its functions are analysed"
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for round_ in range(4):
            for edited in ("\n" + TEXT, TEXT + f"\n# {round_}\n", TEXT.replace("def ", "def  ", 1)):
                workspace.add_file(target, edited)
                engine.analyze_file(target)
        gc.collect()
        kept = [o for o in gc.garbage if isinstance(o, ast.AST)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert kept == [], f"{len(kept)} syntax nodes were only freed by the cycle collector"
