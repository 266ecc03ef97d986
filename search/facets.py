"""Where each content type keeps what the search page filters and counts on, read from its
registration: its link tables, the year and the date a page is about.

These are read when a page's facet keys are derived (`search.facetkeys`), not per search.
"""

from django.db.models import DateField, DateTimeField, F, IntegerField
from django.db.models.functions import Cast, Coalesce, ExtractYear

from hub.sections import content_sections


def links(name):
    """[(link model, its field to the page, its field to the value)] of every content type
    that has `name`: "themes", "tags" or "places"."""
    found = (section.links(name) for section in content_sections())
    return [link for link in found if link]


def _through_child(section, field_name):
    """The lookup from Page to a field of the section's page type."""
    return f"{section.model._meta.model_name}__{field_name}"


def year():
    """The year a page is about: an event's, an issue's, the start of a case study, else the
    year it was first published."""
    years = []
    for section in content_sections():
        if section.year_field:
            years.append(F(_through_child(section, section.year_field)))
        elif section.date_field:
            years.append(ExtractYear(_through_child(section, section.date_field)))
    return Coalesce(*years, ExtractYear("first_published_at"), output_field=IntegerField())


def date():
    """The moment "newest first" sorts on, in the same spirit."""
    dates = []
    for section in content_sections():
        if section.date_field:
            lookup = _through_child(section, section.date_field)
            field = section.model._meta.get_field(section.date_field)
            is_day = isinstance(field, DateField) and not isinstance(field, DateTimeField)
            dates.append(Cast(lookup, DateTimeField()) if is_day else F(lookup))
    return Coalesce(*dates, "first_published_at", output_field=DateTimeField())
