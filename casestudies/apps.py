from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = _("Case studies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casestudies.models import CaseStudyPage, CaseStudyTag
        from hub.sections import ContentSection, register_content_section

        def pages(locale):
            return (
                CaseStudyPage.objects.live()
                .public()
                .filter(locale=locale)
                .for_cards()
                .order_by("title")
            )

        register_content_section(
            ContentSection(
                key="case_studies",
                order=10,
                heading=_("Case studies"),
                pages=pages,
                tag_through=CaseStudyTag,
            )
        )
