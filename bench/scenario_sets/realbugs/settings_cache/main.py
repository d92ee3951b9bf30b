from db import SessionLocal, init_db
from settings_service import clear, get_setting, get_setting_value, load_setting, load_setting_value, record_visit


def handle_request(render_key):
    with SessionLocal() as session:
        setting = get_setting(session, "site_name")
        record_visit(session)
    return f"{setting.value} / {render_key}"  # expect: DetachedInstanceError


def scenario_bad_cached_setting_expired_by_commit_in_same_request():
    init_db()
    clear()
    print(handle_request("home"))


def scenario_ok_cache_plain_values():
    init_db()
    clear()
    with SessionLocal() as session:
        name = get_setting_value(session, "site_name")
        record_visit(session)
    print(name)


def scenario_ok_lru_cached_instance_loaded_column():
    init_db()
    clear()
    print(load_setting("currency").value, load_setting("currency").value)


def scenario_ok_merge_copy_commit_leaves_cached_instance_loaded():
    init_db()
    clear()
    currency = load_setting("currency")
    with SessionLocal() as session:
        session.merge(currency).value = "USD"
        session.commit()
    print(currency.value)


def scenario_bad_cached_instance_readded_and_committed():
    init_db()
    clear()
    currency = load_setting("currency")
    with SessionLocal() as session:
        session.add(currency)
        currency.value = "USD"
        session.commit()
    print(load_setting("currency").value)  # expect: DetachedInstanceError


def scenario_ok_lru_cache_of_value():
    init_db()
    clear()
    print(load_setting_value("currency"))
