"""Differential testing: generated SQLAlchemy programs, run for real and checked by the analyzer, compared."""
