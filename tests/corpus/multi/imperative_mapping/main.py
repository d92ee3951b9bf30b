import meta
from domain import Package, Resource
from repo import init_model, repo


def scenario_bad_lazy_relationship_after_commit_and_remove():
    init_model()
    resource = Resource.get("r1")
    resource.name = "report-2024.csv"
    repo.commit_and_remove()
    print(resource.package.name)  # expect: DetachedInstanceError


def scenario_ok_column_after_commit_and_remove():
    init_model()
    resource = Resource.get("r1")
    resource.name = "report-2024.csv"
    repo.commit_and_remove()
    print(resource.name)


def scenario_bad_backref_collection_after_remove():
    init_model()
    package = Package.by_name("annual-report")
    repo.commit_and_remove()
    print(len(package.resources_all))  # expect: DetachedInstanceError


def scenario_ok_backref_collection_before_remove():
    init_model()
    package = Package.by_name("annual-report")
    count = len(package.resources_all)
    repo.commit_and_remove()
    print(count)


def scenario_bad_deferred_property_after_remove():
    init_model()
    package = meta.Session.get(Package, "p1")
    meta.Session.remove()
    print(package.notes)  # expect: DetachedInstanceError


def scenario_bad_method_reading_relationship_after_remove():
    init_model()
    resource = meta.Session.query(Resource).get("r1")
    meta.Session.remove()
    print(resource.describe())


def scenario_bad_expire_all_then_commit_and_remove():
    init_model()
    package = Package.by_name("annual-report")
    meta.Session.expire_all()
    repo.commit_and_remove()
    print(package.name)  # expect: DetachedInstanceError


def scenario_ok_rollback_then_read_open():
    init_model()
    package = Package.by_name("annual-report")
    meta.Session.rollback()
    print(package.name)
    meta.Session.remove()
