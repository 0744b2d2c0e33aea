"""Commune: open local government — councils, participation, accountability, open data."""

__version__ = "0.1.0"
