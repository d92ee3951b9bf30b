from typing import Generic, Optional, Sequence, Type, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import Base, Order, User

T = TypeVar("T", bound=Base)


class BaseRepository(Generic[T]):
    model: Type[T]

    def __init__(self, session: Session):
        self.session = session

    def get(self, id_: int) -> Optional[T]:
        return self.session.get(self.model, id_)

    def list(self) -> Sequence[T]:
        return self.session.scalars(select(self.model)).all()

    def add(self, obj: T) -> T:
        self.session.add(obj)
        return obj


class UserRepository(BaseRepository[User]):
    model = User

    def get_by_username(self, username: str) -> Optional[User]:
        stmt = select(User).where(User.username == username)
        return self.session.scalars(stmt).first()

    def get_with_orders(self, id_: int) -> Optional[User]:
        stmt = select(User).options(selectinload(User.orders)).where(User.id == id_)
        return self.session.scalars(stmt).first()


class OrderRepository(BaseRepository[Order]):
    model = Order
