"""Correct versions of single/global_rebinds.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from global_rebinds import featured_author, forget_featured, setup
import global_rebinds
from sqlalchemy.orm import Session


def correct_second_call_gets_the_first_sessions_instance():
    setup()
    with Session(global_rebinds._engine) as session:
        print(featured_author(session).name)
    forget_featured()
    with Session(global_rebinds._engine) as session:
        print([b.title for b in featured_author(session).books])
