"""The demo at national scale (`manage.py demo --scale national`, issue 19): the demo region and,
from 2027, as many member gemeenten and opgaven as a national programme would have: 342
gemeenten (the number of Dutch gemeenten in 2025), 200 opgaven, about 9,000 raadsleden, and a
decision round in which every generated council has voted on every opgave of the 2027 programme,
about 1.8 million votes.

The demo's own 18 gemeenten, opgaven and meetings are loaded as at regional scale, through the
services. What is generated is written in bulk: the rows and their history rows each in a few
statements per table (simple-history's bulk history), in the order the freeze triggers allow (a
Stemming is confirmed only after its votes and Besluit are in). Every figure a vote stores (the
counts, the outcome, the Besluit's bijdrage) is computed as the services compute it: the outcome
by raden.uitslag.bereken, the bijdrage from the proposed version's Bijdrage rows. All generated
data is fictional and deterministic: the same database every time."""

from __future__ import annotations

import datetime
import zlib
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from opgaven.models import Opgave
from portaal.demo import inhoud
from programma import services as programma
from programma.models import Bijdrage, ProgrammaOpgave, ProgrammaVersie
from raden.models import Besluit, Fractie, Keuze, Partij, Raadslid, Reden, Stem, Stemming, Uitkomst
from raden.models.raad import raadsgrootte
from raden.uitslag import bereken
from regio.models import (
    Gemeente,
    GemeenteUserObjectPermission,
    Inwonertal,
    Lidmaatschap,
    Provincie,
)

User = get_user_model()

GEMEENTEN = 342
OPGAVEN = 200
#: the generated gemeenten join the region for this programme year, and the opgaven start in it
JAAR = 2027
LID_SINDS = datetime.date(JAAR, 1, 1)
BRON = "Fictief inwonertal (demo op nationale schaal)"
#: the generated councils meet on the programme between these dates (after its correction)
EERSTE_VERGADERING = datetime.date(2026, 10, 27)
VERGADERDAGEN = 28
BATCH = 5_000

_VOOR = ["Ooster", "Wester", "Noorder", "Zuider", "Hoog", "Laag", "Nieuw", "Oud", "Groot", "Klein"]
_VOOR += ["Berg", "Veen", "Brug", "Dijk", "Heer", "Mol", "Ree", "Linde", "Es", "Wolder", "Haren"]
_NA = ["veen", "dam", "wijk", "hoven", "horst", "dijk", "broek", "loo", "berg", "beek", "wold"]
_NA += ["rade", "sum", "ingen", "hout", "meer", "zijl", "burg", "kerk", "vliet"]

#: opgaven of a national programme: a subject, placed in a generated gemeente
_ONDERWERPEN = [
    ("Warmtenet", "productieve-regio"),
    ("Waterberging", "vitale-regio"),
    ("Snelfietsroute", "verbonden-regio"),
    ("Woningbouwlocatie", "groeiregio-in-balans"),
    ("Natuurverbinding", "vitale-regio"),
    ("Energiehub", "productieve-regio"),
    ("OV-knooppunt", "verbonden-regio"),
    ("Circulair bouwen", "circulaire-regio"),
    ("Grondstoffenhub", "circulaire-regio"),
    ("Transformatie winkelcentrum", "groeiregio-in-balans"),
]


def _getal(*delen) -> int:
    """A stable number for these parts (not Python's hash, which changes per run)."""
    return zlib.crc32("|".join(map(str, delen)).encode())


def _inwoners(n: int) -> int:
    """A fictional but Dutch-looking distribution: many small gemeenten, a few large ones."""
    u = (n * 0.6180339887) % 1.0
    return int(4_000 * (330_000 / 4_000) ** u)


def is_geladen() -> bool:
    return Gemeente.objects.filter(inwonertallen__bron=BRON).exists()


def _namen(aantal: int, bezet: set[str]) -> list[str]:
    namen = []
    for i in range(len(_VOOR) * len(_NA)):
        naam = _VOOR[i % len(_VOOR)] + _NA[(i * 7) % len(_NA)]
        if slugify(naam) not in bezet and naam not in namen:
            namen.append(naam)
        if len(namen) == aantal:
            return namen
    raise AssertionError("te weinig namen")


