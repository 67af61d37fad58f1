"""Django settings, read only from environment variables (documented in docs/configuration.md)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF

from farewell.env import ConfigError, envbool, envint, envlist, envsecret, envstr

BASE_DIR = Path(__file__).resolve().parent

DATA_DIR = Path(envstr("FAREWELL_DATA_DIR", "var")).expanduser().resolve()
SECRETS_DIR = Path(envstr("FAREWELL_SECRETS_DIR", str(DATA_DIR / "secrets"))).expanduser().resolve()

DEBUG = envbool("FAREWELL_DEBUG", False)
HTTPS = envbool("FAREWELL_HTTPS", True)
# Set by `farewell demo` only: plain HTTP is then accepted for loopback hosts too.
DEMO = envbool("FAREWELL_DEMO", False)
ALLOWED_HOSTS = envlist("FAREWELL_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = envlist("FAREWELL_CSRF_TRUSTED_ORIGINS")

# Which of the three sites this process serves; `farewell serve --site` sets it.
FAREWELL_SITES = envlist("FAREWELL_SITES", "intake,review,archive")

# Per-site signing keys (sessions, CSRF) and the pepper, kept outside the database. The
# operator secret is deliberately not a setting: no web process reads it (vault/keys.py does).
FAREWELL_SECRETS = {
    "intake": envsecret("FAREWELL_INTAKE_SECRET_KEY", SECRETS_DIR),
    "review": envsecret("FAREWELL_REVIEW_SECRET_KEY", SECRETS_DIR),
}
FAREWELL_PEPPER = envsecret("FAREWELL_PEPPER", SECRETS_DIR)
# MACs of the audit chain and of approvals, encryption of TOTP secrets (vault/server_keys.py).
FAREWELL_AUDIT_KEY = envsecret("FAREWELL_AUDIT_KEY", SECRETS_DIR)
# The latest (sequence, MAC) of the audit chain, kept outside the database to detect truncation.
FAREWELL_AUDIT_HEAD_PATH = Path(envstr("FAREWELL_AUDIT_HEAD_PATH", str(DATA_DIR / "audit-head"))).resolve()

# Django's own SECRET_KEY signs only what Django signs by itself (nothing on the intake,
# which signs with its own key explicitly); it is the review site's key.
SECRET_KEY = FAREWELL_SECRETS["review"] or ""

INSTALLED_APPS = [
    "django.contrib.staticfiles",
    "django.contrib.messages",
    "farewell",  # the `farewell` program's verbs: farewell/management/commands
    "farewell.web",
    "farewell.vault",
    "farewell.accounts",
    "farewell.audit",
    "farewell.cases",
    "farewell.intake",
    "farewell.review",
    "farewell.archive",
    "farewell.jobs",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "farewell.web.middleware.ForgetClientMiddleware",
    "farewell.web.middleware.SiteMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "farewell.web.middleware.UrlLanguageMiddleware",
    "farewell.archive.cache.ArchiveCacheMiddleware",
    "farewell.web.sessions.SiteSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "farewell.web.middleware.SiteCsrfMiddleware",
    "farewell.web.middleware.SiteMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "farewell.web.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "farewell.urls"
WSGI_APPLICATION = "farewell.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "farewell.web.context.site",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envsecret("DATABASE_URL", SECRETS_DIR) or f"sqlite:///{DATA_DIR / 'farewell.sqlite3'}",
        conn_max_age=envint("FAREWELL_DB_CONN_MAX_AGE", 60, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer commits; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA secure_delete=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    # Connections are kept (FAREWELL_DB_CONN_MAX_AGE) as on PostgreSQL: opening one (the PRAGMAs,
    # reading the schema) cost 1.4 of the 1.8 ms of a cached archive page (docs/benchmarks.md).
    # The suite's SQLite database is a file too: in-memory databases lock differently.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-farewell.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Languages: Russian by default; English and French by URL prefix only.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = None  # WhiteNoise serves the files from the installed package (finders)
STORAGES = {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Sessions are per site (farewell.web.sessions); these are the shared cookie attributes.
SESSION_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_IDLE_MINUTES = envint("FAREWELL_SESSION_IDLE_MINUTES", 30, minimum=1)
CSRF_USE_SESSIONS = True
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_FAILURE_VIEW = "farewell.web.views.csrf_failure"

# Security headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    # TLS ends at the reverse proxy, which must set X-Forwarded-Proto (docs/self-hosting.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("FAREWELL_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False
# The proxy redirects to HTTPS; Django does not (onion services speak plain HTTP).
# W003: CSRF protection is on, through a subclass Django's check does not recognize.
SILENCED_SYSTEM_CHECKS = ["security.W008", "security.W003"]
if not HTTPS:
    SILENCED_SYSTEM_CHECKS.append("security.W004")  # no HSTS without TLS (.onion, loopback)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "style-src": [SELF],
        "img-src": [SELF],
        "media-src": [SELF],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    }
}

DEFAULT_EXCEPTION_REPORTER_FILTER = "farewell.web.logs.HideEverythingFilter"

# Intake limits.
FAREWELL_MAX_STORY_CHARS = envint("FAREWELL_MAX_STORY_CHARS", 100_000, minimum=1_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = FAREWELL_MAX_STORY_CHARS * 4 + 64 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
# Files: only the intake's testimony form reads them, encrypting as they stream (vault/uploads.py).
FILE_UPLOAD_HANDLERS = ["farewell.vault.uploads.RefuseUploads"]
FAREWELL_MAX_FILES = envint("FAREWELL_MAX_FILES", 10, minimum=0)
FAREWELL_MAX_FILE_MB = envint("FAREWELL_MAX_FILE_MB", 1024, minimum=1)
FAREWELL_MAX_SUBMISSION_MB = envint("FAREWELL_MAX_SUBMISSION_MB", 2048, minimum=1)
FAREWELL_STORAGE_QUOTA_GB = envint("FAREWELL_STORAGE_QUOTA_GB", 50, minimum=1)
FAREWELL_MIN_FREE_DISK_MB = envint("FAREWELL_MIN_FREE_DISK_MB", 1024, minimum=0)
DATA_UPLOAD_MAX_NUMBER_FILES = FAREWELL_MAX_FILES + 5  # ours refuses first, with a clear message

# Codenames: words, and the cost of the slow keyed hash that finds a case by codename.
FAREWELL_CODENAME_WORDS = envint("FAREWELL_CODENAME_WORDS", 7, minimum=7)
FAREWELL_CODENAME_HASH_TIME_COST = envint("FAREWELL_CODENAME_HASH_TIME_COST", 3, minimum=1)
FAREWELL_CODENAME_HASH_MEMORY_KIB = envint("FAREWELL_CODENAME_HASH_MEMORY_KIB", 65536, minimum=8)
FAREWELL_CODENAME_HASH_CONCURRENCY = envint("FAREWELL_CODENAME_HASH_CONCURRENCY", 2, minimum=1)
# Floods and codename guessing on the intake (farewell/intake/limits.py); counts only, no address.
# For everyone (rows shared by every process and host), per minute:
FAREWELL_FLOOD_TESTIMONIES_PER_MINUTE = envint("FAREWELL_FLOOD_TESTIMONIES_PER_MINUTE", 10, minimum=1)
FAREWELL_FLOOD_REPLIES_PER_MINUTE = envint("FAREWELL_FLOOD_REPLIES_PER_MINUTE", 30, minimum=1)
FAREWELL_FLOOD_CODENAME_CHECKS_PER_MINUTE = envint("FAREWELL_FLOOD_CODENAME_CHECKS_PER_MINUTE", 60, minimum=1)
# Wrong codenames per minute past which every check waits; past twice as many, checks are refused.
FAREWELL_CODENAME_FAILURES_PER_MINUTE = envint("FAREWELL_CODENAME_FAILURES_PER_MINUTE", 20, minimum=1)
# For one session (counters in it): sendings of each form per hour; wrong codenames, then a lock.
FAREWELL_FLOOD_PER_SESSION_PER_HOUR = envint("FAREWELL_FLOOD_PER_SESSION_PER_HOUR", 20, minimum=1)
FAREWELL_CODENAME_FAILURES_PER_SESSION = envint("FAREWELL_CODENAME_FAILURES_PER_SESSION", 10, minimum=1)
FAREWELL_CODENAME_LOCK_MINUTES = envint("FAREWELL_CODENAME_LOCK_MINUTES", 15, minimum=1)
# Submitters' sessions end after this long without a request (reviewers': SESSION_IDLE_MINUTES).
FAREWELL_SUBMITTER_SESSION_MINUTES = envint("FAREWELL_SUBMITTER_SESSION_MINUTES", 30, minimum=1)
# Cost of deriving a key from the operator secret (wraps the worker and bootstrap keys).
FAREWELL_KDF_TIME_COST = envint("FAREWELL_KDF_TIME_COST", 3, minimum=1)
FAREWELL_KDF_MEMORY_KIB = envint("FAREWELL_KDF_MEMORY_KIB", 65536, minimum=8)

# Reviewer sign-in: failed attempts per minute, all accounts together, before everyone waits.
FAREWELL_LOGIN_FAILURES_PER_MINUTE = envint("FAREWELL_LOGIN_FAILURES_PER_MINUTE", 30, minimum=1)
# Where reviewers reach the site; enrolment links printed by `farewell createreviewer` use it.
FAREWELL_REVIEW_URL = envstr("FAREWELL_REVIEW_URL", "http://127.0.0.1:8000/review/")

# Reviewer notifications (review/notifications.py): one digest per round, "N cases have new
# replies" and a link, never content. No SMTP host: no email is sent. Nothing else sends mail.
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
FAREWELL_SMTP_HOST = envstr("FAREWELL_SMTP_HOST").strip()
FAREWELL_SMTP_SECURITY = envstr("FAREWELL_SMTP_SECURITY", "starttls").strip().lower()
if FAREWELL_SMTP_SECURITY not in ("starttls", "ssl", "none"):
    raise ConfigError(f"FAREWELL_SMTP_SECURITY must be starttls, ssl or none, not {FAREWELL_SMTP_SECURITY!r}")
FAREWELL_SMTP_PORT = envint(
    "FAREWELL_SMTP_PORT", {"starttls": 587, "ssl": 465, "none": 25}[FAREWELL_SMTP_SECURITY], minimum=1
)
FAREWELL_SMTP_USER = envstr("FAREWELL_SMTP_USER")
FAREWELL_SMTP_PASSWORD = envsecret("FAREWELL_SMTP_PASSWORD", SECRETS_DIR) or ""
FAREWELL_NOTIFY_FROM = envstr("FAREWELL_NOTIFY_FROM").strip()
if FAREWELL_SMTP_HOST and "@" not in FAREWELL_NOTIFY_FROM:
    raise ConfigError("FAREWELL_NOTIFY_FROM (an address, e.g. noreply@example.org) is needed with FAREWELL_SMTP_HOST")
FAREWELL_NOTIFY_LANGUAGE = envstr("FAREWELL_NOTIFY_LANGUAGE", LANGUAGE_CODE).strip().lower()
if FAREWELL_NOTIFY_LANGUAGE not in dict(LANGUAGES):
    raise ConfigError(f"FAREWELL_NOTIFY_LANGUAGE must be ru, en or fr, not {FAREWELL_NOTIFY_LANGUAGE!r}")
FAREWELL_NOTIFY_EVERY_MINUTES = envint("FAREWELL_NOTIFY_EVERY_MINUTES", 60, minimum=1)

# Originals (story, files, titles, reasons) of a closed case are erased this many days after it
# was published or rejected; verified cases, legal documentation and legal holds are kept.
FAREWELL_RETENTION_DAYS = envint("FAREWELL_RETENTION_DAYS", 90, minimum=0)

# Background jobs (farewell/jobs): django-tasks' database backend, with our own leases.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A worker renews its lease on a running job this often (a sixth of it); a killed worker's jobs
# are re-queued once it expires.
FAREWELL_JOB_LEASE_SECONDS = envint("FAREWELL_JOB_LEASE_SECONDS", 60, minimum=2)
FAREWELL_JOB_ATTEMPTS = envint("FAREWELL_JOB_ATTEMPTS", 3, minimum=1)
# A failed attempt is retried after this many seconds, four times longer after each failure.
FAREWELL_JOB_RETRY_SECONDS = envint("FAREWELL_JOB_RETRY_SECONDS", 30, minimum=0)
FAREWELL_WORKER_POLL_SECONDS = envint("FAREWELL_WORKER_POLL_SECONDS", 1, minimum=0)
FAREWELL_WORKER_SWEEP_SECONDS = envint("FAREWELL_WORKER_SWEEP_SECONDS", 30, minimum=1)
# Where a worker decrypts a file for the sandboxed cleaner (a private directory per file,
# removed afterwards). Best on a tmpfs, so no plaintext ever reaches a disk.
FAREWELL_SCRATCH_DIR = Path(envstr("FAREWELL_SCRATCH_DIR")).resolve() if envstr("FAREWELL_SCRATCH_DIR") else None
# Limits of the sandboxed cleaner, per file: CPU and wall-clock seconds, address space.
FAREWELL_CLEAN_TIME_LIMIT_SECONDS = envint("FAREWELL_CLEAN_TIME_LIMIT_SECONDS", 3 * 3600, minimum=10)
FAREWELL_CLEAN_MEMORY_MB = envint("FAREWELL_CLEAN_MEMORY_MB", 3072, minimum=256)

FAREWELL_ARCHIVE_PAGE_SIZE = envint("FAREWELL_ARCHIVE_PAGE_SIZE", 20, minimum=1)
# The archive's public address: feed ids, share links and mirrors' links back point there.
FAREWELL_CANONICAL_URL = envstr("FAREWELL_CANONICAL_URL", "http://127.0.0.1:8000/").strip()
_canonical = urlsplit(FAREWELL_CANONICAL_URL)
if (
    _canonical.scheme not in ("http", "https")
    or not _canonical.hostname
    or re.search(r"[\s\"'<>]", FAREWELL_CANONICAL_URL)
):
    raise ConfigError(f"FAREWELL_CANONICAL_URL must be an http:// or https:// address, not {FAREWELL_CANONICAL_URL!r}")
# Archive pages are cached per process (archive/cache.py), keyed by the archive's generation:
# a publication or withdrawal shows at once. 0 turns the cache off.
FAREWELL_ARCHIVE_CACHE_SECONDS = envint("FAREWELL_ARCHIVE_CACHE_SECONDS", 600, minimum=0)
FAREWELL_ARCHIVE_CACHE_ENTRIES = envint("FAREWELL_ARCHIVE_CACHE_ENTRIES", 5000, minimum=10)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": FAREWELL_ARCHIVE_CACHE_ENTRIES},
    }
}
# Published files (approved derivatives only), served by the archive and copied by mirrors.
FAREWELL_PUBLIC_MEDIA_DIR = Path(envstr("FAREWELL_PUBLIC_MEDIA_DIR", str(DATA_DIR / "public-media"))).resolve()

# Web server.
FAREWELL_WEB_WORKERS = envint("FAREWELL_WEB_WORKERS", 2, minimum=1)
# Threads (gthread workers): a slow upload over Tor must not be killed by the worker timeout.
FAREWELL_WEB_THREADS = envint("FAREWELL_WEB_THREADS", 4, minimum=1)
FAREWELL_WEB_TIMEOUT = envint("FAREWELL_WEB_TIMEOUT", 60, minimum=5)

LOG_LEVEL = envstr("FAREWELL_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_client_data": {"()": "farewell.web.logs.NoClientDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_client_data"],
        },
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # 4xx warnings name paths; they carry nothing an operator needs.
        "django": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False},
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        # The development server logs request lines; it is never used to serve anyone.
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}
