from flask import Flask

from extensions import db


def create_app():
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite://", TESTING=True)
    db.init_app(app)
    from api import api, recent_boards
    from models import Board, Label, Task

    recent_boards.clear()
    app.register_blueprint(api)
    with app.app_context():
        db.create_all()
        db.session.add_all([Label(name="bug"), Label(name="ui")])
        db.session.add(Board(id=1, title="Sprint 1", tasks=[Task(title="login page")]))
        db.session.commit()
    return app
