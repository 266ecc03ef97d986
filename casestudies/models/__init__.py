from casestudies.importing.jobs import ImportJob
from casestudies.models.figures import CaseStudyImpactFigure, Metric
from casestudies.models.library import CaseStudyIndexPage
from casestudies.models.links import (
    CaseStudyContact,
    CaseStudyRelatedPage,
    CaseStudyTag,
    CaseStudyTheme,
)
from casestudies.models.pages import CaseStudyPage
from casestudies.models.years import FIRST_YEAR, LAST_YEAR

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "CaseStudyContact",
    "CaseStudyImpactFigure",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseStudyRelatedPage",
    "CaseStudyTag",
    "CaseStudyTheme",
    "ImportJob",
    "Metric",
]
