from casestudies.importing.jobs import ImportJob
from casestudies.models.library import CaseStudyIndexPage
from casestudies.models.pages import (
    FIRST_YEAR,
    LAST_YEAR,
    CaseStudyContact,
    CaseStudyPage,
    CaseStudyRelatedPage,
    CaseStudyTag,
    CaseStudyTheme,
)

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "CaseStudyContact",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseStudyRelatedPage",
    "CaseStudyTag",
    "CaseStudyTheme",
    "ImportJob",
]
