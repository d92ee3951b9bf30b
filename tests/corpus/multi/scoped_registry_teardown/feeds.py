from sqlalchemy import func, select

from db import Session
from lifecycle import close_session
from models import Post


def rebuild_feed_cache():
    """Recount posts, then release the connection early."""
    total = Session.scalar(select(func.count(Post.id)))
    close_session()
    return total
