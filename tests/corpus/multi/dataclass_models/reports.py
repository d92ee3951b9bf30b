import dataclasses


def describe(author):
    return f"author: {author}"  # expect: DetachedInstanceError  # known-gap: MappedAsDataclass generated __repr__/__eq__ and dataclasses.asdict/astuple are not modelled as readers


def export(author):
    return dataclasses.asdict(author)  # expect: DetachedInstanceError  # known-gap: MappedAsDataclass generated __repr__/__eq__ and dataclasses.asdict/astuple are not modelled as readers


def export_row(tag):
    return dataclasses.astuple(tag)  # expect: DetachedInstanceError  # known-gap: MappedAsDataclass generated __repr__/__eq__ and dataclasses.asdict/astuple are not modelled as readers


def is_known(author, known):
    return author in known  # expect: DetachedInstanceError  # known-gap: MappedAsDataclass generated __repr__/__eq__ and dataclasses.asdict/astuple are not modelled as readers
