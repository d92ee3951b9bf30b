from db import ReportSession, SessionLocal
from models import Customer
from startup import init_db, restore_expiry


def scenario_ok_configured_factory_keeps_columns_after_commit():
    init_db()
    session = SessionLocal()
    customer = session.get(Customer, 1)
    session.commit()
    session.close()
    print(customer.name)


def scenario_bad_configured_factory_lazy_relationship_after_close():
    init_db()
    session = SessionLocal()
    customer = session.get(Customer, 1)
    session.commit()
    session.close()
    print(customer.orders)  # expect: DetachedInstanceError


def scenario_bad_factory_configured_without_option_expires():
    init_db()
    session = ReportSession()
    customer = session.get(Customer, 1)
    session.commit()
    session.close()
    print(customer.name)  # expect: DetachedInstanceError


def scenario_ok_configured_factory_with_block_commit():
    init_db()
    with SessionLocal() as session:
        customer = session.get(Customer, 1)
        customer.name = "ada lovelace"
        session.commit()
    print(customer.name)


def scenario_bad_reconfigured_factory_expires_again():
    init_db()
    restore_expiry()
    with SessionLocal() as session:
        customer = session.get(Customer, 1)
        session.commit()
    print(customer.name)  # expect: DetachedInstanceError


def scenario_bad_configured_factory_rollback_still_expires():
    init_db()
    with SessionLocal() as session:
        customer = session.get(Customer, 1)
        session.rollback()
    print(customer.name)  # expect: DetachedInstanceError
