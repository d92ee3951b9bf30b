from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from models import Customer

ModelT = TypeVar("ModelT")


class SQLAlchemyRepository(Generic[ModelT]):
    model_cls: type

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, pk) -> ModelT:
        return self.session.get(self.model_cls, pk)

    def refresh(self, obj: ModelT) -> ModelT:
        self.session.refresh(obj)  # expect: InvalidRequestError
        return obj

    def attach(self, obj: ModelT) -> ModelT:
        self.session.add(obj)
        return obj

    def merge(self, obj: ModelT) -> ModelT:
        return self.session.merge(obj)


class CustomerRepository(SQLAlchemyRepository[Customer]):
    model_cls = Customer


_cache: dict = {}


class CachedCustomerRepository(CustomerRepository):
    def get(self, pk):
        if pk not in _cache:
            _cache[pk] = super().get(pk)  # expect-warning: SQS108
        return _cache[pk]
