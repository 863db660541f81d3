"""The timeline of a history page: who changed what and when, field by field.

A scope (`Bereik`: an opgave across the years, a programme year, a gemeente's decisions) is a
set of querysets on history tables. Each is read once, in the order of its objects, so that
every record is compared with the record before it of the same object, even where the reader
may not see that earlier record. The number of queries depends on the scope's kinds, never on
the length of the history."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from historie import bronnen
from historie.personen import ONBEKEND, Persoon
from historie.weergave import Namen, ruw, toon
from historie.zicht import Zicht, lees_stemmingen, lees_vragen
from opgaven.models import Opgave
from programma.documenten.models import Document, Vingerafdruk
from programma.models import (
    Bijdrage,
    Deelnemer,
    ExterneRegeling,
    Jaarprogramma,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
    Synergie,
)
from raden.models import Besluit, Dekking, Stem, Stemming, Vraag
from regio.models import Gemeente
from regio.tekstverschil import is_herschreven, is_lang

TOEGEVOEGD, GEWIJZIGD, VERWIJDERD, VOORGESTELD = "+", "~", "-", "voorgesteld"
SOORTEN = {
    TOEGEVOEGD: "toegevoegd",
    GEWIJZIGD: "gewijzigd",
    VERWIJDERD: "verwijderd",
    VOORGESTELD: "voorgesteld",
}


@dataclass
class Wijziging:
    veld: str
    label: str
    oud: str
    nieuw: str
    lang: bool = False
    oud_ruw: str = ""
    nieuw_ruw: str = ""
    #: the field's name in the filter, where `label` names something else (a member's vote)
    veld_label: str = ""


@dataclass
class Gebeurtenis:
    """One entry of a timeline: one recorded change of one object (or one publication)."""

    moment: datetime.datetime
    volgorde: int
    soort: str
    onderwerp: str
    naam: str
    persoon_id: int | None
    reden: str
    wijzigingen: list[Wijziging]
    model: str
    object_id: int | None = None
    versie_id: int | None = None
    url: str = ""
    terugzetten: str = ""
    persoon: Persoon = ONBEKEND
    aantal: int = 1
    #: not public: a concept's edit, a vote not yet confirmed (shown to internal readers only)
    intern: bool = False

    @property
    def soort_label(self) -> str:
        return {
            TOEGEVOEGD: _("toegevoegd"),
            GEWIJZIGD: _("gewijzigd"),
            VERWIJDERD: _("verwijderd"),
            VOORGESTELD: _("voorgesteld"),
        }[self.soort]


def _h(model):
    return model.history.model


@dataclass
class Bereik:
    """What one history page covers."""

    soort: str  # "opgave", "jaar" or "gemeente"
    #: (source, queryset on its history table, shown on the page)
    bronnen: list[tuple[bronnen.Bron, QuerySet, bool]]
    #: the live votes of the scope, for who may see them
    stemmingen: QuerySet
    #: the history rows of the programme opgaven whose names the scope's records use
    programma_opgaven: QuerySet
    #: the live questions of the scope, for who may see them
    vragen: QuerySet
    opgave: Opgave | None = None
    jaarprogramma: Jaarprogramma | None = None
    gemeente: Gemeente | None = None


def _po_bronnen(
    po_ids: QuerySet, *, besluiten: bool = True
) -> list[tuple[bronnen.Bron, QuerySet, bool]]:
    b = bronnen.bron
    return [
        (b(StuurgroepLid), _h(StuurgroepLid).objects.filter(programma_opgave_id__in=po_ids), True),
        (
            b(ExterneRegeling),
            _h(ExterneRegeling).objects.filter(programma_opgave_id__in=po_ids),
            True,
        ),
        (
            b(Synergie),
            _h(Synergie).objects.filter(Q(van_id__in=po_ids) | Q(naar_id__in=po_ids)),
            True,
        ),
        (b(Bijdrage), _h(Bijdrage).objects.filter(programma_opgave_id__in=po_ids), False),
        (b(Besluit), _h(Besluit).objects.filter(programma_opgave_id__in=po_ids), besluiten),
        (b(Dekking), _h(Dekking).objects.filter(programma_opgave_id__in=po_ids), True),
        (b(Vraag), _h(Vraag).objects.filter(programma_opgave_id__in=po_ids), True),
    ]


def bereik_opgave(opgave: Opgave) -> Bereik:
    """An opgave across every year it was in: its identity, its content per version, the
    stuurgroep, regelingen and synergieën, and the councils' decisions on it."""
    b = bronnen.bron
    po_ids = _h(ProgrammaOpgave).objects.filter(opgave_id=opgave.pk).values("id")
    versie_ids = _h(ProgrammaOpgave).objects.filter(opgave_id=opgave.pk).values("versie_id")
    return Bereik(
        soort="opgave",
        opgave=opgave,
        # the other opgaven of its versions too: a synergy names them
        programma_opgaven=_h(ProgrammaOpgave).objects.filter(versie_id__in=versie_ids),
        vragen=Vraag.objects.filter(programma_opgave_id__in=po_ids),
        bronnen=[
            (b(Opgave), _h(Opgave).objects.filter(id=opgave.pk), True),
            (b(ProgrammaOpgave), _h(ProgrammaOpgave).objects.filter(opgave_id=opgave.pk), True),
            *_po_bronnen(po_ids),
        ],
        stemmingen=Stemming.objects.filter(programma_opgave_id__in=po_ids),
    )


