"""The one base of the web apps' configurations: each app's ``apps.py`` names only what is its own.

An app's name is the package its ``apps.py`` lives in (``veikart.web.audit.apps`` → ``veikart.web.audit``)
and its label the last part of that (``audit``); the primary key type is the project's
``DEFAULT_AUTO_FIELD`` (settings), so no app repeats it.
"""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class WebApp(AppConfig):
    """Subclassed once in each app's ``apps.py``, with its ``verbose_name`` and, if it listens, ``ready``."""

    # Django takes the one AppConfig subclass an ``apps.py`` holds as the app's configuration; this base,
    # imported there too, must not count as a second one.
    default = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.default = True
        cls.name = cls.__module__.rpartition(".")[0]
