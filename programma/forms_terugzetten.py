"""The form that confirms a revert of a concept opgave or a concept's texts."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TerugzettenForm(forms.Form):
    #: what the page showed (the current stand's token): a revert never undoes unseen edits
    huidig = forms.CharField(widget=forms.HiddenInput, required=False)
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Komt met uw naam in de geschiedenis van deze opgave of tekst te staan."),
        error_messages={"required": _("Geef een reden op: die komt in de geschiedenis te staan.")},
    )
