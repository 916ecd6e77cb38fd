"""A real OpenID provider (django-oauth-toolkit, OIDC on) in its own process, and Veikart pointed at it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.notify.conftest import free_port
from tests.people.conftest import drammen, olga  # noqa: F401  (fixtures)
from tests.web.conftest import _web_settings  # noqa: F401  (autouse)

REPO = Path(__file__).resolve().parents[2]
CLIENT = {"id": "veikart", "secret": "klienthemmelighet-for-test", "redirect_uri": "http://testserver/sso/svar/"}
PASSWORD = "leverandor-passord-1"
USERS = [
    {"username": "siri", "password": PASSWORD, "email": "siri@oslo.kommune.no", "first_name": "Siri",
     "last_name": "Hansen"},
    {"username": "tor", "password": PASSWORD, "email": "tor@example.org", "first_name": "Tor", "last_name": "Berg"},
    {"username": "uno", "password": PASSWORD, "email": "uno@example.org"},
    {"username": "olga", "password": PASSWORD, "email": "olga@example.org"},
]
CLAIMS = {
    "siri": {"veikart_org_number": "0301"},  # Oslo
    "tor": {"veikart_org_number": ["0301", "3301"]},  # Oslo and Drammen
    "uno": {"veikart_org_number": "9999"},  # no such organisation
}


def _private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """The provider's base URL, e.g. http://127.0.0.1:PORT (started once per module, stopped after)."""
    folder = tmp_path_factory.mktemp("provider")
    config = folder / "config.json"
    config.write_text(json.dumps({
        "database": str(folder / "provider.sqlite3"), "private_key": _private_key_pem(),
        "users": USERS, "claims": CLAIMS, "client": CLIENT,
    }))
    port = free_port()
    env = {**os.environ, "PROVIDER_CONFIG": str(config)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "tests.sso.provider.serve", str(port)], cwd=REPO, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(base + "/o/.well-known/openid-configuration", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the test provider did not start: " + (folder / "provider.log").read_text()[-2000:])
        time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(10)
    log.close()


@pytest.fixture
def sso(settings, provider):
    """Veikart with single sign-on on, configured from the provider's discovery document as an operator would."""
    discovery = requests.get(provider + "/o/.well-known/openid-configuration", timeout=5).json()
    settings.VEIKART_OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT["id"], CLIENT["secret"]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS,
                                        "veikart.web.sso.backend.OrganisationOIDCBackend"]
    return discovery
