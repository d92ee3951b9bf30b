from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    payload: Mapped[str] = mapped_column(String(200))


def make_engine():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        s.add_all([Job(payload=f"job {n}") for n in range(5)])
        s.commit()
    return engine


def iter_chunks(engine):
    with Session(engine) as session:
        offset = 0
        while True:
            batch = session.scalars(select(Job).offset(offset).limit(2)).all()
            if not batch:
                break
            yield batch
            session.commit()
            offset += 2


def iter_chunks_range(engine):
    with Session(engine) as session:
        for offset in range(0, 100, 2):
            batch = session.scalars(select(Job).offset(offset).limit(2)).all()
            if not batch:
                break
            yield batch
            session.commit()


def scenario_bad_while_break_on_empty_chunk():
    chunks = list(iter_chunks(make_engine()))
    print(chunks[0][0].payload)  # expect: DetachedInstanceError


def scenario_bad_for_break_on_empty_chunk():
    chunks = list(iter_chunks_range(make_engine()))
    print(chunks[0][0].payload)  # expect: DetachedInstanceError


def scenario_ok_read_chunk_while_open():
    for chunk in iter_chunks(make_engine()):
        print(chunk[0].payload)
