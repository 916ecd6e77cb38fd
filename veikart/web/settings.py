"""Django settings for Veikart: one module, every value from the environment.

Zero configuration runs the demo on SQLite in ./var/; production sets
VEIKART_SECRET_KEY, VEIKART_ALLOWED_HOSTS and (optionally) DATABASE_URL.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

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
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # health probes talk plain HTTP to the container
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
    "ninja",  # its Swagger UI from its own static files (no CDN): the API docs run under our CSP
    "veikart.web.pagecache",  # below every app: it only watches their writes
    "veikart.web.jobs",
    "veikart.web.orgs",
    "veikart.web.preferences",  # each signed-in person's language (veikart/web/language.py)
    "veikart.web.strategies",
    "veikart.web.semantic",  # cached sentence vectors (below search, which uses them)
    "veikart.web.audit",
    "veikart.web.people",  # invitations and the audit trail of memberships
    "veikart.web.notify",  # e-mail reminders and each person's e-mail settings
    "veikart.web.sso",  # OpenID Connect logins (off unless VEIKART_OIDC_ENABLED)
    "veikart.web.sdgtags",
    "veikart.web.planning",
    "veikart.web.search",
    "veikart.web.compare",  # the period comparison and plan alignment pages
    "veikart.web.api",
    "veikart.web.ops",  # backup and restore commands
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

# Meaning (the e5 model's vectors) besides words: SDG proposals weigh it, and every change queues the job that
# fills the vector cache (semantic search, similar plans by meaning). Off (0): proposals by words alone and no
# embedding after a change (`manage.py embed_items` still fills the cache when run); for a machine without the
# CPU to spare. The tests turn it off except where meaning is what they test (tests/conftest.py).
VEIKART_MEANING = env_bool("VEIKART_MEANING", True)

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
                "veikart.web.sso.views.login_context",
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
# Invitations into an organisation (veikart.web.people): the signed link works this many days, once.
VEIKART_INVITATION_DAYS = env_int("VEIKART_INVITATION_DAYS", 7)
PASSWORD_RESET_TIMEOUT = env_int("VEIKART_PASSWORD_RESET_SECONDS", 24 * 3600)

# E-mail (invitations, password reset, reminders) through Django's mail framework: SMTP when
# VEIKART_EMAIL_HOST is set (production), else printed on the console (the demo). STARTTLS on port 587 by
# default; VEIKART_EMAIL_SSL=1 (and port 465) for implicit TLS instead.
EMAIL_HOST = env_str("VEIKART_EMAIL_HOST", "localhost")
EMAIL_BACKEND = env_str(
    "VEIKART_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if env_str("VEIKART_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_USE_SSL = env_bool("VEIKART_EMAIL_SSL", False)
EMAIL_USE_TLS = env_bool("VEIKART_EMAIL_STARTTLS", not EMAIL_USE_SSL)
EMAIL_PORT = env_int("VEIKART_EMAIL_PORT", 465 if EMAIL_USE_SSL else 587)
EMAIL_HOST_USER = env_str("VEIKART_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("VEIKART_EMAIL_PASSWORD")
EMAIL_TIMEOUT = env_int("VEIKART_EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = SERVER_EMAIL = env_str("VEIKART_EMAIL_FROM", "Veikart <veikart@localhost>")
# The site's address in e-mails sent outside a request (the daily reminders), without a trailing slash.
VEIKART_BASE_URL = env_str("VEIKART_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# `manage.py send_reminders` lists measures overdue and those due within this many days.
VEIKART_REMINDER_DAYS = env_int("VEIKART_REMINDER_DAYS", 7)

# Single sign-on with OpenID Connect (Entra ID, ID-porten, Feide …) through mozilla-django-oidc; off unless
# VEIKART_OIDC_ENABLED=1. The endpoints are the provider's (its /.well-known/openid-configuration lists them);
# the redirect URI to register with the provider is https://<host>/sso/svar/. The claim
# VEIKART_OIDC_ORG_CLAIM holds the municipality/county number(s) (Organisation.number) the person belongs
# to; a new membership gets VEIKART_OIDC_DEFAULT_ROLE (veikart.web.sso.backend).
VEIKART_OIDC_ENABLED = env_bool("VEIKART_OIDC_ENABLED", False)
OIDC_RP_CLIENT_ID = env_str("VEIKART_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("VEIKART_OIDC_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("VEIKART_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("VEIKART_OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("VEIKART_OIDC_USERINFO_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("VEIKART_OIDC_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("VEIKART_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("VEIKART_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True  # ID-porten and Entra ID expect it; harmless elsewhere
OIDC_TIMEOUT = env_int("VEIKART_OIDC_TIMEOUT", 10)
LOGIN_REDIRECT_URL_FAILURE = "/logg-inn/?sso=feil"
VEIKART_OIDC_ORG_CLAIM = env_str("VEIKART_OIDC_ORG_CLAIM", "veikart_org_number")
VEIKART_OIDC_DEFAULT_ROLE = env_str("VEIKART_OIDC_DEFAULT_ROLE", "viewer")
VEIKART_OIDC_LABEL = env_str("VEIKART_OIDC_LABEL", "")  # the login button's words, e.g. "Logg inn med Feide"
if VEIKART_OIDC_DEFAULT_ROLE not in ("viewer", "editor", "admin"):
    raise ImproperlyConfigured("VEIKART_OIDC_DEFAULT_ROLE must be viewer, editor or admin")
if VEIKART_OIDC_ENABLED:
    _missing = [name for name, value in (
        ("VEIKART_OIDC_CLIENT_ID", OIDC_RP_CLIENT_ID), ("VEIKART_OIDC_CLIENT_SECRET", OIDC_RP_CLIENT_SECRET),
        ("VEIKART_OIDC_AUTHORIZATION_ENDPOINT", OIDC_OP_AUTHORIZATION_ENDPOINT),
        ("VEIKART_OIDC_TOKEN_ENDPOINT", OIDC_OP_TOKEN_ENDPOINT),
        ("VEIKART_OIDC_USERINFO_ENDPOINT", OIDC_OP_USER_ENDPOINT),
        ("VEIKART_OIDC_JWKS_ENDPOINT", OIDC_OP_JWKS_ENDPOINT),
    ) if not value]
    if _missing:
        raise ImproperlyConfigured("VEIKART_OIDC_ENABLED=1 needs " + ", ".join(_missing))
    AUTHENTICATION_BACKENDS.append("veikart.web.sso.backend.OrganisationOIDCBackend")

LOGOUT_REDIRECT_URL = "front"

# Bokmål first, then nynorsk (the Language Act) and English. The language is the visitor's choice (a
# cookie set by the language switch), never guessed from the browser.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
FORMAT_MODULE_PATH = ["veikart.web.formats"]  # short dates alike in tables, charts and reports
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
# Uploaded and source documents go through Django's storage API only (FileField.open/save/delete, never a path),
# so a deployment may keep them on S3-compatible storage: set VEIKART_S3_BUCKET (and VEIKART_S3_ENDPOINT_URL for
# MinIO, Ceph, OpenStack Swift …) and install django-storages[s3] (an option, not a dependency); boto3 reads the
# keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Without it, files live in MEDIA_ROOT.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if env_str("VEIKART_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("VEIKART_S3_BUCKET"),
            "endpoint_url": env_str("VEIKART_S3_ENDPOINT_URL") or None,
            "region_name": env_str("VEIKART_S3_REGION") or None,
            "location": env_str("VEIKART_S3_PREFIX"),  # a folder inside the bucket
            "default_acl": "private",
            "file_overwrite": False,  # two uploads of "plan.pdf" keep both
            "querystring_auth": True,  # never a public URL: downloads go through our views anyway
        },
    }

# The API's lists (django-ninja): ?limit= (default 100, at most 1000) and ?offset=.
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 1000

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
