"""Forms of the council votes: opening a voting window, a raadslid's own vote, the griffier's
record of one member's vote and the quick entry per fractie. They only read input; every rule
is the service's (raden.services.stemmen), whose DomeinFout the view puts on the form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from raden.models import Keuze, Reden

#: how a member deviating from the fractie voted: one choice for keuze and reden together
AFWIJKINGEN = [
    ("voor", _("voor")),
    ("tegen", _("tegen")),
    ("afwezig", _("niet deelgenomen: afwezig")),
    ("persoonlijk_belang", _("niet deelgenomen: persoonlijk belang")),
]


def keuze_en_reden(afwijking: str) -> tuple[str, str]:
    if afwijking in (Keuze.VOOR, Keuze.TEGEN):
        return afwijking, ""
    return Keuze.NIET_DEELGENOMEN, afwijking


class OpenenForm(forms.Form):
    """The griffier opens a voting window for a meeting date on some or all opgaven."""

    vergaderdatum = forms.DateField(
        label=_("Vergaderdatum"), widget=forms.DateInput(attrs={"type": "date"})
    )
    opgaven = forms.TypedMultipleChoiceField(
        label=_("Opgaven"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, opgaven=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opgaven"].choices = [(po.pk, po.opgave.titel) for po in opgaven]
        self._opgaven = {po.pk: po for po in opgaven}

    def clean(self):
        data = super().clean()
        self.alle = bool(self.data.get("alle"))
        if not self.alle and not data.get("opgaven"):
            raise forms.ValidationError(
                _("Vink de opgaven aan waarover wordt gestemd, of kies alle opgaven.")
            )
        return data

    def gekozen(self):
        """None for every undecided opgave, else the ticked ProgrammaOpgaven."""
        if self.alle:
            return None
        return [self._opgaven[pk] for pk in self.cleaned_data["opgaven"]]


class StemForm(forms.Form):
    """A raadslid's own vote: voor or tegen (the button pressed)."""

    keuze = forms.ChoiceField(
        label=_("Uw stem"), choices=[(Keuze.VOOR, _("voor")), (Keuze.TEGEN, _("tegen"))]
    )


class VastleggenForm(forms.Form):
    """The griffier records one member's vote."""

    raadslid = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    keuze = forms.ChoiceField(label=_("Stem"), choices=Keuze.choices)
    reden = forms.ChoiceField(label=_("Reden"), required=False, choices=[("", "—"), *Reden.choices])

    def __init__(self, *args, leden=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._leden = {lid.pk: lid for lid in leden}
        self.fields["raadslid"].choices = [(pk, pk) for pk in self._leden]

    @property
    def lid(self):
        return self._leden[self.cleaned_data["raadslid"]]


class FractieForm(forms.Form):
    """The quick entry: "fractie X: voor, behalve ..." with a way of voting per exception."""

    fractie = forms.TypedChoiceField(label=_("Fractie"), coerce=int)
    keuze = forms.ChoiceField(
        label=_("De fractie stemt"),
        choices=[(Keuze.VOOR, _("voor")), (Keuze.TEGEN, _("tegen"))],
        widget=forms.RadioSelect,
    )
    behalve = forms.TypedMultipleChoiceField(label=_("Behalve"), required=False, coerce=int)

    def __init__(self, *args, fracties=(), leden=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._fracties = {f.pk: f for f in fracties}
        self._leden = {lid.pk: lid for lid in leden}
        self.fields["fractie"].choices = [(f.pk, f.naam) for f in fracties]
        self.fields["behalve"].choices = [(lid.pk, lid.naam) for lid in leden]
        for lid in leden:
            self.fields[f"afwijking_{lid.pk}"] = forms.ChoiceField(
                label=lid.naam, choices=[("", "—"), *AFWIJKINGEN], required=False
            )

    def clean(self):
        data = super().clean()
        self.uitzonderingen = {}
        for pk in data.get("behalve") or []:
            afwijking = data.get(f"afwijking_{pk}")
            if not afwijking:
                raise forms.ValidationError(
                    _("Kies bij %(naam)s hoe dit raadslid afwijkend stemde.")
                    % {"naam": self._leden[pk].naam}
                )
            self.uitzonderingen[pk] = keuze_en_reden(afwijking)
        return data

    @property
    def gekozen_fractie(self):
        return self._fracties[self.cleaned_data["fractie"]]


class BevestigenForm(forms.Form):
    zienswijze = forms.CharField(
        label=_("Zienswijze (niet verplicht)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat de raad het regiobestuur bij dit besluit wil meegeven."),
    )
