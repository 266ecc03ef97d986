"""Alerts: a reader's themes and places, and a digest of what was published there each period."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _

from hub.models.snippets import Theme
from hub.timezones import STOCKHOLM

ALERT_CONSENT_TEXT = _(
    "I want e-mail from Klimathubben when new case studies and events match this alert: "
    "%(alert)s. My address is used for nothing else, and I can end the alert at any time "
    "through the link in every alert e-mail."
)


class AlertQuerySet(models.QuerySet):
    def active(self):
        return self.filter(confirmed_at__isnull=False, ended_at__isnull=True)

    def pending(self):
        return self.filter(confirmed_at__isnull=True, ended_at__isnull=True)

    def due(self, now):
        """Active alerts whose last period sent ended before the period that has just ended."""
        due = models.Q()
        for rhythm in Alert.Rhythm:
            due |= models.Q(rhythm=rhythm, last_sent_until__lt=period_end(rhythm, now))
        return self.active().filter(due)


class Alert(models.Model):
    """Themes and places a reader follows, and how often they hear of what is new there.

    Pending until the reader follows the link in the confirmation e-mail, unless it was added
    from a signed "manage my alerts" link, which came from their own mailbox.
    """

    class Rhythm(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    subscriber = models.ForeignKey(
        "hub.Subscriber",
        on_delete=models.CASCADE,
        related_name="alerts",
        verbose_name=_("subscriber"),
    )
    rhythm = models.CharField(
        _("how often"), max_length=10, choices=Rhythm.choices, default=Rhythm.WEEKLY
    )
    # Themes as the reader chose them (in their language); digests match them in every
    # language through their translation key.
    themes = models.ManyToManyField(
        "hub.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    counties = models.ManyToManyField(
        "hub.County", blank=True, related_name="+", verbose_name=_("counties")
    )
    municipalities = models.ManyToManyField(
        "hub.Municipality", blank=True, related_name="+", verbose_name=_("municipalities")
    )
    consent = models.TextField(_("what they agreed to"), blank=True)
    consent_language = models.CharField(
        _("language of the consent"), max_length=8, choices=settings.LANGUAGES
    )
    created_at = models.DateTimeField(_("asked for"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # The end of the last period a digest covered (or the moment of consent): the next digest
    # covers what was first published from here on, so nothing is sent twice.
    last_sent_until = models.DateTimeField(_("sent up to"), null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        indexes = [
            models.Index(
                fields=["rhythm", "last_sent_until"],
                condition=models.Q(confirmed_at__isnull=False, ended_at__isnull=True),
                name="alert_due",
            )
        ]

    def __str__(self):
        return self.description()

    @property
    def language(self):
        return self.subscriber.language

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.ended_at is None

    def description(self):
        """The alert in words, in the active language: "Energi- och klimatcoachning i
        Värmlands län, varje vecka". Reads the prefetched themes and places."""
        return describe(
            list(self.themes.all()),
            list(self.counties.all()) + list(self.municipalities.all()),
            self.rhythm,
        )

    def confirm(self, now=None):
        now = now or timezone.now()
        self.confirmed_at = self.last_sent_until = now
        self.save(update_fields=["confirmed_at", "last_sent_until"])

    def end(self):
        if self.ended_at is None:
            self.ended_at = timezone.now()
            self.save(update_fields=["ended_at"])


def describe(themes, places, rhythm):
    theme_names = [theme.name for theme in themes]
    place_names = [str(place) for place in places]
    words = {
        "themes": (
            get_text_list(theme_names, gettext("or"))
            if theme_names
            else pgettext("alert themes", "Every theme")
        ),
        "places": (
            get_text_list(place_names, gettext("or")) if place_names else gettext("all of Sweden")
        ),
        "rhythm": rhythm_words(rhythm),
    }
    return gettext("%(themes)s in %(places)s, %(rhythm)s") % words


def rhythm_words(rhythm):
    if rhythm == Alert.Rhythm.MONTHLY:
        return pgettext("alert rhythm", "every month")
    return pgettext("alert rhythm", "every week")


def period_end(rhythm, now):
    """The end of the last whole period before `now`, in Swedish time: the latest Monday
    midnight for weekly alerts, the latest first of the month for monthly ones."""
    local = timezone.localtime(now, STOCKHOLM)
    if rhythm == Alert.Rhythm.MONTHLY:
        day = local.date().replace(day=1)
    else:
        day = local.date() - timedelta(days=local.weekday())
    return datetime(day.year, day.month, day.day, tzinfo=STOCKHOLM)


def alerts_with_words():
    """Alerts with what `Alert.description` reads, for listings."""
    return Alert.objects.prefetch_related("themes", "counties", "municipalities")


def localized_themes(alert, language=None):
    """The alert's themes in `language` (the active one), where they are translated."""
    return translated_themes(list(alert.themes.all()), language)


def translated_themes(themes, language=None):
    """`themes` in `language` (the active one), where they are translated: one query."""
    language = language or get_language()
    translated = {
        theme.translation_key: theme
        for theme in Theme.objects.filter(
            translation_key__in={theme.translation_key for theme in themes},
            locale__language_code=language,
        )
    }
    return [translated.get(theme.translation_key, theme) for theme in themes]


def alert_words(alert):
    """The alert in words in the active language, its themes translated where they are."""
    return in_words([alert])[0][1]


def in_words(alerts):
    """[(alert, the alert in words in the active language)], the themes of every alert
    translated in one query (`alerts` as `alerts_with_words()` reads them)."""
    chosen = [list(alert.themes.all()) for alert in alerts]
    shown = iter(translated_themes([theme for themes in chosen for theme in themes]))
    described = []
    for alert, themes in zip(alerts, chosen, strict=True):
        places = list(alert.counties.all()) + list(alert.municipalities.all())
        own = [next(shown) for _theme in themes]
        described.append((alert, describe(own, places, alert.rhythm)))
    return described
