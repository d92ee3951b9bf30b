"""The language server (pygls): a core, one module per feature, and the assembly in server.py."""
