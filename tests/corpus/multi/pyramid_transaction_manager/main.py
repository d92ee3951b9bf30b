from webob import Request

from app import make_app
from tasks import (
    bootstrap_request,
    celery,
    count_users,
    latest_username,
    latest_username_read_inside,
    username_of,
    username_of_read_inside,
)


def _get(app, path):
    return Request.blank(path).get_response(app).text


def scenario_bad_request_tm_commit_then_read():
    print(_get(make_app(), "/rename_then_report"))


def scenario_ok_read_before_request_tm_commit():
    print(_get(make_app(), "/rename_report_first"))


def scenario_bad_transaction_commit_then_lazy():
    print(_get(make_app(), "/activate_then_list_groups"))


def scenario_ok_transaction_abort_then_column():
    print(_get(make_app(), "/preview_username"))


def scenario_bad_transaction_abort_then_lazy():
    print(_get(make_app(), "/preview_memberships"))


def scenario_ok_requery_after_commit():
    print(_get(make_app(), "/requery_after_commit"))


def scenario_bad_worker_request_with_tm_then_read():
    request = bootstrap_request(make_app())
    print(username_of(request, 1))


def scenario_ok_worker_request_read_inside_tm():
    request = bootstrap_request(make_app())
    print(username_of_read_inside(request, 1))


def scenario_bad_with_transaction_manager_then_read():
    print(count_users())


def scenario_bad_celery_task_own_tm_then_read():
    celery.request = bootstrap_request(make_app())
    print(latest_username.delay(1).get())


def scenario_ok_celery_task_reads_inside_own_tm():
    celery.request = bootstrap_request(make_app())
    print(latest_username_read_inside.delay(1).get())


def scenario_bad_service_instance_read_after_tm_commit():
    print(_get(make_app(), "/service_user_groups_after_commit"))


def scenario_ok_service_instance_read_before_tm_commit():
    print(_get(make_app(), "/service_user_name_before_commit"))


def scenario_ok_service_shares_the_request_session():
    print(_get(make_app(), "/service_reloads_a_request_instance"))
