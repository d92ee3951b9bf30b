from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(80))
    posts = db.relationship("Post", backref="author")


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(120))
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"))


_featured_author = None


def get_featured_author():
    global _featured_author
    if _featured_author is None:
        _featured_author = User.query.filter_by(username="miguel").first()  # expect-warning: SQS108
    return _featured_author


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db.init_app(app)
    with app.app_context():
        db.create_all()
        db.session.add(User(username="miguel", posts=[Post(title="Hello")]))
        db.session.commit()
    return app


def scenario_bad_global_singleton_read_in_next_context():
    app = create_app()
    with app.app_context():
        print(get_featured_author().username)
    with app.app_context():
        print([p.title for p in get_featured_author().posts])  # expect: DetachedInstanceError


def scenario_ok_global_singleton_read_in_same_context():
    app = create_app()
    with app.app_context():
        print(get_featured_author().username)
        print([p.title for p in get_featured_author().posts])
