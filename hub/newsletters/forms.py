"""The sign-up form, with its two quiet checks against bots."""

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FORM_SALT = "hub.newsletter.form"
FASTEST_HUMAN_SECONDS = 2
CONSENT_TEXT = _(
    "I want Klimathubben's newsletter by e-mail. My address is used for nothing else, and I can "
    "unsubscribe at any time through the link in every issue."
)


class SubscribeForm(forms.Form):
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

    def looks_automated(self):
        if self.cleaned_data.get("website"):
            return True
        try:
            started = signing.loads(self.cleaned_data.get("started") or "", salt=FORM_SALT)
        except signing.BadSignature:
            return True
        return timezone.now().timestamp() - float(started) < FASTEST_HUMAN_SECONDS
