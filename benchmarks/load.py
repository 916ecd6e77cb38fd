#!/usr/bin/env python3
"""Load run under the production server: 50 clients for 60 s per page, errors, p50/p95/p99, memory.

Issue 10's "Show": the public strategy page, search (a few realistic
queries, in turn) and the review page (a demo editor signed in through the
login form), each driven by N concurrent clients for D seconds on loopback.

    .venv/bin/python benchmarks/load.py                      # SQLite (WAL) in a temporary folder
    bin/with-postgres .venv/bin/python benchmarks/load.py    # PostgreSQL (throwaway cluster)

Setup is bin/demo's: migrate, load_demo, propose_sdg_tags, load_demo_plans,
load_demo_corpus (the KS strategies and the members' real plans). The server
is the production command, ``manage.py serve`` (gunicorn gthread workers and
the supervised task worker; its defaults, 2 x cores + 1 workers x 4
threads), or with ``--workers/--threads`` those instead. When that command
is missing, gunicorn and ``manage.py run_worker`` are started as the
README's "Production" says.

Clients are threads with one keep-alive connection each (http.client), in a
closed loop without think time: each sends its next request as soon as the
last answer is read. An error is any answer but 200 or a failed connection.
In a closed loop the mean latency is the clients over the throughput
(Little's law): 50 clients within 100 ms need more than 500 answers a
second, i.e. under 4 ms of CPU per request on two cores; "CPU/req" (all
server processes' CPU time per answer, PostgreSQL's included) says how far
a page is from that, whatever else runs on the machine.
Each page is warmed up for a few seconds first (connections, per-process
caches), then measured for D seconds. While a page runs, the resident memory
(RSS) of every server process is sampled every 0.2 s; the peak per process
is printed, with its role. The load average is printed before each page and
the machine is shared, so the CPU seconds used by other processes during the
run ("others") are printed too: the numbers are only comparable when that is
near zero. With --max-load the run waits (up to --wait-load s) for the
one-minute load average to fall below it before each page.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus

from machine import machine  # benchmarks/machine.py, beside this script
from web_latency import PASSWORD, run_clients, sign_in  # the same demo editor, login form and client threads

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ("barnehage", "klima", "digitale tjenester", "folkehelse", "arbeidsgiver", "bolig",
           "samfunnssikkerhet og beredskap")
TARGETS_MS = {"public": 100, "search": 300, "review": 500}
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer on port {port}")


# --- processes -------------------------------------------------------------------------------------------------

def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, utime+stime ticks) of a process, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return int(fields[1]), int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def tree(roots: list[int]) -> list[int]:
    """The pids of the roots and all their descendants."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            stat = _stat(int(name))
            if stat:
                children.setdefault(stat[0], []).append(int(name))
    found, todo = [], list(roots)
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def postmaster(database_url: str | None) -> int | None:
    """The PostgreSQL server of DATABASE_URL when it runs on this machine (bin/with-postgres), else None."""
    match = re.search(r"@(?:127\.0\.0\.1|localhost)(?::(\d+))?/", database_url or "")
    if not match:
        return None
    port = match.group(1) or "5432"
    for name in os.listdir("/proc"):
        if name.isdigit():
            cmd = _cmdline(int(name))
            if "postgres" in cmd.split(" ")[0] and f"-p {port}" in cmd:
                return int(name)
    return None


def role(pid: int, root: int, parent: dict[int, int], database: int | None = None) -> str:
    cmd = _cmdline(pid)
    if database is not None and pid == database:
        return "postgres postmaster"
    if database is not None and parent.get(pid) == database:
        return "postgres backend" if "(" in cmd else "postgres " + " ".join(cmd.split()[1:3])[:24]
    if pid == root:
        return "manage.py serve" if " serve" in cmd else "launcher"
    if "gunicorn" in cmd:
        up = parent.get(pid, 0)
        return "gunicorn worker" if up != root and "gunicorn" in _cmdline(up) else "gunicorn master"
    if "run_worker" in cmd:
        return "task worker" if "--no-supervise" in cmd else "task worker supervisor"
    return cmd.split(" ")[-1][:30] or "?"


