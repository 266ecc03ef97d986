"""Settings for pytest. The database comes from DATABASE_URL (SQLite when unset)."""

import os
import tempfile

from .base import *

DEBUG = False
SECRET_KEY = "test-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SITE_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test process its own memory, whatever CACHE_URL says; tests/shared_cache.py points chosen
# tests at the Redis server that REDIS_URL names.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # A second kind of cache for the page cache's tests, which pickles what it keeps to files.
    "files": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": tempfile.mkdtemp(prefix="klimathubben-cache-"),
    },
}
# The page cache is off unless a test turns it on (tests/hub/test_page_cache.py): the other
# tests count what rendering a page reads. PAGE_CACHE_SECONDS=600 runs them all with it on.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="klimathubben-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Wagtail's own tasks (search and reference index updates) run in the request, so a test sees
# their effect at once. Mail goes through the database queue as on a server, and the tests run
# the worker for it (tests/utils.run_worker).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
MAIL_TASKS_BACKEND = "mail"
# Open-data rebuilds wait in the same database queue, for the tests that run the worker.
OPEN_DATA_TASKS_BACKEND = "mail"
# Imports started in the admin queue there too, and tests run the worker for them.
IMPORT_TASKS_BACKEND = "mail"
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Serve static files from the apps directly: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A statement that runs away (a bad plan) fails its test instead of stalling the whole run.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c statement_timeout=120000"
