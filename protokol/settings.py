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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    # django-ninja's Swagger UI (/api/docs) from its own static files, not from a CDN the CSP blocks.
    "ninja",
    "protokol.common",
    "protokol.meetings",
    "protokol.cases",
    "protokol.people",
    "protokol.planning",
    "protokol.notes",
    "protokol.search",
    "protokol.rendering",
    "protokol.notifications",
    "protokol.portal",
    "protokol.workspace",
    "protokol.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "protokol.meetings.tenancy.TenantMiddleware",
    "protokol.api.cors.ApiCorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "protokol.common.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "protokol.workspace.second_factor.SecondFactorMiddleware",
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
                "protokol.portal.context_processors.organization",
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

# A search node (one web node's index) not seen for this many days is forgotten with its outbox rows.
PROTOKOL_SEARCH_NODE_DAYS = int(os.environ.get("PROTOKOL_SEARCH_NODE_DAYS", "7"))
# 0 on a machine that runs workers and no web node: its processes keep no search index (and register none).
PROTOKOL_SEARCH_NODE = os.environ.get("PROTOKOL_SEARCH_NODE", "1") != "0"
# A drain indexes the meetings waiting for its node this many at a time, committing each batch.
PROTOKOL_SEARCH_DRAIN_BATCH = int(os.environ.get("PROTOKOL_SEARCH_DRAIN_BATCH", "500"))
# A job worker indexes what its jobs wrote at most this often, and when it runs out of jobs.
PROTOKOL_SEARCH_WORKER_DRAIN_SECONDS = float(os.environ.get("PROTOKOL_SEARCH_WORKER_DRAIN_SECONDS", "5"))

# Background jobs (protokol.common.jobs): "queue" keeps them in this database for `protokol worker`;
# the default runs a task at once, in the process that asks.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # Any queue name: besides "import" and "render", each search node has its own ("search-node-<id>").
    "queue": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []},
}
# A job started this long ago by a worker on another machine, still running, is taken as lost.
# A public PDF whose document data is larger than this (characters of its JSON) is rendered by a job
# (`protokol worker`) when it is published or first asked for; a smaller one as it is asked for.
PROTOKOL_PDF_INLINE_CHARS = int(os.environ.get("PROTOKOL_PDF_INLINE_CHARS", "150000"))
PROTOKOL_JOB_LEASE_SECONDS = int(os.environ.get("PROTOKOL_JOB_LEASE_SECONDS", "900"))

# Finds a user by the normalised user name (protokol.common.users), however it is typed; and, where an
# OpenID Connect provider is configured (PROTOKOL_OIDC_ISSUER), by the provider's stable `sub`.
AUTHENTICATION_BACKENDS = ["protokol.common.users.UsernameBackend", "protokol.workspace.oidc.OidcBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "da"
# Each language is named in itself, so a reader finds their own in the switch.
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Each language's date formats (named in templates: |date:"DATE_FORMAT").
FORMAT_MODULE_PATH = ["protokol.common.formats"]
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

# Password login (the workspace's and the admin's form). Off (PROTOKOL_LOCAL_LOGIN=0) where everyone logs
# in through the municipality's identity provider: the form is not shown and a posted password is refused,
# except for the break-glass accounts named here, at /workspace/login/break-glass/ (audited).
PROTOKOL_LOCAL_LOGIN = _env_flag("PROTOKOL_LOCAL_LOGIN", default=True)
PROTOKOL_BREAK_GLASS_USERS = [
    u.strip() for u in os.environ.get("PROTOKOL_BREAK_GLASS_USERS", "").split(",") if u.strip()
]
# A second factor (TOTP, django-otp) for every account that can read closed content or write, before it
# sees anything of the workspace or the admin. On unless switched off.
PROTOKOL_REQUIRE_2FA = _env_flag("PROTOKOL_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = os.environ.get("PROTOKOL_2FA_ISSUER", "protokol")

# Single sign-on with OpenID Connect (mozilla-django-oidc, authorization code flow with PKCE). The
# endpoints are read from the issuer's discovery document unless given. Roles follow the groups claim at
# every login: PROTOKOL_OIDC_GROUP_MEMBER and _SECRETARIAT name a body's groups with {body} for the body's
# slug; PROTOKOL_OIDC_GROUP_ADMIN is the administrators' group.
PROTOKOL_OIDC_ISSUER = os.environ.get("PROTOKOL_OIDC_ISSUER", "").strip().rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("PROTOKOL_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("PROTOKOL_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("PROTOKOL_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("PROTOKOL_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("PROTOKOL_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("PROTOKOL_OIDC_JWKS_URI", "")
OIDC_RP_SIGN_ALGO = os.environ.get("PROTOKOL_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("PROTOKOL_OIDC_SCOPES", "openid profile email")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "workspace:oidc_callback"
OIDC_CALLBACK_CLASS = "protokol.workspace.oidc.CallbackView"
OIDC_AUTHENTICATE_CLASS = "protokol.workspace.oidc.AuthenticateView"
LOGIN_REDIRECT_URL = "/workspace/"
LOGIN_REDIRECT_URL_FAILURE = "/workspace/login/?sso=failed"
PROTOKOL_OIDC_USERINFO = _env_flag("PROTOKOL_OIDC_USERINFO", default=True)
PROTOKOL_OIDC_GROUPS_CLAIM = os.environ.get("PROTOKOL_OIDC_GROUPS_CLAIM", "groups")
PROTOKOL_OIDC_GROUP_MEMBER = os.environ.get("PROTOKOL_OIDC_GROUP_MEMBER", "protokol-{body}-medlem")
PROTOKOL_OIDC_GROUP_SECRETARIAT = os.environ.get(
    "PROTOKOL_OIDC_GROUP_SECRETARIAT", "protokol-{body}-sekretariat"
)
PROTOKOL_OIDC_GROUP_ADMIN = os.environ.get("PROTOKOL_OIDC_GROUP_ADMIN", "protokol-admin")

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
# The organisation whose name, logo and colour the site shows (its slug); unset: the only one there is.
PROTOKOL_ORGANIZATION = os.environ.get("PROTOKOL_ORGANIZATION", "").strip()
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
