from flask import Flask, jsonify
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Order(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    status = db.Column(db.String(20), default="new")
    items = db.relationship("OrderItem")

    def to_dict(self):
        return {
            "id": self.id,  # expect: DetachedInstanceError
            "items": [item.sku for item in self.items],
        }


class OrderItem(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    sku = db.Column(db.String(20))
    order_id = db.Column(db.Integer, db.ForeignKey("order.id"))


def create_app():
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite://", TESTING=True)
    db.init_app(app)
    with app.app_context():
        db.create_all()

    @app.post("/orders")
    def create_order():
        order = Order(items=[OrderItem(sku="MUG-1")])
        db.session.add(order)
        db.session.commit()
        db.session.close()
        return jsonify(order.to_dict())

    return app


def scenario_bad_to_dict_after_commit_and_close():
    # the first read (self.id) raises; the relationship line below it never runs
    create_app().test_client().post("/orders")
