from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]

    def to_dict(self):
        return {c.name: getattr(self, c.name) for c in self.__table__.columns}  # expect: DetachedInstanceError


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Product(id=1, title="kettle"))
        s.commit()
    return Session


def _committed(Session):
    with Session() as session:
        product = session.get(Product, 1)
        session.commit()
    return product


def scenario_bad_to_dict_columns_after_commit():
    product = _committed(_setup())
    print(product.to_dict())


def scenario_bad_getattr_loop_over_names():
    product = _committed(_setup())
    for field in ("id", "title"):
        print(getattr(product, field))  # expect: DetachedInstanceError


def scenario_ok_to_dict_inside_session():
    Session = _setup()
    with Session() as session:
        product = session.get(Product, 1)
        session.commit()
        data = product.to_dict()
    print(data)
