"""getattr() with a name the code computes: over a table's columns (the common to_dict()) or over a tuple of
names, each name is read in turn."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    price: Mapped[int] = mapped_column(default=0)

    def to_dict(self):
        return {c.name: getattr(self, c.name) for c in self.__table__.columns}  # expect: DetachedInstanceError


def _setup(expire_on_commit=True):
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine, expire_on_commit=expire_on_commit)
    with Session() as s:
        s.add(Product(id=1, title="kettle", price=30))
        s.commit()
    return Session


def _committed(Session):
    with Session() as session:
        product = session.get(Product, 1)
        session.commit()
    return product


def scenario_bad_to_dict_after_commit_and_close():
    print(_committed(_setup()).to_dict())


def scenario_ok_to_dict_while_open():
    Session = _setup()
    with Session() as session:
        product = session.get(Product, 1)
        session.commit()
        print(product.to_dict())


def scenario_ok_to_dict_without_expiry():
    print(_committed(_setup(expire_on_commit=False)).to_dict())


def scenario_bad_class_table_columns_after_close():
    product = _committed(_setup())
    print({c.key: getattr(product, c.key) for c in Product.__table__.c})  # expect: DetachedInstanceError


def scenario_bad_loop_over_names_after_close():
    product = _committed(_setup())
    for field in ("title", "price"):
        print(getattr(product, field))  # expect: DetachedInstanceError


def scenario_ok_loop_over_names_without_expiry():
    product = _committed(_setup(expire_on_commit=False))
    for field in ("title", "price"):
        print(getattr(product, field))
