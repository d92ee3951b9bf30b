"""Correct versions of single/dataclass_replace.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

import dataclasses

from dataclass_replace import Team, _setup


def correct_replace_of_a_detached_model():
    Session = _setup()
    with Session() as session:
        team = session.get(Team, 1)
        copy = dataclasses.replace(team, id=2, name="hawks")
    print(copy.name)
