from db import ExpiringSession, KeepingSession, engine
from models import Base, Invoice

LocalSession = KeepingSession


def _setup():
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with ExpiringSession.begin() as session:
        session.add(Invoice(id=1, total=10))


def scenario_ok_factory_configured_at_import_keeps_columns():
    _setup()
    with KeepingSession.begin() as session:
        invoice = session.get(Invoice, 1)
    print(invoice.total)


def scenario_bad_factory_reconfigured_at_import_expires():
    _setup()
    with ExpiringSession() as session:
        invoice = session.get(Invoice, 1)
        session.commit()
    print(invoice.total)  # expect: DetachedInstanceError


def scenario_ok_alias_of_configured_factory_keeps_columns():
    _setup()
    with LocalSession() as session:
        invoice = session.get(Invoice, 1)
        session.commit()
    print(invoice.total)



# The module body itself uses the factory as the module it imports it from configured it.
Base.metadata.create_all(engine)
with KeepingSession.begin() as _session:
    _kept = Invoice(id=99, total=5)
    _session.add(_kept)
print(_kept.total)
