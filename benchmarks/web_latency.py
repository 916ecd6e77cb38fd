#!/usr/bin/env python3
"""Latency of the public strategy page and the review page under 50 concurrent clients.

Sets up a throwaway database with the demo data (SQLite in a temporary
folder, or PostgreSQL when DATABASE_URL is set, e.g. through bin/with-postgres),
serves the app with gunicorn on loopback, signs one editor in, then lets N
client threads fetch each page a fixed number of times and prints p50/p95
latency and requests per second, with the machine's size.

    .venv/bin/python benchmarks/web_latency.py
    bin/with-postgres .venv/bin/python benchmarks/web_latency.py

gunicorn (not Django's development server) because it is how the app is
served in production: worker processes use both cores, threads per worker
overlap database waits.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from machine import machine  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "benchmark-passord-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not start on port {port}")


def sign_in(port: int) -> str:
    """A session cookie for the demo editor (through the real login form, CSRF included)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/logg-inn/")
    response = conn.getresponse()
    response.read()
    csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
    body = urlencode({"username": "redaktor", "password": PASSWORD, "csrfmiddlewaretoken": csrf})
    conn.request(
        "POST",
        "/logg-inn/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Referer": f"http://127.0.0.1:{port}/logg-inn/",
        },
    )
    response = conn.getresponse()
    response.read()
    match = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie") or "")
    if response.status != 302 or not match:
        raise SystemExit(f"sign-in failed: HTTP {response.status}")
    return f"sessionid={match.group(1)}; csrftoken={csrf}"


def load(port: int, path: str, clients: int, total: int, cookie: str | None) -> tuple[list[float], float, int]:
    """Fetch ``path`` ``total`` times from ``clients`` threads (keep-alive per thread)."""
    latencies: list[float] = []
    errors = 0
    statuses: list[int] = []
    lock = threading.Lock()
    remaining = [total]

    def take() -> bool:
        with lock:
            if remaining[0] <= 0:
                return False
            remaining[0] -= 1
            return True

    def client() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Cookie": cookie} if cookie else {}
        while take():
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                if not ok and not statuses:
                    statuses.append(response.status)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                ok = False
            elapsed = time.perf_counter() - start
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors += 1
        conn.close()

    wall = run_clients(client, clients)
    if statuses:
        print(f"  {path}: first failure was HTTP {statuses[0]}", file=sys.stderr)
    return latencies, wall, errors


def run_clients(client: Callable[[], None], clients: int) -> float:
    """Run ``client`` in ``clients`` threads at once; the wall seconds until the last one ends."""
    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - began


def report(name: str, latencies: list[float], wall: float, errors: int) -> None:
    if len(latencies) < 2:
        print(f"{name:<28} {len(latencies):>6} ok {errors:>4} err   (too few answers to measure)")
        return
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"{name:<28} {len(latencies):>6} ok {errors:>4} err   p50 {cuts[49] * 1000:7.1f} ms"
        f"   p95 {cuts[94] * 1000:7.1f} ms   {len(latencies) / wall:7.1f} req/s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000, help="requests per page (default 2000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="veikart-bench-") as tmp:
        env = dict(os.environ, VEIKART_DATA_DIR=tmp)
        env.setdefault("DJANGO_SETTINGS_MODULE", "veikart.web.settings")
        database = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite (WAL)"
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo", "--password", PASSWORD)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "veikart.web.wsgi:application",
                "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
                "--worker-class", "gthread", "--threads", str(args.threads), "--log-level", "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            wait_for(port)
            cookie = sign_in(port)
            ids = manage(
                env, "shell", "-v0", "-c",
                "from veikart.web.strategies.models import Strategy as S;"
                "s=S.objects.get(title__contains='2020');print(s.pk, s.get_absolute_url())",
            ).split()
            public, review = ids[1], f"/strategier/{ids[0]}/gjennomgang/"
            print(f"machine: {machine()}")
            print(
                f"database: {database}; server: gunicorn {args.workers} workers x {args.threads} threads; "
                f"{args.clients} concurrent clients, {args.requests} requests per page, loopback"
            )
            pages = (("public strategy page", public, None), ("review page (signed in)", review, cookie))
            for name, path, session in pages:
                load(port, path, args.clients, min(200, args.requests), session)  # warm-up: connections, caches
                report(name, *load(port, path, args.clients, args.requests, session))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
