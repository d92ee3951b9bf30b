from app import create_app
from auth import audit_log


def scenario_ok_ping_after_commit_and_audit_in_teardown():
    # teardown_request runs before the app context's teardown removes db.session
    client = create_app().test_client()
    client.post("/login/root")
    print(client.post("/ping").json, audit_log)


def scenario_bad_cached_role_permissions_next_request():
    client = create_app().test_client()
    client.post("/login/root")
    client.get("/admin/name")
    client.get("/admin/permissions")


def scenario_ok_cached_role_name_next_request():
    client = create_app().test_client()
    client.post("/login/root")
    client.get("/admin/name")
    print(client.get("/admin/name").json)


def scenario_ok_cached_permission_codes_next_request():
    client = create_app().test_client()
    client.post("/login/root")
    client.get("/admin/codes")
    print(client.get("/admin/codes").json)
