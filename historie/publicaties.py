"""Publication entries: what changed when a version was proposed, against the version before it.

The public never reads a concept's edits; what it reads is each proposed version, compared
with the one it follows (the previous version of the year, or the last one of an earlier
year): "voorgesteld in versie 2, reden: …; budget € 1.000.000 → € 1.200.000". The fields and
their comparison are programma.vergelijking's, the same the comparison pages show."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from historie.tijdlijn import VOORGESTELD, Bereik, Gebeurtenis, Wijziging
from historie.zicht import Zicht
from programma.models import ProgrammaOpgave, ProgrammaVersie
from programma.vergelijking import met_inhoud, verschillen_opgave, verschillen_versie
from programma.vergelijking.velden import CIJFERVELDEN

MODEL = "publicatie"


def _wijziging(v) -> Wijziging:
    return Wijziging(
        veld=v.veld,
        label=v.label,
        oud=v.oud_weergave,
        nieuw=v.nieuw_weergave,
        lang=v.lang and not v.herschreven,
        oud_ruw=v.oud_weergave,
        nieuw_ruw=v.nieuw_weergave,
    )


def _vergelijk_url(oud: ProgrammaVersie | None, nieuw: ProgrammaVersie) -> str:
    if oud is None:
        return ""
    if oud.jaarprogramma_id == nieuw.jaarprogramma_id:
        return reverse(
            "vergelijk-versies",
            kwargs={"jaar": nieuw.jaar, "van": oud.nummer, "naar": nieuw.nummer},
        )
    # across years: name both versions, or the page would compare the years' current ones
    url = reverse("vergelijk-jaren", kwargs={"van": oud.jaar, "naar": nieuw.jaar})
    return f"{url}?versie_van={oud.nummer}&versie_naar={nieuw.nummer}"


def _label(versie: ProgrammaVersie) -> str:
    return _("programma %(jaar)s, versie %(nummer)s") % {
        "jaar": versie.jaar,
        "nummer": versie.nummer,
    }


def _gepubliceerd() -> list[ProgrammaVersie]:
    """Every proposed version, in the order they were proposed (one query)."""
    return list(
        ProgrammaVersie.objects.bevroren()
        .select_related("jaarprogramma")
        .order_by("bevroren_op", "jaarprogramma__jaar", "nummer")
    )


def _voorganger(versies: list[ProgrammaVersie], versie: ProgrammaVersie):
    """The version a proposed version follows: the one before it in its year, else the last
    proposed version of the latest earlier year."""
    eerder = [
        v
        for v in versies
        if (v.jaar == versie.jaar and v.nummer < versie.nummer) or (v.jaar < versie.jaar)
    ]
    return max(eerder, key=lambda v: (v.jaar, v.nummer), default=None)


def _opgave(bereik: Bereik) -> list[Gebeurtenis]:
    versies = _gepubliceerd()
    rijen = {
        po.versie_id: po
        for po in met_inhoud(
            ProgrammaOpgave.objects.filter(opgave=bereik.opgave, versie__bevroren_op__isnull=False)
        )
    }
    uitkomst = []
    for versie in versies:
        voorganger = _voorganger(versies, versie)
        po, vorige = rijen.get(versie.pk), rijen.get(getattr(voorganger, "pk", None))
        if po is None and (vorige is None or voorganger.jaar != versie.jaar):
            continue  # not in this version, and not taken out of it by a correction
        if po is None:
            onderwerp = _("Opgave uit %(versie)s gehaald") % {"versie": _label(versie)}
            wijzigingen = []
            naam = vorige.titel_weergave
        else:
            onderwerp = _("Opgave in %(versie)s") % {"versie": _label(versie)}
            wijzigingen = [_wijziging(v) for v in verschillen_opgave(vorige, po)]
            naam = po.titel_weergave
        uitkomst.append(
            Gebeurtenis(
                moment=versie.bevroren_op,
                volgorde=0,
                soort=VOORGESTELD,
                onderwerp=onderwerp,
                naam=naam,
                persoon_id=versie.bevroren_door_id,
                # a correction's reason belongs to what it changed, not to every opgave in it
                reden=versie.reden if versie.nummer > 1 and (wijzigingen or po is None) else "",
                wijzigingen=wijzigingen,
                model=MODEL,
                versie_id=versie.pk,
                url=_vergelijk_url(voorganger if vorige is not None else None, versie),
            )
        )
    return uitkomst


def _jaar(bereik: Bereik) -> list[Gebeurtenis]:
    versies = _gepubliceerd()
    eigen = [v for v in versies if v.jaarprogramma_id == bereik.jaarprogramma.pk]
    paren = [(_voorganger(versies, v), v) for v in eigen]
    betrokken = {v.pk for paar in paren for v in paar if v is not None}
    per_versie: dict[int, dict[int, ProgrammaOpgave]] = {pk: {} for pk in betrokken}
    for po in met_inhoud(ProgrammaOpgave.objects.filter(versie_id__in=betrokken)):
        per_versie[po.versie_id][po.opgave_id] = po
    uitkomst = []
    for voorganger, versie in paren:
        wijzigingen = []
        if voorganger is not None:
            wijzigingen = [_wijziging(v) for v in verschillen_versie(voorganger, versie)]
        oud = per_versie.get(getattr(voorganger, "pk", None), {})
        nieuw = per_versie[versie.pk]
        erbij = sorted(nieuw[o].titel_weergave for o in nieuw.keys() - oud.keys())
        eraf = sorted(oud[o].titel_weergave for o in oud.keys() - nieuw.keys())
        verschillen = {o: verschillen_opgave(oud[o], nieuw[o]) for o in nieuw.keys() & oud.keys()}
        anders = sorted(nieuw[o].titel_weergave for o, v in verschillen.items() if v)
        for veld, label, titels in (
            ("opgaven_erbij", _("Opgaven toegevoegd"), erbij),
            ("opgaven_eraf", _("Opgaven vervallen"), eraf),
            ("opgaven_anders", _("Opgaven gewijzigd"), anders),
        ):
            if titels:
                tekst = "; ".join(titels)
                wijzigingen.append(
                    Wijziging(veld=veld, label=str(label), oud="", nieuw=tekst, nieuw_ruw=tekst)
                )
        # the money and people of every changed opgave, so the year's page shows what moved
        for o in sorted(verschillen, key=lambda o: nieuw[o].titel_weergave):
            for v in verschillen[o]:
                if v.veld in CIJFERVELDEN:
                    w = _wijziging(v)
                    w.label = f"{v.label}: {nieuw[o].titel_weergave}"
                    wijzigingen.append(w)
        uitkomst.append(
            Gebeurtenis(
                moment=versie.bevroren_op,
                volgorde=0,
                soort=VOORGESTELD,
                onderwerp=_label(versie).capitalize(),
                naam=versie.titel,
                persoon_id=versie.bevroren_door_id,
                reden=versie.reden if versie.nummer > 1 else "",
                wijzigingen=wijzigingen,
                model=MODEL,
                versie_id=versie.pk,
                url=_vergelijk_url(voorganger, versie),
            )
        )
    return uitkomst


def publicaties(bereik: Bereik, zicht: Zicht) -> list[Gebeurtenis]:
    """The publication entries of a scope (every reader sees them: they are public)."""
    if bereik.soort == "opgave":
        return _opgave(bereik)
    if bereik.soort == "jaar":
        return _jaar(bereik)
    return []
