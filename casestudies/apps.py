from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = _("Case studies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models can be imported only once the app registry is ready.
        from taggit.models import Tag

        from casestudies.facets import CaseStudyBrowser
        from casestudies.models import CaseStudyIndexPage, CaseStudyPage
        from casestudies.models.figures import figure_totals
        from casestudies.open_data import case_studies
        from hub.aggregates import watch
        from hub.models import Organisation, Theme
        from hub.models.related import in_private_section
        from hub.open_data.registry import register_dataset
        from hub.sections import ContentSection, register_content_section

        # The library's kept counts are forgotten when what they count changes.
        watch(*CaseStudyBrowser.link_models(CaseStudyPage), Theme, Organisation, Tag)

        def pages(locale):
            pages = CaseStudyPage.objects.live().exclude(in_private_section()).filter(locale=locale)
            return pages.for_cards().order_by("-first_published_at", "-pk")

        register_content_section(
            ContentSection(
                key="case_studies",
                order=10,
                heading=_("Case studies"),
                model=CaseStudyPage,
                index_model=CaseStudyIndexPage,
                pages=pages,
                themes="case_study_themes__theme",
                places="municipalities",
                year_field="start_year",
                county_filter="county",
                figure_totals=figure_totals,
            )
        )
        # Its rows in the open-data files (hub/open_data/).
        register_dataset(case_studies())
