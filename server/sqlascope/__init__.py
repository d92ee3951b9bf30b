"""sqlascope: find SQLAlchemy session-lifecycle bugs before they run."""

__version__ = "0.1.0"
