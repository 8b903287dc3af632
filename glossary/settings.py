"""Settings for Yrkesroller, read from environment variables (see README, "Configuration").

There is one settings file. Production needs SECRET_KEY and ALLOWED_HOSTS; DEBUG is off
unless asked for. ``make run`` is the only place that turns DEBUG on and generates a key.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from glossary.env import env_bool, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin integration wins.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "taggit",
    "simple_history",
    "csp",
    "axes",
    # django-ninja, for the static files of its Swagger UI (the API documentation page).
    "ninja",
    "titles",
]

MIDDLEWARE = [
    "glossary.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "glossary.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A revalidated public page that has not changed: 304 here, before everything below.
    "titles.site.freshness.NotModifiedMiddleware",
    # /api/v1/: language, JSON errors, rate limit, ETags and CORS for the read API.
    "titles.api.http.ApiMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change in the titles' history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "glossary.urls"
WSGI_APPLICATION = "glossary.wsgi.application"

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
            ],
        },
    },
]

# SQLite is the embedded default, so a newcomer needs no server; production sets DATABASE_URL
# to PostgreSQL.
DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds rate-limit counters and rendered public pages (``titles.site.freshness``):
# Redis shared by all workers in production, local memory in each process by default.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }

# Admin login lockout (django-axes): after AXES_FAILURE_LIMIT failed logins for one user
# name from one IP address, that pair waits AXES_COOLOFF_MINUTES. Attempts are kept in the
# database (shared by all workers) and listed in the admin ("Access attempts"); an admin
# unlocks early with `manage.py axes_reset_username NAME` or by deleting the attempt there.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "glossary.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Rate limits of the public search (django-ratelimit's counters, in the default cache: Redis
# when REDIS_URL is set, so all workers count together). Per IP address and minute; a school
# class behind one address typing into the autocomplete stays well under them.
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY", "REMOTE_ADDR")
# The base of the concept URIs in the SKOS dumps (e.g. https://yrkesroller.se); empty: the
# request's host. The dumps are written to DUMPS_DIR and served at /data/.
SITE_URL = env_str("SITE_URL", "")
DUMPS_DIR = Path(env_str("DUMPS_DIR", str(BASE_DIR / "var" / "dumps")))

# How long a rendered public page is kept (0: not cached). A change to the content makes a
# new key at once, so this only bounds how long unused renderings take up room.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Each process learns of content changes from PostgreSQL's NOTIFY instead of reading the
# version row on every request (``titles.version_watch``); off: one query a request.
CONTENT_VERSION_LISTEN = env_bool("CONTENT_VERSION_LISTEN", True)
# Titles a page of the A–Ö index, a field or a tag lists before it continues on the next.
LIST_PAGE_SIZE = 200
SEARCH_RATE = env_str("SEARCH_RATE", "120/m")
API_RATE = env_str("API_RATE", "600/m")
# Readers' suggestions per IP address (the form's POSTs; reading the form is free).
SUGGEST_RATE = env_str("SUGGEST_RATE", "10/h")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish first: /sv/ is the default language of the site and of the content.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# One mechanism for bilingual text: django-modeltranslation adds <field>_sv and <field>_en.
# A missing text falls back to the other language; pages mark the fallback as untranslated.
MODELTRANSLATION_DEFAULT_LANGUAGE = "sv"
MODELTRANSLATION_LANGUAGES = ("sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("sv", "en")}

TAGGIT_CASE_INSENSITIVE = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Production serves hashed, compressed files made by `collectstatic`; development and tests
# serve the source files as they are.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# HTTPS only in production (DEBUG off): redirects, secure cookies and HSTS. `make run`
# (DEBUG on) and the tests (pyproject.toml) serve plain HTTP. /healthz stays reachable over
# HTTP for load balancers.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 0 if DEBUG else 63072000)  # two years
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is a promise to browsers that is slow to take back: only on request.
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # "preload not set": a choice, see above
# Only a proxy we run may say a request came over HTTPS; anyone else could fake the header.
if env_bool("TRUSTED_PROXY_SETS_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict Content-Security-Policy for the whole site, the admin included: no inline code
# of any kind (JSON-LD data blocks are not code). Django's admin needs nothing more: its
# scripts are files, and the few styles its scripts set go through the CSSOM, which the
# policy allows (tests/admin/test_admin_csp.py loads its pages in a browser).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Everything to stdout, one line per record with the request id: a line per request
# (glossary.middleware.RequestLogMiddleware) and errors with their traceback (django.request).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "glossary.middleware.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # The request log has its own lines; Django's would repeat each 4xx as a warning.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}
