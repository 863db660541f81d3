"""The griffier's forms for their own council: its composition and its members. The forms check
the input; the rules of the council (seats add up to art. 8, a full fractie) are the services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from raden.models import Fractie, Partij
from raden.models.raad import GROOTSTE_RAAD
from regio.rechten import is_beschermd

FORMULIER = "formulier"
SAMENSTELLING = "samenstelling"


class FractieKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Fractie) -> str:
        return obj.naam  # the council is the page's; Fractie.__str__ would fetch its gemeente


class RaadslidForm(forms.Form):
    """Seat a raadslid; the fractie is chosen by its name (unique within a council)."""

    voornaam = forms.CharField(label=_("Voornaam"), max_length=150)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150)
    fractie = FractieKeuze(
        label=_("Fractie"),
        queryset=Fractie.objects.none(),
        to_field_name="naam",
        empty_label=_("Kies een fractie"),
        error_messages={"invalid_choice": _("Kies een fractie van deze raad.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres (niet verplicht)"),
        required=False,
        max_length=150,  # it becomes the username
        help_text=_(
            "Met een e-mailadres krijgt het raadslid een account en een link om een wachtwoord "
            "te kiezen. Zonder e-mailadres legt u zelf de stemmen van dit raadslid vast."
        ),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl.")},
    )
    begin = forms.DateField(
        label=_("Lid sinds (niet verplicht)"),
        required=False,
        help_text=_("Leeg is vandaag."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in, zoals 2026-03-30.")},
    )

    def __init__(self, *args, fracties, acting_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fractie"].queryset = fracties
        self.acting_user = acting_user

    def clean_email(self) -> str:
        from django.contrib.auth import get_user_model

        email = self.cleaned_data["email"].strip().lower()
        if not email:
            return email
        # A seat is a right: nobody gives it to themselves or to an account with more rights
        # than a griffier may touch (the same rule as for permission rows, regio.rechten).
        bestaand = get_user_model().objects.filter(username=email).first()
        if bestaand is not None and (bestaand.pk == self.acting_user.pk or is_beschermd(bestaand)):
            raise forms.ValidationError(
                _("Dit account kunt u niet als raadslid vastleggen. Vraag functioneel beheer.")
            )
        return email


class SamenstellingForm(forms.Form):
    """The seats per party of one council: a field per existing fractie, and one new party,
    either chosen from the known parties or named here."""

    nieuwe_partij = forms.ModelChoiceField(
        label=_("Nieuwe fractie van partij"),
        queryset=Partij.objects.none(),
        required=False,
        empty_label=_("Geen"),
        error_messages={"invalid_choice": _("Kies een partij uit de lijst.")},
    )
    nieuwe_partij_zetels = forms.IntegerField(
        label=_("Zetels"), min_value=0, max_value=GROOTSTE_RAAD, required=False
    )
    nieuwe_naam = forms.CharField(
        label=_("Of een partij die nog niet in de lijst staat"), max_length=100, required=False
    )
    nieuwe_naam_lokaal = forms.BooleanField(label=_("Lokale partij"), required=False)
    nieuwe_naam_zetels = forms.IntegerField(
        label=_("Zetels"), min_value=0, max_value=GROOTSTE_RAAD, required=False
    )

    NIEUW = (
        "nieuwe_partij",
        "nieuwe_partij_zetels",
        "nieuwe_naam",
        "nieuwe_naam_lokaal",
        "nieuwe_naam_zetels",
    )

    def __init__(self, *args, fracties, partijen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fracties = list(fracties)
        self.fields["nieuwe_partij"].queryset = partijen
        for fractie in self.fracties:
            self.fields[self.veldnaam(fractie)] = forms.IntegerField(
                label=fractie.naam,
                min_value=0,
                max_value=GROOTSTE_RAAD,
                initial=fractie.zetels,
                error_messages={"required": _("Vul het aantal zetels in (0 voor geen).")},
            )

    @staticmethod
    def veldnaam(fractie: Fractie) -> str:
        return f"zetels_{fractie.partij_id}"

    def fractievelden(self):
        """(fractie, bound field) per existing fractie, for the table."""
        return [(f, self[self.veldnaam(f)]) for f in self.fracties]

    def nieuwe_velden(self):
        """The bound fields of the new party, for the fieldset below the table."""
        return [self[n] for n in self.NIEUW]

    def clean(self):
        data = super().clean()
        partij, naam = data.get("nieuwe_partij"), " ".join((data.get("nieuwe_naam") or "").split())
        if partij is not None and not data.get("nieuwe_partij_zetels"):
            self.add_error("nieuwe_partij_zetels", _("Geef de nieuwe fractie haar zetels."))
        if naam and not data.get("nieuwe_naam_zetels"):
            self.add_error("nieuwe_naam_zetels", _("Geef de nieuwe partij haar zetels."))
        if not naam and data.get("nieuwe_naam_zetels"):
            self.add_error("nieuwe_naam", _("Vul de naam van de nieuwe partij in."))
        if partij is None and data.get("nieuwe_partij_zetels"):
            self.add_error("nieuwe_partij", _("Kies de partij van de nieuwe fractie."))
        if partij is not None and naam and partij.naam.lower() == naam.lower():
            self.add_error("nieuwe_naam", _("Deze partij hebt u al in de lijst gekozen."))
        data["nieuwe_naam"] = naam
        return data

    def zetels(self, nieuwe: Partij | None = None) -> dict[Partij, int]:
        """Seats per party from the cleaned data; `nieuwe` is the party made for the new name."""
        uit = {f.partij: self.cleaned_data[self.veldnaam(f)] for f in self.fracties}
        if self.cleaned_data.get("nieuwe_partij") is not None:
            uit[self.cleaned_data["nieuwe_partij"]] = self.cleaned_data["nieuwe_partij_zetels"]
        if nieuwe is not None:
            uit[nieuwe] = uit.get(nieuwe, 0) + self.cleaned_data["nieuwe_naam_zetels"]
        return uit
