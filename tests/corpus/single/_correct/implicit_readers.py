"""Correct versions of single/implicit_readers.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from implicit_readers import Address, User, _setup


def correct_fstring_repr():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        print(f"loaded {user!r}")


def correct_repr_call():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        text = repr(user)
    print(text)


def correct_str_falls_back_to_repr():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        print(user)


def correct_property_reads_relationship():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        print(user.primary_email)


def correct_column_only_repr_after_commit():
    Session = _setup()
    with Session() as s:
        address = s.get(Address, 1)
        s.commit()
        text = repr(address)
    print(text)


def correct_getattr_with_default():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        addresses = list(user.addresses)
    print(addresses)


def correct_hasattr_relationship():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        if user.addresses is not None:
            print("has addresses")
