"""Correct versions of single/none_results.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from none_results import User, _setup


def correct_early_return_on_none_row_exists():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        if user is None:
            return
        print(user.addresses)
