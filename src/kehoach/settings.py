"""Django settings, read from the environment (see CONTRACT.md: KEHOACH_* and DATABASE_URL)."""

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a 0/1 flag; anything else is a configuration error, said loudly."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name} must be 0 or 1, not {raw!r}")


DEBUG = env_bool("KEHOACH_DEBUG")
# Set to 1 when served behind nginx (README): client addresses then come from X-Forwarded-For.
KEHOACH_BEHIND_PROXY = env_bool("KEHOACH_BEHIND_PROXY")
DATA_DIR = Path(os.environ.get("KEHOACH_DATA_DIR") or Path.cwd() / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = os.environ.get("KEHOACH_SECRET_KEY")
    if key:
        return key
    # Keep a generated key in the data dir so sessions survive restarts.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("KEHOACH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
if os.environ.get("PYTEST_CURRENT_TEST") is not None or os.environ.get("KEHOACH_TESTING"):
    ALLOWED_HOSTS += ["testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "js_lib_htmx",
    "ninja",  # serves the API docs (Swagger UI) from local static files, not a CDN
    "django_otp",  # optional TOTP two-factor sign-in (core/two_factor.py)
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # backup codes (mã dự phòng)
    "axes",  # sign-in throttling for the site, /admin/ and the API token endpoint (core/login_throttle.py)
    "kehoach.core",
    "kehoach.org",
    "kehoach.plans",
    "kehoach.tracking",
    "kehoach.outputs",
    "kehoach.budgets",
    "kehoach.indices",
    "kehoach.public",
    "kehoach.reports",
    "kehoach.notices",
    "kehoach.api",
    "django_tasks",
    "django_tasks_db",
    "kehoach.jobs",
]

MIDDLEWARE = [
    "kehoach.core.middleware.ProxyClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kehoach.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kehoach.core.middleware.SessionIdleMiddleware",
    "kehoach.core.two_factor.TwoFactorGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kehoach.core.middleware.AuditActorMiddleware",
    "kehoach.core.middleware.UploadLimitMiddleware",
    "kehoach.core.middleware.RejectNulMiddleware",
    "kehoach.core.middleware.SecurityHeadersMiddleware",
    "kehoach.core.middleware.BadValueMiddleware",
    "kehoach.core.idempotency.IdempotencyMiddleware",
    "axes.middleware.AxesMiddleware",
    "kehoach.core.replica.ReadRoutingMiddleware",
]

ROOT_URLCONF = "kehoach.urls"
WSGI_APPLICATION = "kehoach.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kehoach.core.context_processors.navigation",
                "kehoach.notices.context_processors.unread_notices",
            ],
            "builtins": ["kehoach.core.templatetags.safety"],  # |web_url on every href from data
        },
    }
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    if os.environ.get("KEHOACH_PG_SSB"):
        DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
    if os.environ.get("KEHOACH_REPLICA_URL"):
        # A streaming replica for safe reads (core/replica.py); tests use the primary for both.
        DATABASES["replica"] = dj_database_url.parse(os.environ["KEHOACH_REPLICA_URL"], conn_max_age=60)
        DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
        DATABASE_ROUTERS = ["kehoach.core.replica.PrimaryReplicaRouter"]
        KEHOACH_REPLICA_MAX_LAG = float(os.environ.get("KEHOACH_REPLICA_MAX_LAG", "5"))
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "kehoach.sqlite3",
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE takes the write
                # lock at BEGIN, so concurrent writers queue (timeout) instead of failing.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
            },
            # A file, not shared-cache memory: concurrency tests then see real SQLite locking (busy waits).
            # One file per test process, so parallel runs never share (and destroy) each other's database.
            "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"kehoach-test-{os.getpid()}.sqlite3")},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["kehoach.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Served by whitenoise straight from the installed package (finders), no collectstatic step.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve static files from the app folders directly, so `pip install .` + migrate is enough.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"  # never served directly: evidence goes through permission-checked views

# Uploads: plans and evidence files. Larger requests get 413 with a clear message.
KEHOACH_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
KEHOACH_EVIDENCE_TYPES = [
    ".pdf",
    ".docx",
    ".doc",
    ".xlsx",
    ".xls",
    ".odt",
    ".ods",
    ".jpg",
    ".jpeg",
    ".png",
    ".mp3",
    ".m4a",
    ".txt",
]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kehoach_cache",
    }
}

