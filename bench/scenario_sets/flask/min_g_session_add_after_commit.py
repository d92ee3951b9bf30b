from flask import Flask, g, jsonify
from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import DeclarativeBase, sessionmaker
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


class StockItem(Base):
    __tablename__ = "stock_items"
    id = Column(Integer, primary_key=True)
    sku = Column(String(20))
    quantity = Column(Integer, default=0)


engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
SessionLocal = sessionmaker(bind=engine)


def get_db():
    if "db" not in g:
        g.db = SessionLocal()
    return g.db


def close_db(exception=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def restock(session, sku, amount):
    item = StockItem(sku=sku, quantity=0)
    session.add(item)
    item.quantity += amount
    session.commit()
    return item


def create_app():
    app = Flask(__name__)
    app.config["TESTING"] = True
    app.teardown_appcontext(close_db)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)

    @app.post("/restock/<sku>")
    def restock_view(sku):
        item = restock(get_db(), sku, 3)
        return jsonify(sku=item.sku, quantity=item.quantity)

    return app


def scenario_ok_restock_new_item_in_request_session():
    client = create_app().test_client()
    print(client.post("/restock/NUT").json)
