"""Veikart: strategy and goal management for the Norwegian municipal sector."""

__version__ = "0.1.0"
