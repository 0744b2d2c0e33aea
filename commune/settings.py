"""Django settings for Commune, read from the environment (see docs/configuration.md)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from commune.config import database_from_env, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent

# Demo mode (set by `commune demo` and the tests) serves plain HTTP on localhost with a
# generated secret key; without it the settings are production settings and refuse to
# start on missing secrets rather than run insecurely.
DEMO = env_bool("COMMUNE_DEMO", default=False)
DEBUG = env_bool("COMMUNE_DEBUG", default=False)

DATA_DIR = Path(os.environ.get("COMMUNE_DATA_DIR", Path.cwd() / "commune-data")).resolve()


DATABASES = {"default": database_from_env(DATA_DIR)}


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if not (DEMO or DEBUG):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: production needs a long random SECRET_KEY "
            "in the environment (or set COMMUNE_DEMO=1 for a local demo)."
        )
    # A demo keeps one generated key in its data folder so sessions survive restarts.
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS and (DEMO or DEBUG):
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set: list the host names Commune answers to, "
        "separated by commas (for example ALLOWED_HOSTS=participation.example.org)."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_ratelimit",
    "rest_framework",
    "drf_spectacular",
    "commune.core",
    "commune.territory",
    "commune.accounts",
    "commune.spaces",
    "commune.contributions",
    "commune.accountability",
    "commune.notifications",
    "commune.meetings",
    "commune.budgets",
    "commune.wiki",
    "commune.texts",
    "commune.insights",
    "commune.sortition",
    "commune.documents",
    "commune.opendata",
    "commune.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "commune.urls"
WSGI_APPLICATION = "commune.wsgi.application"

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
                "commune.core.context_processors.site",
                "commune.notifications.context_processors.unread",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The default cache (rate-limit counters included) lives in the database, so every app
# process shares it with no other server; REDIS_URL switches to Redis for larger set-ups.
# django-ratelimit asks for a cache with atomic increments: the database cache's are not,
# which at worst lets a burst of simultaneous requests slip a few over the limit
# (docs/decisions/0003-rate-limits.md).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "commune_cache",
        }
    }
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
RATELIMIT_VIEW = "commune.core.views.rate_limited"

AUTH_USER_MODEL = "accounts.Resident"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("COMMUNE_TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The demo serves static files from the apps; production serves `commune collectstatic` output.
STATIC_ROOT = None if DEMO or DEBUG else DATA_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("COMMUNE_MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEMO or DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# The demo serves static files straight from the apps, with no collectstatic step.
WHITENOISE_USE_FINDERS = DEMO or DEBUG

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
)
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Commune <participation@localhost>")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))

COMMUNE_CITY_NAME = os.environ.get("COMMUNE_CITY_NAME", "Nantes")
# A regular expression for the city's postcodes, so meeting addresses can be checked.
COMMUNE_POSTCODE_PATTERN = os.environ.get("COMMUNE_POSTCODE_PATTERN", r"\d{5}")
# The public address of the site, for links in e-mails sent outside any request.
COMMUNE_BASE_URL = os.environ.get("COMMUNE_BASE_URL", "http://127.0.0.1:8000")
# Open data (docs/open-data.md): where builds go (MEDIA_ROOT/opendata when empty), and the
# city's SIRET for the SCDL deliberations file.
COMMUNE_OPENDATA_DIR = os.environ.get("COMMUNE_OPENDATA_DIR", "")
COMMUNE_CITY_SIRET = os.environ.get("COMMUNE_CITY_SIRET", "")
# The largest document an agent may publish (docs/documents.md), in bytes.
COMMUNE_DOCUMENT_MAX_BYTES = int(os.environ.get("COMMUNE_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not (DEMO or DEBUG):
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    if env_bool("COMMUNE_BEHIND_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("COMMUNE_LOG_LEVEL", "WARNING")},
}

# The public API's own settings live beside it, so it can change without touching this file.
from commune.api.settings import REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: E402, F401
