"""Timing pages through Django's test client, shared by the benchmarks that request pages.

Scripts in this folder run as ``python benchmarks/NAME.py``, so they import this module as
``from pages import median_ms``.
"""

from __future__ import annotations

import statistics
import time


def median_ms(client, url: str, runs: int = 5) -> float:
    """The median of ``runs`` requests of ``url``, in milliseconds; every answer must be 200."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)
