"""What a case study links to through rows of its own: tags, themes, contacts and the related
case studies editors choose."""

from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.models import RelatedPage
from hub.models.terms import ContactLink, ThemeLink


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        # The newest case studies with a tag, read as an index range.
        indexes = [models.Index(fields=["tag", "-content_object"], name="casestudytag_newest")]


class CaseStudyTheme(ThemeLink):
    page = ParentalKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="case_study_themes"
    )

    class Meta(ThemeLink.Meta):
        # The newest case studies with a theme, read as an index range.
        indexes = [models.Index(fields=["theme", "-page"], name="casestudytheme_newest")]


class CaseStudyContact(ContactLink):
    page = ParentalKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="case_study_contacts"
    )


class CaseStudyRelatedPage(RelatedPage):
    page = ParentalKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="related_case_studies"
    )

    page_type = "casestudies.CaseStudyPage"

    class Meta(RelatedPage.Meta):
        verbose_name = _("related case study")
        verbose_name_plural = _("related case studies")
