"""The machine's size, printed by every benchmark beside its numbers.

Scripts in this folder run as ``python benchmarks/NAME.py``, so they import
this module as ``from machine import machine``.
"""

from __future__ import annotations

import os
import platform


def _memory() -> str:
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            kb = int(next(line for line in handle if line.startswith("MemTotal")).split()[1])
        return f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        return "unknown"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> str:
    """One line: usable cores, memory, CPU model, load average, Python."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        load = f", load average {os.getloadavg()[0]:.2f}"
    except OSError:
        load = ""
    return (
        f"nproc {cores}, memory {_memory()}, CPU {_cpu_model()}{load}, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )
