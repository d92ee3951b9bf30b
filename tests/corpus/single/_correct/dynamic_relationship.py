"""Correct versions of single/dynamic_relationship.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from dynamic_relationship import User, _setup


def correct_dynamic_parent_column_after_commit():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        s.commit()
        name = user.name
    print(name)
