"""Forms of the programme. Money and FTE are read the Dutch way (regio.geld); every message is
Dutch and shown on the same form, with what the user typed kept."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from opgaven.models import Opgave
from programma import selectors
from programma.models import Niveau, ProgrammaOpgave, ProgrammaVersie, Verdeelsleutel
from regio.forms import (
    GeheelGetalField,
    VeiligeKeuze,
    VeiligeMeervoudigeKeuze,
    weiger_andere_cijfers,
)
from regio.geld import format_bedrag, parse_bedrag
from regio.models import Partner, Thema

TEKSTVAK = forms.Textarea(attrs={"rows": 5})


class BedragField(forms.CharField):
    """Whole euros, typed as Dutch people type them: 1.250.000 or € 250.000."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_bedrag(value, teken=False)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_bedrag(value)


class DecimaalField(forms.CharField):
    """A Dutch decimal ("2,5"); a dot is read as a decimal point too."""

    def __init__(self, *, max_decimalen: int = 2, maximum: Decimal | None = None, **kwargs):
        self.max_decimalen = max_decimalen
        self.maximum = maximum
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value.normalize():f}".replace(".", ",")
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        weiger_andere_cijfers(value)
        tekst = re.sub(r"\s|fte|%", "", str(value), flags=re.IGNORECASE).replace(",", ".")
        try:
            getal = Decimal(tekst)
        except InvalidOperation:
            raise ValidationError(
                _("'%(invoer)s' is geen getal. Schrijf bijvoorbeeld 2,5."),
                params={"invoer": value},
            ) from None
        if not getal.is_finite():
            raise ValidationError(_("Vul een getal in."))
        if getal < 0:
            raise ValidationError(_("Dit kan niet negatief zijn."))
        if -getal.as_tuple().exponent > self.max_decimalen:
            raise ValidationError(
                _("Gebruik hoogstens %(n)s cijfers achter de komma."),
                params={"n": self.max_decimalen},
            )
        if self.maximum is not None and getal > self.maximum:
            raise ValidationError(
                _("Dit kan hoogstens %(max)s zijn."), params={"max": self.maximum}
            )
        return getal


class BestuurderKeuze(VeiligeKeuze):
    def label_from_instance(self, obj):
        return f"{obj.naam} – {obj.get_functie_display()} {obj.gemeente.naam}"


class BestuurdersKeuze(VeiligeMeervoudigeKeuze):
    def label_from_instance(self, obj):
        return f"{obj.naam} – {obj.get_functie_display()} {obj.gemeente.naam}"


class PortefeuillehouderForm(forms.Form):
    programma_opgave = GeheelGetalField(widget=forms.HiddenInput)
    bestuurder = BestuurderKeuze(
        label=_("Regionaal portefeuillehouder"),
        queryset=selectors.bestuurders_keuze(),
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een bestuurder uit de lijst.")},
    )


class NieuwProgrammaForm(forms.Form):
    jaar = GeheelGetalField(
        label=_("Jaar"),
        min_value=2000,
        max_value=2100,
        error_messages={"invalid": _("Vul een jaartal in, bijvoorbeeld 2029.")},
    )
    titel = forms.CharField(label=_("Titel"), max_length=200)
    start = forms.ChoiceField(
        label=_("Beginnen met"),
        choices=[
            ("overnemen", _("het programma van het vorige jaar (opgaven, teksten en budgetten)")),
            ("leeg", _("een leeg programma")),
        ],
        widget=forms.RadioSelect,
        initial="overnemen",
    )


class VisieForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    visie_fundament = forms.CharField(
        label=_("Fundament"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Waar komen we vandaan en wat is het karakter van ons gebied?"),
    )
    visie_actualiteit = forms.CharField(
        label=_("Actualiteit"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Waar staan we nu en wat is onze uitdaging?"),
    )
    visie_perspectief = forms.CharField(
        label=_("Perspectief"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Waar willen we heen en waarmee profileren we ons?"),
    )
    wijzigingsnummer = GeheelGetalField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Dit formulier is verouderd; laad de pagina opnieuw.")},
    )


class OpgaveForm(forms.Form):
    """The content of one opgave in a concept version."""

    titel = forms.CharField(label=_("Titel"), max_length=200)
    thema = VeiligeKeuze(label=_("Thema"), queryset=Thema.objects.all(), empty_label=None)

    doel = forms.CharField(label=_("Doel"), widget=TEKSTVAK)
    resultaat = forms.CharField(
        label=_("Resultaat"),
        widget=TEKSTVAK,
        help_text=_("Meetbaar: wat is er aan het eind van het jaar bereikt?"),
    )
    mandaat = forms.CharField(
        label=_("Mandaat"),
        widget=TEKSTVAK,
        help_text=_(
            "Het concrete uitvoeringsmandaat van de portefeuillehouder; geen overdracht "
            "van raadsbevoegdheden."
        ),
    )
    sturing = forms.CharField(
        label=_("Sturing"),
        widget=TEKSTVAK,
        help_text=_("Stuurgroep, programma-organisatie en ritme van rapporteren."),
    )
    budget = BedragField(
        label=_("Budget (euro)"), help_text=_("Hele euro's, bijvoorbeeld 1.250.000.")
    )
    capaciteit_fte = DecimaalField(
        label=_("Capaciteit (fte)"), maximum=Decimal("9999"), help_text=_("Bijvoorbeeld 2,5.")
    )
    capaciteit_toelichting = forms.CharField(
        label=_("Wie levert de capaciteit"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    rangorde = GeheelGetalField(
        label=_("Rangorde van het regiobestuur"),
        min_value=0,
        max_value=999,
        initial=0,
        help_text=_("1 is de hoogste prioriteit; 0 is nog niet gerangschikt."),
    )
    portefeuillehouder = BestuurderKeuze(
        label=_("Regionaal portefeuillehouder"),
        queryset=selectors.bestuurders_keuze(),
        required=False,
        empty_label=_("— nog te benoemen —"),
        error_messages={"invalid_choice": _("Kies een bestuurder uit de lijst.")},
    )
    partners = VeiligeMeervoudigeKeuze(
        label=_("Partners in de stuurgroep"),
        queryset=Partner.objects.order_by("naam"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    bestuurders = BestuurdersKeuze(
        label=_("Bestuurders in de stuurgroep"),
        queryset=selectors.bestuurders_keuze(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    wijzigingsnummer = GeheelGetalField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Dit formulier is verouderd; laad de pagina opnieuw.")},
    )

    def __init__(
        self,
        *args,
        mag_benoemen: bool = True,
        identiteit_vrij: bool = True,
        mag_alles: bool = True,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if not mag_alles:
            # A portefeuillehouder edits the texts of their own opgave. Budget and rangorde stay
            # in the form read-only (a changed value is refused by the service, with a message);
            # title and thema name the opgave in every year and are simply not theirs.
            for naam in ("budget", "rangorde"):
                self.fields[naam].widget.attrs.update({"readonly": True, "aria-readonly": "true"})
            self.fields["budget"].help_text = _(
                "Het regiobestuur en het programmabureau stellen het budget vast."
            )
            self.fields["rangorde"].help_text = _(
                "Het regiobestuur en het programmabureau stellen de rangorde vast."
            )
            for naam in ("titel", "thema"):
                self.fields[naam].disabled = True
                self.fields[naam].help_text = _(
                    "Het regiobestuur en het programmabureau stellen titel en thema vast."
                )
        if not identiteit_vrij:
            for naam in ("titel", "thema"):
                self.fields[naam].disabled = True
                self.fields[naam].help_text = _(
                    "Ligt vast: de opgave staat al in een voorgesteld programma."
                )
        if not mag_benoemen:
            veld = self.fields["portefeuillehouder"]
            veld.disabled = True
            veld.help_text = _("Alleen het regiobestuur benoemt de portefeuillehouder.")
        else:
            self.fields["portefeuillehouder"].help_text = _(
                "Een wethouder of burgemeester van een van de achttien gemeenten."
            )

    @classmethod
    def initial_van(cls, po: ProgrammaOpgave) -> dict:
        leden = list(po.stuurgroep.all())
        return {
            "titel": po.opgave.titel,
            "thema": po.opgave.thema_id,
            "doel": po.doel,
            "resultaat": po.resultaat,
            "mandaat": po.mandaat,
            "sturing": po.sturing,
            "budget": po.budget,
            "capaciteit_fte": po.capaciteit_fte,
            "capaciteit_toelichting": po.capaciteit_toelichting,
            "rangorde": po.rangorde,
            "portefeuillehouder": po.portefeuillehouder_id,
            "partners": [lid.partner_id for lid in leden if lid.partner_id],
            "bestuurders": [lid.bestuurder_id for lid in leden if lid.bestuurder_id],
            "wijzigingsnummer": po.wijzigingsnummer,
        }


class NieuweOpgaveForm(OpgaveForm):
    """Add an opgave to a concept: one that exists already, or a new one."""

    bestaande_opgave = VeiligeKeuze(
        label=_("Bestaande opgave"),
        queryset=Opgave.objects.none(),
        required=False,
        empty_label=_("— een nieuwe opgave —"),
    )

    def __init__(self, *args, versie: ProgrammaVersie, **kwargs):
        super().__init__(*args, **kwargs)
        # nothing to collide with yet; title and thema are asked below for a new opgave
        for naam in ("wijzigingsnummer", "titel", "thema"):
            del self.fields[naam]
        self.fields["titel"] = forms.CharField(
            label=_("Titel van een nieuwe opgave"), max_length=200, required=False
        )
        self.fields["thema"] = VeiligeKeuze(
            label=_("Thema van een nieuwe opgave"), queryset=Thema.objects.all(), required=False
        )
        self.order_fields(["bestaande_opgave", "titel", "thema"])
        self.fields["bestaande_opgave"].queryset = Opgave.objects.exclude(
            versies__versie=versie
        ).order_by("titel")

    def clean(self):
        data = super().clean()
        if not data.get("bestaande_opgave") and not (data.get("titel") or "").strip():
            self.add_error("titel", _("Kies een bestaande opgave of geef een nieuwe een titel."))
        if not data.get("bestaande_opgave") and not data.get("thema"):
            self.add_error("thema", _("Kies het thema van de nieuwe opgave."))
        return data


class SynergieForm(forms.Form):
    andere = VeiligeKeuze(
        label=_("Andere opgave"),
        queryset=ProgrammaOpgave.objects.none(),
        error_messages={"invalid_choice": _("Kies een opgave uit dit programma.")},
    )
    toelichting = forms.CharField(
        label=_("Waarin zit de synergie?"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, programma_opgave: ProgrammaOpgave, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["andere"]
        veld.queryset = (
            programma_opgave.versie.opgaven.exclude(pk=programma_opgave.pk)
            .select_related("opgave")
            .order_by("opgave__titel")
        )
        veld.label_from_instance = lambda po: po.opgave.titel


class RegelingForm(forms.Form):
    naam = forms.CharField(label=_("Regeling"), max_length=200)
    niveau = forms.ChoiceField(label=_("Niveau"), choices=Niveau.choices)
    verwachte_cofinanciering = BedragField(label=_("Verwachte cofinanciering (euro)"))
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=1000)

    def __init__(self, *args, **kwargs):
        # on one page with the synergy form, which has a toelichting too: ids must be unique
        kwargs.setdefault("auto_id", "id_regeling_%s")
        super().__init__(*args, **kwargs)


class VerdeelsleutelForm(forms.Form):
    verdeelsleutel = forms.ChoiceField(
        label=_("Verdeelsleutel"), choices=Verdeelsleutel.choices, widget=forms.RadioSelect
    )
    basisaandeel = DecimaalField(
        label=_("Vast deel per gemeente (%)"),
        maximum=Decimal("100"),
        required=False,
        help_text=_(
            "Bij 'vast deel per gemeente, rest naar inwoners': welk deel van elk budget "
            "gelijk over de gemeenten wordt verdeeld, bijvoorbeeld 20."
        ),
    )

    def __init__(self, *args, deelnemers, **kwargs):
        super().__init__(*args, **kwargs)
        self.deelnemers = list(deelnemers)
        for d in self.deelnemers:
            self.fields[f"pct_{d.gemeente_id}"] = DecimaalField(
                label=d.gemeente.naam, max_decimalen=4, maximum=Decimal("100"), required=False
            )

    def percentage_velden(self):
        return [(d, self[f"pct_{d.gemeente_id}"]) for d in self.deelnemers]

    def clean(self):
        data = super().clean()
        soort = data.get("verdeelsleutel")
        if soort == Verdeelsleutel.BASIS_PLUS_INWONERS and data.get("basisaandeel") is None:
            self.add_error("basisaandeel", _("Vul het vaste deel in procenten in."))
        if soort == Verdeelsleutel.PERCENTAGES:
            if any(f"pct_{d.gemeente_id}" in self.errors for d in self.deelnemers):
                return data  # a percentage that is no number has its own message already
            leeg = [
                d.gemeente.naam for d in self.deelnemers if data.get(f"pct_{d.gemeente_id}") is None
            ]
            if leeg:
                raise ValidationError(
                    _("Geef een percentage voor elke gemeente; nog leeg: %(namen)s."),
                    params={"namen": ", ".join(leeg)},
                )
            som = sum(data[f"pct_{d.gemeente_id}"] for d in self.deelnemers)
            if som != 100:
                raise ValidationError(
                    _("De percentages tellen op tot %(som)s in plaats van 100."),
                    params={"som": f"{som.normalize():f}".replace(".", ",")},
                )
        return data

    def percentages(self) -> dict[int, Decimal | None]:
        return {
            d.gemeente_id: self.cleaned_data.get(f"pct_{d.gemeente_id}") for d in self.deelnemers
        }


class CorrectieForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden van de correctie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Komt bij de nieuwe versie te staan, voor iedereen leesbaar."),
    )