EMAIL_BACKEND = os.environ.get("KEHOACH_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("KEHOACH_FROM_EMAIL", "kehoach@localhost")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script reads the cookie: htmx sends the token from the page (hx-headers)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("KEHOACH_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("KEHOACH_SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("KEHOACH_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_SSL_REDIRECT = env_bool("KEHOACH_SSL_REDIRECT", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The redirect is done by the front web server (nginx); silence the check that expects it here.
    SILENCED_SYSTEM_CHECKS = ["security.W008"]
# The output summary's covering index (INCLUDE columns) serves PostgreSQL; SQLite builds it as a plain
# index, which is all it needs at a district's size: no warning on every command of the embedded default.
SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "models.W040"]

# --- Sign-in throttling (django-axes; policy in kehoach/core/login_throttle.py) ---
# AxesBackend first: it refuses a locked-out username or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each counted on its own
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = "kehoach.core.login_throttle.cool_off"  # progressive: 1, 2, 4 ... 30 minutes
AXES_USERNAME_CALLABLE = "kehoach.core.login_throttle.username_of"
AXES_WHITELIST_CALLABLE = "kehoach.core.login_throttle.is_known_device"
AXES_LOCKOUT_CALLABLE = "kehoach.core.login_throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "kehoach.core.login_throttle.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password"]
KEHOACH_DEVICE_COOKIE = "kehoach_device"
KEHOACH_DEVICE_COOKIE_DAYS = 180
KEHOACH_DEVICE_MAX_FAILURES = 5

# Two-factor sign-in (TOTP, core/two_factor.py): optional; KEHOACH_2FA_REQUIRED=1 makes it required
# for coordinators and leaders (default off so the demo accounts keep working).
KEHOACH_2FA_REQUIRED = env_bool("KEHOACH_2FA_REQUIRED")
KEHOACH_2FA_MAX_TRIES = 5  # wrong codes per sign-in before the session is signed out
OTP_TOTP_ISSUER = "Kehoach"
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds; doubled after every wrong code (django-otp)
OTP_STATIC_THROTTLE_FACTOR = 1

# Sessions: end at browser close (shared office PCs) and after idle hours (SessionIdleMiddleware).
KEHOACH_SESSION_IDLE_HOURS = float(os.environ.get("KEHOACH_SESSION_IDLE_HOURS") or 8)
SESSION_COOKIE_AGE = int(KEHOACH_SESSION_IDLE_HOURS * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
PASSWORD_RESET_TIMEOUT = 3600

# API tokens: expire after this many days unless the caller asks for fewer (max 365).
KEHOACH_TOKEN_DEFAULT_DAYS = 90
KEHOACH_TOKEN_MAX_DAYS = 365

# Chữ ký số (PAdES): the default PKCS#12 of every issuer (an issuer may have its own, in the admin),
# and the trust roots that "hợp lệ" is checked against (files listed here and every certificate in the dir).
KEHOACH_SIGNING_P12 = os.environ.get("KEHOACH_SIGNING_P12", "")
KEHOACH_SIGNING_P12_PASSWORD = os.environ.get("KEHOACH_SIGNING_P12_PASSWORD", "")
KEHOACH_SIGNING_TRUST_ROOTS = [
    p for p in os.environ.get("KEHOACH_SIGNING_TRUST_ROOTS", "").split(os.pathsep) if p
]
KEHOACH_SIGNING_TRUST_DIR = Path(
    os.environ.get("KEHOACH_SIGNING_TRUST_DIR") or DATA_DIR / "signing" / "trust"
)

# Content-Security-Policy (SecurityHeadersMiddleware): no inline script or style anywhere.
KEHOACH_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
KEHOACH_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

NINJA_PAGINATION_PER_PAGE = 200


def _peak_windows(raw: str) -> list[tuple[str, str]] | None:
    """KEHOACH_PEAK_WINDOWS="05:00-07:00,17:00-20:00": when the CCHC column must air ("giờ cao điểm")."""
    if not raw.strip():
        return None
    windows = []
    for part in raw.split(","):
        lo, sep, hi = part.strip().partition("-")
        if not sep:
            raise ValueError(f"KEHOACH_PEAK_WINDOWS: {part!r} is not HH:MM-HH:MM")
        windows.append((lo.strip(), hi.strip()))
    return windows


# Unset: an airing at any hour counts; set it to also require the peak-time window of V.1.đ.
KEHOACH_PEAK_WINDOWS = _peak_windows(os.environ.get("KEHOACH_PEAK_WINDOWS", ""))


# Background jobs (tác vụ nền, issue 11) on django-tasks with its database backend.
# KEHOACH_JOBS=worker (default): jobs wait in the database for `kehoach worker` (started beside the
# HTTP server by `kehoach serve` unless KEHOACH_SERVE_WORKER=0, e.g. when workers run on other machines);
# KEHOACH_JOBS=inline: a job runs in the request that starts it (no worker process at all).
KEHOACH_JOBS = os.environ.get("KEHOACH_JOBS", "worker")
if KEHOACH_JOBS not in ("worker", "inline"):
    raise ValueError(f"KEHOACH_JOBS must be worker or inline, not {KEHOACH_JOBS!r}")
KEHOACH_SERVE_WORKER = env_bool("KEHOACH_SERVE_WORKER", True)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if KEHOACH_JOBS == "worker"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default"],
    }
}
# A running job that has not reported for this long is re-queued by the next worker that starts.
KEHOACH_JOB_STALE_SECONDS = int(os.environ.get("KEHOACH_JOB_STALE_SECONDS", "600"))
KEHOACH_JOB_MAX_ATTEMPTS = 3
# Finished and failed jobs (and their result files) are deleted this many days after they finished.
KEHOACH_JOB_FILES_DAYS = int(os.environ.get("KEHOACH_JOB_FILES_DAYS", "7"))
# Modules whose functions may run as "call" jobs (started from Python code, never from the API).
KEHOACH_JOB_CALL_MODULES = os.environ.get("KEHOACH_JOB_CALL_MODULES", "kehoach.").split(",")
