"""The ORM layer: SQLAlchemy's behaviour as data (API → effect tables, mapped models) and the instance lifecycle state machine."""
