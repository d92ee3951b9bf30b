from typing import Annotated

from fastapi import Depends
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)


def get_session():
    with Session(engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


FunctionSessionDep = Annotated[Session, Depends(get_session, scope="function")]
