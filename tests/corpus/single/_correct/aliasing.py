"""Correct versions of single/aliasing.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select

from aliasing import Address, User, _setup


def correct_simple_alias():
    Session = _setup()
    with Session() as session:
        u = session.get(User, 1)
        v = u
        print(v.addresses)


def correct_tuple_unpacking():
    Session = _setup()
    with Session() as session:
        u, a = session.get(User, 1), session.get(Address, 1)
        print(u.name)
        print(a.user)


def correct_for_loop_after_close():
    Session = _setup()
    with Session() as session:
        users = session.scalars(select(User)).all()
        for u in users:
            print(u.name, len(u.addresses))


def correct_list_comprehension():
    Session = _setup()
    with Session() as session:
        users = session.scalars(select(User)).all()
        counts = [len(u.addresses) for u in users]
    print(counts)


def correct_index_after_commit():
    Session = _setup()
    with Session() as session:
        users = session.scalars(select(User)).all()
        session.commit()
        name = users[0].name
    print(name)


def correct_list_call_then_relationship():
    Session = _setup()
    with Session() as session:
        users = list(session.scalars(select(User)))
        first = users[0]
        print(first.addresses)


def correct_dict_of_instances():
    Session = _setup()
    with Session() as session:
        by_id = {u.id: u for u in session.scalars(select(User))}
        print(by_id[1].addresses)
