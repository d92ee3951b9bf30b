from models import Author, Book


def fetch_author(factory, author_id):
    with factory() as session:
        return session.get(Author, author_id)


def fetch_book(factory, book_id):
    with factory() as session:
        return session.get(Book, book_id)


def describe_author(factory, author_id):
    with factory() as session:
        author = session.get(Author, author_id)
        return repr(author)
