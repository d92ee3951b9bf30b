"""The index layer: files → parsed modules → the workspace symbol index, and what an analysis consulted."""
