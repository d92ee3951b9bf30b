from app import create_app


def scenario_bad_closed_before_serializing():
    print(create_app().test_client().get("/released/1").status_code)


def scenario_ok_closed_after_serializing():
    print(create_app().test_client().get("/released-late/1").json)


def scenario_bad_closed_through_g_get():
    print(create_app().test_client().get("/closed-through-get/1").status_code)


def scenario_ok_session_found_through_g_get():
    print(create_app().test_client().get("/open-through-get/1").json)
