from decimal import Decimal

from flask import Flask

from extensions import db
from models import Customer, Order, OrderItem, Product


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite://", TESTING=True)
    if config:
        app.config.update(config)
    db.init_app(app)

    from views import bp

    app.register_blueprint(bp)

    with app.app_context():
        db.create_all()
        ada = Customer(email="ada@example.com", full_name="Ada Lovelace")
        mug = Product(sku="MUG-1", name="Mug", price=Decimal("9.50"))
        tee = Product(sku="TEE-1", name="T-shirt", price=Decimal("20.00"))
        db.session.add_all([ada, mug, tee])
        db.session.add(Order(customer=ada, items=[OrderItem(product=mug, quantity=2, unit_price=mug.price)]))
        db.session.commit()
    return app
