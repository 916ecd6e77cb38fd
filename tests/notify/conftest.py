"""A real SMTP server (aiosmtpd) on a free loopback port, and Django's SMTP backend pointed at it."""

from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller

from tests.people.conftest import dina, drammen, kari, olga, otto  # noqa: F401  (fixtures)
from tests.web.conftest import _web_settings  # noqa: F401  (autouse)


class Inbox:
    """Keeps every message the server accepts (envelope sender, recipients and the raw message)."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def bodies(self) -> list[str]:
        return [e.content.decode("utf-8", "replace") for e in self.envelopes]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "Veikart <veikart@example.org>"
    yield inbox
    controller.stop()
