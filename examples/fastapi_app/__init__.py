"""A small FastAPI app with session-lifecycle bugs next to clean look-alikes (see README.md)."""
