from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Member, Settings


def make_factory(**session_options):
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine, **session_options)
    with factory() as s:
        s.add_all([
            Member(id=1, handle="ada", bio="math", settings=Settings(theme="dark")),
            Member(id=2, handle="bo", bio="music", settings=Settings()),
        ])
        s.commit()
    return factory
