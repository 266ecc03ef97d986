"""Settings shared by every environment. Environment variables are read here and nowhere else."""

import os
import re
from datetime import UTC, datetime, timedelta
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or list(default)


# The first segments of public addresses, which the admin's may not be.
PUBLIC_PREFIXES = {"sv", "en", "documents", "_util", "api"}


def admin_path(value):
    """WAGTAIL_ADMIN_PATH as the admin's one path segment with its slash ("admin/")."""
    name = value.strip().strip("/") or "admin"
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name) or name in PUBLIC_PREFIXES:
        raise ImproperlyConfigured(
            f"WAGTAIL_ADMIN_PATH={value!r}: use one path segment of letters, digits, - and _ "
            "that no public address starts with (not sv, en, documents, _util or api)."
        )
    return f"{name}/"


def env_addresses(name):
    """(name, address) pairs from `Name <a@example.org>, b@example.org`."""
    pairs = getaddresses([os.environ.get(name, "")])
    addresses = [(person, address) for person, address in pairs if address]
    for _person, address in addresses:
        if "@" not in address.strip("@"):
            # Only the variable is named: its value may be someone's address.
            raise ImproperlyConfigured(f"{name} holds something that is not an e-mail address.")
    return addresses


def env_moment(name, default):
    """An ISO 8601 date or date and time, in UTC (a date without a zone is read as UTC)."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: use a date such as 2027-06-30.") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Behind a reverse proxy every request comes from the proxy; it names the visitor in
# X-Forwarded-For. Only turn this on when such a proxy is in front of the site.
USE_X_FORWARDED_FOR = env_bool("USE_X_FORWARDED_FOR", False)

# Absolute base of the public site, used wherever a full URL is needed (admin e-mails, feeds).
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL

INSTALLED_APPS = [
    "hub",
    "casestudies",
    "events",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "hub.apps.UsersConfig",  # wagtail.users, with translated group names (hub/groups.py)
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The API's framework last: an app's catalogue outranks those after it, and REST
    # framework's Swedish differs from Django's and Wagtail's for strings they share.
    "rest_framework",
]

MIDDLEWARE = [
    "hub.frontend_cache.PurgeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files carry it too.
    "hub.middleware.PermissionsPolicyMiddleware",
    # Outside the page cache, so that kept API answers carry it too.
    "hub.api.middleware.ApiCorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A 503 page, made without the database, when it does not answer (docs/deployment.md).
    "hub.outage.DatabaseOutageMiddleware",
    # Outside what it keeps: the security headers are added to every answer, kept or not.
    "hub.page_cache.PageCacheMiddleware",
    "hub.page_cache.BreachSafeGZipMiddleware",
    "hub.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, except that it sends no API answer to a language's address.
    "hub.api.middleware.ApiAwareLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hub.languages.context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections: PostgreSQL loads the Swedish dictionaries once per connection.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer at all fails the request with a 503 after a few
    # seconds, instead of holding the worker until gunicorn kills it.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def names_a_redis_database(parts):
    """A host, with a port and a database number if given: redis://host:6379/0."""
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    database = parts.path.strip("/")
    return bool(parts.hostname) and (database == "" or database.isdigit())


def cache_from_url(url, key_prefix):
    """Django's cache settings for CACHE_URL: each worker's own memory when empty, otherwise a
    Redis server (`redis://host:6379/0`, `rediss://` with TLS, `unix:///path/redis.sock?db=0`)."""
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": key_prefix,
        }
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss", "unix"}:
        # Only the scheme is named: the rest of the URL may hold a password.
        raise ImproperlyConfigured(
            f"CACHE_URL with the scheme {parts.scheme!r} is not supported: use "
            "redis://host:6379/0, rediss://host:6379/0 or unix:///path/to/redis.sock, "
            "or leave CACHE_URL unset for each worker's own memory."
        )
    if parts.scheme != "unix" and not names_a_redis_database(parts):
        raise ImproperlyConfigured(
            "CACHE_URL needs a host, and a port and database only as numbers: redis://host:6379/0."
        )
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        # A Redis that stops answering fails the request after a few seconds, not never.
        "OPTIONS": {"socket_connect_timeout": 5, "socket_timeout": 5},
    }


# The cache (docs/deployment.md, "The cache"): each worker's memory unless CACHE_URL names a
# Redis server the workers share. The prefix keeps apart sites that share one Redis database.
CACHES = {
    "default": cache_from_url(
        os.environ.get("CACHE_URL", "").strip(),
        os.environ.get("CACHE_KEY_PREFIX", "klimathubben"),
    )
}

