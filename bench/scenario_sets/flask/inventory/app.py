from flask import Flask

import database
from database import SessionLocal, engine
from models import Base, StockItem, Supplier, Warehouse


def create_app():
    app = Flask(__name__)
    app.config["TESTING"] = True
    database.init_app(app)
    from routes import _warehouse_cache, bp

    _warehouse_cache.clear()
    app.register_blueprint(bp)

    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with SessionLocal() as session:
        acme = Supplier(name="Acme")
        session.add(Warehouse(code="BER", city="Berlin", suppliers=[acme], stock=[StockItem(sku="BOLT", quantity=5)]))
        session.add(Warehouse(code="LIS", city="Lisbon", suppliers=[acme]))
        session.commit()
    return app
