"""Factories created unbound at import time; configured by init_db() at startup."""
from sqlalchemy.orm import sessionmaker

SessionLocal = sessionmaker()
ReportSession = sessionmaker()
