from app import create_app


def scenario_bad_member_cached_across_requests_rendered_in_template():
    app = create_app()
    client = app.test_client()
    client.post("/login/1")
    print(client.get("/me").text)


def scenario_ok_requery_cached_id_each_request():
    app = create_app()
    client = app.test_client()
    client.post("/login/1")
    print(client.get("/me-by-id").text)


def scenario_ok_merge_cached_member_load_false():
    app = create_app()
    client = app.test_client()
    client.post("/login/1")
    print(client.get("/me-merged").text)


def scenario_ok_template_reads_relationship_inside_request():
    app = create_app()
    client = app.test_client()
    print(client.get("/profile/1").text)


def scenario_ok_template_after_commit_inside_request():
    app = create_app()
    client = app.test_client()
    print(client.post("/rename/1").text)


def scenario_bad_template_reads_relationship_of_member_from_short_session():
    app = create_app()
    client = app.test_client()
    print(client.get("/card/1").text)


def scenario_ok_template_after_selectinload_in_short_session():
    app = create_app()
    client = app.test_client()
    print(client.get("/card-eager/1").text)
