"""Adapters to the platforms, one module per platform over its SDK, and ``sandbox/``: a local stand-in."""
