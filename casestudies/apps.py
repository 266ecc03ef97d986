from django.apps import AppConfig
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = _("Case studies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casestudies.models import CaseStudyPage
        from hub.sections import MunicipalitySection, register_municipality_section

        def items(municipality, locale):
            pages = CaseStudyPage.objects.live().public().filter(locale=locale)
            return pages.filter(municipalities=municipality).for_cards().order_by("title")

        def counts(locale):
            pages = CaseStudyPage.objects.live().public().filter(locale=locale)
            rows = pages.values_list("municipalities").annotate(total=models.Count("pk"))
            return dict(rows)

        register_municipality_section(
            MunicipalitySection(
                key="case_studies",
                order=10,
                heading=_("Case studies"),
                template="components/case_study_card.html",
                items=items,
                counts=counts,
            )
        )
