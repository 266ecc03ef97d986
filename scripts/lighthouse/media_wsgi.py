"""The hub as `make lighthouse` serves it: gunicorn answers for the proxy in front, too.

In production the proxy serves the image renditions under /media/images/ (docs/deployment.md);
here WhiteNoise does, looking each file up as it is asked for, since pages make renditions on
first use. Everything else, uploaded documents included, goes to the hub as in production.
"""

from whitenoise import WhiteNoise

from django.conf import settings

from hub.wsgi import application as hub

application = WhiteNoise(
    hub,
    root=settings.MEDIA_ROOT / "images",
    prefix=settings.MEDIA_URL + "images/",
    autorefresh=True,
    max_age=60 * 60 * 24 * 365,
)
