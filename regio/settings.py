"""Settings for Regioportaal, read from the environment.

Development (the default) needs nothing: an SQLite file in the checkout and DEBUG on.
Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; then the secure
cookie and HSTS settings below switch on and `manage.py check --deploy` reports nothing.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

_DEV_SECRET = "dev-only-insecure-key-regioportaal-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY moet gezet zijn als DEBUG uit staat.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "regio.admin_site.RegioAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "guardian",
    "simple_history",
    "axes",
    "regio",
    "opgaven",
    "programma",
    "raden",
    "historie",
    "openbaar",
    "portaal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # whole public pages for anonymous visitors, keyed on the publication stand; before
    # sessions and authentication, so a hit costs one query (regio/paginacache.py)
    "regio.paginacache.PaginaCache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # the language from the cookie the switch sets (regio.views.taal), else Accept-Language;
    # sets Content-Language and Vary: Accept-Language
    "django.middleware.locale.LocaleMiddleware",
    # ... but a write is handled in Dutch, the language of the record (regio/taal.py)
    "regio.taal.SchrijvenInHetNederlands",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "regio.urls"
WSGI_APPLICATION = "regio.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_health_checks=True,
    )
}
#: how long a request waits for PostgreSQL (a restart) before it fails: a connection from the
#: pool, or the publication stand (regio.publicatie); below gunicorn's worker timeout (30 s),
#: so a longer outage gives an error page, not a killed worker
DATABASE_WACHTTIJD = float(os.environ.get("DATABASE_WACHTTIJD", 10))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's own pool (psycopg[pool]); it requires persistent connections to be off.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = env_bool("DATABASE_POOL", True)
    if DATABASES["default"]["OPTIONS"]["pool"]:
        DATABASES["default"]["OPTIONS"]["pool"] = {
            # A sync worker holds one connection at a time: one is kept open. After a restart
            # of PostgreSQL every idle connection is dead and the pool finds them one by one,
            # sleeping 1, 2, 4 s after each (its back-off) in the request that asked: one costs
            # that request a second, or nothing when an anonymous visitor came first (the
            # stand's connection is the canary, regio.publicatie._ververs_pool). More are
            # opened for threads (tests) and closed again after ten idle minutes.
            "min_size": int(os.environ.get("DATABASE_POOL_MIN", 1)),
            "max_size": int(os.environ.get("DATABASE_POOL_MAX", 10)),
            "timeout": DATABASE_WACHTTIJD,
            # No "check": Django passes psycopg's check_connection itself because
            # CONN_HEALTH_CHECKS is on (a second one is a TypeError), so a connection that died
            # is replaced before a request gets it.
        }
    # A database that does not answer fails fast instead of hanging a worker (libpq's least).
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 2)
else:
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: django-axes refuses a locked-out username + address before anything else.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Before guardian: the only source of the portefeuillehouder's rights on an opgave.
    "programma.permissions.PortefeuillehouderBackend",
    # The only source of a raadslid's right: their seat (raden.permissions).
    "raden.permissions.RaadslidBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row; the public needs no object rights

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # reads hashes made before argon2
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's own rule, with a message its Dutch catalogue no longer translates (regio.wachtwoord)
    {"NAME": "regio.wachtwoord.MinimumLengte"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "mijn"
LOGOUT_REDIRECT_URL = "home"

# Sessions end after a working day, and when the browser closes (a shared council-hall PC).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 60 * 60))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Lock-out after repeated failed logins, per username and address together: a council hall
# shares one address, so one person's typos must not lock out the others.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Content-Security-Policy: no inline script anywhere, no foreign sources.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # The Django admin sets a few style attributes; styles cannot run code.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Dutch by default; English for whoever chooses it (the switch in the header, regio.views.taal)
# or whose browser asks for it.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"
# Production (DEBUG off): hashed, compressed static files that WhiteNoise serves with a year's
# cache lifetime (`collectstatic` first, docs/deploy.md). Development serves the source files.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 365 * 24 * 3600 if not DEBUG else 0
if not DEBUG or STATIC_ROOT.is_dir():
    # static files before anything else reads the request (`runserver` serves them itself
    # until `collectstatic` has run)
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

# Production: each worker reads the publication stand over a connection of its own (prepared,
# no pool checkout or health check per request; regio/publicatie.py). Off in development and
# tests, where a test database must be droppable at the end.
STAND_EIGEN_VERBINDING = env_bool("STAND_EIGEN_VERBINDING", not DEBUG)

# The public page cache (regio/paginacache.py) in each worker's memory: its key is the
# publication stand in the database, so workers never disagree about what is current.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "regioportaal",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGINACACHE_MAX", 1000))},
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "regioportaal@groenemetropoolregio.nl")
# The address in the links of notification e-mails (sent after commit, outside any request).
PORTAAL_URL = os.environ.get("PORTAAL_URL", "http://127.0.0.1:8000")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# No "revert" in the admin's history: a revert goes through programma.services.terugzetten,
# which checks who may, asks why and records both (the admin form would do neither). The
# setting only hides the button; the admins refuse the POST too (programma.admin).
SIMPLE_HISTORY_REVERT_DISABLED = True

# The demo region's population figures: CBS, bevolking op 1 januari of this year.
REGIO_PEILDATUM_INWONERS = "2024-01-01"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes reports every login at INFO; failures and lock-outs come at WARNING.
    "loggers": {
        "axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING")},
        # WeasyPrint and fontTools report every rendering step at INFO
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Production mode: everything `manage.py check --deploy` asks for.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers ask over plain HTTP inside the network; the check serves no data.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
