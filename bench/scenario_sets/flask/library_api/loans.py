from flask import Blueprint, jsonify, request
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from db import db
from models import Book, Loan
from schemas import BookOut, LoanOut

bp = Blueprint("loans", __name__)


def lend_book(book_id, borrower):
    loan = Loan(book_id=book_id, borrower=borrower)
    db.session.add(loan)
    db.session.commit()
    return loan


def lend_book_and_cleanup(book_id, borrower):
    loan = lend_book(book_id, borrower)
    db.session.remove()
    return loan


def books_for_catalog():
    books = db.session.scalars(select(Book).options(joinedload(Book.author))).unique().all()
    db.session.remove()
    return books


def books_for_catalog_lazy():
    books = db.session.scalars(select(Book)).all()
    db.session.remove()
    return books


@bp.post("/loans")
def create_loan():
    data = request.get_json()
    loan = lend_book(data["book_id"], data["borrower"])
    return jsonify(LoanOut.model_validate(loan).model_dump(mode="json")), 201


@bp.post("/loans/cleanup")
def create_loan_cleanup():
    data = request.get_json()
    loan = lend_book_and_cleanup(data["book_id"], data["borrower"])
    return jsonify(LoanOut.model_validate(loan).model_dump(mode="json")), 201  # expect: DetachedInstanceError


@bp.get("/catalog")
def catalog():
    return jsonify([BookOut.model_validate(b).model_dump(mode="json") for b in books_for_catalog()])


@bp.get("/catalog/lazy")
def catalog_lazy():
    return jsonify([BookOut.model_validate(b).model_dump(mode="json") for b in books_for_catalog_lazy()])  # expect: DetachedInstanceError


@bp.get("/catalog/titles")
def catalog_titles():
    return jsonify([b.title for b in books_for_catalog_lazy()])
