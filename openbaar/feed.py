"""The Atom feed of publications and decisions (issue 18, point 4), newest first.

Three kinds of entry, each from the real moment it happened:
- a publication: each proposed programme version, a correction with its reason;
- the decisions of one gemeenteraad in one meeting on one version: its confirmed votes of that
  meeting date grouped (updated when the last of them was confirmed);
- the closing of a decision round: how many opgaven are covered.

A concept never appears (only frozen versions, only confirmed votes). Ids are tag URIs on the
portal's address (PORTAAL_URL) and the day the thing happened: they stay the same however often
the feed is read. A fixed number of queries, whatever the number of votes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Count, Max, Min, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from openbaar.opendata.versies import open_versies
from programma.models import ProgrammaOpgave
from raden.models import Dekking, Stemming, Uitkomst
from regio.geld import format_bedrag

#: the most entries the feed holds (a reader polls; history is on the history pages)
LIMIET = 50

PUBLICATIE = "publicatie"
BESLUITEN = "besluiten"
RONDE = "besluitronde"


@dataclass
class Vermelding:
    """One entry of the feed."""

    id: str
    titel: str
    samenvatting: str  # HTML
    link: str
    gepubliceerd: datetime.datetime
    bijgewerkt: datetime.datetime
    auteur: str
    soort: str


def _absoluut(pad: str) -> str:
    return settings.PORTAAL_URL.rstrip("/") + pad


def _tag(dag: datetime.date | datetime.datetime, specifiek: str) -> str:
    """A tag URI (RFC 4151) on the portal's host name."""
    if isinstance(dag, datetime.datetime):
        dag = timezone.localtime(dag).date()
    host = urlsplit(settings.PORTAAL_URL).hostname or "localhost"
    return f"tag:{host},{dag.isoformat()}:{specifiek}"


def _datum(moment) -> str:
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment)
    return date_format(moment, "j F Y")


def publicaties() -> list[Vermelding]:
    """Every proposed version (two queries)."""
    totalen = {
        r["versie_id"]: r
        for r in ProgrammaOpgave.objects.filter(versie__bevroren_op__isnull=False)
        .order_by()
        .values("versie_id")
        .annotate(aantal=Count("pk"), budget=Sum("budget"))
    }
    uit = []
    for v in open_versies():
        totaal = totalen.get(v.pk, {"aantal": 0, "budget": 0})
        tekst = format_html(
            "<p>{}</p>",
            _(
                "Het regiobestuur stelde op %(datum)s programma %(jaar)s voor, versie "
                "%(nummer)s: %(titel)s. %(aantal)s opgaven, samen %(budget)s."
            )
            % {
                "datum": _datum(v.bevroren_op),
                "jaar": v.jaar,
                "nummer": v.nummer,
                "titel": v.titel,
                "aantal": totaal["aantal"],
                "budget": format_bedrag(totaal["budget"] or 0),
            },
        )
        if v.nummer > 1:
            titel = _("Correctie: programma %(jaar)s, versie %(nummer)s voorgesteld")
            if v.reden:
                tekst += format_html("<p>{} {}</p>", _("Reden van de correctie:"), v.reden)
        else:
            titel = _("Programma %(jaar)s voorgesteld (versie %(nummer)s)")
        uit.append(
            Vermelding(
                id=_tag(v.bevroren_op, f"programma/{v.jaar}/v{v.nummer}"),
                titel=titel % {"jaar": v.jaar, "nummer": v.nummer},
                samenvatting=tekst,
                link=_absoluut(v.get_absolute_url()),
                gepubliceerd=v.bevroren_op,
                bijgewerkt=v.bevroren_op,
                auteur=_("Regiobestuur"),
                soort=PUBLICATIE,
            )
        )
    return uit


def _bevestigd():
    """Confirmed votes on a proposed version: what the public may read of the councils."""
    return Stemming.objects.filter(bevestigd_op__isnull=False, versie__bevroren_op__isnull=False)


