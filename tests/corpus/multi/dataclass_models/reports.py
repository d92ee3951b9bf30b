import dataclasses


def describe(author):
    return f"author: {author}"  # expect: DetachedInstanceError


def export(author):
    return dataclasses.asdict(author)  # expect: DetachedInstanceError


def export_row(tag):
    return dataclasses.astuple(tag)  # expect: DetachedInstanceError


def is_known(author, known):
    return author in known  # expect: DetachedInstanceError
