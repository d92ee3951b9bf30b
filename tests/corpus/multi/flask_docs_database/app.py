from database import db_session, init_db
from flask import Flask, jsonify
from models import User

app = Flask(__name__)
app.config["TESTING"] = True


@app.teardown_appcontext
def shutdown_session(exception=None):
    db_session.remove()


def find_user(name):
    return User.query.filter(User.name == name).first()


@app.get("/users/<name>/titles")
def titles(name):
    user = find_user(name)
    return jsonify([p.title for p in user.posts])


@app.get("/users/<name>/released")
def titles_after_release(name):
    user = find_user(name)
    db_session.remove()
    return jsonify([p.title for p in user.posts])  # expect: DetachedInstanceError


def setup():
    init_db()
    return app
