from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy(session_options={"expire_on_commit": False})

task_labels = db.Table(
    "task_labels",
    db.Column("task_id", db.ForeignKey("tasks.id"), primary_key=True),
    db.Column("label_id", db.ForeignKey("labels.id"), primary_key=True),
)


class Board(db.Model):
    __tablename__ = "boards"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(100))
    tasks = db.relationship("Task", backref="board")


class Task(db.Model):
    __tablename__ = "tasks"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200))
    board_id = db.Column(db.Integer, db.ForeignKey("boards.id"))
    labels = db.relationship("Label", secondary=task_labels)


class Label(db.Model):
    __tablename__ = "labels"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db.init_app(app)
    with app.app_context():
        db.create_all()
    return app


def scenario_bad_new_child_lazy_collection_after_context():
    app = create_app()
    with app.app_context():
        board = Board(title="Backlog", tasks=[Task(title="triage")])
        db.session.add(board)
        db.session.commit()
    print([label.name for task in board.tasks for label in task.labels])  # expect: DetachedInstanceError


def scenario_ok_new_child_collection_set_after_context():
    app = create_app()
    with app.app_context():
        board = Board(title="Backlog", tasks=[Task(title="triage", labels=[])])
        db.session.add(board)
        db.session.commit()
    print([label.name for task in board.tasks for label in task.labels])
