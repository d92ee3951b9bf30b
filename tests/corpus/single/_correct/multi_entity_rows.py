"""Correct versions of single/multi_entity_rows.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from multi_entity_rows import Address, User, _setup
from sqlalchemy import select
from sqlalchemy.orm import selectinload


def correct_scalar_one_then_commit():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).where(User.id == 1)).one()
        session.commit()
        print(user.name)


def correct_one_or_none_relationship():
    Session = _setup()
    with Session() as session:
        user = session.execute(
            select(User).where(User.id == 1).options(selectinload(User.addresses))
        ).scalar_one_or_none()
    if user is not None:
        print(user.addresses)


def correct_for_loop_unpacks_second_entity_relationship():
    Session = _setup()
    with Session() as session:
        for user, address in session.execute(select(User, Address).join(User.addresses)).all():
            print(user.name)
            print(address.user)


def correct_row_attribute_by_entity_name():
    Session = _setup()
    with Session() as session:
        row = session.execute(select(User, Address).join(User.addresses)).all()[0]
        print(row.User.addresses)


def correct_row_index():
    Session = _setup()
    with Session() as session:
        row = session.execute(select(User, Address).join(User.addresses)).all()[0]
        print(row[1].user)


def correct_tuples_unpacked_relationship():
    Session = _setup()
    with Session() as session:
        result = session.execute(select(Address, User).join(Address.user)).tuples().all()
        for address, user in result:
            print(address.email, user.addresses)
