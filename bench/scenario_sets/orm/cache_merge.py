"""A read-through cache of detached rows, merged back with merge(load=False); no_autoflush in a form handler."""

from __future__ import annotations

import copy

from sqlalchemy import ForeignKey, create_engine, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload, sessionmaker


class Base(DeclarativeBase):
    pass


class Country(Base):
    __tablename__ = "countries"
    code: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    cities: Mapped[list["City"]] = relationship(back_populates="country")


class City(Base):
    __tablename__ = "cities"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    population: Mapped[int] = mapped_column(default=0)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    country: Mapped[Country] = relationship(back_populates="cities")


_cache: dict[str, Country] = {}


def build():
    _cache.clear()
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Country(code="DE", name="Germany", cities=[City(id=1, name="Berlin", population=3_600_000),
                                                          City(id=2, name="Hamburg", population=1_800_000)]))
        s.commit()
    return Session


def load_country(Session, code, with_cities=False):
    if code not in _cache:
        with Session() as s:
            stmt = select(Country).where(Country.code == code)
            if with_cities:
                stmt = stmt.options(selectinload(Country.cities))
            _cache[code] = s.scalars(stmt).one()  # expect-warning: SQS108
    return _cache[code]


def scenario_ok_merge_cached_then_lazy_load():
    Session = build()
    de = load_country(Session, "DE")
    with Session() as s:
        de_live = s.merge(de, load=False)
        print(de_live.name, [c.name for c in de_live.cities])


def scenario_bad_cached_without_cities_read_directly():
    Session = build()
    de = load_country(Session, "DE")
    print(de.name, len(de.cities))  # expect: DetachedInstanceError


def scenario_ok_cached_with_cities_read_directly():
    Session = build()
    de = load_country(Session, "DE", with_cities=True)
    print(de.name, len(de.cities))


def scenario_ok_merged_copy_is_persistent():
    Session = build()
    de = load_country(Session, "DE")
    with Session() as s:
        live = s.merge(de, load=False)
        print(inspect(live).persistent, inspect(de).detached)
        s.refresh(live)
        print(live.name)


def scenario_bad_merge_returns_copy_original_still_detached():
    Session = build()
    de = load_country(Session, "DE")
    with Session() as s:
        s.merge(de)
        print(de.cities)  # expect: DetachedInstanceError


def scenario_ok_deepcopy_of_loaded_city():
    Session = build()
    with Session() as s:
        berlin = s.get(City, 1)
        snapshot = copy.copy(berlin.name), berlin.population
    print(snapshot)


def update_population(s, city_id, new_population, country_code):
    with s.no_autoflush:
        city = s.get(City, city_id)
        city.population = new_population
        country = s.get(Country, country_code)
        city.country = country
    s.commit()
    return city


def scenario_bad_no_autoflush_handler_then_read_after_close():
    Session = build()
    with Session() as s:
        city = update_population(s, 2, 1_900_000, "DE")
    print(city.population)  # expect: DetachedInstanceError


def scenario_ok_no_autoflush_handler_read_inside():
    Session = build()
    with Session() as s:
        city = update_population(s, 2, 1_900_000, "DE")
        print(city.population, city.country.name)
