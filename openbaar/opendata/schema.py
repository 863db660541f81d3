"""The tables of the open data: their names, columns, types and meaning, and the licence.

One declaration per table serves everything: the row builders fill exactly these columns (in
this order), the CSV header and the JSON rows follow them, the schema page documents them, and
the machine-readable schema (a Frictionless Table Schema per table) is generated from them.
Column names are identifiers and stay Dutch in every language; their meaning is translated."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

LICENTIE_ID = "CC0-1.0"
LICENTIE_NAAM = "CC0 1.0 Universeel"
LICENTIE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"

# Frictionless types; how each is written in CSV and JSON is on the schema page.
TEKST = "string"
GEHEEL = "integer"
GETAL = "number"
JA_NEE = "boolean"
DATUM = "date"
MOMENT = "datetime"

TYPE_UITLEG = {
    TEKST: _("tekst"),
    GEHEEL: _("geheel getal"),
    GETAL: _("getal met decimale punt"),
    JA_NEE: _("ja/nee: true of false"),
    DATUM: _("datum, JJJJ-MM-DD"),
    MOMENT: _("moment, ISO 8601 met tijdzone"),
}


@dataclass(frozen=True)
class Kolom:
    naam: str
    type: str
    betekenis: str
    verplicht: bool = True


@dataclass(frozen=True)
class Tabel:
    naam: str  # the slug in the URL and the file name
    titel: str
    omschrijving: str
    kolommen: tuple[Kolom, ...]
    sleutel: tuple[str, ...]  # the columns that together name one row
    csv: bool = True

    @property
    def kolomnamen(self) -> list[str]:
        return [k.naam for k in self.kolommen]


_JAAR = Kolom("jaar", GEHEEL, _("Het programmajaar."))
_VERSIE = Kolom("versie", GEHEEL, _("Het nummer van de programmaversie binnen het jaar."))
_OPGAVE = Kolom(
    "opgave", TEKST, _("De vaste sleutel (slug) van de opgave, gelijk over alle jaren.")
)
_OPGAVE_TITEL = Kolom("opgave_titel", TEKST, _("De titel van de opgave in deze versie."))
_GEMEENTE = Kolom("gemeente", TEKST, _("De vaste sleutel (slug) van de gemeente."))
_GEMEENTE_NAAM = Kolom("gemeente_naam", TEKST, _("De naam van de gemeente."))
_CBS = Kolom("cbs_code", TEKST, _("De CBS-code van de gemeente, bijvoorbeeld GM0202."))
_STEMMING = Kolom(
    "stemming",
    GEHEEL,
    _("Het nummer van de stemming in Regioportaal; verbindt besluiten en stemmen."),
)
_VERGADERDATUM = Kolom("vergaderdatum", DATUM, _("De datum van de raadsvergadering."))
_BEVESTIGD = Kolom(
    "bevestigd_op", MOMENT, _("Wanneer de griffier de uitslag bevestigde; daarna verandert niets.")
)
_UITKOMST = Kolom(
    "uitkomst",
    TEKST,
    _(
        "De uitslag van de stemming: aangenomen, verworpen, uitgesteld (staken der stemmen in "
        "een onvolledige vergadering) of geen_quorum."
    ),
)

VERSIE = Tabel(
    naam="versie",
    titel=_("Versie"),
    omschrijving=_(
        "De programmaversie zelf, in één rij: wanneer voorgesteld, met welke reden, "
        "de visie en de vingerafdruk."
    ),
    sleutel=("jaar", "versie"),
    kolommen=(
        _JAAR,
        _VERSIE,
        Kolom("titel", TEKST, _("De titel van het programma.")),
        Kolom(
            "status",
            TEKST,
            _("De stand van het jaarprogramma: voorgesteld, vastgesteld of afgesloten."),
        ),
        Kolom("geldend", JA_NEE, _("Of dit de geldende versie van het jaar is.")),
        Kolom(
            "vervangen_door",
            GEHEEL,
            _("Het nummer van de versie die deze verving; leeg voor de geldende versie."),
            verplicht=False,
        ),
        Kolom("voorgesteld_op", MOMENT, _("Wanneer het regiobestuur deze versie voorstelde.")),
        Kolom(
            "reden",
            TEKST,
            _("De reden van de correctie (leeg voor een eerste versie)."),
            verplicht=False,
        ),
        Kolom(
            "verdeelsleutel",
            TEKST,
            _(
                "Hoe de budgetten over de gemeenten zijn verdeeld: inwoners, "
                "basis_plus_inwoners of percentages."
            ),
        ),
        Kolom(
            "basisaandeel",
            GETAL,
            _("Bij basis_plus_inwoners: het percentage dat gelijk over de gemeenten gaat."),
        ),
        Kolom(
            "peildatum_inwoners",
            DATUM,
            _("De CBS-peildatum van de inwonertallen waarmee is verdeeld."),
            verplicht=False,
        ),
        Kolom("aantal_opgaven", GEHEEL, _("Het aantal opgaven in deze versie.")),
        Kolom("budget", GEHEEL, _("Het totale budget van de opgaven, in hele euro's.")),
        Kolom("aantal_gemeenten", GEHEEL, _("Het aantal deelnemende gemeenten.")),
        Kolom(
            "vingerafdruk",
            TEKST,
            _("De SHA-256-vingerafdruk van de inhoud van de versie (zie /verifieer/)."),
        ),
        Kolom("visie_fundament", TEKST, _("Visie: waar komen we vandaan."), verplicht=False),
        Kolom("visie_actualiteit", TEKST, _("Visie: waar staan we nu."), verplicht=False),
        Kolom("visie_perspectief", TEKST, _("Visie: waar willen we heen."), verplicht=False),
        Kolom("url", TEKST, _("De pagina van deze versie op Regioportaal.")),
    ),
)

OPGAVEN = Tabel(
    naam="opgaven",
    titel=_("Opgaven"),
    omschrijving=_(
        "Elke opgave van de versie met doel, resultaat, budget, capaciteit, "
        "portefeuillehouder en de stand van de besluiten."
    ),
    sleutel=("jaar", "versie", "opgave"),
    kolommen=(
        _JAAR,
        _VERSIE,
        _OPGAVE,
        Kolom("titel", TEKST, _("De titel van de opgave zoals voorgesteld.")),
        Kolom("thema", TEKST, _("Het thema van de opgave zoals voorgesteld.")),
        Kolom("rangorde", GEHEEL, _("De prioriteit die het regiobestuur gaf (1 = hoogst).")),
        Kolom("doel", TEKST, _("Het doel van de opgave.")),
        Kolom("resultaat", TEKST, _("Het meetbare resultaat.")),
        Kolom("mandaat", TEKST, _("Het mandaat voor de uitvoering.")),
        Kolom("sturing", TEKST, _("De sturing: stuurgroep, organisatie en rapportage.")),
        Kolom("budget", GEHEEL, _("Het budget dat de regio vraagt, in hele euro's.")),
        Kolom("capaciteit_fte", GETAL, _("De capaciteit in fte.")),
        Kolom(
            "capaciteit_toelichting",
            TEKST,
            _("Wie de capaciteit levert."),
            verplicht=False,
        ),
        Kolom("portefeuillehouder", TEKST, _("De naam van de regionaal portefeuillehouder.")),
        Kolom(
            "portefeuillehouder_functie",
            TEKST,
            _("De functie van de portefeuillehouder: wethouder of burgemeester."),
        ),
        Kolom(
            "portefeuillehouder_gemeente",
            TEKST,
            _("De gemeente van de portefeuillehouder."),
        ),
        Kolom(
            "cofinanciering",
            GEHEEL,
            _("De verwachte cofinanciering uit externe regelingen, in hele euro's."),
        ),
        Kolom(
            "aantal_synergieen",
            GEHEEL,
            _("Het aantal synergieën met andere opgaven van deze versie."),
        ),
        Kolom(
            "besluiten_ja",
            GEHEEL,
            _("Het aantal gemeenteraden dat besloot deel te nemen (over deze versie)."),
        ),
        Kolom(
            "besluiten_nee",
            GEHEEL,
            _("Het aantal gemeenteraden dat besloot niet deel te nemen (over deze versie)."),
        ),
        Kolom(
            "toegezegd",
            GEHEEL,
            _("De bijdragen van de gemeenten die besloten deel te nemen, in hele euro's."),
        ),
        Kolom(
            "status",
            TEKST,
            _(
                "De stand van de dekking: gedekt of niet_gedekt zodra de besluitronde is "
                "gesloten, open zolang die loopt."
            ),
        ),
        Kolom("url", TEKST, _("De pagina van de opgave in dit programmajaar.")),
    ),
)

BIJDRAGEN = Tabel(
    naam="bijdragen",
    titel=_("Bijdragen"),
    omschrijving=_(
        "De bijdrage van elke deelnemende gemeente aan elke opgave, zoals bij het "
        "voorstel berekend en vastgelegd."
    ),
    sleutel=("jaar", "versie", "opgave", "gemeente"),
    kolommen=(
        _JAAR,
        _VERSIE,
        _OPGAVE,
        _OPGAVE_TITEL,
        _GEMEENTE,
        _GEMEENTE_NAAM,
        _CBS,
        Kolom(
            "inwoners",
            GEHEEL,
            _("De inwoners van de gemeente waarmee is verdeeld (op de peildatum)."),
        ),
        Kolom("bedrag", GEHEEL, _("De bijdrage in hele euro's.")),
    ),
)

BESLUITEN = Tabel(
    naam="besluiten",
    titel=_("Besluiten"),
    omschrijving=_(
        "Het besluit van elke gemeenteraad over elke opgave van deze versie, na een "
        "bevestigde stemming: deelnemen of niet, met de bijdrage."
    ),
    sleutel=("jaar", "versie", "gemeente", "opgave"),
    kolommen=(
        _JAAR,
        _VERSIE,
        _GEMEENTE,
        _GEMEENTE_NAAM,
        _OPGAVE,
        _OPGAVE_TITEL,
        Kolom("deelname", JA_NEE, _("Of de gemeente deelneemt aan de opgave.")),
        Kolom(
            "bijdrage",
            GEHEEL,
            _(
                "De bijdrage die de gemeente met dit besluit toezegt, in hele euro's (0 bij "
                "geen deelname)."
            ),
        ),
        _STEMMING,
        _VERGADERDATUM,
        _BEVESTIGD,
        _UITKOMST,
        Kolom(
            "zienswijze",
            TEKST,
            _("De zienswijze van de raad bij dit besluit, als die er is."),
            verplicht=False,
        ),
    ),
)

STEMMEN_RAADSLEDEN = Tabel(
    naam="stemmen-per-raadslid",
    titel=_("Stemmen per raadslid"),
    omschrijving=_(
        "De stem van elk raadslid in elke bevestigde stemming over deze versie. "
        "Een stemming die nog loopt of op bevestiging wacht, staat er niet in."
    ),
    sleutel=("stemming", "fractie", "raadslid"),
    kolommen=(
        _JAAR,
        _VERSIE,
        _STEMMING,
        _GEMEENTE,
        _GEMEENTE_NAAM,
        _OPGAVE,
        _VERGADERDATUM,
        _BEVESTIGD,
        Kolom("fractie", TEKST, _("De fractie van het raadslid bij de stemming.")),
        Kolom("raadslid", TEKST, _("De naam van het raadslid bij de stemming.")),
        Kolom("keuze", TEKST, _("De stem: voor, tegen of niet_deelgenomen.")),
        Kolom(
            "reden",
            TEKST,
            _(
                "Bij niet_deelgenomen: afwezig, of persoonlijk_belang (onthouden wegens "
                "persoonlijk belang, Gemeentewet art. 28)."
            ),
            verplicht=False,
        ),
    ),
)

STEMMEN_FRACTIES = Tabel(
    naam="stemmen-per-fractie",
    titel=_("Stemmen per fractie"),
    omschrijving=_(
        "Per bevestigde stemming over deze versie de stemmen van elke fractie, "
        "geteld: voor, tegen en niet deelgenomen."
    ),
    sleutel=("stemming", "fractie"),
    kolommen=(
        _JAAR,
        _VERSIE,
        _STEMMING,
        _GEMEENTE,
        _GEMEENTE_NAAM,
        _OPGAVE,
        _VERGADERDATUM,
        _BEVESTIGD,
        _UITKOMST,
        Kolom("fractie", TEKST, _("De naam van de fractie.")),
        Kolom("voor", GEHEEL, _("Het aantal leden van de fractie dat voor stemde.")),
        Kolom("tegen", GEHEEL, _("Het aantal leden van de fractie dat tegen stemde.")),
        Kolom(
            "niet_deelgenomen",
            GEHEEL,
            _("Het aantal leden dat niet deelnam (afwezig of wegens persoonlijk belang)."),
        ),
    ),
)

TABELLEN: dict[str, Tabel] = {
    t.naam: t for t in (VERSIE, OPGAVEN, BIJDRAGEN, BESLUITEN, STEMMEN_RAADSLEDEN, STEMMEN_FRACTIES)
}

#: the whole version in one JSON document: every table above under its name
PROGRAMMA = "programma"


def tabel_schema(tabel: Tabel) -> dict:
    """The Frictionless Table Schema of one table (descriptions in the active language)."""
    return {
        "fields": [
            {
                "name": k.naam,
                "type": k.type,
                "description": str(k.betekenis),
                "constraints": {"required": k.verplicht},
                **({"format": "default"} if k.type in (DATUM, MOMENT) else {}),
            }
            for k in tabel.kolommen
        ],
        "primaryKey": list(tabel.sleutel),
        "missingValues": [""],
    }
