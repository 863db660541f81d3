from django import forms
from django.utils.translation import gettext_lazy as _

from programma import selectors


class BestuurderKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.naam} – {obj.get_functie_display()} {obj.gemeente.naam}"


class PortefeuillehouderForm(forms.Form):
    programma_opgave = forms.IntegerField(widget=forms.HiddenInput)
    bestuurder = BestuurderKeuze(
        label=_("Regionaal portefeuillehouder"),
        queryset=selectors.bestuurders_keuze(),
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een bestuurder uit de lijst.")},
    )
