from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from hub import feeds as hub_feeds
from hub import serving as hub_serving
from hub import sitemap as hub_sitemap
from hub import tags as hub_tags
from hub import views as hub_views
from hub.api.router import api_router
from hub.newsletters import alert_views
from hub.newsletters import views as newsletter_views
from hub.open_data.views import open_data_urls

urlpatterns = [
    path(settings.ADMIN_PATH, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", hub_sitemap.sitemap, name="sitemap"),
    re_path(
        r"^sitemap-(?P<name>[a-z_]+)-(?P<language>[a-z]{2})\.xml$",
        hub_sitemap.sitemap_section,
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(
            template_name="robots.txt",
            content_type="text/plain",
            # Every scanner knows /admin/; an address of the site's own is not advertised.
            extra_context={"default_admin_path": settings.ADMIN_PATH == "admin/"},
        ),
        name="robots_txt",
    ),
    path(".well-known/security.txt", hub_views.security_txt, name="security_txt"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page carries its language in the URL: /sv/... and /en/...
# A request for "/" is redirected by LocaleMiddleware to the visitor's preferred language.
urlpatterns += i18n_patterns(
    path(_("municipalities/"), hub_views.municipality_index, name="municipality_index"),
    path(
        _("municipalities/<slug:slug>/"),
        hub_views.municipality_detail,
        name="municipality_detail",
    ),
    path(_("counties/<slug:slug>/"), hub_views.county_detail, name="county_detail"),
    path(_("contact/<str:token>/"), hub_views.contact_email, name="contact_email"),
    path(_("newsletter/subscribe/"), newsletter_views.subscribe_view, name="newsletter_subscribe"),
    path(
        _("newsletter/confirm/<str:token>/"),
        newsletter_views.confirm_view,
        name="newsletter_confirm",
    ),
    path(
        _("newsletter/unsubscribe/<str:token>/"),
        newsletter_views.unsubscribe_view,
        name="newsletter_unsubscribe",
    ),
    path(_("alerts/end/<str:token>/"), alert_views.end_alert, name="alert_end"),
    path(_("alerts/<str:token>/"), alert_views.manage_alerts, name="alerts_manage"),
    path(
        _("alerts/<str:token>/<int:alert_id>/"),
        alert_views.change_alert,
        name="alert_change",
    ),
    path(
        _("alerts/<str:token>/<int:alert_id>/end/"),
        alert_views.end_alert_here,
        name="alert_end_here",
    ),
    path(_("tags/"), hub_tags.tag_index, name="tag_index"),
    path(_("tags/<slug:slug>/"), hub_tags.tag_detail, name="tag_detail"),
    path(_("search/"), include("search.urls")),
    path(_("feed/"), hub_feeds.per_request(hub_feeds.EverythingRssFeed), name="feed_rss"),
    path(_("feed/atom/"), hub_feeds.per_request(hub_feeds.EverythingAtomFeed), name="feed_atom"),
    *open_data_urls(),
    # Wagtail's front-end views, its page view replaced by one that remembers addresses.
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, hub_serving.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
