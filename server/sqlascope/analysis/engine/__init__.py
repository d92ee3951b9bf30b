"""The engine driving the interpreter: analysis roots, cached results, name resolution and call summaries."""