def _stemming_regel(s: Stemming) -> str:
    besluit = getattr(s, "besluit", None)
    if besluit is None:
        uitkomst = Uitkomst(s.uitkomst).label if s.uitkomst else ""
        return format_html("{}: {}", s.programma_opgave.titel_weergave, uitkomst)
    if besluit.deelname:
        return format_html(
            "{}: {} ({})",
            s.programma_opgave.titel_weergave,
            _("neemt deel"),
            format_bedrag(besluit.bijdrage),
        )
    return format_html("{}: {}", s.programma_opgave.titel_weergave, _("neemt niet deel"))


def besluiten(limiet: int = LIMIET) -> list[Vermelding]:
    """The newest `limiet` meetings (gemeente, version, meeting date) with confirmed votes,
    each with the outcome per opgave (two queries)."""
    groepen = list(
        _bevestigd()
        .values("gemeente_id", "versie_id", "vergaderdatum")
        .annotate(eerst=Min("bevestigd_op"), laatst=Max("bevestigd_op"), aantal=Count("pk"))
        .order_by("-laatst", "gemeente_id", "versie_id", "vergaderdatum")[:limiet]
    )
    if not groepen:
        return []
    sleutels = {(g["gemeente_id"], g["versie_id"], g["vergaderdatum"]) for g in groepen}
    per_groep: dict[tuple, list[Stemming]] = {k: [] for k in sleutels}
    stemmingen = (
        _bevestigd()
        .filter(
            gemeente_id__in={k[0] for k in sleutels},
            versie_id__in={k[1] for k in sleutels},
            vergaderdatum__in={k[2] for k in sleutels},
        )
        .select_related(
            "gemeente",
            "versie__jaarprogramma",
            "programma_opgave__opgave",
            "programma_opgave__versie",
            "besluit",
        )
        .order_by("programma_opgave__rangorde", "geopend_op", "pk")
    )
    for s in stemmingen:
        sleutel = (s.gemeente_id, s.versie_id, s.vergaderdatum)
        if sleutel in per_groep:
            per_groep[sleutel].append(s)
    uit = []
    for g in groepen:
        lijst = per_groep[(g["gemeente_id"], g["versie_id"], g["vergaderdatum"])]
        if not lijst:
            continue
        eerste = lijst[0]
        gemeente, versie = eerste.gemeente, eerste.versie
        ja = sum(1 for s in lijst if getattr(s, "besluit", None) and s.besluit.deelname)
        nee = sum(1 for s in lijst if getattr(s, "besluit", None) and not s.besluit.deelname)
        zonder = len(lijst) - ja - nee
        kop = _(
            "De gemeenteraad van %(gemeente)s besloot op %(datum)s over programma %(jaar)s "
            "(versie %(nummer)s): deelname aan %(ja)s opgaven, niet aan %(nee)s."
        ) % {
            "gemeente": gemeente.naam,
            "datum": _datum(g["vergaderdatum"]),
            "jaar": versie.jaar,
            "nummer": versie.nummer,
            "ja": ja,
            "nee": nee,
        }
        if zonder:
            kop += " " + ngettext(
                "%(aantal)s stemming gaf geen besluit (staken der stemmen of geen quorum).",
                "%(aantal)s stemmingen gaven geen besluit (staken der stemmen of geen quorum).",
                zonder,
            ) % {"aantal": zonder}
        tekst = format_html(
            "<p>{}</p><ul>{}</ul>",
            kop,
            format_html_join("", "<li>{}</li>", ((_stemming_regel(s),) for s in lijst)),
        )
        uit.append(
            Vermelding(
                id=_tag(
                    g["vergaderdatum"],
                    f"besluiten/{gemeente.slug}/{versie.jaar}/v{versie.nummer}/"
                    f"{g['vergaderdatum'].isoformat()}",
                ),
                titel=_(
                    "Gemeenteraad %(gemeente)s besloot over programma %(jaar)s, versie %(nummer)s"
                )
                % {
                    "nummer": versie.nummer,
                    "gemeente": gemeente.naam,
                    "jaar": versie.jaar,
                },
                samenvatting=tekst,
                link=_absoluut(reverse("gemeente", kwargs={"slug": gemeente.slug})),
                gepubliceerd=g["eerst"],
                bijgewerkt=g["laatst"],
                auteur=_("Gemeenteraad %(gemeente)s") % {"gemeente": gemeente.naam},
                soort=BESLUITEN,
            )
        )
    return uit


