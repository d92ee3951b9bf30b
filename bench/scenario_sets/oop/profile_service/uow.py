class SqlAlchemyUnitOfWork:
    def __init__(self, session_factory):
        self._factory = session_factory

    def __enter__(self):
        self.session = self._factory()
        return self

    def __exit__(self, *args):
        self.rollback()
        self.session.close()

    def commit(self):
        self.session.commit()

    def rollback(self):
        self.session.rollback()
