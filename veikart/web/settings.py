"""Django settings for Veikart: one module, every value from the environment.

Zero configuration runs the demo on SQLite in ./var/; production sets
VEIKART_SECRET_KEY, VEIKART_ALLOWED_HOSTS and (optionally) DATABASE_URL.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from veikart.web.env import env_bool, env_float, env_int, env_list, env_str, secret_key

WEB_DIR = Path(__file__).resolve().parent
REPO_DIR = WEB_DIR.parent.parent
DATA_DIR = Path(env_str("VEIKART_DATA_DIR", str(REPO_DIR / "var")))

DEBUG = env_bool("VEIKART_DEBUG", False)
SECRET_KEY = secret_key(DATA_DIR)
ALLOWED_HOSTS = env_list("VEIKART_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("VEIKART_CSRF_TRUSTED_ORIGINS", [])
# Behind HTTPS (production): secure cookies, redirect plain HTTP, HSTS. Off for the loopback demo.
HTTPS = env_bool("VEIKART_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("VEIKART_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("VEIKART_BEHIND_PROXY", False) else None
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy on every response (django-csp; Django 5.2 has none of its own, 6.0 will): scripts
# only from our own static files, no inline script anywhere; a <style> element only with the request's nonce
# (the annual report); style attributes (SDG colours, chart widths) allowed, they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # login throttling (below: AXES_*)
    "django_tasks",
    "django_tasks_db",
    "veikart.web.pagecache",  # below every app: it only watches their writes
    "veikart.web.jobs",
    "veikart.web.orgs",
    "veikart.web.preferences",  # each signed-in person's language (veikart/web/language.py)
    "veikart.web.strategies",
    "veikart.web.semantic",  # cached sentence vectors (below search, which uses them)
    "veikart.web.audit",
    "veikart.web.sdgtags",
    "veikart.web.planning",
    "veikart.web.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Anonymous visitors' public pages from memory until the data changes (veikart/web/pagecache); inside the
    # security middleware (HTTPS redirect first), outside the rest, so a cached answer keeps their headers.
    "veikart.web.pagecache.middleware.PublicPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "veikart.web.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the locked-out page
]

# Per process (each gunicorn worker keeps its own copy): nothing to run beside the app, and the key carries the
# data generation, so processes never serve each other's stale pages.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages",
              "OPTIONS": {"MAX_ENTRIES": env_int("VEIKART_PAGE_CACHE_ENTRIES", 300)}},
}
# Seconds a public page may be served from memory at most (a backstop: any change through Django drops it at
# once); 0 turns the cache off.
VEIKART_PAGE_CACHE_SECONDS = env_int("VEIKART_PAGE_CACHE_SECONDS", 300)

ROOT_URLCONF = "veikart.web.urls"
WSGI_APPLICATION = "veikart.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the embedded default and a real production database here: WAL
# lets readers run beside the one writer, busy_timeout waits for the lock
# instead of failing, and IMMEDIATE takes the write lock when a transaction
# starts, so two writers never deadlock halfway through.
SQLITE_PATH = DATA_DIR / "veikart.sqlite3"
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("VEIKART_DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            # Keep a thread's connection between requests: no reopen + PRAGMAs on every page.
            "CONN_MAX_AGE": env_int("VEIKART_DB_CONN_MAX_AGE", 60),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Extraction runs in the background: the database backend needs no broker;
# `manage.py db_worker` (started by run_demo_server) executes the jobs.
TASKS = {"default": {"BACKEND": env_str("VEIKART_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# `manage.py run_worker` (veikart.web.jobs): a running job writes its heartbeat this often; one silent
# for VEIKART_JOB_STALE_SECONDS belongs to a dead worker and is queued again, or failed after
# VEIKART_JOB_ATTEMPTS starts; workers look for such jobs every VEIKART_JOB_SWEEP_SECONDS.
VEIKART_JOB_HEARTBEAT_SECONDS = env_float("VEIKART_JOB_HEARTBEAT_SECONDS", 10.0)
VEIKART_JOB_STALE_SECONDS = env_float("VEIKART_JOB_STALE_SECONDS", 120.0)
VEIKART_JOB_SWEEP_SECONDS = env_float("VEIKART_JOB_SWEEP_SECONDS", 60.0)
VEIKART_JOB_ATTEMPTS = env_int("VEIKART_JOB_ATTEMPTS", 2)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"

# Login throttling (django-axes): after VEIKART_LOGIN_FAILURE_LIMIT wrong passwords in a row for one
# username from one address, that pair is refused (even the right password) for
# VEIKART_LOGIN_COOLOFF_MINUTES, with a page saying so (HTTP 429); other users and addresses log in as
# before. An admin lifts a lockout in the admin ("Access attempts": delete) or with
# `manage.py axes_reset_username <name>`. The address is REMOTE_ADDR (the proxy's, behind one).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out pair before checking the password
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("VEIKART_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("VEIKART_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "veikart.web.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True  # a successful login forgets the failures before it
AXES_VERBOSE = False
LOGIN_REDIRECT_URL = "my_page"
LOGOUT_REDIRECT_URL = "front"

# Bokmål first, then nynorsk (the Language Act) and English. The language is the visitor's choice (a
# cookie set by the language switch), never guessed from the browser.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request when it is missing
STATICFILES_DIRS = [WEB_DIR / "static"]
# Serve straight from the source folders: no collectstatic step for the demo.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(env_str("VEIKART_MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media/"  # never served publicly: source documents go through a view with access checks

VEIKART_MAX_UPLOAD_BYTES = env_int("VEIKART_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
# What one strategy may hold, checked before anything is written (far above any real plan: the
# longest in the corpus has a few hundred items and sections four levels deep), and how many
# items the public page shows at a time.
VEIKART_MAX_STRATEGY_JSON_BYTES = env_int("VEIKART_MAX_STRATEGY_JSON_BYTES", 10 * 1024 * 1024)
VEIKART_MAX_ITEMS = env_int("VEIKART_MAX_ITEMS", 5000)
VEIKART_MAX_SECTIONS = env_int("VEIKART_MAX_SECTIONS", 2000)
VEIKART_MAX_SECTION_DEPTH = env_int("VEIKART_MAX_SECTION_DEPTH", 8)
VEIKART_STRATEGY_PAGE_ITEMS = env_int("VEIKART_STRATEGY_PAGE_ITEMS", 300)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
VEIKART_SAMPLES_DIR = Path(env_str("VEIKART_SAMPLES_DIR", str(REPO_DIR.parent / "shared" / "samples")))
VEIKART_CORPUS_DIR = Path(env_str("VEIKART_CORPUS_DIR", str(REPO_DIR.parent / "shared" / "corpus")))

# Everything to stderr (gunicorn and the worker pass it on to the journal). Django's own default sends a
# server error (500) to stderr only with DEBUG on: here "django" (django.request, django.security …) always
# logs its errors with the traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": env_str("VEIKART_DJANGO_LOG_LEVEL", "ERROR"), "propagate": False},
        "veikart": {"handlers": ["console"], "level": env_str("VEIKART_LOG_LEVEL", "INFO")},
        "django_tasks": {"handlers": ["console"], "level": "WARNING"},
    },
}
