from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(30), unique=True)


def make_engine():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        s.add_all([Item(id=1, sku="BOLT"), Item(id=2, sku="NUT")])
        s.commit()
    return engine


def scenario_ok_untouched_instance_survives_savepoint_rollback():
    engine = make_engine()
    with Session(engine) as s:
        bolt = s.get(Item, 1)
        try:
            with s.begin_nested():
                s.add(Item(sku="BOLT"))
        except IntegrityError:
            pass
    print(bolt.sku)


def scenario_bad_modified_instance_expired_by_savepoint_rollback():
    engine = make_engine()
    with Session(engine) as s:
        nut = s.get(Item, 2)
        try:
            with s.begin_nested():
                nut.sku = "BOLT"
        except IntegrityError:
            pass
    print(nut.sku)  # expect: DetachedInstanceError


def rename(engine, sku, new_sku):
    with Session(engine) as s:
        items = {i.sku: i for i in s.scalars(select(Item))}
        try:
            with s.begin_nested():
                items[sku].sku = new_sku
        except IntegrityError:
            pass
    return items


def scenario_ok_other_dict_entry_survives_savepoint_rollback():
    engine = make_engine()
    items = rename(engine, "NUT", "BOLT")
    print(items["BOLT"].id)


def scenario_bad_renamed_dict_entry_expired():
    engine = make_engine()
    items = rename(engine, "NUT", "BOLT")
    print(items["NUT"].id)  # expect: DetachedInstanceError
