from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Invoice, InvoiceItem

SessionLocal = sessionmaker()


class SessionScope:
    """`with SessionScope() as session:` commits on success (unless commit=False), rolls back on error, closes."""

    def __init__(self, commit=True):
        self.commit = commit
        self.session = None

    def __enter__(self):
        self.session = SessionLocal()
        return self.session

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None and self.commit:
            self.session.commit()
        elif exc_type is not None:
            self.session.rollback()
        self.session.close()
        return False


class UnitOfWork:
    """`with UnitOfWork() as uow:` exposes `uow.session`; commits and closes on exit."""

    def __enter__(self):
        self.session = SessionLocal()
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.session.commit()
        finally:
            self.session.close()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionScope() as session:
        session.add(Invoice(id=1, number="INV-001", items=[InvoiceItem(description="hosting", amount_cents=1200)]))
