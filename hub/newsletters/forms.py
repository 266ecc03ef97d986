"""The sign-up form, with its two quiet checks against bots, and the choice of an alert."""

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hub.models.snippets import County, Municipality, Theme
from hub.newsletters.alerts import ALERT_CONSENT_TEXT, Alert, describe

FORM_SALT = "hub.newsletter.form"
FASTEST_HUMAN_SECONDS = 2
CONSENT_TEXT = _(
    "I want Klimathubben's newsletter by e-mail. My address is used for nothing else, and I can "
    "unsubscribe at any time through the link in every issue."
)


class AlertChoiceForm(forms.Form):
    """Themes and places to follow, and how often. Themes are those of the active language."""

    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    counties = forms.ModelMultipleChoiceField(
        label=_("Counties"),
        queryset=County.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.all(),
        required=False,
        help_text=_("Hold down Ctrl (Cmd on a Mac) to choose more than one."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    rhythm = forms.ChoiceField(
        label=_("How often"),
        choices=Alert.Rhythm.choices,
        initial=Alert.Rhythm.WEEKLY,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(locale__language_code=get_language())

    def has_choice(self):
        data = self.cleaned_data
        return any(data.get(name) for name in ("themes", "counties", "municipalities"))

    def clean(self):
        cleaned = super().clean()
        if not self._errors and not self.has_choice():
            raise forms.ValidationError(
                _("Choose at least one theme, county or municipality to follow."), code="empty"
            )
        return cleaned


def save_alert(subscriber, data, *, confirmed, alert=None):
    """Create `alert` (or change it) from the form's `data`, with the consent text in the
    active language; `confirmed` starts it at once."""
    places = list(data["counties"]) + list(data["municipalities"])
    words = describe(list(data["themes"]), places, data["rhythm"] or Alert.Rhythm.WEEKLY)
    now = timezone.now()
    alert = alert or Alert(subscriber=subscriber, created_at=now)
    alert.rhythm = data["rhythm"] or Alert.Rhythm.WEEKLY
    alert.consent = str(ALERT_CONSENT_TEXT) % {"alert": words}
    alert.consent_language = get_language()
    if confirmed and alert.confirmed_at is None:
        alert.confirmed_at = alert.last_sent_until = now
    alert.save()
    alert.themes.set(data["themes"])
    alert.counties.set(data["counties"])
    alert.municipalities.set(data["municipalities"])
    return alert


class SubscribeForm(AlertChoiceForm):
    """The newsletter, and an alert if the reader chooses any theme or place."""

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        # The hub's own wording: REST framework's catalogue (installed for the API) would
        # otherwise replace Django's.
        error_messages={"invalid": _("Enter a valid e-mail address.")},
    )
    consent = forms.BooleanField(label=CONSENT_TEXT)
    # Left empty by people; filled in by bots that fill in every field.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["started"] = signing.dumps(timezone.now().timestamp(), salt=FORM_SALT)
        self.fields["rhythm"].required = False

    def clean(self):
        return forms.Form.clean(self)  # the alert is optional here

    def looks_automated(self):
        if self.cleaned_data.get("website"):
            return True
        try:
            started = signing.loads(self.cleaned_data.get("started") or "", salt=FORM_SALT)
        except signing.BadSignature:
            return True
        return timezone.now().timestamp() - float(started) < FASTEST_HUMAN_SECONDS
