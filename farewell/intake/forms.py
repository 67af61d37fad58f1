"""The intake's forms: a testimony with its consent, and the codename to come back with."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from farewell.cases.models import Case, FileConsent


def story_field() -> forms.CharField:
    limit = settings.FAREWELL_MAX_STORY_CHARS
    return forms.CharField(
        label=_("Your story"),
        help_text=_("Write in any language. Up to %(limit)s characters.") % {"limit": limit},
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 14, "autocomplete": "off"}),
        error_messages={
            "required": _("Please write your story before sending."),
            "max_length": _(
                "Your story is longer than %(limit_value)d characters (it has %(show_value)d). "
                "Shorten it, or split it and send the rest as a second testimony."
            ),
        },
    )


class TestimonyForm(forms.Form):
    __test__ = False  # not a pytest test class
    consent = forms.ChoiceField(
        label=_("May we publish it after review?"),
        choices=Case.Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose whether your testimony may be published.")},
    )
    # Identifies this copy of the form, so that sending it twice creates one case.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    field_order = ["story", "consent", "form_token"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["story"] = story_field()  # the limit is a setting, read per form
        self.order_fields(self.field_order)


class CodenameForm(forms.Form):
    codename = forms.CharField(
        label=_("Your codename"),
        help_text=_("The words you were given, separated by spaces."),
        max_length=400,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false", "autocorrect": "off"}
        ),
        error_messages={"required": _("Please enter your codename.")},
    )


def message_field(label, *, required: bool = True) -> forms.CharField:
    from farewell.intake.inbox import MAX_MESSAGE_CHARS

    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_MESSAGE_CHARS,
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
        error_messages={
            "required": _("Please write something before sending."),
            "max_length": _("Your message is longer than %(limit_value)d characters (it has %(show_value)d)."),
        },
    )


class ReplyForm(forms.Form):
    """An answer to the reviewers; files come through the encrypting upload handler."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"] = message_field(_("Your answer"), required=False)


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(
        label=_("May we publish it after review?"), choices=Case.Consent.choices, widget=forms.RadioSelect
    )


class FileConsentForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("What may be published of this file?"), choices=FileConsent.Choice.choices, widget=forms.RadioSelect
    )
    altered = forms.BooleanField(
        label=_("My voice may be heard altered (an informed listener may still recognize it)"), required=False
    )
    original = forms.BooleanField(label=_("My voice may be heard as it is (recognizable)"), required=False)


class ObjectionForm(forms.Form):
    def __init__(self, *args, parts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"] = forms.ChoiceField(label=_("What is wrong?"), choices=parts)
        self.fields["comment"] = message_field(_("What should be changed, and why"))
