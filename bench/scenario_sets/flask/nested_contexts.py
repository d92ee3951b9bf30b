"""Flask-SQLAlchemy scopes db.session to the app context; CLI helpers and worker threads push their own."""
import threading

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
results = []


class Customer(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    invoices = db.relationship("Invoice", backref="customer")


class Invoice(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    amount = db.Column(db.Integer)
    paid = db.Column(db.Boolean, default=False)
    customer_id = db.Column(db.Integer, db.ForeignKey("customer.id"))


def create_app():
    results.clear()
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite://", TESTING=True)
    db.init_app(app)
    with app.app_context():
        db.create_all()
        db.session.add(Customer(id=1, name="Initech", invoices=[Invoice(amount=100), Invoice(amount=250)]))
        db.session.commit()
    return app


def load_customer(app, customer_id):
    """Helper used by CLI commands; it makes sure it has an app context of its own."""
    with app.app_context():
        return db.session.get(Customer, customer_id)


def outstanding_total(customer):
    return sum(inv.amount for inv in customer.invoices if not inv.paid)  # expect: DetachedInstanceError


def recompute_in_worker(app, customer):
    with app.app_context():
        db.session.refresh(customer)  # expect: InvalidRequestError
        results.append(outstanding_total(customer))


def recompute_in_worker_merged(app, customer):
    with app.app_context():
        customer = db.session.merge(customer)
        results.append(outstanding_total(customer))


def recompute_in_worker_lazy(app, customer):
    with app.app_context():
        results.append(outstanding_total(customer))


def scenario_bad_helper_pushes_own_context_then_lazy_read():
    app = create_app()
    with app.app_context():
        customer = load_customer(app, 1)
        print(outstanding_total(customer))


def scenario_ok_helper_context_then_column():
    app = create_app()
    with app.app_context():
        customer = load_customer(app, 1)
        print(customer.name)


def scenario_ok_inner_context_exit_leaves_outer_session():
    app = create_app()
    with app.app_context():
        customer = db.session.get(Customer, 1)
        with app.app_context():
            db.session.add(Invoice(amount=5, customer_id=1))
            db.session.commit()
        print(outstanding_total(customer))


def scenario_bad_worker_refreshes_request_instance():
    app = create_app()
    with app.app_context():
        customer = db.session.get(Customer, 1)
        worker = threading.Thread(target=recompute_in_worker, args=(app, customer))
        worker.start()
        worker.join()


def scenario_ok_worker_merges_request_instance():
    app = create_app()
    with app.app_context():
        customer = db.session.get(Customer, 1)
        worker = threading.Thread(target=recompute_in_worker_merged, args=(app, customer))
        worker.start()
        worker.join()
    print(results)


def scenario_ok_worker_lazy_loads_through_owning_session():
    # the lazy load goes through the customer's own session, which the joined thread finds still open
    app = create_app()
    with app.app_context():
        customer = db.session.get(Customer, 1)
        worker = threading.Thread(target=recompute_in_worker_lazy, args=(app, customer))
        worker.start()
        worker.join()
    print(results)
