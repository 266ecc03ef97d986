"""Settings for the search benchmark: the shared settings with DEBUG off, whatever the environment.

With DEBUG on Django records every SQL statement, which costs time and memory while timing.
The database comes from DATABASE_URL, which `scripts/with-postgres` exports.
"""

import warnings

from hub.settings.base import *  # noqa: F403

# WhiteNoise warns that collectstatic has not run; the benchmark serves no static files.
warnings.filterwarnings("ignore", message="No directory at")

DEBUG = False
SECRET_KEY = "bench-only-not-secret"  # noqa: S105
# django.test.Client asks for "testserver".
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Only warnings and errors: the benchmark prints its own progress.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
