from db import make_factory
from services import ProfileService


def scenario_ok_cached_member_column_after_close():
    service = ProfileService(make_factory(), 1)
    print(service.display_name)


def scenario_bad_cached_member_relationship_after_close():
    service = ProfileService(make_factory(), 1)
    print(service.theme)


def scenario_bad_savepoint_rollback_expires_skipped_member():
    service = ProfileService(make_factory(expire_on_commit=False), 1)
    applied, skipped = service.rename_all([(1, "bo"), (2, "bob")])
    print([m.handle for m in skipped])  # expect: DetachedInstanceError


def scenario_ok_applied_members_outlive_uow():
    service = ProfileService(make_factory(expire_on_commit=False), 1)
    applied, skipped = service.rename_all([(1, "bo"), (2, "bob")])
    print([m.handle for m in applied])


def scenario_ok_draft_member_rolled_back_is_transient():
    service = ProfileService(make_factory(), 1)
    member = service.draft_member("cy")
    print(member.handle, member.bio)


def scenario_bad_modified_member_expired_by_exit_rollback():
    service = ProfileService(make_factory(), 1)
    member = service.load_without_commit(2)
    print(member.bio)  # expect: DetachedInstanceError
