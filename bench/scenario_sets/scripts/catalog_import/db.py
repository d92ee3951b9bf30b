from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Category, Product, Tag

SessionLocal = sessionmaker(expire_on_commit=True)


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal() as session:
        root = Category(slug="hardware", title="Hardware")
        tools = Category(slug="tools", title="Tools", parent=root)
        session.add_all([root, tools, Tag(name="sale"), Tag(name="new")])
        session.add(Product(sku="HAM-1", name="Claw hammer", price=12, category=tools))
        session.commit()
    return engine
