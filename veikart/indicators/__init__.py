"""Indicators: progress and status arithmetic, value import (CSV, JSON-stat), KS's indicator definitions,
SVG charts of values over time (``charts``).

Plain Python, no Django: the web layer stores what these modules compute.
"""
