"""One registry and one scoped session for the whole project, as ckan's ckan.model.meta has them."""

from sqlalchemy import MetaData, orm

metadata = MetaData()
registry = orm.registry(metadata=metadata)

Session = orm.scoped_session(orm.sessionmaker(autoflush=False, expire_on_commit=False))
