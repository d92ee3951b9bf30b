from db import make_factory
from repositories import CachedCustomerRepository, CustomerRepository


def _load_in_first_session(factory):
    with factory() as session:
        return CustomerRepository(session).get(1)


def scenario_bad_refresh_customer_from_closed_session():
    factory = make_factory()
    customer = _load_in_first_session(factory)
    with factory() as session:
        repo = CustomerRepository(session)
        repo.refresh(customer)


def scenario_ok_attach_then_refresh():
    factory = make_factory()
    customer = _load_in_first_session(factory)
    with factory() as session:
        repo = CustomerRepository(session)
        repo.refresh(repo.attach(customer))
        print(customer.name)


def scenario_bad_refresh_original_after_merge():
    factory = make_factory()
    customer = _load_in_first_session(factory)
    with factory() as session:
        repo = CustomerRepository(session)
        merged = repo.merge(customer)
        repo.refresh(customer)
        print(merged.name)


def scenario_ok_refresh_merged_copy():
    factory = make_factory()
    customer = _load_in_first_session(factory)
    with factory() as session:
        repo = CustomerRepository(session)
        merged = repo.merge(customer)
        repo.refresh(merged)
        print(merged.name)


def scenario_ok_lazy_load_after_reattach():
    factory = make_factory()
    customer = _load_in_first_session(factory)
    with factory() as session:
        CustomerRepository(session).attach(customer)
        print(sum(i.amount for i in customer.invoices))


def scenario_bad_lazy_load_on_original_after_merge():
    factory = make_factory()
    customer = _load_in_first_session(factory)
    with factory() as session:
        CustomerRepository(session).merge(customer)
        print(sum(i.amount for i in customer.invoices))  # expect: DetachedInstanceError


def scenario_bad_cached_customer_from_earlier_session():
    factory = make_factory()
    with factory() as session:
        CachedCustomerRepository(session).get(1)
    with factory() as session:
        customer = CachedCustomerRepository(session).get(1)
        print(len(customer.invoices))  # expect: DetachedInstanceError


def scenario_ok_cached_customer_column_from_earlier_session():
    factory = make_factory()
    with factory() as session:
        CachedCustomerRepository(session).get(1)
    with factory() as session:
        customer = CachedCustomerRepository(session).get(1)
        print(customer.name)
