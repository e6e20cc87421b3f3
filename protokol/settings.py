"""Settings, read from the environment (PROTOKOL_*); defaults suit one machine with SQLite."""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("PROTOKOL_VAR_DIR", Path.cwd() / "var")).resolve()
DATA_DIR = Path(os.environ.get("PROTOKOL_DATA_DIR", VAR_DIR / "files")).resolve()


def _env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The key from the environment, or one generated once and kept under var/ (never committed)."""
    if key := os.environ.get("PROTOKOL_SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
DEBUG = _env_flag("PROTOKOL_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("PROTOKOL_ALLOWED_HOSTS", "*").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "protokol.common",
    "protokol.meetings",
    "protokol.cases",
    "protokol.people",
    "protokol.planning",
    "protokol.search",
    "protokol.notifications",
    "protokol.portal",
    "protokol.workspace",
    "protokol.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "protokol.api.cors.ApiCorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "protokol.common.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "protokol.common.caching.PrivateForUsersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "protokol.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "protokol.common.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "protokol.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("PROTOKOL_DATABASE_URL", f"sqlite:///{VAR_DIR / 'protokol.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several gunicorn workers share one file: wait for the write lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Finds a user by the normalised user name (protokol.common.users), however it is typed.
AUTHENTICATION_BACKENDS = ["protokol.common.users.UsernameBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "da"
# Each language is named in itself, so a reader finds their own in the switch.
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request where it is missing
MEDIA_ROOT = DATA_DIR
MEDIA_URL = "/files/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGIN_URL = "/workspace/login/"

# Security. Behind HTTPS (PROTOKOL_HTTPS=1, the production setting) cookies are secure and HSTS is on;
# `make run` serves plain HTTP on 127.0.0.1, where secure cookies would lock everyone out.
HTTPS = _env_flag("PROTOKOL_HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS and not _env_flag("PROTOKOL_BEHIND_PROXY_NO_REDIRECT")
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _env_flag("PROTOKOL_BEHIND_PROXY") else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Failed logins per user name and address before a pause, and the pause (seconds).
LOGIN_FAILURES_ALLOWED = 5
LOGIN_PAUSE_SECONDS = 15 * 60

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The municipality's accessibility statement (tilgængelighedserklæring), linked from every page's footer.
PROTOKOL_ACCESSIBILITY_STATEMENT_URL = os.environ.get("PROTOKOL_ACCESSIBILITY_STATEMENT_URL", "").strip()
# An attachment's file, uploaded in the workspace or through the API.
PROTOKOL_ATTACHMENT_MAX_BYTES = int(os.environ.get("PROTOKOL_ATTACHMENT_MAX_MB", "25")) * 1024 * 1024
# Its text is read in a child process with at most this much memory (MB of address space) and time (s).
PROTOKOL_TEXT_EXTRACTION_MAX_MB = 512
PROTOKOL_TEXT_EXTRACTION_SECONDS = 30

# E-mail (notifications to members). With PROTOKOL_EMAIL_HOST set, over SMTP; without it, printed on
# the console (`make run`). PROTOKOL_EMAIL_BACKEND names another Django backend outright.
EMAIL_HOST = os.environ.get("PROTOKOL_EMAIL_HOST", "").strip()
EMAIL_BACKEND = os.environ.get("PROTOKOL_EMAIL_BACKEND", "").strip() or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("PROTOKOL_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("PROTOKOL_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PROTOKOL_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_flag("PROTOKOL_EMAIL_STARTTLS")
EMAIL_USE_SSL = _env_flag("PROTOKOL_EMAIL_SSL")
EMAIL_TIMEOUT = int(os.environ.get("PROTOKOL_EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("PROTOKOL_EMAIL_FROM", "protokol@localhost")
# Where the links in an e-mail point.
PROTOKOL_SITE_URL = os.environ.get("PROTOKOL_SITE_URL", "http://127.0.0.1:8000")
# Retries: a failed message waits PROTOKOL_NOTIFY_RETRY_SECONDS, doubled each time, and is given up
# (status "failed", shown in the admin) after PROTOKOL_NOTIFY_MAX_ATTEMPTS attempts.
PROTOKOL_NOTIFY_RETRY_SECONDS = int(os.environ.get("PROTOKOL_NOTIFY_RETRY_SECONDS", "60"))
PROTOKOL_NOTIFY_MAX_ATTEMPTS = int(os.environ.get("PROTOKOL_NOTIFY_MAX_ATTEMPTS", "8"))
PROTOKOL_NOTIFY_LEASE_SECONDS = 300
# Changes to a sent agenda within this many seconds go out as one e-mail (0: each at once).
PROTOKOL_NOTIFY_CHANGE_DELAY = int(os.environ.get("PROTOKOL_NOTIFY_CHANGE_DELAY", "0"))
# The reminder goes out this many days before the meeting (by `protokol notify --due`).
PROTOKOL_NOTIFY_REMINDER_DAYS = int(os.environ.get("PROTOKOL_NOTIFY_REMINDER_DAYS", "1"))