# Signing in to the admin (README, "Security for administrators"). The admin's address:
ADMIN_PATH = admin_path(os.environ.get("WAGTAIL_ADMIN_PATH", ""))
# django-axes counts failed sign-ins in the database, so a lock-out holds for every worker.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Locked per account and client address together: a stranger cannot lock an editor out, and
# one address gets SIGNIN_FAILURE_LIMIT guesses per account until SIGNIN_COOLOFF_MINUTES pass.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("SIGNIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SIGNIN_COOLOFF_MINUTES", "30")))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "hub.signin.signin_client_address"
AXES_LOCKOUT_CALLABLE = "hub.signin.locked_out"
# No row per successful sign-in (address and browser of every editor, kept for ever); the log
# names account and address of a failure only, not the browser.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "hub.signin.LimitedPasswordResetForm"  # noqa: S105
WAGTAILADMIN_USER_LOGIN_FORM = "hub.signin.SignInForm"
# Editors' sessions end after SESSION_HOURS, or when the browser closes unless they tick
# "Remember me" on the sign-in form (Wagtail's choice, kept).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_HOURS", "12")) * 60 * 60

# Passwords of at least PASSWORD_MIN_LENGTH characters, none of the 20,000 most common, not
# all digits, not like the user's name or address: README says why 12.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Swedish first, English second. Names are endonyms, shown as-is in the switcher.
LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", "Svenska"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
# Content languages are named in the admin's language ("Publicera på engelska"); LANGUAGES
# keeps each language's own name for the public language switcher.
WAGTAIL_CONTENT_LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
# A new translation starts as a draft, still in Swedish; the translator publishes it when done.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: generous enough for workshop slides, small enough to keep a form post from
# exhausting memory. Wagtail answers larger files with a form error, not a 500.
# A form's fields, files aside: Django's 2.5 MB, named here; a larger post is a 400. A page's
# whole edit form, StreamFields included, stays far below it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The admin's page forms post a field per block; past this many the post is a 400.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# A file larger than this is written to a temporary file while it is uploaded, not held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
# Counted from the image's header before it is decoded (hub/image_uploads.py): 64 million
# pixels take about 256 MB once decoded.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "hub.image_uploads.ImageForm"
# Wagtail's own list, named here: never SVG, which can carry a script.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 30 * 1024 * 1024
# Office files, PDFs and plain text only: nothing a browser runs (HTML, SVG) or a program.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx"]
# Documents always go through Wagtail's view (/documents/<id>/<name>), on any storage: it checks
# private collections and sends them as downloads, under a policy that lets nothing run. The
# proxy must not serve MEDIA_ROOT/documents/ itself (docs/deployment.md).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Only PDFs open in the browser (its own viewer, under that policy); the rest are downloads.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]

WAGTAIL_SITE_NAME = "Klimathubben"
# Editors' avatars are Wagtail's own image or an uploaded one, never fetched from Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The dashboard would ask Wagtail's release server for news on every visit; upgrades are ours.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Search runs in the database by default (see search/backends). SEARCH_BACKEND=elasticsearch8,
# elasticsearch9, opensearch2 or opensearch3 with SEARCH_URL moves it to a search cluster;
# docs/search.md says what the Swedish analysis becomes there.
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database")
# How long a search's candidates and excerpts are reused by later requests for the same search
# (search/caching.py); until then any change to the content starts afresh. 0 reuses nothing.
SEARCH_REUSE_SECONDS = int(os.environ.get("SEARCH_REUSE_SECONDS", 60 * 60))
# The editors' search statistics (search/statistics.py): each visitor's query counts once a
# day; at most SEARCH_STATISTICS_NEW_PER_DAY distinct queries a day are recorded per table;
# `prune_search_statistics` deletes what is older than SEARCH_STATISTICS_DAYS and keeps each
# table under SEARCH_STATISTICS_MAX_ROWS. Wagtail's `searchpromotions_garbage_collect` keeps
# daily hits as long.
SEARCH_STATISTICS_NEW_PER_DAY = int(os.environ.get("SEARCH_STATISTICS_NEW_PER_DAY", 1000))
SEARCH_STATISTICS_DAYS = int(os.environ.get("SEARCH_STATISTICS_DAYS", 365))
SEARCH_STATISTICS_MAX_ROWS = int(os.environ.get("SEARCH_STATISTICS_MAX_ROWS", 100_000))
WAGTAILSEARCH_HITS_MAX_AGE = SEARCH_STATISTICS_DAYS
if SEARCH_BACKEND == "database":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
elif SEARCH_BACKEND in {"elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3"}:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{SEARCH_BACKEND}",
            "URLS": [os.environ.get("SEARCH_URL", "http://localhost:9200")],
            "INDEX": os.environ.get("SEARCH_INDEX", "klimathubben"),
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "analyzer": {"default": {"type": "swedish"}},
                    }
                }
            },
        }
    }
else:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND={SEARCH_BACKEND!r}: use database, elasticsearch8, elasticsearch9, "
        "opensearch2 or opensearch3."
    )
# Varnish in front of the site (deploy/varnish/): FRONTEND_CACHE_URL names each Varnish the hub
# tells what to forget, comma-separated (http://127.0.0.1:6081). Unset: no front-end cache.
# hub/frontend_cache.py purges a page with every list that shows it, after the change commits;
# Wagtail's own app (wagtail.contrib.frontend_cache) is not installed, as its receivers would
# purge the page alone, once per signal, before the transaction commits.
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {"BACKEND": "hub.frontend_cache.VarnishBackend", "LOCATION": location}
    for number, location in enumerate(env_list("FRONTEND_CACHE_URL"), start=1)
}
# Each language's address is purged by name; Wagtail would only swap the language prefix.
WAGTAILFRONTENDCACHE_LANGUAGES = []

WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Tag slugs in plain ASCII, like page slugs: "småföretag" becomes "smaforetag".
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

# Security headers that hold in every environment. Production adds HTTPS-only settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview views allow their own same-origin frame; nothing else is framed.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True

# Public pages send a strict policy: everything from the hub itself, nothing inline.
# The Wagtail admin, used only by signed-in editors, keeps Wagtail's own defaults.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES = [f"/{ADMIN_PATH}"]
# Browser features no page of the hub uses, turned off for every response, the admin's too, and
# for anything framed in it. Fullscreen and picture-in-picture stay for the video players. Only
# names that browsers know: an unknown one (interest-cohort) makes them log an error.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# /.well-known/security.txt (RFC 9116): where to report a vulnerability. SECURITY_CONTACT is an
# e-mail address or an https:// address. The file expires SECURITY_TXT_EXPIRES (an ISO 8601 date)
# or, unset, a day short of a year after the server started, so each release renews it.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "security@example.org")
SECURITY_TXT_EXPIRES = env_moment(
    "SECURITY_TXT_EXPIRES", datetime.now(UTC).replace(microsecond=0) + timedelta(days=364)
)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Klimathubben <noreply@example.org>")

# Error reports (docs/deployment.md, "Error reports"): with DEBUG off, every server error is
# mailed to ADMINS from SERVER_EMAIL, and sent to the error tracker SENTRY_DSN names, if any.
# Neither holds what visitors typed, their cookies or addresses (hub/errors.py).
ADMINS = env_addresses("ADMINS")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = "[Klimathubben] "
DEFAULT_EXCEPTION_REPORTER = "hub.errors.PrivateExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "hub.errors.PrivateExceptionReporterFilter"
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "without_traceback": {"()": "hub.errors.WithoutTraceback"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "mail_admins": {
            "class": "hub.errors.PrivateAdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own logging would mail every error of its loggers, bad Host headers
        # included; only the requests that failed are mailed.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {
            "handlers": ["console", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
        # A request for a host the site does not serve: one line each, no traceback; scanners
        # send many.
        "django.security.DisallowedHost": {
            "handlers": ["console"],
            "level": "ERROR",
            "filters": ["without_traceback"],
            "propagate": False,
        },
        # The worker's line per task is noise at INFO; failures still show.
        "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django_tasks_db": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "wagtail": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# The read-only JSON API at /api/v2/ (hub/api/, docs/api.md): at most WAGTAILAPI_LIMIT_MAX items
# a request; full URLs start with SITE_BASE_URL. It does not search (the site search does).
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = SITE_BASE_URL
WAGTAILAPI_SEARCH_ENABLED = False

# The page cache (hub/page_cache.py, docs/caching.md): whole pages for anonymous visitors, kept
# under the content version and never past the next moment an event starts or ends, for at most
# PAGE_CACHE_SECONDS (0 turns the cache and its headers off). Shared caches may keep a
# page PAGE_CACHE_MAX_AGE seconds (s-maxage); browsers always revalidate.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 10 * 60))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", 60))
PAGE_CACHE_ALIAS = os.environ.get("PAGE_CACHE_ALIAS", "default")
PAGE_CACHE_EXEMPT_PREFIXES = [f"/{ADMIN_PATH}", "/documents/", "/_util/"]

# The organiser address calendar files name; people reply to it about an event.
EVENTS_CONTACT_EMAIL = os.environ.get("EVENTS_CONTACT_EMAIL", "evenemang@example.org")

# Outgoing mail over SMTP in production: host, port and credentials from the environment.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
# Newsletters go out in batches over one SMTP connection each.
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", "100"))

# Slow or fallible work is queued in the database and run by `manage.py db_worker` beside the
# web server (docs/deployment.md): newsletters and confirmation e-mails, and Wagtail's own tasks
# (search and reference index updates, image focal points, deleting replaced files). Any number
# of workers may run: each claims a task with a row lock.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The backend of the mail tasks (hub/newsletters/tasks.py); only the tests give them their own.
MAIL_TASKS_BACKEND = "default"
# The backend of the open-data rebuilds (hub/open_data/tasks.py); only the tests change it.
OPEN_DATA_TASKS_BACKEND = "default"
# The backend of case study imports started in the admin (casestudies/importing/tasks.py).
IMPORT_TASKS_BACKEND = "default"
# A send the mail server did not take is tried again, MAIL_RETRY_SECONDS × the attempt number
# later, up to MAIL_ATTEMPTS times in all.
MAIL_ATTEMPTS = int(os.environ.get("MAIL_ATTEMPTS", "5"))
MAIL_RETRY_SECONDS = int(os.environ.get("MAIL_RETRY_SECONDS", "120"))

if SENTRY_DSN:
    # Imported only here: sentry-sdk is an optional extra (pyproject.toml, "errors").
    from hub.error_tracking import start_error_tracking

    start_error_tracking(SENTRY_DSN, environment=os.environ.get("SENTRY_ENVIRONMENT", "production"))
