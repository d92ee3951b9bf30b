"""A small shop app with real SQLAlchemy session-lifecycle bugs next to clean look-alikes.

Lines ending in ``# BUG: ...`` raise at run time; lines ending in ``# OK: ...`` look similar but run clean.
Run ``sqlascope check examples`` to see which ones the analyzer reports.
"""
