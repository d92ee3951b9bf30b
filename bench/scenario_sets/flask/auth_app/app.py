from flask import Flask

from extensions import db


def create_app():
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite://", TESTING=True, SECRET_KEY="dev")
    db.init_app(app)
    from auth import audit_log, bp, permission_codes, role_by_name
    from models import Permission, Role, User

    role_by_name.cache_clear()
    permission_codes.cache_clear()
    audit_log.clear()
    app.register_blueprint(bp)
    with app.app_context():
        db.create_all()
        admin = Role(name="admin", permissions=[Permission(code="users.edit")])
        db.session.add(User(username="root", roles=[admin]))
        db.session.commit()
    return app
