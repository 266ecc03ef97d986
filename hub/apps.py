from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.users.apps import WagtailUsersAppConfig

from hub.collation import register_sqlite_collations
from hub.sections import ContentSection, register_content_section


class HubConfig(AppConfig):
    default = True  # Not UsersConfig below, which stands in for wagtail.users.
    name = "hub"
    verbose_name = _("Klimathubben")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from hub import model_loading

        model_loading.install()
        # Models can be imported only once the app registry is ready.
        connect_signals()
        register_newsletters()


def connect_signals():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from hub import frontend_cache, images, review_mail, roles
    from hub.aggregates import content_changed, watch
    from hub.models import Contact, County, Municipality, Theme
    from hub.open_data import tasks as open_data_tasks

    connection_created.connect(register_sqlite_collations, dispatch_uid="hub_collations")
    changes = (post_save, post_delete, m2m_changed, page_published, page_unpublished)
    for signal in (*changes, post_page_move):
        signal.connect(content_changed, dispatch_uid="hub_counts")
    # What the front-end cache forgets when these change (hub/frontend_cache.py).
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(frontend_cache.page_changed, dispatch_uid="hub_frontend_pages")
    for signal in (post_save, post_delete):
        signal.connect(frontend_cache.row_changed, dispatch_uid="hub_frontend_rows")
    m2m_changed.connect(frontend_cache.links_changed, dispatch_uid="hub_frontend_links")
    # The open-data files are built again when what they show changes (hub/open_data/).
    for signal in (page_published, page_unpublished, post_page_move, post_delete):
        signal.connect(open_data_tasks.page_changed, dispatch_uid="hub_open_data_pages")
    for signal in (post_save, post_delete):
        signal.connect(open_data_tasks.name_changed, dispatch_uid="hub_open_data_names")
    # A published page's main image gets its renditions in the background (hub/images.py).
    page_published.connect(images.page_published, dispatch_uid="hub_renditions")
    # New section pages get the review workflow and the writers' permission (hub/roles.py).
    post_save.connect(roles.page_created, dispatch_uid="hub_roles")
    # The review workflow's e-mails go through the task worker (hub/review_mail.py). The
    # hub's app is ready before wagtail.admin's, which then connects nothing of its own.
    review_mail.connect()
    # Pages remembered per content version (hub/versions.py) carry their images; the
    # vocabularies remembered by id (hub/browsing/cards.py, the search filters) are these;
    # kept pages (hub/page_cache.py) show contacts too.
    watch(get_image_model(), get_document_model(), Theme, Municipality, County, Contact)


def register_newsletters():
    """The newsletter archive among the content sections (hub/sections.py)."""
    from hub.models import NewsletterIndexPage, NewsletterIssuePage
    from hub.models.related import in_private_section

    def issues(locale):
        pages = (
            NewsletterIssuePage.objects.live().exclude(in_private_section()).filter(locale=locale)
        )
        return pages.for_cards().order_by("-issue_date", "-number")

    register_content_section(
        ContentSection(
            key="newsletters",
            order=30,
            heading=_("Newsletter issues"),
            model=NewsletterIssuePage,
            index_model=NewsletterIndexPage,
            pages=issues,
            date_field="issue_date",
        )
    )


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's users and groups, with the editors' groups named in the admin's language."""

    group_viewset = "hub.groups.GroupViewSet"
    user_viewset = "hub.groups.UserViewSet"
