from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate
from django.utils.translation import gettext_lazy as _

from wagtail.signals import page_published, page_unpublished, post_page_move


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # search.signals reads models, which can be imported only once the registry is ready.
        from wagtail.contrib.search_promotions.models import SearchPromotion
        from wagtail.models import get_page_models

        from hub.aggregates import watch
        from search.signals import (
            fill_facet_keys_after_migrate,
            index_snippets_after_migrate,
            refresh_facet_keys,
            reindex_published_page,
            renew_search_version,
        )

        page_published.connect(reindex_published_page, dispatch_uid="search_reindex_published")
        post_migrate.connect(
            index_snippets_after_migrate, sender=self, dispatch_uid="search_snippets"
        )
        page_published.connect(refresh_facet_keys, dispatch_uid="search_facets_published")
        page_unpublished.connect(refresh_facet_keys, dispatch_uid="search_facets_unpublished")
        post_page_move.connect(refresh_facet_keys, dispatch_uid="search_facets_moved")
        post_migrate.connect(
            fill_facet_keys_after_migrate, sender=self, dispatch_uid="search_facet_keys"
        )
        # The search remembers which queries have editors' picks (search/engine.py).
        watch(SearchPromotion)
        for model in get_page_models():
            post_delete.connect(
                renew_search_version, sender=model, dispatch_uid=f"search_version_{model}"
            )
