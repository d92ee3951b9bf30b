from flask import Flask, g, jsonify
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine
from sqlalchemy.orm import DeclarativeBase, relationship, sessionmaker
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


class Warehouse(Base):
    __tablename__ = "warehouses"
    id = Column(Integer, primary_key=True)
    city = Column(String(50))
    stock = relationship("StockItem")


class StockItem(Base):
    __tablename__ = "stock_items"
    id = Column(Integer, primary_key=True)
    sku = Column(String(20))
    warehouse_id = Column(Integer, ForeignKey("warehouses.id"))


engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
SessionLocal = sessionmaker(bind=engine)


def get_db():
    g.db = SessionLocal()
    return g.db


def close_db(exception=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def create_app():
    app = Flask(__name__)
    app.config["TESTING"] = True
    app.teardown_appcontext(close_db)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with SessionLocal() as session:
        session.add(Warehouse(id=1, city="Berlin", stock=[StockItem(sku="BOLT")]))
        session.commit()

    @app.get("/warehouses/<int:wid>/released")
    def warehouse_released(wid):
        warehouse = get_db().get(Warehouse, wid)
        close_db()
        return jsonify(city=warehouse.city, stock=[s.sku for s in warehouse.stock])  # expect: DetachedInstanceError

    @app.get("/warehouses/<int:wid>/released-late")
    def warehouse_released_late(wid):
        warehouse = get_db().get(Warehouse, wid)
        body = jsonify(city=warehouse.city, stock=[s.sku for s in warehouse.stock])
        close_db()
        return body

    return app


def scenario_bad_close_db_before_serializing():
    client = create_app().test_client()
    client.get("/warehouses/1/released")


def scenario_ok_close_db_after_serializing():
    client = create_app().test_client()
    print(client.get("/warehouses/1/released-late").json)
