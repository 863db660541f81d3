"""The filters of a history page: by person, by field, by period."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FilterForm(forms.Form):
    persoon = forms.TypedChoiceField(label=_("Door"), required=False, coerce=int, empty_value=None)
    veld = forms.ChoiceField(label=_("Veld"), required=False)
    van = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, personen: list[tuple[int, str]], velden: list[tuple[str, str]], **kw):
        super().__init__(*args, **kw)
        self.fields["persoon"].choices = [("", _("iedereen")), *personen]
        self.fields["veld"].choices = [("", _("alle velden")), *velden]

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", _("De einddatum ligt voor de begindatum."))
        return data

    def filter(self, gebeurtenissen: list) -> list:
        """The entries that pass the filters (all of them when the filters are invalid)."""
        if not self.is_valid():
            return gebeurtenissen
        persoon, veld = self.cleaned_data["persoon"], self.cleaned_data["veld"]
        van, tot = self.cleaned_data["van"], self.cleaned_data["tot"]
        resultaat = []
        for g in gebeurtenissen:
            datum = timezone.localtime(g.moment).date()
            if persoon is not None and g.persoon_id != persoon:
                continue
            if van and datum < van or tot and datum > tot:
                continue
            if veld and not any(w.veld == veld for w in g.wijzigingen):
                continue
            resultaat.append(g)
        return resultaat
