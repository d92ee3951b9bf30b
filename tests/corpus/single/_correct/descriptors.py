"""Correct versions of single/descriptors.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from descriptors import User, UserView, _setup
from sqlalchemy.orm import selectinload


def correct_property_on_view_after_close():
    Session = _setup()
    with Session() as session:
        view = UserView(session.get(User, 1, options=[selectinload(User.addresses)]))
    print(view.emails)
