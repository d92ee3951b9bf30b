from flask import Flask, Response, stream_with_context
from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, scoped_session, sessionmaker


class Base(DeclarativeBase):
    pass


class Shelf(Base):
    __tablename__ = "shelves"
    id: Mapped[int] = mapped_column(primary_key=True)
    books: Mapped[list["Book"]] = relationship()


class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    shelf_id: Mapped[int] = mapped_column(ForeignKey("shelves.id"))


db_session = scoped_session(sessionmaker())


def create_app():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    db_session.configure(bind=engine)
    db_session.add(Shelf(id=1, books=[Book(title="Dune")]))
    db_session.commit()
    db_session.remove()
    app = Flask(__name__)
    app.config["TESTING"] = True
    app.teardown_appcontext(lambda exc: db_session.remove())

    @app.get("/plain")
    def plain():
        shelf = db_session.get(Shelf, 1)

        def generate():
            for book in shelf.books:  # expect: DetachedInstanceError
                yield book.title

        return Response(generate())

    @app.get("/with-context")
    def with_context():
        shelf = db_session.get(Shelf, 1)

        @stream_with_context
        def generate():
            for book in shelf.books:  # expect: DetachedInstanceError
                yield book.title

        return Response(generate())

    return app


def scenario_bad_generator_runs_after_teardown():
    print(create_app().test_client().get("/plain").text)


def scenario_bad_stream_with_context_generator_runs_after_teardown():
    print(create_app().test_client().get("/with-context").text)
