from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload, sessionmaker


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    invoices: Mapped[list["Invoice"]] = relationship()


class Invoice(Base):
    __tablename__ = "invoices"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Customer(id=1, invoices=[Invoice(id=1)]))
        s.commit()
    return Session


def scenario_bad_prefetch_result_discarded_then_get():
    Session = _setup()
    with Session() as session:
        session.scalars(select(Customer).options(selectinload(Customer.invoices))).all()
        customer = session.get(Customer, 1)
    print(len(customer.invoices))  # expect: DetachedInstanceError


def scenario_ok_prefetch_result_kept_then_get():
    Session = _setup()
    with Session() as session:
        prefetched = session.scalars(select(Customer).options(selectinload(Customer.invoices))).all()
        customer = session.get(Customer, 1)
    print(len(customer.invoices), len(prefetched))
