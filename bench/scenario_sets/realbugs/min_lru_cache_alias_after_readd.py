from functools import lru_cache

from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


SessionLocal = sessionmaker()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal.begin() as session:
        session.add(Setting(key="currency", value="EUR"))
    load_setting.cache_clear()


@lru_cache(maxsize=None)
def load_setting(key):
    with SessionLocal() as session:
        return session.get(Setting, key)  # expect-warning: SQS108


def scenario_bad_same_variable_after_readd_and_commit():
    init_db()
    currency = load_setting("currency")
    with SessionLocal() as session:
        session.add(currency)
        currency.value = "USD"
        session.commit()
    print(currency.value)  # expect: DetachedInstanceError


def scenario_bad_cache_hit_returns_instance_expired_by_commit():
    init_db()
    currency = load_setting("currency")
    with SessionLocal() as session:
        session.add(currency)
        currency.value = "USD"
        session.commit()
    print(load_setting("currency").value)  # expect: DetachedInstanceError
