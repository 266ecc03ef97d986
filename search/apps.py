from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from wagtail.signals import page_published


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # search.signals reads models, which can be imported only once the registry is ready.
        from search.signals import index_snippets_after_migrate, reindex_published_page

        page_published.connect(reindex_published_page, dispatch_uid="search_reindex_published")
        post_migrate.connect(
            index_snippets_after_migrate, sender=self, dispatch_uid="search_snippets"
        )
