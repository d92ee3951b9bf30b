import transaction
from pyramid.response import Response

from models import User


def rename_then_report(request):
    user = request.db.query(User).filter_by(username="ada").first()
    user.username = "ada.l"
    request.tm.commit()
    return Response(user.username)  # expect: DetachedInstanceError


def rename_report_first(request):
    user = request.db.query(User).filter_by(username="ada").first()
    user.username = "ada.l"
    username = user.username
    request.tm.commit()
    return Response(username)


def activate_then_list_groups(request):
    user = request.db.get(User, 1)
    transaction.commit()
    return Response(",".join(m.group.name for m in user.memberships))  # expect: DetachedInstanceError


def preview_username(request):
    user = request.db.get(User, 1)
    transaction.abort()
    return Response(user.username)


def preview_memberships(request):
    user = request.db.get(User, 1)
    transaction.abort()
    return Response(str(len(user.memberships)))  # expect: DetachedInstanceError


def requery_after_commit(request):
    request.tm.commit()
    request.tm.begin()
    user = request.db.get(User, 1)
    return Response(user.username)


def service_user_groups_after_commit(request):
    user = request.find_service(name="user").fetch("ada")
    request.tm.commit()
    return Response(str(len(user.memberships)))  # expect: DetachedInstanceError


def service_user_name_before_commit(request):
    user = request.find_service(name="user").fetch("ada")
    username = user.username
    request.tm.commit()
    return Response(username)


def service_reloads_a_request_instance(request):
    user = request.db.get(User, 1)
    return Response(request.find_service(name="user_write").reload_name(user))
