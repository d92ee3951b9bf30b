"""The project's own query helpers (a flaskbb-style first_or_404 over a select statement)."""

from flask import abort

from extensions import db


def first_or_404(stmt):
    value = db.session.execute(stmt).scalar()
    if value is None:
        abort(404)
    return value
