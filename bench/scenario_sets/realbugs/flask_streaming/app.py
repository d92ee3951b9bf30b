from flask import Flask, Response, stream_with_context

from database import db_session, init_db
from models import Shelf


def create_app():
    app = Flask(__name__)
    app.config["TESTING"] = True
    init_db()

    @app.teardown_appcontext
    def shutdown_session(exception=None):
        db_session.remove()

    @app.get("/shelves/<int:shelf_id>.csv")
    def export_csv(shelf_id):
        shelf = db_session.get(Shelf, shelf_id)

        def generate():
            yield "title\n"
            for book in shelf.books:  # expect: DetachedInstanceError
                yield f"{book.title}\n"

        return Response(generate(), mimetype="text/csv")

    @app.get("/shelves/<int:shelf_id>/context.csv")
    def export_csv_with_context(shelf_id):
        shelf = db_session.get(Shelf, shelf_id)

        @stream_with_context
        def generate():
            yield "title\n"
            for book in shelf.books:  # expect: DetachedInstanceError
                yield f"{book.title}\n"

        return Response(generate(), mimetype="text/csv")

    @app.get("/shelves/<int:shelf_id>/requery.csv")
    def export_csv_requery_in_stream(shelf_id):
        @stream_with_context
        def generate():
            shelf = db_session.get(Shelf, shelf_id)
            yield "title\n"
            for book in shelf.books:
                yield f"{book.title}\n"

        return Response(generate(), mimetype="text/csv")

    @app.get("/shelves/<int:shelf_id>/list.csv")
    def export_csv_prefetched(shelf_id):
        shelf = db_session.get(Shelf, shelf_id)
        titles = [book.title for book in shelf.books]

        def generate():
            yield "title\n"
            for title in titles:
                yield f"{title}\n"

        return Response(generate(), mimetype="text/csv")

    @app.get("/shelves/<int:shelf_id>/name")
    def shelf_name(shelf_id):
        shelf = db_session.get(Shelf, shelf_id)

        def generate():
            yield shelf.name

        return Response(generate())

    return app
