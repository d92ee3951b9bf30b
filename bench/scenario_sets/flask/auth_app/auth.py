import functools

from flask import Blueprint, abort, g, jsonify, request, session

from extensions import db
from models import Role, User

bp = Blueprint("auth", __name__)

audit_log = []


@functools.lru_cache(maxsize=None)
def role_by_name(name):
    return Role.query.filter_by(name=name).first()  # expect-warning: SQS108


@functools.lru_cache(maxsize=None)
def permission_codes(role_name):
    role = Role.query.filter_by(name=role_name).first()
    return tuple(p.code for p in role.permissions)


@bp.before_app_request
def load_logged_in_user():
    user_id = session.get("user_id")
    g.user = db.session.get(User, user_id) if user_id is not None else None


@bp.teardown_app_request
def write_audit_log(exc):
    user = g.get("user")
    if user is not None:
        audit_log.append(f"{request.path} by {user.username}")


def login_required(view):
    @functools.wraps(view)
    def wrapped_view(**kwargs):
        if g.user is None:
            abort(401)
        return view(**kwargs)

    return wrapped_view


@bp.post("/login/<username>")
def login(username):
    user = User.query.filter_by(username=username).first_or_404()
    session.clear()
    session["user_id"] = user.id
    return jsonify(ok=True)


@bp.post("/ping")
@login_required
def ping():
    g.user.last_seen = "now"
    db.session.commit()
    return jsonify(user=g.user.username, admin=g.user.has_role("admin"))


@bp.get("/admin/permissions")
@login_required
def admin_permissions():
    admin = role_by_name("admin")
    return jsonify([p.code for p in admin.permissions])  # expect: DetachedInstanceError (reported at the store: SQS108)


@bp.get("/admin/name")
@login_required
def admin_role_name():
    return jsonify(role_by_name("admin").name)


@bp.get("/admin/codes")
@login_required
def admin_codes():
    return jsonify(list(permission_codes("admin")))