def busy_ticks() -> int:
    """CPU ticks spent by the whole machine (all cores) so far, excluding idle and iowait."""
    with open("/proc/stat", encoding="ascii") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    return sum(values) - values[3] - values[4]


@dataclass
class Sampler:
    """Peak RSS per server process and CPU ticks per process, sampled in a thread."""

    root: int
    database: int | None = None  # the postmaster, when PostgreSQL runs here: its processes serve the app too
    peak_kb: dict[int, int] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)
    postgres_peak_kb: int = 0  # all PostgreSQL processes at one moment (shared buffers counted in each)
    ticks: dict[int, int] = field(default_factory=dict)
    parent: dict[int, int] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)

    def sample(self) -> None:
        postgres_kb = 0
        for pid in tree([self.root] + ([self.database] if self.database else [])):
            stat = _stat(pid)
            if stat is None:
                continue
            self.parent[pid] = stat[0]
            self.ticks[pid] = stat[1]
            if pid not in self.roles:  # at first sight: a process that has ended has no command line left
                self.roles[pid] = role(pid, self.root, self.parent, self.database)
            kb = _rss_kb(pid)
            self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), kb)
            if self.roles[pid].startswith("postgres"):
                postgres_kb += kb
        self.postgres_peak_kb = max(self.postgres_peak_kb, postgres_kb)

    def run(self) -> None:
        while not self.stop.wait(0.2):
            self.sample()

    def server_ticks(self) -> int:
        return sum(self.ticks.values())

    def memory(self) -> list[tuple[str, int, float]]:
        rows = [(self.roles[pid], pid, kb / 1024) for pid, kb in self.peak_kb.items()
                if not self.roles[pid].startswith("postgres")]
        order = ["manage.py serve", "launcher", "gunicorn master", "gunicorn worker", "task worker supervisor",
                 "task worker", "postgres postmaster", "postgres backend"]
        return sorted(rows, key=lambda r: (order.index(r[0]) if r[0] in order else 99, r[1]))


# --- load -----------------------------------------------------------------------------------------------------

def drive(port: int, paths: list[str], clients: int, seconds: float, cookie: str | None):
    """Closed loop: each client fetches paths[i % len(paths)] back to back for ``seconds``."""
    latencies: list[float] = []
    failures: dict[str, int] = {}
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    counter = [0]

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Cookie": cookie} if cookie else {}
        mine: list[float] = []
        while time.perf_counter() < deadline:
            with lock:
                path = paths[counter[0] % len(paths)]
                counter[0] += 1
            start = time.perf_counter()
            reason = None
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    reason = f"HTTP {response.status}"
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                reason = type(error).__name__
            elapsed = time.perf_counter() - start
            if reason is None:
                mine.append(elapsed)
            else:
                with lock:
                    failures[reason] = failures.get(reason, 0) + 1
        conn.close()
        with lock:
            latencies.extend(mine)

    return latencies, run_clients(client, clients), failures


