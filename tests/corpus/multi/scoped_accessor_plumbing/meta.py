"""The registry every module shares, configured once with expire_on_commit=False."""

from sqlalchemy import orm

Session = orm.scoped_session(orm.sessionmaker(autoflush=False, expire_on_commit=False))