def rondes() -> list[Vermelding]:
    """Every closed decision round: its coverage (two queries)."""
    rijen = list(
        Dekking.objects.filter(programma_opgave__versie__bevroren_op__isnull=False)
        .order_by()
        .values("programma_opgave__versie_id")
        .annotate(
            op=Max("vastgesteld_op"),
            aantal=Count("pk"),
            gedekt=Count("pk", filter=Q(gedekt=True)),
        )
    )
    if not rijen:
        return []
    versies = {
        v.pk: v
        for v in open_versies().filter(pk__in=[r["programma_opgave__versie_id"] for r in rijen])
    }
    uit = []
    for r in rijen:
        versie = versies.get(r["programma_opgave__versie_id"])
        if versie is None:
            continue
        uit.append(
            Vermelding(
                id=_tag(r["op"], f"besluitronde/{versie.jaar}/v{versie.nummer}"),
                titel=_("Besluitronde programma %(jaar)s gesloten") % {"jaar": versie.jaar},
                samenvatting=format_html(
                    "<p>{}</p>",
                    _(
                        "Het regiobestuur sloot op %(datum)s de besluitronde over programma "
                        "%(jaar)s (versie %(nummer)s): %(gedekt)s van de %(aantal)s opgaven "
                        "zijn gedekt door de bijdragen van de gemeenten die deelnemen."
                    )
                    % {
                        "datum": _datum(r["op"]),
                        "jaar": versie.jaar,
                        "nummer": versie.nummer,
                        "gedekt": r["gedekt"],
                        "aantal": r["aantal"],
                    },
                ),
                link=_absoluut(reverse("dekking", kwargs={"jaar": versie.jaar})),
                gepubliceerd=r["op"],
                bijgewerkt=r["op"],
                auteur=_("Regiobestuur"),
                soort=RONDE,
            )
        )
    return uit


def vermeldingen(limiet: int = LIMIET) -> list[Vermelding]:
    """The newest `limiet` entries of every kind, newest first."""
    alle = publicaties() + besluiten(limiet) + rondes()
    alle.sort(key=lambda v: (v.bijgewerkt, v.id), reverse=True)
    return alle[:limiet]


class PublicatieFeed(Feed):
    """/feed.atom"""

    feed_type = Atom1Feed
    title = gettext_lazy("Regioportaal: publicaties en besluiten")
    subtitle = gettext_lazy(
        "Nieuwe en gecorrigeerde programma's van het regiobestuur en de besluiten van de "
        "gemeenteraden van de Groene Metropoolregio Arnhem-Nijmegen."
    )
    author_name = gettext_lazy("Groene Metropoolregio Arnhem-Nijmegen")

    def link(self) -> str:
        return _absoluut(reverse("home"))

    def feed_url(self) -> str:
        return _absoluut(reverse("feed"))

    def feed_guid(self) -> str:
        return _absoluut(reverse("feed"))

    def feed_copyright(self) -> str:
        return "CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/deed.nl)"

    def items(self) -> list[Vermelding]:
        return vermeldingen()

    def item_title(self, item: Vermelding) -> str:
        return item.titel

    def item_description(self, item: Vermelding) -> str:
        return item.samenvatting

    def item_link(self, item: Vermelding) -> str:
        return item.link

    def item_guid(self, item: Vermelding) -> str:
        return item.id

    item_guid_is_permalink = False

    def item_pubdate(self, item: Vermelding) -> datetime.datetime:
        return item.gepubliceerd

    def item_updateddate(self, item: Vermelding) -> datetime.datetime:
        return item.bijgewerkt

    def item_author_name(self, item: Vermelding) -> str:
        return item.auteur

    def item_categories(self, item: Vermelding) -> list[str]:
        return [item.soort]
