"""The WSGI application production servers load (docs/deployment.md)."""

import gc
import itertools
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.production")

application = get_wsgi_application()

# Most of what a worker holds lives as long as it does: modules, models, compiled templates,
# catalogues, remembered routes. Python's full garbage collection walks all of it, some
# 190,000 objects, in about 100 ms every few hundred requests; frozen, they are left out and a
# full collection takes a few milliseconds. What the first requests load is frozen after them,
# at the cost of one collection each (docs/deployment.md, "The WSGI application").
FREEZE_AFTER = {1, 10, 100, 1000}
_served = itertools.count(1)


def _freeze_what_stays(**kwargs):
    if next(_served) in FREEZE_AFTER:
        gc.collect()
        gc.freeze()


request_finished.connect(_freeze_what_stays, dispatch_uid="hub.wsgi.freeze")
