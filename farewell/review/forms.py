"""Forms of the reviewer workspace."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from farewell.archive.models import Testimony
from farewell.archive.themes import THEMES
from farewell.cases.models import CaseAccount
from farewell.review.actions import PUBLICATION_LANGUAGES
from farewell.review.models import FileDecision
from farewell.review.publication import LABELS

LABEL_NAMES = {
    "PERSON": _("person"),
    "LOCATION": _("place"),
    "ORGANIZATION": _("organization"),
    "MILITARY_UNIT": _("military unit"),
    "CALLSIGN": _("call sign"),
    "PHONE": _("phone number"),
    "EMAIL": _("email address"),
    "URL": _("link"),
    "HANDLE": _("account name"),
    "ID_DOCUMENT": _("document number"),
    "VEHICLE_PLATE": _("vehicle plate"),
    "ADDRESS": _("address"),
    "DATE": _("date"),
    "AGE": _("age"),
    "OTHER": _("other detail"),
}
LANGUAGE_NAMES = dict(Testimony.LANGUAGES)
NO_AUTOFILL = {"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}


class SignInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=64, widget=forms.TextInput(attrs={"autocomplete": "username"}))
    password = forms.CharField(
        label=_("Password"), max_length=512, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=32,
        widget=forms.TextInput(attrs={**NO_AUTOFILL, "autocomplete": "one-time-code", "inputmode": "text"}),
    )


class EnrolForm(forms.Form):
    password = forms.CharField(
        label=_("New password"), max_length=512, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password_again = forms.CharField(
        label=_("The same password again"),
        max_length=512,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    code = forms.CharField(
        label=_("Code shown by your authenticator app"), max_length=12, widget=forms.TextInput(attrs=NO_AUTOFILL)
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords are not the same."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class RedactionForm(forms.Form):
    label = forms.ChoiceField(label=_("Kind of detail"), choices=[(key, LABEL_NAMES[key]) for key in LABELS])
    phrase = forms.CharField(
        label=_("Words to hide (everywhere they occur)"), max_length=500, required=False, widget=forms.TextInput()
    )
    start = forms.IntegerField(label=_("or from character no."), min_value=0, required=False)
    end = forms.IntegerField(label=_("to character no. (not included)"), min_value=1, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("phrase") and (data.get("start") is None or data.get("end") is None):
            raise forms.ValidationError(_("Give the words to hide, or a start and an end position."))
        return data


class PublicationForm(forms.Form):
    title = forms.CharField(label=_("Title for the archive"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language of the testimony"), choices=[(code, LANGUAGE_NAMES[code]) for code in PUBLICATION_LANGUAGES]
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes in the archive"),
        choices=list(THEMES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class FileChoiceForm(forms.Form):
    publish = forms.BooleanField(label=_("Publish this file (as prepared above)"), required=False)
    voice = forms.ChoiceField(label=_("What is heard of the voice"), choices=FileDecision.Voice.choices, required=False)


class TranscriptForm(forms.Form):
    transcript = forms.CharField(
        label=_("Transcript (what is said, with identifying details left out)"),
        max_length=100_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


def _percent(label):
    return forms.FloatField(label=label, min_value=0, max_value=100, widget=forms.NumberInput(attrs={"step": "any"}))


class BoxForm(forms.Form):
    """A redaction box in percent of the picture or page: typed, or filled in by drawing on the preview."""

    page = forms.IntegerField(label=_("Page (empty: every page)"), min_value=1, required=False)
    x = _percent(_("From the left, %"))
    y = _percent(_("From the top, %"))
    w = _percent(_("Width, %"))
    h = _percent(_("Height, %"))
    start = forms.FloatField(label=_("From second (empty: the start)"), min_value=0, required=False)
    end = forms.FloatField(label=_("To second (empty: the end)"), min_value=0, required=False)


class AccountForm(forms.Form):
    """Another account of the case: pasted here, or uploaded (the `file` input, read by
    review/case_accounts.py's handler rather than by a form field)."""

    kind = forms.ChoiceField(
        label=_("Kind of account"),
        choices=[("", _("Recognize it from the text")), *CaseAccount.Kind.choices],
        required=False,
    )
    label = forms.CharField(label=_("Short label (e.g. the newspaper and the day)"), max_length=80, required=False)
    date = forms.DateField(
        label=_("Date it was given or published (empty: read from the text when it says)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    text = forms.CharField(
        label=_("Text of the account"),
        max_length=settings.FAREWELL_MAX_STORY_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
