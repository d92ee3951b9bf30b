from flask import Flask

from extensions import ReportSession, db
from models import Account, Role


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db.init_app(app)
    with app.app_context():
        db.create_all()
        db.session.add(Account(id=1, login="grace", roles=[Role(name="admin")]))
        db.session.commit()
        ReportSession.configure(bind=db.engine)
    return app
