"""A small Flask-SQLAlchemy app with session-lifecycle bugs next to clean look-alikes (see README.md)."""
