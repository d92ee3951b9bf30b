"""Signup view that sends the welcome mail from a background thread (the classic Flask mega-tutorial pattern)."""
import threading

from flask import Flask, current_app, jsonify, request
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()

outbox = []
pending_welcome_mails = []


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True, nullable=False)
    name = db.Column(db.String(80))
    team_id = db.Column(db.Integer, db.ForeignKey("team.id"))
    team = db.relationship("Team", back_populates="members")


class Team(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    members = db.relationship("User", back_populates="team")


def send_email(subject, recipient, body):
    outbox.append((subject, recipient, body))


def send_async_welcome(app, user):
    with app.app_context():
        send_email("Welcome!", user.email, f"Hi {user.name}, welcome to {user.team.name}")  # expect: DetachedInstanceError


def send_async_welcome_by_id(app, user_id):
    with app.app_context():
        user = db.session.get(User, user_id)
        send_email("Welcome!", user.email, f"Hi {user.name}, welcome to {user.team.name}")


def drain_welcome_queue(app):
    with app.app_context():
        while pending_welcome_mails:
            user = pending_welcome_mails.pop(0)
            send_email("Welcome!", user.email, "Thanks for signing up")  # expect: DetachedInstanceError (reported at the store: SQS108)


def create_app():
    outbox.clear()
    pending_welcome_mails.clear()
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite://", TESTING=True)
    db.init_app(app)
    with app.app_context():
        db.create_all()
        db.session.add(Team(id=1, name="Platform"))
        db.session.commit()

    @app.post("/signup")
    def signup():
        data = request.get_json()
        user = User(email=data["email"], name=data["name"], team_id=1)
        db.session.add(user)
        db.session.commit()
        thr = threading.Thread(target=send_async_welcome, args=(current_app._get_current_object(), user))
        thr.start()
        thr.join()
        return jsonify(id=user.id), 201

    @app.post("/signup/by-id")
    def signup_by_id():
        data = request.get_json()
        user = User(email=data["email"], name=data["name"], team_id=1)
        db.session.add(user)
        db.session.commit()
        thr = threading.Thread(target=send_async_welcome_by_id, args=(current_app._get_current_object(), user.id))
        thr.start()
        thr.join()
        return jsonify(id=user.id), 201

    @app.post("/signup/queued")
    def signup_queued():
        data = request.get_json()
        user = User(email=data["email"], name=data["name"], team_id=1)
        db.session.add(user)
        db.session.commit()
        pending_welcome_mails.append(user)  # expect-warning: SQS108
        return jsonify(status="queued"), 202

    @app.post("/signup/queued-with-id")
    def signup_queued_with_id():
        data = request.get_json()
        user = User(email=data["email"], name=data["name"], team_id=1)
        db.session.add(user)
        db.session.commit()
        pending_welcome_mails.append(user)  # expect-warning: SQS108
        return jsonify(id=user.id), 202

    @app.post("/signup/queued-loaded")
    def signup_queued_loaded():
        data = request.get_json()
        user = User(email=data["email"], name=data["name"], team_id=1)
        db.session.add(user)
        db.session.commit()
        db.session.refresh(user)
        pending_welcome_mails.append(user)  # expect-warning: SQS108
        return jsonify(id=user.id), 201

    return app


def scenario_ok_thread_joined_inside_request():
    # the request's session is still open while the thread reads: the expired user refreshes through it
    app = create_app()
    client = app.test_client()
    client.post("/signup", json={"email": "ann@example.com", "name": "Ann"})
    print(outbox)


def scenario_ok_thread_gets_the_id():
    app = create_app()
    client = app.test_client()
    client.post("/signup/by-id", json={"email": "ann@example.com", "name": "Ann"})
    print(outbox)


def scenario_bad_queue_drained_after_request():
    app = create_app()
    client = app.test_client()
    client.post("/signup/queued", json={"email": "ann@example.com", "name": "Ann"})
    worker = threading.Thread(target=drain_welcome_queue, args=(app,))
    worker.start()
    worker.join()


def scenario_ok_queue_drained_after_request_that_read_the_id():
    # reading user.id after the commit reloads every expired column, email included
    app = create_app()
    client = app.test_client()
    client.post("/signup/queued-with-id", json={"email": "ann@example.com", "name": "Ann"})
    worker = threading.Thread(target=drain_welcome_queue, args=(app,))
    worker.start()
    worker.join()
    print(outbox)


def scenario_ok_queue_of_refreshed_users_drained_after_request():
    app = create_app()
    client = app.test_client()
    client.post("/signup/queued-loaded", json={"email": "ann@example.com", "name": "Ann"})
    worker = threading.Thread(target=drain_welcome_queue, args=(app,))
    worker.start()
    worker.join()
    print(outbox)


def scenario_bad_thread_started_after_request_with_user():
    app = create_app()
    with app.app_context():
        user = User(email="bob@example.com", name="Bob", team_id=1)
        db.session.add(user)
        db.session.commit()
    thr = threading.Thread(target=send_async_welcome, args=(app, user))
    thr.start()
    thr.join()
