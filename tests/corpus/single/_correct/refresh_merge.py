"""Correct versions of single/refresh_merge.py's bad scenarios (see tests/corpus/README.md, "Correct versions").

``scenario_bad_refresh_after_close_same_session`` prints and returns nothing, so it has no correct version.
"""

from refresh_merge import User, _setup

NOTHING_TO_COMPARE = {"scenario_bad_refresh_after_close_same_session": "it only refreshes; nothing is printed or returned"}


def correct_refresh_in_other_session():
    Session = _setup()
    with Session() as s:
        u = s.get(User, 1)
    s2 = Session()
    u = s2.merge(u)
    s2.refresh(u)
    print(u.name)


def correct_merge_result_ignored():
    Session = _setup()
    with Session() as s:
        u = s.get(User, 1)
    s2 = Session()
    u = s2.merge(u)
    print(len(u.addresses))
