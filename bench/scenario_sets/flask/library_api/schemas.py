from datetime import date

from pydantic import BaseModel, ConfigDict


class AuthorOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str


class BookOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    title: str
    published: date | None
    author: AuthorOut


class LoanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    borrower: str
    book: BookOut
