"""The engine: pure static analysis of SQLAlchemy session lifecycles, in layers that import downwards only (docs/ARCHITECTURE.md)."""
