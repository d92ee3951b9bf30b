"""Correct versions of multi/imperative_mapping's bad scenarios (tests/corpus/README.md, "Correct versions")."""

import meta
from domain import Package, Resource
from repo import init_model, repo


def correct_lazy_relationship_after_commit_and_remove():
    init_model()
    resource = Resource.get("r1")
    resource.name = "report-2024.csv"
    package_name = resource.package.name
    repo.commit_and_remove()
    print(package_name)


def correct_backref_collection_after_remove():
    init_model()
    package = Package.by_name("annual-report")
    count = len(package.resources_all)
    repo.commit_and_remove()
    print(count)


def correct_deferred_property_after_remove():
    init_model()
    package = meta.Session.get(Package, "p1")
    notes = package.notes
    meta.Session.remove()
    print(notes)


def correct_method_reading_relationship_after_remove():
    init_model()
    resource = meta.Session.query(Resource).get("r1")
    description = resource.describe()
    meta.Session.remove()
    print(description)


def correct_expire_all_then_commit_and_remove():
    init_model()
    package = Package.by_name("annual-report")
    meta.Session.expire_all()
    name = package.name
    repo.commit_and_remove()
    print(name)
