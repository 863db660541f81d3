"""Forms of the technische vragen: asking (a raadslid) and answering (the programmabureau).
The length limits are the services' (raden.services.vragen), so the form and the rule agree."""

from django import forms
from django.utils.translation import gettext_lazy as _

from raden.services.vragen import MAX_ANTWOORD, MAX_VRAAG


class VraagForm(forms.Form):
    vraag = forms.CharField(
        label=_("Uw vraag"),
        max_length=MAX_VRAAG,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Een technische vraag over deze opgave. Het programmabureau beantwoordt haar; "
            "vraag en antwoord worden daarna openbaar bij de opgave."
        ),
        error_messages={
            "required": _("Schrijf uw vraag."),
            "max_length": _(
                "Een vraag is hoogstens %(limit_value)d tekens (deze telt er %(show_value)d)."
            ),
        },
    )


class AntwoordForm(forms.Form):
    antwoord = forms.CharField(
        label=_("Antwoord"),
        max_length=MAX_ANTWOORD,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Na opslaan is het antwoord openbaar en verandert het niet meer."),
        error_messages={
            "required": _("Schrijf het antwoord."),
            "max_length": _(
                "Een antwoord is hoogstens %(limit_value)d tekens (dit telt er %(show_value)d)."
            ),
        },
    )
