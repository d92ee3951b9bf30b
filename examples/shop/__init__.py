"""A small shop app with real SQLAlchemy session-lifecycle bugs next to clean look-alikes.

Lines with a trailing BUG comment raise at run time; lines with a trailing OK comment look similar but run clean.
Run ``sqlascope check examples`` to see which ones the analyzer reports.
"""
