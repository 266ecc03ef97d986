"""The site's URLs plus one view that fails, to show the 500 page."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from hub.urls import urlpatterns as site_urlpatterns


def failing_view(request):
    raise RuntimeError("A deliberate failure for the 500 page test.")


urlpatterns = [*i18n_patterns(path("fel/", failing_view)), *site_urlpatterns]
