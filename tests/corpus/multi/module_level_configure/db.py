"""Factories made and reconfigured by the module body, at import time: sessions made later use the override."""

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

engine = create_engine("sqlite://", poolclass=StaticPool)
KeepingSession = sessionmaker(engine)
KeepingSession.configure(expire_on_commit=False)
ExpiringSession = sessionmaker(engine, expire_on_commit=False)
ExpiringSession.configure(expire_on_commit=True)
