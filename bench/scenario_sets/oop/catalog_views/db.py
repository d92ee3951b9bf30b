from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Product, Review, Tag


def make_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as s:
        s.add(Product(id=1, title="kettle", price_cents=3000, discount_pct=10,
                      tags=[Tag(name="kitchen"), Tag(name="sale")],
                      reviews=[Review(stars=4), Review(stars=5)]))
        s.commit()
    return factory
