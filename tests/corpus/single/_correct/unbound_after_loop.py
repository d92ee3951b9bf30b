"""Correct versions of single/unbound_after_loop.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from unbound_after_loop import _load_all, _setup


def correct_last_loop_instance_read_after_its_with_block():
    Session = _setup()
    for user in _load_all(Session):
        pass
    with Session() as session:
        session.add(user)
        print(user.name)