def wait_for_quiet(max_load: float | None, patience: float) -> None:
    if max_load is None:
        return
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] >= max_load and time.monotonic() < deadline:
        time.sleep(5)


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60, help="measured seconds per page (default 60)")
    parser.add_argument("--warmup", type=float, default=5, help="seconds of load before measuring (default 5)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: the serve command's)")
    parser.add_argument("--threads", type=int, help="threads per gunicorn worker (default: the serve command's)")
    parser.add_argument("--server", choices=("serve", "gunicorn"), default="serve",
                        help="serve: the production command (manage.py serve, when it exists); gunicorn: gunicorn "
                        "and manage.py run_worker started here, as the README says (for trying gunicorn settings)")
    parser.add_argument("--worker-class", default="gthread", help="with --server gunicorn (default gthread)")
    parser.add_argument("--pages", default="public,search,review", help="which of public,search,review")
    parser.add_argument("--strategy", default="2020", help="title fragment of the strategy for the public and "
                        "review pages (default: KS's Langtidsstrategi 2020–2023)")
    parser.add_argument("--max-load", type=float, default=1.5,
                        help="wait for the 1-min load average to fall below this before each page (0: don't)")
    parser.add_argument("--wait-load", type=float, default=90, help="wait at most this many seconds for it")
    args = parser.parse_args()
    # SIGTERM (and SIGINT, ignored in a background job) stop the run through the finally below, server included.
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)

    with tempfile.TemporaryDirectory(prefix="veikart-load-") as tmp:
        env = dict(os.environ, VEIKART_DATA_DIR=tmp, VEIKART_CORPUS_DIR=os.environ.get(
            "VEIKART_CORPUS_DIR", str(ROOT.parent / "shared" / "corpus")))
        if not Path(env["VEIKART_CORPUS_DIR"]).is_dir():
            env["VEIKART_CORPUS_DIR"] = str(ROOT / "corpus")
        env.setdefault("DJANGO_SETTINGS_MODULE", "veikart.web.settings")
        env.pop("VEIKART_DEBUG", None)
        database = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite (WAL)"
        began = time.perf_counter()
        for command in (("migrate", "--noinput", "-v0"), ("load_demo", "--password", PASSWORD),
                        ("propose_sdg_tags",), ("load_demo_plans",), ("load_demo_corpus",)):
            manage(env, *command)
        counts = manage(env, "shell", "-v0", "-c",
                        "from veikart.web.strategies.models import Strategy as S, Item as I;"
                        f"s=S.objects.get(title__contains={args.strategy!r});"
                        "print(s.pk, s.get_absolute_url(), S.objects.count(), I.objects.count(),"
                        " I.objects.filter(section__strategy=s).count())").split()
        strategy_id, public_url, n_strategies, n_items, n_own = counts
        setup = time.perf_counter() - began

        port = free_port()
        serve = args.server == "serve" and (ROOT / "veikart/web/strategies/management/commands/serve.py").is_file()
        if serve:
            command = [sys.executable, str(ROOT / "manage.py"), "serve", f"127.0.0.1:{port}"]
            if args.workers:
                command += ["--workers", str(args.workers)]
            if args.threads:
                command += ["--threads", str(args.threads)]
            server_name = "manage.py serve (bin/serve)"
        else:
            workers, threads = args.workers or 2 * (os.cpu_count() or 1) + 1, args.threads or 4
            command = [sys.executable, "-c", (
                "import subprocess,sys\n"
                f"w=subprocess.Popen([sys.executable,{str(ROOT / 'manage.py')!r},'run_worker'])\n"
                f"g=subprocess.Popen([sys.executable,'-m','gunicorn','veikart.web.wsgi:application','--bind',"
                f"'127.0.0.1:{port}','--workers','{workers}','--worker-class','{args.worker_class}','--threads','{threads}'])\n"
                "import signal\n"
                "signal.signal(signal.SIGTERM, lambda *a: (g.terminate(), w.terminate()))\n"
                "g.wait(); w.terminate(); w.wait()\n")]
            server_name = f"gunicorn {workers} {args.worker_class} workers x {threads} threads + manage.py run_worker"
        log = open(Path(tmp) / "server.log", "w")  # noqa: SIM115 - the server writes it until the finally below
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for(port)
            time.sleep(2)
            sampler = Sampler(server.pid, postmaster(env.get("DATABASE_URL")))
            sampler.sample()
            gunicorn_workers = sum(1 for name in sampler.roles.values() if name == "gunicorn worker")
            cookie = sign_in(port)
            search_paths = [f"/sok/?q={quote_plus(q)}" for q in QUERIES]
            pages = {
                "public": ("public strategy page", [public_url], None),
                "search": (f"search ({len(QUERIES)} queries in turn)", search_paths, None),
                "review": ("review page (editor)", [f"/strategier/{strategy_id}/gjennomgang/"], cookie),
            }
            print(f"machine: {machine()}")
            print(f"database: {database}; data: {n_strategies} strategies, {n_items} goals/commitments "
                  f"(the page's strategy: id {strategy_id}, {n_own}); setup {setup:.0f} s")
            print(f"server: {server_name}; {gunicorn_workers} gunicorn workers; "
                  f"{args.clients} concurrent clients (closed loop, keep-alive), {args.warmup:.0f} s warm-up + "
                  f"{args.seconds:.0f} s per page, loopback")
            print(f"pages: public {public_url} · search /sok/?q=… ({', '.join(QUERIES)}) · "
                  f"review /strategier/{strategy_id}/gjennomgang/")
            print()
            header = (f"{'page':<34} {'target':>7} {'ok':>6} {'err':>4} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
                      f"{'req/s':>6} {'CPU/req':>7}  {'load':>4}  {'client':>6}  {'others':>6}")
            print(header)
            results = []
            for key in [p.strip() for p in args.pages.split(",") if p.strip()]:
                name, paths, session = pages[key]
                wait_for_quiet(args.max_load or None, args.wait_load)
                load_before = os.getloadavg()[0]
                drive(port, paths, args.clients, args.warmup, session)
                sampler.sample()
                ticks_server = sampler.server_ticks()
                ticks_all = busy_ticks()
                ticks_me = sum(os.times()[:2])
                thread = threading.Thread(target=sampler.run)
                thread.start()
                latencies, wall, failures = drive(port, paths, args.clients, args.seconds, session)
                sampler.stop.set()
                thread.join()
                sampler.stop.clear()
                sampler.sample()
                client = sum(os.times()[:2]) - ticks_me
                others = ((busy_ticks() - ticks_all) - (sampler.server_ticks() - ticks_server)) / CLK_TCK - client
                errors = sum(failures.values())
                answered = len(latencies) + errors
                cpu_ms = (sampler.server_ticks() - ticks_server) / CLK_TCK * 1000 / answered if answered else 0.0
                if len(latencies) >= 2:
                    cuts = statistics.quantiles(latencies, n=100)
                    p50, p95, p99 = cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000
                else:
                    p50 = p95 = p99 = float("nan")
                met = "ok" if errors == 0 and p95 < TARGETS_MS[key] else "MISSED"
                print(f"{name:<34} {'<' + str(TARGETS_MS[key]):>7} {len(latencies):>6} {errors:>4} {p50:7.0f} "
                      f"{p95:7.0f} {p99:7.0f} {len(latencies) / wall:6.1f} {cpu_ms:5.1f}ms  {load_before:4.2f}  "
                      f"{client / wall:5.2f}c  {max(others, 0) / wall:5.2f}c  {met}"
                      + (f"  ({', '.join(f'{k} x{v}' for k, v in failures.items())})" if failures else ""))
                results.append((key, met))
            print()
            print("peak RSS per server process over the run (MiB):")
            for name, pid, mib in sampler.memory():
                print(f"  {name:<24} pid {pid:<7} {mib:7.1f}")
            total = sum(mib for _, _, mib in sampler.memory())
            print(f"  {'sum of peaks':<24} {'':<11} {total:7.1f}")
            if sampler.database:
                postgres = {pid: kb for pid, kb in sampler.peak_kb.items() if sampler.roles[pid].startswith("postgres")}
                backends = [kb for pid, kb in postgres.items() if sampler.roles[pid] == "postgres backend"]
                print(f"  {'PostgreSQL':<24} {len(postgres):>3} processes ({len(backends)} backends over the run, "
                      f"each at most {max(backends, default=0) / 1024:.1f}); all at one moment at most "
                      f"{sampler.postgres_peak_kb / 1024:.1f} (its shared buffers counted in every process)")
            print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; "
                  "'CPU/req' = CPU time of all server processes per answered request, "
                  "'client' = cores used by this script's clients, 'others' = by other processes on the machine, "
                  "during the page's measured run")
        finally:
            server.terminate()
            try:
                server.wait(timeout=40)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()
            errors_logged = [line for line in (Path(tmp) / "server.log").read_text(errors="replace").splitlines()
                             if "Traceback" in line or "[ERROR]" in line or "[CRITICAL]" in line]
            if errors_logged:
                print(f"server log: {len(errors_logged)} error lines, first: {errors_logged[0][:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