def bereik_jaar(jaarprogramma: Jaarprogramma) -> Bereik:
    """A programme year: its status, every version's texts and key, its opgaven with what hangs
    off them; the documents and every council's votes and decisions on it in the export only."""
    b = bronnen.bron
    versie_ids = _h(ProgrammaVersie).objects.filter(jaarprogramma_id=jaarprogramma.pk).values("id")
    po_ids = _h(ProgrammaOpgave).objects.filter(versie_id__in=versie_ids).values("id")
    stemming_ids = _h(Stemming).objects.filter(versie_id__in=versie_ids).values("id")
    return Bereik(
        soort="jaar",
        jaarprogramma=jaarprogramma,
        programma_opgaven=_h(ProgrammaOpgave).objects.filter(versie_id__in=versie_ids),
        vragen=Vraag.objects.filter(programma_opgave_id__in=po_ids),
        bronnen=[
            (b(Jaarprogramma), _h(Jaarprogramma).objects.filter(id=jaarprogramma.pk), True),
            (
                b(ProgrammaVersie),
                _h(ProgrammaVersie).objects.filter(jaarprogramma_id=jaarprogramma.pk),
                True,
            ),
            (b(Deelnemer), _h(Deelnemer).objects.filter(versie_id__in=versie_ids), False),
            (
                b(ProgrammaOpgave),
                _h(ProgrammaOpgave).objects.filter(versie_id__in=versie_ids),
                True,
            ),
            # the councils' votes and decisions: on each gemeente's page and in the export (a
            # year of 342 councils would bury the programme's own changes under them)
            *_po_bronnen(po_ids, besluiten=False),
            (b(Vingerafdruk), _h(Vingerafdruk).objects.filter(versie_id__in=versie_ids), False),
            (b(Document), _h(Document).objects.filter(versie_id__in=versie_ids), False),
            (b(Stemming), _h(Stemming).objects.filter(versie_id__in=versie_ids), False),
            (b(Stem), _h(Stem).objects.filter(stemming_id__in=stemming_ids), False),
        ],
        stemmingen=Stemming.objects.filter(versie__jaarprogramma=jaarprogramma),
    )


def bereik_gemeente(gemeente: Gemeente, jaar: int) -> Bereik:
    """A gemeente's decisions on one programme year: its council's votes (opened, every vote
    cast or changed, closed, confirmed) and the Besluiten they made."""
    b = bronnen.bron
    versie_ids = ProgrammaVersie.objects.filter(jaarprogramma__jaar=jaar).values("id")
    stemmingen = _h(Stemming).objects.filter(gemeente_id=gemeente.pk, versie_id__in=versie_ids)
    stemming_ids = stemmingen.values("id")
    po_ids = stemmingen.values("programma_opgave_id")
    return Bereik(
        soort="gemeente",
        gemeente=gemeente,
        programma_opgaven=_h(ProgrammaOpgave).objects.filter(id__in=po_ids),
        vragen=Vraag.objects.none(),
        bronnen=[
            (b(Stemming), stemmingen, True),
            (b(Stem), _h(Stem).objects.filter(stemming_id__in=stemming_ids), True),
            (
                b(Besluit),
                _h(Besluit).objects.filter(gemeente_id=gemeente.pk, programma_opgave_id__in=po_ids),
                True,
            ),
        ],
        stemmingen=Stemming.objects.filter(gemeente=gemeente, versie__jaarprogramma__jaar=jaar),
    )


