from db import init_db, load, load_committed
from models import Shipment, Sku
from reports import describe, headline, log_eagerly, log_lazily


def scenario_bad_set_membership_hashes_expired_instance():
    init_db()
    sku = load_committed(Sku, 1)
    print(sku in {"A-1"})


def scenario_ok_set_membership_hashes_loaded_instance():
    init_db()
    sku = load(Sku, 1)
    seen = {sku}
    print(load(Sku, 2) in seen)


def scenario_bad_dict_key_hashes_expired_instance():
    init_db()
    sku = load_committed(Sku, 2)
    stock = {}
    stock[sku] = 12
    print(stock)


def scenario_bad_equality_reads_expired_column():
    init_db()
    first = load_committed(Sku, 1)
    print(first == load(Sku, 1))


def scenario_ok_equality_on_loaded_instances():
    init_db()
    print(load(Sku, 1) == load(Sku, 2))


def scenario_bad_str_format_runs_str_reading_relationship():
    init_db()
    shipment = load(Shipment, 1)
    print(describe(shipment))


def scenario_bad_fstring_runs_str_reading_relationship():
    init_db()
    print(headline(load(Shipment, 1)))


def scenario_bad_percent_format_runs_str_before_logging():
    init_db()
    log_eagerly(load(Shipment, 1))


def scenario_ok_logging_arguments_are_formatted_by_logging():
    init_db()
    log_lazily(load(Shipment, 1))


def scenario_ok_fstring_of_loaded_columns():
    init_db()
    shipment = load(Shipment, 1)
    print(f"{shipment.carrier} #{shipment.id}")


def scenario_ok_fstring_ascii_conversion_runs_repr_not_str():
    init_db()
    shipment = load(Shipment, 1)
    print(f"{shipment!a}")  # ascii(): object.__repr__, which reads nothing
