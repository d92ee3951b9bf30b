"""A class-based decorator that injects the database interface as the first argument."""

from typing import Any, Callable, cast

from interface import provide_database_interface


class DBInjector:
    def __init__(self, func: Callable[..., Any]) -> None:
        object.__setattr__(self, "_func", func)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        db = provide_database_interface()
        func = cast(Callable[..., Any], self._func)
        return func(db, *args, **kwargs)


def db_injector(func: Callable[..., Any]) -> DBInjector:
    return DBInjector(func)
