from db import SessionLocal, close_db, current_db, engine, get_db
from flask import Flask, jsonify
from models import Base, StockItem, Warehouse


def create_app():
    app = Flask(__name__)
    app.config["TESTING"] = True
    app.teardown_appcontext(close_db)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with SessionLocal() as session:
        session.add(Warehouse(id=1, city="Berlin", stock=[StockItem(sku="BOLT")]))
        session.commit()

    @app.get("/released/<int:wid>")
    def released_early(wid):
        warehouse = get_db().get(Warehouse, wid)
        close_db()
        return jsonify(city=warehouse.city, stock=[s.sku for s in warehouse.stock])  # expect: DetachedInstanceError

    @app.get("/released-late/<int:wid>")
    def released_late(wid):
        warehouse = get_db().get(Warehouse, wid)
        body = jsonify(city=warehouse.city, stock=[s.sku for s in warehouse.stock])
        close_db()
        return body

    @app.get("/closed-through-get/<int:wid>")
    def closed_through_get(wid):
        warehouse = get_db().get(Warehouse, wid)
        current_db().close()
        return jsonify(stock=[s.sku for s in warehouse.stock])  # expect: DetachedInstanceError

    @app.get("/open-through-get/<int:wid>")
    def open_through_get(wid):
        warehouse = current_db() or get_db()
        item = warehouse.get(Warehouse, wid)
        return jsonify(stock=[s.sku for s in item.stock])

    return app
