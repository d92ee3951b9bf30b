"""Correct versions of single/dynamic_attribute_reads.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from dynamic_attribute_reads import Product, _setup


def _committed_loaded(Session):
    with Session() as session:
        product = session.get(Product, 1)
        session.commit()
        session.refresh(product)
    return product


def correct_to_dict_after_commit_and_close():
    print(_committed_loaded(_setup()).to_dict())


def correct_class_table_columns_after_close():
    product = _committed_loaded(_setup())
    print({c.key: getattr(product, c.key) for c in Product.__table__.c})


def correct_loop_over_names_after_close():
    product = _committed_loaded(_setup())
    for field in ("title", "price"):
        print(getattr(product, field))
