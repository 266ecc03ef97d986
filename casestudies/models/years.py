"""The years a case study speaks of: when its work ran, and what its impact figures span."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

FIRST_YEAR, LAST_YEAR = 1990, 2100


def year_field(verbose_name, help_text):
    """An optional year from FIRST_YEAR to LAST_YEAR."""
    return models.PositiveSmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=help_text,
    )
