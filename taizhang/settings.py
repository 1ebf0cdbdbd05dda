"""One settings file, configured from the environment; SQLite under var/ when nothing is set."""

import os
from pathlib import Path

import dj_database_url

from taizhang.core.private_files import make_private, private_dir, write_private

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("TAIZHANG_VAR_DIR", REPO_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# var/ holds the secret key, the SQLite database, backups and media by default: the server's account only.
private_dir(VAR_DIR)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("TAIZHANG_REQUIRE_SECRET", False):
        raise RuntimeError("SECRET_KEY must be set in production")
    # A per-checkout key kept under var/ so sessions survive restarts without a committed secret, readable by its
    # owner only.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        import secrets

        write_private(key_file, secrets.token_urlsafe(50))
    make_private(key_file)
    SECRET_KEY = key_file.read_text().strip()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # /api/docs from its own static files (without it, from a CDN)
    "django_ratelimit",  # its system check judges the cache it counts in (below)
    "taizhang.core",
    "taizhang.org",
    "taizhang.audit",
    "taizhang.imports",
    "taizhang.staff",
    "taizhang.registry",
    "taizhang.documents",
    "taizhang.integrity",
    "taizhang.hub",
    "taizhang.assistance",
    "taizhang.renewal",
    "taizhang.people",
    "taizhang.enterprise",
    "taizhang.events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files answer here, before the two below: they keep caching
    "csp.middleware.CSPMiddleware",
    "taizhang.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "taizhang.staff.middleware.SessionTrackingMiddleware",
    "taizhang.core.middleware.PagesLoginRequiredMiddleware",
    "taizhang.staff.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "taizhang.hub.middleware.ModuleGateMiddleware",
    "taizhang.audit.middleware.RequestContextMiddleware",
    "taizhang.core.middleware.DownloadCookieMiddleware",
]

ROOT_URLCONF = "taizhang.urls"
WSGI_APPLICATION = "taizhang.wsgi.application"

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
                "taizhang.org.personal.context",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'taizhang.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers keep working while an import writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"  # 64 MB page cache: big imports touch many index pages
        ),
        "transaction_mode": "IMMEDIATE",
        # An import applies a whole file in one transaction: other users' saves wait for it (SQLite has one writer)
        # rather than fail with "database is locked". Below gunicorn's 120 s worker timeout (docs/security.md).
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", 90)),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A database file made before the owner-only rule (the entry points' umask makes new ones so) is tightened.
    for suffix in ("", "-wal", "-shm"):
        make_private(Path(f"{DATABASES['default']['NAME']}{suffix}"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Every password set (admin pages, the staff import, one's own change, commands) passes all of these.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "taizhang.org.validators.ChineseMinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "phone", "email")},
    },
]

# Sessions end after two idle hours (shared office PCs) and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 2 * 3600))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Production over HTTPS: SECURE_COOKIES=1 sends the session and CSRF cookies only over HTTPS and tells browsers
# (HSTS) to use nothing but HTTPS for a year. Behind a TLS proxy, gunicorn marks requests as HTTPS from the proxy's
# X-Forwarded-Proto (its --forwarded-allow-ips; 127.0.0.1 by default), and HSTS is sent on those.
SECURE_COOKIES = env_bool("SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if SECURE_COOKIES else 0

# Lock an account for LOGIN_LOCKOUT_MINUTES after LOGIN_MAX_FAILURES failed attempts, none of them a window apart;
# a client address likewise after LOGIN_MAX_FAILURES_PER_ADDRESS (a township office shares one address).
LOGIN_MAX_FAILURES = int(os.environ.get("LOGIN_MAX_FAILURES", 5))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", 15))
LOGIN_MAX_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_MAX_FAILURES_PER_ADDRESS", 30))
# Public forms (an event's sign-up page): POSTs per client address (taizhang.core.http.client_address), every rate
# applied ("10/m,60/h": at most 10 a minute and 60 an hour); over it, 429 and nothing saved.
EVENTS_PUBLIC_RATE = env_list("EVENTS_PUBLIC_RATE", "10/m,60/h")
# django-ratelimit counts in a cache every gunicorn worker shares: the database's (table taizhang_cache, made after
# every migrate by taizhang.core.cache), with an atomic increment. Its check warns about any backend it does not
# know (W001); this one is proved atomic by tests/core/test_cache.py. The default cache stays per process.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": "taizhang.core.cache.AtomicDatabaseCache",
        "LOCATION": "taizhang_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
RATELIMIT_USE_CACHE = "ratelimit"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
# Reverse proxies whose X-Forwarded-For names the client (e.g. "127.0.0.1" behind nginx); none: the peer is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every start otherwise
NODE_MODULES = Path(os.environ.get("TAIZHANG_NODE_MODULES", REPO_DIR / "node_modules"))
STATICFILES_DIRS = [
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("TAIZHANG_MANIFEST_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# The audit trail's HMAC keys (owner-only, never in the database or its backups) and the append-only file its chain
# heads are exported to (docs/security.md, "Audit chain"); backups default to var/backups.
AUDIT_KEY_FILE = Path(os.environ.get("TAIZHANG_AUDIT_KEY_FILE", VAR_DIR / "audit_keys.json"))
AUDIT_HEAD_FILE = Path(os.environ.get("TAIZHANG_AUDIT_HEAD_FILE", VAR_DIR / "audit_heads.jsonl"))
BACKUP_DIR = Path(os.environ.get("TAIZHANG_BACKUP_DIR", VAR_DIR / "backups"))

# Uploads (photos of homes, signatures, police extracts) readable by the server's account only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 64 * 1024 * 1024))
# Uploads by kind (taizhang.core.uploads): a phone photo is 2–12 MB, a scanned document a few MB.
PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_BYTES", 20 * 1024 * 1024))
PHOTO_MAX_PIXELS = 50_000_000  # a 50-megapixel camera; a larger image is a decompression bomb or a panorama
PHOTO_MAX_SIDE = 2048  # stored photos: long side in pixels, enough to read a document on a screen or paper
PHOTO_JPEG_QUALITY = 85
PHOTOS_PER_UPLOAD = 20
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Scripts only from our own static files: no inline <script>, no on…= handlers, no eval (templates ask for behaviour
# with data- attributes that core/page.js and the pages' own static scripts read). Inline <style> elements are refused
# too (htmx's indicator rules live in app.css); style="…" attributes stay allowed (style-src-attr), since templates
# and ECharts' tooltips use them; browsers that predate style-src-elem/-attr fall back to style-src. Images may be
# data:/blob: (Bootstrap's form icons, photo previews before upload).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "style-src-elem": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Outgoing channels for in-app notifications (dotted paths of `send(notifications)`), comma-separated; none by default.
# "taizhang.hub.channels.mail" mails users who have an email address through Django's mail settings below.
TAIZHANG_NOTIFY_CHANNELS = env_list("TAIZHANG_NOTIFY_CHANNELS")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 10))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "taizhang@localhost")
# Absolute links in mails (the app's own URLs are relative), e.g. https://taizhang.example.gov.cn
TAIZHANG_SITE_URL = os.environ.get("TAIZHANG_SITE_URL", "").rstrip("/")
