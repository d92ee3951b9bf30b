from extensions import db

task_labels = db.Table(
    "task_labels",
    db.Column("task_id", db.ForeignKey("tasks.id"), primary_key=True),
    db.Column("label_id", db.ForeignKey("labels.id"), primary_key=True),
)


class Board(db.Model):
    __tablename__ = "boards"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(100), nullable=False)
    tasks = db.relationship("Task", backref="board", cascade="all, delete-orphan")

    def to_dict(self, include_tasks=False):
        data = {"id": self.id, "title": self.title}
        if include_tasks:
            data["tasks"] = [t.to_dict() for t in self.tasks]  # expect: DetachedInstanceError (reported at the store: SQS108)
        return data


class Task(db.Model):
    __tablename__ = "tasks"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    board_id = db.Column(db.Integer, db.ForeignKey("boards.id"))
    labels = db.relationship("Label", secondary=task_labels, backref="tasks")

    def to_dict(self):
        return {"id": self.id, "title": self.title, "labels": [label.name for label in self.labels]}  # expect: DetachedInstanceError (reported at the store: SQS108)


class Label(db.Model):
    __tablename__ = "labels"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30), unique=True)
