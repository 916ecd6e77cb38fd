"""The lock files, Dockerfile and compose.yaml agree with the project (they drift silently otherwise)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _pinned(lock: Path) -> dict[str, str]:
    pins = {}
    for line in lock.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^ ;\\]+)", line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def test_the_locks_pin_every_dependency_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    dev = {_name(r) for r in project["optional-dependencies"]["dev"]}
    full, prod = _pinned(ROOT / "requirements.lock"), _pinned(ROOT / "requirements.prod.lock")
    assert runtime | dev <= set(full), sorted((runtime | dev) - set(full))
    assert runtime <= set(prod), sorted(runtime - set(prod))
    assert not (dev - runtime) & set(prod), "the production lock holds dev tools"
    for lock in ("requirements.lock", "requirements.prod.lock"):
        text = (ROOT / lock).read_text()
        assert text.count("==") <= text.count("--hash=sha256:"), f"{lock}: a pin without a hash"
    assert "--require-hashes -r requirements.lock" in (ROOT / "bin" / "setup").read_text()


def test_the_image_and_compose_run_the_documented_commands():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes -r requirements.prod.lock" in dockerfile
    assert 'CMD ["bin/serve"]' in dockerfile and "/healthz" in dockerfile
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "app", "worker"}
    assert services["app"]["command"][:1] == ["bin/serve"] and "--no-worker" in services["app"]["command"]
    assert services["worker"]["command"][-1] == "run_worker"
    assert services["app"]["environment"]["DATABASE_URL"].startswith("postgres://")
    assert services["db"]["image"].startswith("postgres:")