def gemeenten_en_raden(beheer, wachtwoord: str) -> list[Gemeente]:
    """The generated gemeenten with their inwoners, membership from 2027, a griffier's account and
    a council of the size art. 8 gives them: fracties of the national parties, every seat taken."""
    bestaand = set(Gemeente.objects.values_list("slug", flat=True))
    namen = _namen(GEMEENTEN - len(bestaand), bestaand)
    provincies = list(Provincie.values)
    gemeenten = [
        Gemeente(
            naam=naam,
            slug=slugify(naam),
            cbs_code=f"GM{7001 + n:04d}",
            provincie=provincies[n % len(provincies)],
        )
        for n, naam in enumerate(namen)
    ]
    _bulk(gemeenten, Gemeente, beheer)
    tallen = [
        Inwonertal(gemeente=g, peildatum=inhoud.PEILDATUM, inwoners=_inwoners(n + 1), bron=BRON)
        for n, g in enumerate(gemeenten)
    ]
    _bulk(tallen, Inwonertal, beheer)
    _bulk([Lidmaatschap(gemeente=g, begin=LID_SINDS) for g in gemeenten], Lidmaatschap, beheer)

    griffiers = User.objects.bulk_create(
        User(
            username=f"griffier-{g.slug}",
            first_name="Griffier",
            last_name=g.naam,
            email=f"griffier-{g.slug}@demo.regioportaal.nl",
            password=wachtwoord,
        )
        for g in gemeenten
    )
    if griffiers[0].pk is None:  # a database without RETURNING
        griffiers = list(User.objects.filter(username__in=[u.username for u in griffiers]))
    from raden.services.raad import _permissie

    griffier_van = _permissie("griffier_van")
    _bulk(
        [
            GemeenteUserObjectPermission(user=u, permission=griffier_van, content_object=g)
            for g, u in zip(gemeenten, sorted(griffiers, key=lambda u: u.pk), strict=True)
        ],
        GemeenteUserObjectPermission,
        beheer,
    )

    partijen = list(Partij.objects.filter(lokaal=False).order_by("naam"))
    fracties, zetels_van = [], {}
    for g, tal in zip(gemeenten, tallen, strict=True):
        grootte = raadsgrootte(tal.inwoners)
        aantal = min(len(partijen), 4 + grootte // 8)
        gekozen = sorted(partijen, key=lambda p, g=g: _getal(g.slug, p.naam))[:aantal]
        gewichten = [1 + _getal(g.slug, p.naam, "zetels") % 9 for p in gekozen]
        zetels = [1] * aantal
        for _ in range(grootte - aantal):  # the remaining seats in proportion to the weights
            j = max(range(aantal), key=lambda k: gewichten[k] / (zetels[k] + 1) + k * 1e-9)
            zetels[j] += 1
        for p, z in zip(gekozen, zetels, strict=True):
            fracties.append(Fractie(gemeente=g, partij=p, naam=p.naam, zetels=z))
        zetels_van[g.pk] = grootte
    _bulk(fracties, Fractie, beheer)

    leden, n = [], 0
    for f in fracties:
        for _ in range(f.zetels):
            n += 1
            leden.append(
                Raadslid(
                    gemeente_id=f.gemeente_id,
                    fractie=f,
                    voornaam=inhoud.VOORNAMEN[(n * 7) % len(inhoud.VOORNAMEN)],
                    achternaam=inhoud.ACHTERNAMEN[(n * 11 // 3) % len(inhoud.ACHTERNAMEN)],
                    begin=inhoud.ZITTINGSPERIODE_BEGIN,
                )
            )
    _bulk(leden, Raadslid, beheer)
    return gemeenten


def opgaven(ref: dict, beheer) -> list[Opgave]:
    """The generated opgaven (from 2027), enough for OPGAVEN in a programme with the demo's."""
    aantal = OPGAVEN - sum(1 for o in inhoud.OPGAVEN if JAAR in o["jaren"])
    plaatsen = list(
        Gemeente.objects.filter(inwonertallen__bron=BRON).order_by("cbs_code")[: aantal * 2]
    )
    themas = {t.slug: t for t in _themas()}
    nieuw = []
    for n in range(aantal):
        onderwerp, thema = _ONDERWERPEN[n % len(_ONDERWERPEN)]
        plaats = plaatsen[(n * 37) % len(plaatsen)]
        titel = f"{onderwerp} {plaats.naam}"
        nieuw.append(Opgave(titel=titel, slug=slugify(titel), thema=themas[thema], sinds=JAAR))
    _bulk(nieuw, Opgave, beheer)
    return nieuw


def _themas():
    from regio.models import Thema

    return Thema.objects.all()


def neem_op(versie: ProgrammaVersie, extra: list[Opgave], ref: dict, bureau, begin: int) -> None:
    """The generated opgaven in a concept of 2027 or later, through the drafting service (the
    demo's own opgaven are in it already, ranked 1 to `begin` - 1)."""
    bestuurders = list(ref["bestuurders"].values())
    partners = list(ref["partners"].values())
    vorige = None
    for n, opgave in enumerate(extra):
        h = _getal(opgave.slug, versie.jaar)
        po = programma.neem_opgave_op(
            versie=versie,
            opgave=opgave,
            acting_user=bureau,
            doel=f"{opgave.titel}: een regionale opgave die geen gemeente alleen kan dragen.",
            resultaat=f"In {versie.jaar} is de {opgave.titel.lower()} in uitvoering.",
            mandaat="Het regiobestuur besluit binnen het budget; de raden worden geïnformeerd.",
            sturing="Een stuurgroep van de betrokken bestuurders, twee keer per jaar.",
            budget=50_000 + (h % 400) * 2_500,
            capaciteit_fte=Decimal(1 + h % 5) / 2,
            portefeuillehouder=bestuurders[h % len(bestuurders)],
            rangorde=begin + n,
            partners=[partners[h % len(partners)]],
            bestuurders=[bestuurders[(h >> 8) % len(bestuurders)]],
        )
        if vorige is not None and n % 10 == 1:
            programma.voeg_synergie_toe(
                van=vorige,
                naar=po,
                toelichting="Dezelfde partners en dezelfde planning: samen aanbesteden.",
                acting_user=bureau,
            )
        vorige = po


def _bulk(objs: list, model, user, moment: datetime.datetime | None = None) -> list:
    """Insert rows with one history row each ("+", by `user`), BATCH at a time."""
    for begin in range(0, len(objs), BATCH):
        bulk_create_with_history(
            objs[begin : begin + BATCH],
            model,
            batch_size=BATCH,
            default_user=user,
            default_date=moment,
        )
    return objs


def _vergaderdatum(gemeente: Gemeente) -> datetime.date:
    return EERSTE_VERGADERING + datetime.timedelta(days=_getal(gemeente.slug) % VERGADERDAGEN)


def _moment(datum: datetime.date, tijd: datetime.time) -> datetime.datetime:
    from portaal.demo.laden import TIJDZONE

    return datetime.datetime.combine(datum, tijd, tzinfo=TIJDZONE)


def _keuze(gemeente_id: int, opgave_id: int, lid: Raadslid, lokaal_tegen: bool) -> tuple[str, str]:
    h = _getal(gemeente_id, opgave_id, lid.pk)
    if h % 23 == 0:
        return Keuze.NIET_DEELGENOMEN, Reden.AFWEZIG
    if h % 199 == 0:
        return Keuze.NIET_DEELGENOMEN, Reden.PERSOONLIJK_BELANG
    if lokaal_tegen or h % 11 == 0:
        return Keuze.TEGEN, ""
    return Keuze.VOOR, ""


def stemmen(versie: ProgrammaVersie, melding=lambda tekst: None) -> int:
    """Every generated council's meeting on the proposed 2027 version: per opgave a Stemming,
    every sitting member's Stem, the outcome, the Besluit and the confirmation, with the history
    the services would write (opened, then confirmed; each vote; each decision), in bulk.
    Returns the number of votes."""
    from portaal.demo.laden import BEVESTIGING, EERSTE_STEMMING, OPENING, SLUITING

    opgaven_ = list(ProgrammaOpgave.objects.filter(versie=versie).order_by("rangorde"))
    bijdragen = {
        (b.gemeente_id, b.programma_opgave_id): b.bedrag
        for b in Bijdrage.objects.filter(programma_opgave__versie=versie).only(
            "gemeente_id", "programma_opgave_id", "bedrag"
        )
    }
    griffiers = {
        u.username: u for u in User.objects.filter(username__startswith="griffier-").only("pk")
    }
    totaal = 0
    gemeenten = list(Gemeente.objects.filter(inwonertallen__bron=BRON).order_by("pk"))
    from django.db import connection

    if connection.vendor == "postgresql":
        # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: millions of checks queued
        # for the COMMIT. Checked row by row as they go in instead (the same checks).
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    tussen = datetime.timedelta(minutes=110) / len(opgaven_)
    # a few gemeenten at a time: about 50,000 votes per round of statements
    for begin in range(0, len(gemeenten), 10):
        groep = gemeenten[begin : begin + 10]
        leden = {}
        for lid in (
            Raadslid.objects.filter(gemeente__in=groep)
            .select_related("fractie__partij")
            .order_by("gemeente_id", "fractie__naam", "pk")
        ):
            leden.setdefault(lid.gemeente_id, []).append(lid)
        with transaction.atomic():
            totaal += _vergader(
                groep,
                leden,
                opgaven_,
                versie,
                bijdragen,
                griffiers,
                tussen,
                (OPENING, EERSTE_STEMMING, SLUITING, BEVESTIGING),
            )
        if (begin + 10) % 50 == 0 or begin + 10 >= len(gemeenten):
            klaar = min(begin + 10, len(gemeenten))
            melding(f"stemmen: {klaar} van {len(gemeenten)} raden, {totaal} stemmen")
    return totaal


def _vergader(groep, leden, opgaven_, versie, bijdragen, griffiers, tussen, tijden) -> int:
    opening, eerste, sluiting, bevestiging = tijden
    per_stemming = []
    for g in groep:
        datum = _vergaderdatum(g)
        griffier = griffiers[f"griffier-{g.slug}"]
        raad = leden[g.pk]
        for i, po in enumerate(opgaven_):
            # a fractie votes against an opgave now and then, never enough to stop it alone
            tegen_fractie = {
                lid.fractie_id for lid in raad if _getal(g.pk, po.pk, lid.fractie_id) % 17 == 0
            }
            keuzes = [
                (lid, *_keuze(g.pk, po.pk, lid, lid.fractie_id in tegen_fractie)) for lid in raad
            ]
            uitslag = bereken(zittend=len(raad), stemmen=[(k, r) for _, k, r in keuzes])
            s = Stemming(
                gemeente=g,
                versie=versie,
                programma_opgave=po,
                vergaderdatum=datum,
                geopend_op=_moment(datum, opening),
                geopend_door=griffier,
            )
            per_stemming.append((s, keuzes, uitslag, _moment(datum, eerste) + i * tussen))
    stemmingen = [s for s, *_ in per_stemming]
    # The rows go in closed, with the outcome (not confirmed: the votes and the Besluit still
    # have to go in under them); their history says what the services' would: opened at the
    # opening of the meeting, closed with the outcome at its end.
    for s, _k, uitslag, _t in per_stemming:
        s.zittend, s.voor, s.tegen = uitslag.zittend, uitslag.voor, uitslag.tegen
        s.afwezig, s.onthouden, s.uitkomst = uitslag.afwezig, uitslag.onthouden, uitslag.uitkomst
        s.gesloten_op = _moment(s.vergaderdatum, sluiting)
        s.gesloten_door = s.geopend_door
    Stemming.objects.bulk_create(stemmingen, batch_size=BATCH)
    gesloten = {s.pk: _staat(s) for s in stemmingen}
    for s in stemmingen:
        s.zittend = s.voor = s.tegen = s.afwezig = s.onthouden = 0
        s.uitkomst, s.gesloten_op, s.gesloten_door = "", None, None
        s._history_date, s._history_user = s.geopend_op, s.geopend_door
    Stemming.history.bulk_history_create(stemmingen, batch_size=BATCH)
    for s in stemmingen:
        _zet_staat(s, gesloten[s.pk])
        s._history_date = s.gesloten_op
    Stemming.history.bulk_history_create(stemmingen, update=True, batch_size=BATCH)

    nieuwe_stemmen, besluiten = [], []
    for s, keuzes, uitslag, stem_op in per_stemming:
        for lid, keuze, reden in keuzes:
            nieuwe_stemmen.append(
                (s.pk, lid.pk, keuze, reden, lid.naam, lid.fractie.naam, s.geopend_door_id, stem_op)
            )
        if uitslag.uitkomst in (Uitkomst.AANGENOMEN, Uitkomst.VERWORPEN):
            deelname = uitslag.uitkomst == Uitkomst.AANGENOMEN
            sleutel = (s.gemeente_id, s.programma_opgave_id)
            b = Besluit(
                gemeente_id=s.gemeente_id,
                programma_opgave_id=s.programma_opgave_id,
                stemming=s,
                deelname=deelname,
                bijdrage=bijdragen.get(sleutel, 0) if deelname else 0,
            )
            b._history_date = _moment(s.vergaderdatum, bevestiging)
            b._history_user = s.geopend_door
            besluiten.append(b)
    _stemmen_in(nieuwe_stemmen)
    _bulk(besluiten, Besluit, None)
    # confirmed, per gemeente (one meeting, one moment): from here on the Stemming, its votes
    # and its Besluit are frozen
    for g in groep:
        moment = _moment(_vergaderdatum(g), bevestiging)
        # (the freeze register's update refuses the freeze field itself, rightly: only a
        # service, or this loader acting as the services do, confirms)
        Stemming._base_manager.filter(gemeente=g, versie=versie, bevestigd_op__isnull=True).update(
            bevestigd_op=moment, bevestigd_door=griffiers[f"griffier-{g.slug}"]
        )
    for s in stemmingen:
        s.bevestigd_op = _moment(s.vergaderdatum, bevestiging)
        s.bevestigd_door = s.gesloten_door
        s._history_date = s.bevestigd_op
    Stemming.history.bulk_history_create(stemmingen, update=True, batch_size=BATCH)
    return len(nieuwe_stemmen)


#: the columns of a new Stem, in the order _vergader gives them
_STEM = [
    "stemming_id",
    "raadslid_id",
    "keuze",
    "reden",
    "raadslid_naam",
    "fractie_naam",
    "uitgebracht_door_id",
    "uitgebracht_op",
]


def _stemmen_in(rijen: list[tuple]) -> None:
    """The votes, each with its history row ("+", by the griffier who recorded it, at the
    moment of the vote). On PostgreSQL with COPY, keys drawn from the table's own sequence: a
    million and a half rows in seconds, through the same freeze triggers as any insert. Elsewhere
    with simple-history's bulk insert."""
    from django.db import connection

    if connection.vendor != "postgresql":
        stemmen = []
        for rij in rijen:
            stem = Stem(**dict(zip(_STEM, rij, strict=True)))
            stem._history_date, stem._history_user = rij[-1], User(pk=rij[-2])
            stemmen.append(stem)
        _bulk(stemmen, Stem, None)
        return
    tabel = Stem._meta.db_table
    historie = Stem.history.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [tabel, len(rijen)],
        )
        ids = [r[0] for r in cursor.fetchall()]
        kolommen = ", ".join(["id", *_STEM])
        with cursor.cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN") as copy:
            for pk, rij in zip(ids, rijen, strict=True):
                copy.write_row((pk, *rij))
        extra = "history_date, history_change_reason, history_type, history_user_id"
        with cursor.cursor.copy(f"COPY {historie} ({kolommen}, {extra}) FROM STDIN") as copy:
            for pk, rij in zip(ids, rijen, strict=True):
                copy.write_row((pk, *rij, rij[-1], None, "+", rij[-2]))


_GESLOTEN = ("zittend", "voor", "tegen", "afwezig", "onthouden", "uitkomst", "gesloten_op")


def _staat(s: Stemming) -> tuple:
    return tuple(getattr(s, v) for v in _GESLOTEN) + (s.gesloten_door,)


def _zet_staat(s: Stemming, staat: tuple) -> None:
    for veld, waarde in zip(_GESLOTEN, staat[:-1], strict=True):
        setattr(s, veld, waarde)
    s.gesloten_door = staat[-1]
