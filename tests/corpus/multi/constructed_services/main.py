import importlib

from models import init_db

#: the application builds its services from configuration, as plugin systems do
SERVICE_FACTORIES = {"activator": "factories:account_activator_factory"}


def service(name):
    module, _, factory = SERVICE_FACTORIES[name].partition(":")
    return getattr(importlib.import_module(module), factory)()


def scenario_bad_read_after_commit_and_remove():
    init_db()
    print(service("activator").activate_account(1))


def scenario_ok_read_before_remove():
    init_db()
    print(service("activator").activate_and_report(1))
