from db import make_session_factory
from services import UserService
from uow import UnitOfWork


def scenario_bad_registered_user_read_after_uow_commit():
    service = UserService(make_session_factory())
    user = service.register("grace", "grace@example.com")
    print(f"registered {user.username}")  # expect: DetachedInstanceError


def scenario_ok_registered_user_with_expire_on_commit_off():
    service = UserService(make_session_factory(expire_on_commit=False))
    user = service.register("grace", "grace@example.com")
    print(f"registered {user.username}")


def scenario_bad_found_user_expired_by_uow_exit():
    service = UserService(make_session_factory())
    user = service.find("ada")
    print(user.email)  # expect: DetachedInstanceError


def scenario_ok_profile_built_inside_uow():
    service = UserService(make_session_factory())
    print(service.profile(1))


def scenario_bad_orders_lazy_loaded_after_uow():
    service = UserService(make_session_factory(expire_on_commit=False))
    user = service.find("ada")
    print(sum(o.total_cents for o in user.orders))  # expect: DetachedInstanceError


def scenario_ok_orders_eager_loaded_by_repository():
    service = UserService(make_session_factory(expire_on_commit=False))
    user = service.find_with_orders("ada")
    print(sum(o.total_cents for o in user.orders))


def scenario_bad_generic_list_then_relationship():
    factory = make_session_factory(expire_on_commit=False)
    with UnitOfWork(factory) as uow:
        orders = uow.orders.list()
    for order in orders:
        print(order.id, order.customer.username)  # expect: DetachedInstanceError


def scenario_ok_generic_list_used_inside_uow():
    factory = make_session_factory(expire_on_commit=False)
    with UnitOfWork(factory) as uow:
        orders = uow.orders.list()
        first = orders[0]
        print(first.id, first.customer.username)


def scenario_ok_server_default_fetched_by_returning():
    service = UserService(make_session_factory(expire_on_commit=False))
    user = service.register("linus", "linus@example.com")
    print(user.created_at is not None)


def scenario_ok_client_side_column_after_commit_off():
    service = UserService(make_session_factory(expire_on_commit=False))
    user = service.register("linus", "linus@example.com")
    print(user.email)