# --- reading the records -------------------------------------------------------------------

_META = ("history_id", "history_date", "history_change_reason", "history_type", "history_user_id")


@dataclass
class Lezer:
    """What naming and judging the records of one scope needs, read once."""

    zicht: Zicht
    namen: Namen
    #: versie id -> (jaar, nummer, frozen)
    versies: dict[int, tuple[int, int, bool]] = field(default_factory=dict)
    #: stemming id -> (gemeente id, programma_opgave id)
    stemmingen: dict[int, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def voor(cls, bereik: Bereik, zicht: Zicht) -> Lezer:
        lees_stemmingen(zicht, bereik.stemmingen)
        lees_vragen(zicht, bereik.vragen)
        return cls(
            zicht=zicht,
            namen=Namen.lees(bereik.programma_opgaven),
            versies={
                pk: (jaar, nummer, bevroren_op is not None)
                for pk, jaar, nummer, bevroren_op in ProgrammaVersie.objects.values_list(
                    "id", "jaarprogramma__jaar", "nummer", "bevroren_op"
                )
            },
            stemmingen={
                pk: (gemeente_id, po_id)
                for pk, gemeente_id, po_id in bereik.stemmingen.order_by().values_list(
                    "id", "gemeente_id", "programma_opgave_id"
                )
            },
        )

    def versie_van(self, b: bronnen.Bron, rij: dict) -> int | None:
        model = b.model
        if model is ProgrammaVersie:
            return rij["id"]
        if "versie_id" in rij:
            return rij["versie_id"]
        po_id = rij.get("programma_opgave_id") or rij.get("van_id")
        if po_id is None and "stemming_id" in rij:
            po_id = self.stemmingen.get(rij["stemming_id"], (None, None))[1]
        return self.namen.programma_opgaven.get(po_id, (None, None))[0]

    def versie_label(self, versie_id: int | None) -> str:
        jaar, nummer, _bevroren = self.versies.get(versie_id, (None, None, False))
        if jaar is None:
            return ""
        if versie_id in self.vervangen:
            return _("programma %(jaar)s, versie %(nummer)s (vervangen)") % {
                "jaar": jaar,
                "nummer": nummer,
            }
        return _("programma %(jaar)s, versie %(nummer)s") % {"jaar": jaar, "nummer": nummer}

    @property
    def vervangen(self) -> set[int]:
        """The proposed versions a later proposal of their year superseded."""
        if not hasattr(self, "_vervangen"):
            nieuwste: dict[int, int] = {}
            for jaar, nummer, bevroren in self.versies.values():
                if bevroren:
                    nieuwste[jaar] = max(nieuwste.get(jaar, 0), nummer)
            self._vervangen = {
                pk
                for pk, (jaar, nummer, bevroren) in self.versies.items()
                if bevroren and nummer < nieuwste.get(jaar, 0)
            }
        return self._vervangen

    def benoem(self, b: bronnen.Bron, rij: dict, versie_id: int | None) -> tuple[str, str]:
        """(what kind of thing, which one) of a recorded row, in the reader's words."""
        n = self.namen
        model = b.model
        versie = self.versie_label(versie_id)
        opgave = n.opgave_van_po(rij.get("programma_opgave_id") or rij.get("van_id"))
        if model is Jaarprogramma:
            return _("Programma %(jaar)s") % {"jaar": rij["jaar"]}, _("status")
        if model is ProgrammaVersie:
            return versie.capitalize(), rij["titel"]
        if model is ProgrammaOpgave:
            titel = rij.get("opgave_titel") or n.opgaven.get(rij["opgave_id"], "")
            return _("Opgave in %(versie)s") % {"versie": versie}, titel
        if model is StuurgroepLid:
            lid = n.partners.get(rij["partner_id"]) or n.bestuurders.get(rij["bestuurder_id"], "")
            return _("Stuurgroep van %(opgave)s (%(versie)s)") % {
                "opgave": opgave,
                "versie": versie,
            }, lid
        if model is ExterneRegeling:
            return _("Externe regeling van %(opgave)s (%(versie)s)") % {
                "opgave": opgave,
                "versie": versie,
            }, rij["naam"]
        if model is Synergie:
            return _("Synergie (%(versie)s)") % {"versie": versie}, _("%(van)s en %(naar)s") % {
                "van": opgave,
                "naar": n.opgave_van_po(rij["naar_id"]),
            }
        if model is Bijdrage:
            return _("Bijdrage aan %(opgave)s (%(versie)s)") % {
                "opgave": opgave,
                "versie": versie,
            }, n.gemeenten.get(rij["gemeente_id"], "")
        if model is Deelnemer:
            return _("Deelnemer (%(versie)s)") % {"versie": versie}, n.gemeenten.get(
                rij["gemeente_id"], ""
            )
        if model is Opgave:
            return _("Opgave"), rij["titel"]
        if model in (Stemming, Stem):
            stemming_id = rij["id"] if model is Stemming else rij["stemming_id"]
            gemeente_id, po_id = self.stemmingen.get(
                stemming_id, (rij.get("gemeente_id"), rij.get("programma_opgave_id"))
            )
            onderwerp = _("Stemming in %(gemeente)s over %(opgave)s (%(versie)s)") % {
                "gemeente": n.gemeenten.get(gemeente_id, ""),
                "opgave": n.opgave_van_po(po_id),
                "versie": versie,
            }
            if model is Stemming:
                return onderwerp, _("vergadering van %(datum)s") % {
                    "datum": toon(
                        Stemming._meta.get_field("vergaderdatum"), rij["vergaderdatum"], n
                    )
                }
            return onderwerp, f"{rij['raadslid_naam']} ({rij['fractie_naam']})"
        if model is Besluit:
            return _("Besluit van %(gemeente)s over %(opgave)s (%(versie)s)") % {
                "gemeente": n.gemeenten.get(rij["gemeente_id"], ""),
                "opgave": opgave,
                "versie": versie,
            }, _("deelname") if rij["deelname"] else _("geen deelname")
        if model is Dekking:
            return _("Dekking van %(opgave)s (%(versie)s)") % {
                "opgave": opgave,
                "versie": versie,
            }, _("gedekt") if rij["gedekt"] else _("niet gedekt")
        if model is Vraag:
            return _("Vraag over %(opgave)s (%(versie)s)") % {
                "opgave": opgave,
                "versie": versie,
            }, _("gesteld door %(naam)s (%(gemeente)s)") % {
                "naam": rij["raadslid_naam"],
                "gemeente": rij["gemeente_naam"],
            }
        if model is Vingerafdruk:
            return _("Vingerafdruk van %(versie)s") % {"versie": versie}, rij["sha256"][:16]
        if model is Document:
            return _("Document van %(versie)s") % {"versie": versie}, rij["bestandsnaam"]
        return str(model._meta.verbose_name), str(rij.get("id"))


def _wijzigingen(b: bronnen.Bron, oud: dict | None, rij: dict, namen: Namen) -> list[Wijziging]:
    resultaat = []
    for veld in b.toon_velden():
        nieuw = rij[veld.attname]
        vorig = oud[veld.attname] if oud is not None else None
        if oud is not None and vorig == nieuw:
            continue
        if oud is None and (
            nieuw is None
            or nieuw == ""
            or nieuw == {}
            or nieuw == []
            or (veld.has_default() and not callable(veld.default) and nieuw == veld.default)
        ):
            continue  # a new row: only what was filled in
        resultaat.append(
            Wijziging(
                veld=veld.name,
                label=str(veld.verbose_name),
                oud=toon(veld, vorig, namen) if oud is not None and vorig not in (None, "") else "",
                nieuw=toon(veld, nieuw, namen),
                lang=veld.get_internal_type() == "TextField"
                and is_lang(str(vorig or ""), str(nieuw or ""))
                and not is_herschreven(str(vorig or ""), str(nieuw or "")),
                oud_ruw=ruw(veld, vorig),
                nieuw_ruw=ruw(veld, nieuw),
            )
        )
    return resultaat


def records(
    b: bronnen.Bron, qs: QuerySet, lezer: Lezer, *, stroom: bool = False
) -> Iterator[Gebeurtenis]:
    """The entries of one history table that the reader may see, oldest first, each compared
    with the record before it of the same object (kept per object: memory grows with the
    number of objects, not with the length of their history)."""
    waarden = [f.attname for f in b.historie._meta.concrete_fields if f.attname not in _META]
    rijen = qs.order_by("history_date", "history_id").values(*waarden, *_META)
    vorige: dict[int, dict] = {}
    for rij in rijen.iterator(chunk_size=2000) if stroom else rijen:
        oud = vorige.get(rij["id"])
        vorige[rij["id"]] = rij
        versie_id = lezer.versie_van(b, rij)
        if not lezer.zicht.zichtbaar(b, rij, versie_id):
            continue
        soort = rij["history_type"]
        wijzigingen = [] if soort == VERWIJDERD else _wijzigingen(b, oud, rij, lezer.namen)
        reden = rij["history_change_reason"] or ""
        if soort == GEWIJZIGD and not wijzigingen and not reden:
            continue  # a save that changed nothing: no change to tell
        onderwerp, naam = lezer.benoem(b, rij, versie_id)
        yield Gebeurtenis(
            moment=rij["history_date"],
            volgorde=rij["history_id"],
            soort=soort,
            onderwerp=onderwerp,
            naam=naam,
            persoon_id=rij["history_user_id"],
            reden=reden,
            wijzigingen=wijzigingen,
            model=b.model._meta.label_lower,
            object_id=rij["id"],
            versie_id=versie_id,
            intern=lezer.zicht.is_intern and not lezer.zicht.openbaar(b, rij, versie_id),
        )


def _groepeer_stemmen(gebeurtenissen: Iterable[Gebeurtenis]) -> list[Gebeurtenis]:
    """Votes cast together (one vote, one person, one minute) read as one entry, with a line
    per member; a changed vote stays an entry of its own."""
    groepen: dict[tuple, Gebeurtenis] = {}
    resultaat = []
    for g in gebeurtenissen:
        if g.model != "raden.stem" or g.soort != TOEGEVOEGD:
            resultaat.append(g)
            continue
        sleutel = (g.onderwerp, g.persoon_id, g.moment.replace(second=0, microsecond=0))
        regel = Wijziging(
            veld="keuze",
            veld_label=_("stem"),
            label=g.naam,
            oud="",
            nieuw=", ".join(w.nieuw for w in g.wijzigingen),
            oud_ruw="",
            nieuw_ruw=";".join(w.nieuw_ruw for w in g.wijzigingen),
        )
        groep = groepen.get(sleutel)
        if groep is None:
            groep = Gebeurtenis(
                moment=g.moment,
                volgorde=g.volgorde,
                soort=TOEGEVOEGD,
                onderwerp=g.onderwerp,
                naam=_("stemmen vastgelegd"),
                persoon_id=g.persoon_id,
                reden=g.reden,
                wijzigingen=[],
                model=g.model,
                versie_id=g.versie_id,
                aantal=0,
                intern=g.intern,
            )
            groepen[sleutel] = groep
            resultaat.append(groep)
        groep.wijzigingen.append(regel)
        groep.aantal += 1
        groep.moment = max(groep.moment, g.moment)
        groep.volgorde = max(groep.volgorde, g.volgorde)
    for groep in groepen.values():
        groep.naam = ngettext(
            "%(aantal)s stem vastgelegd", "%(aantal)s stemmen vastgelegd", groep.aantal
        ) % {"aantal": groep.aantal}
    return resultaat


def gebeurtenissen(
    bereik: Bereik, zicht: Zicht, *, lezer: Lezer | None = None
) -> list[Gebeurtenis]:
    """Every entry of a history page this reader may see, newest first (raw records; the
    publication entries are added by historie.publicaties)."""
    lezer = lezer or Lezer.voor(bereik, zicht)
    alles: list[Gebeurtenis] = []
    for b, qs, op_pagina in bereik.bronnen:
        if op_pagina and b.op_pagina:
            alles.extend(records(b, qs, lezer))
    alles = _groepeer_stemmen(sorted(alles, key=lambda g: (g.moment, g.volgorde)))
    alles.sort(key=lambda g: (g.moment, g.volgorde), reverse=True)
    return alles
