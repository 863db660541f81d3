"""Loads the demo region from data/*.toml: idempotent, and through the services the web uses, so
that every row's history names the demo user who wrote it. Functioneel beheer enters the
reference data and the accounts, each griffier seats the raadslid of the own gemeente, the
programmabureau drafts the programmes and the regiobestuur proposes and adopts them."""

from __future__ import annotations

import datetime
import zlib
from collections import Counter
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.test.utils import override_settings
from django.utils import timezone

from opgaven.models import Opgave
from portaal.demo import inhoud, nationaal
from portaal.rollen import Rol, installeer_rollen
from programma import services as programma
from programma.models import Jaarprogramma, Status
from raden import services as raden
from raden.models import Besluit, Keuze, Partij, Raadslid, Reden, Stem, Stemming, Uitkomst, Vraag
from regio import publicatie
from regio.history import bewaar, op_moment
from regio.models import Bestuurder, Gemeente, Inwonertal, Lidmaatschap, Partner, Thema

User = get_user_model()


def _zet(model: type[models.Model], *, door, velden: dict, **sleutel) -> models.Model:
    """Create or update one reference row; saved (with history) only when something changed,
    so that loading again adds no history."""
    rij = model.objects.filter(**sleutel).first() or model(**sleutel)
    if rij.pk is not None and all(getattr(rij, k) == v for k, v in velden.items()):
        return rij
    for veld, waarde in velden.items():
        setattr(rij, veld, waarde)
    return bewaar(rij, acting_user=door)


def _account(
    gebruikersnaam: str,
    voornaam: str,
    achternaam: str,
    *,
    wachtwoord: str,
    door=None,
    staf: bool = False,
):
    """A demo account with the demo password; `door` is who makes it (None: itself)."""
    user = User.objects.filter(username=gebruikersnaam).first() or User(username=gebruikersnaam)
    user.first_name, user.last_name = voornaam, achternaam
    user.email = f"{gebruikersnaam}@demo.regioportaal.nl"
    user.password, user.is_active, user.is_staff = wachtwoord, True, staf
    user._history_user = door or user  # for when accounts get a history
    user.save()
    return user


def _rollen(wachtwoord: str) -> dict:
    """The accounts of the roles (regiobestuur, programmabureau, functioneel beheer)."""
    groepen = installeer_rollen()
    specs = [g for g in inhoud.GEBRUIKERS["gebruikers"] if "rol" in g]
    # Functioneel beheer makes the other accounts, so it comes first and makes itself.
    specs.sort(key=lambda g: g["rol"] != Rol.FUNCTIONEEL_BEHEER)
    users, beheer = {}, None
    for g in specs:
        user = _account(
            g["gebruikersnaam"],
            g["voornaam"],
            g["achternaam"],
            wachtwoord=wachtwoord,
            door=beheer,
            staf=g.get("staf", False),
        )
        user.groups.add(groepen[g["rol"]])
        users[g["rol"]] = user
        beheer = beheer or user
    return users


def _referentie(beheer) -> dict[str, dict]:
    """Gemeenten with inwoners and membership, thema's, partners, bestuurders and opgaven."""
    gemeenten = {}
    for g in inhoud.GEMEENTEN:
        gemeente = _zet(
            Gemeente,
            door=beheer,
            cbs_code=g["cbs_code"],
            velden={"naam": g["naam"], "slug": g["slug"], "provincie": g["provincie"]},
        )
        _zet(
            Inwonertal,
            door=beheer,
            gemeente=gemeente,
            peildatum=inhoud.PEILDATUM,
            velden={"inwoners": g["inwoners"], "bron": g["bron"]},
        )
        if not gemeente.lidmaatschappen.exists():
            bewaar(Lidmaatschap(gemeente=gemeente, begin=inhoud.LID_SINDS), acting_user=beheer)
        gemeenten[g["slug"]] = gemeente
    themas = {
        t["slug"]: _zet(
            Thema,
            door=beheer,
            slug=t["slug"],
            velden={"naam": t["naam"], "omschrijving": t["omschrijving"], "volgorde": volgorde},
        )
        for volgorde, t in enumerate(inhoud.THEMAS, start=1)
    }
    partners = {
        p["slug"]: _zet(
            Partner,
            door=beheer,
            slug=p["slug"],
            velden={"naam": p["naam"], "soort": p["soort"], "website": p["website"]},
        )
        for p in inhoud.PARTNERS
    }
    bestuurders = {
        b["key"]: _zet(
            Bestuurder,
            door=beheer,
            naam=b["naam"],
            gemeente=gemeenten[b["gemeente"]],
            velden={"functie": b["functie"], "portefeuille": b["portefeuille"]},
        )
        for b in inhoud.BESTUURDERS
    }
    opgaven = {
        o["slug"]: _zet(
            Opgave,
            door=beheer,
            slug=o["slug"],
            velden={"titel": o["titel"], "thema": themas[o["thema"]], "sinds": o["sinds"]},
        )
        for o in inhoud.OPGAVEN
    }
    return {
        "gemeenten": gemeenten,
        "partners": partners,
        "bestuurders": bestuurders,
        "opgaven": opgaven,
    }


def _raden_en_bestuurders(ref: dict, beheer, wachtwoord: str) -> None:
    """The accounts of bestuurders, and per gemeente a griffier and a raadslid."""
    for g in inhoud.GEBRUIKERS["gebruikers"]:
        if "bestuurder" not in g:
            continue
        houder = ref["bestuurders"][g["bestuurder"]]
        voornaam, _, achternaam = houder.naam.partition(" ")
        user = _account(
            g["gebruikersnaam"], voornaam, achternaam, wachtwoord=wachtwoord, door=beheer
        )
        _zet(Bestuurder, door=beheer, pk=houder.pk, velden={"user": user})
    partijen = {
        p["naam"]: _zet(Partij, door=beheer, naam=p["naam"], velden={"lokaal": p["lokaal"]})
        for p in inhoud.PARTIJEN
    }
    for slug, fractie_naam in inhoud.GEBRUIKERS["raadsleden"].items():
        gemeente = ref["gemeenten"][slug]
        griffier = _account(
            f"griffier-{slug}", "Griffier", gemeente.naam, wachtwoord=wachtwoord, door=beheer
        )
        raadslid = _account(
            f"raadslid-{slug}", "Raadslid", gemeente.naam, wachtwoord=wachtwoord, door=beheer
        )
        raden.benoem_griffier(gemeente=gemeente, user=griffier, acting_user=beheer)
        _raad(gemeente, griffier, raadslid, fractie_naam, partijen)


def _raad(gemeente, griffier, raadslid, fractie_naam: str, partijen: dict) -> None:
    """The council of one gemeente as its griffier records it: the fracties with their seats,
    the demo raadslid in their fractie, and every other seat taken by a fictional member
    without an account (the griffier records their votes)."""
    if Raadslid.objects.filter(gemeente=gemeente).exists():
        return  # idempotent: a council once seated is left as it is
    spec = inhoud.RADEN[gemeente.slug]
    fracties = {
        f.naam: f
        for f in raden.stel_fracties_vast(
            gemeente=gemeente,
            zetels={partijen[f["partij"]]: f["zetels"] for f in spec["fracties"]},
            acting_user=griffier,
        )
    }
    begin = inhoud.ZITTINGSPERIODE_BEGIN
    raden.voeg_raadslid_toe(
        gemeente=gemeente,
        fractie=fracties[fractie_naam],
        voornaam="Raadslid",
        achternaam=gemeente.naam,
        user=raadslid,
        begin=begin,
        acting_user=griffier,
    )
    # A stable, gemeente-specific sequence of fictional names.
    n = sum(map(ord, gemeente.slug))
    for f in spec["fracties"]:
        fractie = fracties[f["partij"]]
        bezet = 1 if f["partij"] == fractie_naam else 0
        for _ in range(f["zetels"] - bezet):
            n += 7
            raden.voeg_raadslid_toe(
                gemeente=gemeente,
                fractie=fractie,
                voornaam=inhoud.VOORNAMEN[n % len(inhoud.VOORNAMEN)],
                achternaam=inhoud.ACHTERNAMEN[(n // 3) % len(inhoud.ACHTERNAMEN)],
                begin=begin,
                acting_user=griffier,
            )


def _programma(jaar: int, ref: dict, users: dict) -> None:
    """One year's programme, drafted and brought to the status the data gives it."""
    if Jaarprogramma.objects.filter(jaar=jaar).exists():
        return  # idempotent: a year once loaded is left as it is (and may be frozen)
    bestuur, bureau = users[Rol.REGIOBESTUUR], users[Rol.PROGRAMMABUREAU]
    visie = inhoud.VISIE[jaar]
    # A past year was drafted in the weeks before its proposal: its history says so.
    besluiten = inhoud.BESLUITEN.get(jaar)
    voorgesteld = _moment(besluiten["voorgesteld"]) if besluiten else None
    with op_moment(voorgesteld - OPSTELLEN if voorgesteld else None):
        versie = _stel_op(jaar, visie, ref, bestuur, bureau)
    status = visie["status"]
    if status == Status.CONCEPT:
        return
    with op_moment(voorgesteld):
        versie = programma.stel_programma_voor(versie=versie, acting_user=bestuur, op=voorgesteld)
    if jaar in inhoud.BESLUITEN:
        # at national scale the demo's councils vote (through the services, as the data
        # describes) on the demo's own opgaven; the generated opgaven they have yet to decide
        eigen = {o["slug"] for o in inhoud.OPGAVEN} if ref.get("nationaal") else None
        _besluitronde(jaar, versie, users, eigen)
    elif status in (Status.VASTGESTELD, Status.AFGESLOTEN):
        programma.stel_programma_vast(jaarprogramma=versie.jaarprogramma, acting_user=bestuur)
    if status == Status.AFGESLOTEN:
        programma.sluit_programma_af(jaarprogramma=versie.jaarprogramma, acting_user=bestuur)


def _stel_op(jaar: int, visie: dict, ref: dict, bestuur, bureau):
    """The concept of one year, as the programmabureau drafts it."""
    versie = programma.maak_jaarprogramma(jaar=jaar, titel=visie["titel"], acting_user=bestuur)
    versie = programma.werk_visie_bij(
        versie=versie,
        titel=visie["titel"],
        visie_fundament=visie["fundament"],
        visie_actualiteit=visie["actualiteit"],
        visie_perspectief=visie["perspectief"],
        verwacht_wijzigingsnummer=None,
        acting_user=bestuur,
    )
    per_slug = {}
    for o in (o for o in inhoud.OPGAVEN if jaar in o["jaren"]):
        dit_jaar = o["jaren"][jaar]
        po = programma.neem_opgave_op(
            versie=versie,
            opgave=ref["opgaven"][o["slug"]],
            acting_user=bureau,
            doel=o["doel"],
            resultaat=dit_jaar["resultaat"],
            mandaat=o["mandaat"],
            sturing=o["sturing"],
            budget=dit_jaar["budget"],
            capaciteit_fte=Decimal(dit_jaar["fte"]),
            capaciteit_toelichting=o["capaciteit_toelichting"],
            portefeuillehouder=ref["bestuurders"][o["portefeuillehouder"]],
            rangorde=len(per_slug) + 1,
            partners=[ref["partners"][p] for p in o["stuurgroep"]["partners"]],
            bestuurders=[ref["bestuurders"][b] for b in o["stuurgroep"]["bestuurders"]],
        )
        for r in o["externe_regelingen"]:
            programma.voeg_externe_regeling_toe(
                programma_opgave=po,
                naam=r["naam"],
                niveau=r["niveau"],
                verwachte_cofinanciering=r["cofinanciering"],
                toelichting=r["toelichting"],
                acting_user=bureau,
            )
        per_slug[o["slug"]] = po
    if jaar >= nationaal.JAAR and ref.get("nationaal"):
        nationaal.neem_op(versie, ref["nationaal"], ref, bureau, begin=len(per_slug) + 1)
    for s in inhoud.SYNERGIEEN:
        if s["van"] in per_slug and s["naar"] in per_slug:
            programma.voeg_synergie_toe(
                van=per_slug[s["van"]],
                naar=per_slug[s["naar"]],
                toelichting=s["toelichting"],
                acting_user=bureau,
            )
    return versie


# --- The decision rounds -------------------------------------------------------------------
#
# Every council votes as its griffier records it: the window is opened for the meeting, each
# fractie's votes are entered at once with the members who voted otherwise or did not take part
# as exceptions, the window is closed and the outcome confirmed. How each member votes is
# derived from the gemeente, the opgave and the fractie, so the demo is the same every time.
#
# A past round is recorded at the moments it happened (the services' `op`), so that no page or
# document says a vote of June 2025 was confirmed on the day the demo was loaded: a council
# meets in the evening, its griffier opens the windows when the meeting starts, the raad votes
# on the opgaven one after the other, and the griffier closes and confirms after the last vote.

AANGENOMEN, VERWORPEN, STAKEN = "aangenomen", "verworpen", "staken"

#: the region's clock: its councils meet in Dutch local time, whatever the server's zone
TIJDZONE = ZoneInfo("Europe/Amsterdam")
OPENING = datetime.time(19, 30)
EERSTE_STEMMING = datetime.time(20, 0)
TUSSEN_STEMMINGEN = datetime.timedelta(minutes=4)  # 14 opgaven: the last vote at 20:52
SLUITING = datetime.time(22, 0)
BEVESTIGING = datetime.time(22, 10)
#: when the regiobestuur meets (a proposal, the closing of a round)
BESTUURSVERGADERING = datetime.time(10, 0)


#: how long before its proposal the demo drafts a past year, and a correction
OPSTELLEN = datetime.timedelta(days=21)
CORRIGEREN = datetime.timedelta(days=7)


def _op(service):
    """The service, its history recorded at the `op` it is given (a past meeting's moment)."""

    def met_moment(**kwargs):
        with op_moment(kwargs.get("op")):
            return service(**kwargs)

    return met_moment


def _getal(*delen: str) -> int:
    """A stable number for these words (not Python's hash, which changes per run)."""
    return zlib.crc32("|".join(delen).encode())


def _moment(datum: datetime.date, tijd: datetime.time = BESTUURSVERGADERING) -> datetime.datetime:
    """A moment of the region's calendar: by default the regiobestuur's morning meeting."""
    return datetime.datetime.combine(datum, tijd, tzinfo=TIJDZONE)


def _toen(
    datum: datetime.date, tijd: datetime.time, na: datetime.timedelta = datetime.timedelta()
) -> datetime.datetime | None:
    """The moment for a service's `op`: that time of the day (plus `na`) if it has passed,
    otherwise None, so that a meeting still under way tonight is stamped now."""
    moment = _moment(datum, tijd) + na
    return moment if moment <= timezone.now() else None


def _leden_per_fractie(gemeente, op: datetime.date) -> list[tuple[object, list[Raadslid]]]:
    per_fractie: dict[int, tuple[object, list[Raadslid]]] = {}
    for lid in (
        Raadslid.objects.zittend(op)
        .filter(gemeente=gemeente)
        .select_related("fractie__partij")
        .order_by("fractie__naam", "pk")
    ):
        per_fractie.setdefault(lid.fractie_id, (lid.fractie, []))[1].append(lid)
    return list(per_fractie.values())


def _stemgedrag(gemeente, raad, opgave: str, bedoeld: str) -> dict[int, tuple[str, str]]:
    """Per raadslid (pk) the vote (keuze, reden) for the intended outcome: carried, voted
    down, or a tie in an incomplete meeting. Most members vote with their fractie; a few are
    absent, now and then one is excused for a personal interest, and a local party sometimes
    votes against a proposal the council carries."""
    h = _getal(gemeente.slug, opgave)
    alle = [lid for _, leden in raad for lid in leden]
    keuze: dict[int, tuple[str, str]] = {}
    for i in range(h % 3):  # zero, one or two members absent
        keuze[alle[(h >> (5 * i + 2)) % len(alle)].pk] = (Keuze.NIET_DEELGENOMEN, Reden.AFWEZIG)
    if h % 7 == 0:
        lid = alle[(h >> 17) % len(alle)]
        keuze.setdefault(lid.pk, (Keuze.NIET_DEELGENOMEN, Reden.PERSOONLIJK_BELANG))
    if bedoeld == STAKEN:  # an incomplete meeting with an even number of votes
        stemmers = [lid for lid in alle if lid.pk not in keuze]
        while len(stemmers) == len(alle) or len(stemmers) % 2:
            keuze[stemmers.pop().pk] = (Keuze.NIET_DEELGENOMEN, Reden.AFWEZIG)
    stemmers = {f.pk: [lid for lid in leden if lid.pk not in keuze] for f, leden in raad}
    totaal = sum(map(len, stemmers.values()))
    # the fracties in the order in which they turn against: local parties first, then the
    # largest, ties by a stable number
    volgorde = sorted(
        (f for f, _ in raad),
        key=lambda f: (not f.partij.lokaal, -len(stemmers[f.pk]), _getal(f.naam, opgave)),
    )
    tegen: dict[int, int] = {}  # fractie pk -> how many of its voters vote tegen
    if bedoeld == AANGENOMEN:
        for f in volgorde:
            n = len(stemmers[f.pk])
            lokaal_tegen = f.partij.lokaal and _getal(gemeente.slug, f.naam, opgave) % 4 == 0
            if lokaal_tegen and 2 * (sum(tegen.values()) + n) < totaal:
                tegen[f.pk] = n
        if h % 5 == 0:  # one member of the largest fractie votes against their fractie
            grootste = max((f for f, _ in raad), key=lambda f: len(stemmers[f.pk]))
            if grootste.pk not in tegen and 2 * (sum(tegen.values()) + 1) < totaal:
                tegen[grootste.pk] = 1
    else:
        doel = totaal // 2 if bedoeld == STAKEN else totaal // 2 + 1
        for f in volgorde:
            n = min(len(stemmers[f.pk]), doel - sum(tegen.values()))
            if n > 0:
                tegen[f.pk] = n
    for f, _ in raad:
        # the first n of the fractie's voters vote tegen (the fractie itself, or its dissidents)
        leden = stemmers[f.pk]
        n = tegen.get(f.pk, 0)
        for i, lid in enumerate(leden):
            keuze[lid.pk] = (Keuze.TEGEN if i < n else Keuze.VOOR, "")
    return keuze


def _stem_per_fractie(stemming, raad, keuze: dict[int, tuple[str, str]], griffier) -> None:
    """The griffier's quick entry: per fractie its majority vote, the others as exceptions."""
    for fractie, leden in raad:
        stemmen = Counter(keuze[lid.pk][0] for lid in leden)
        stemmen.pop(Keuze.NIET_DEELGENOMEN, None)
        meeste = stemmen.most_common(1)[0][0] if stemmen else Keuze.VOOR
        _op(raden.stem_fractie)(
            stemming=stemming,
            fractie=fractie,
            keuze=meeste,
            uitzonderingen={
                lid.pk: keuze[lid.pk] for lid in leden if keuze[lid.pk] != (meeste, "")
            },
            acting_user=griffier,
        )


def _stem_als_raad(stemming, raad, keuze: dict[int, tuple[str, str]], griffier, op=None) -> None:
    """The griffier's quick entry for the whole raad at once: the majority vote, with every
    member who voted otherwise or did not take part as an exception (one call per vote keeps
    the demo's 6,000 votes quick to load)."""
    leden = [lid for _, fractieleden in raad for lid in fractieleden]
    stemmen = Counter(keuze[lid.pk][0] for lid in leden)
    stemmen.pop(Keuze.NIET_DEELGENOMEN, None)
    meeste = stemmen.most_common(1)[0][0] if stemmen else Keuze.VOOR
    _op(raden.stem_fractie)(
        stemming=stemming,
        fractie=None,
        keuze=meeste,
        uitzonderingen={lid.pk: keuze[lid.pk] for lid in leden if keuze[lid.pk] != (meeste, "")},
        acting_user=griffier,
        op=op,
    )


def _vergadering(
    gemeente,
    versie,
    datum: datetime.date,
    *,
    verworpen=(),
    staken=None,
    zienswijzen=None,
    eigen: set[str] | None = None,
) -> None:
    """One council meeting that decides on every opgave of the version: open, vote, close,
    confirm, at the evening's moments. `staken` is the opgave on which the vote ties and waits
    for a next meeting."""
    griffier = User.objects.get(username=f"griffier-{gemeente.slug}")
    raad = _leden_per_fractie(gemeente, datum)
    zienswijzen = zienswijzen or {}
    geopend = _op(raden.open_stemmingen)(
        gemeente=gemeente,
        versie=versie,
        vergaderdatum=datum,
        acting_user=griffier,
        opgaven=None
        if eigen is None
        else [po for po in versie.opgaven.select_related("opgave") if po.opgave.slug in eigen],
        op=_toen(datum, OPENING),
    )
    # four minutes apart, or closer where a national programme has a few hundred opgaven
    tussen = min(TUSSEN_STEMMINGEN, datetime.timedelta(minutes=110) / max(len(geopend), 1))
    for i, stemming in enumerate(geopend):
        slug = stemming.programma_opgave.opgave.slug
        bedoeld = STAKEN if slug == staken else VERWORPEN if slug in verworpen else AANGENOMEN
        _stem_als_raad(
            stemming,
            raad,
            _stemgedrag(gemeente, raad, slug, bedoeld),
            griffier,
            op=_toen(datum, EERSTE_STEMMING, i * tussen),
        )
        stemming = _op(raden.sluit_stemming)(
            stemming=stemming, acting_user=griffier, op=_toen(datum, SLUITING)
        )
        verwacht = {
            AANGENOMEN: Uitkomst.AANGENOMEN,
            VERWORPEN: Uitkomst.VERWORPEN,
            STAKEN: Uitkomst.UITGESTELD,
        }[bedoeld]
        if stemming.uitkomst != verwacht:  # the derivation above is wrong: fail loudly
            raise AssertionError(f"{gemeente} {slug}: {stemming.uitkomst}, niet {verwacht}")
        _op(raden.bevestig_stemming)(
            stemming=stemming,
            zienswijze=zienswijzen.get(slug, ""),
            acting_user=griffier,
            op=_toen(datum, BEVESTIGING),
        )


def _zienswijzen(ronde: dict, slug: str) -> dict[str, str]:
    return {z["opgave"]: z["tekst"] for z in ronde.get("zienswijzen", []) if z["gemeente"] == slug}


def _verworpen(ronde: dict, slug: str) -> set[str]:
    return {v["opgave"] for v in ronde.get("verworpen", []) if v["gemeente"] == slug}


def _vragen(ronde: dict, versie, nummer: int, bureau) -> None:
    """The technical questions on a version: asked in the week after its proposal, answered a
    week later (a moment still to come tonight is stamped now)."""
    voorgesteld = timezone.localtime(versie.bevroren_op, TIJDZONE).date()
    for i, v in enumerate(v for v in ronde.get("vragen", []) if v["versie"] == nummer):
        gesteld = _toen(voorgesteld + datetime.timedelta(days=3 + i), datetime.time(16, 0))
        vraag = _op(raden.stel_vraag)(
            programma_opgave=versie.opgaven.get(opgave__slug=v["opgave"]),
            tekst=v["vraag"],
            acting_user=User.objects.get(username=f"raadslid-{v['gemeente']}"),
            op=gesteld,
        )
        if "antwoord" in v:
            beantwoord = _toen(voorgesteld + datetime.timedelta(days=6 + i), datetime.time(11, 0))
            _op(raden.beantwoord_vraag)(
                vraag=vraag,
                antwoord=v["antwoord"],
                acting_user=bureau,
                op=beantwoord if gesteld else None,
            )


def _besluitronde(jaar: int, versie, users: dict, eigen: set[str] | None = None) -> None:
    """The decision round of a proposed year as the data describes it: for a vastgesteld year
    every council decides and the regiobestuur closes the round; otherwise the round is left
    under way, after a correction if there is one."""
    bestuur, bureau = users[Rol.REGIOBESTUUR], users[Rol.PROGRAMMABUREAU]
    ronde = inhoud.BESLUITEN[jaar]
    gemeenten = {g.slug: g for g in Gemeente.objects.all()}

    def vergader(slug: str, datum: datetime.date, versie, **extra) -> None:
        _vergadering(
            gemeenten[slug],
            versie,
            datum,
            verworpen=_verworpen(ronde, slug),
            zienswijzen=_zienswijzen(ronde, slug),
            eigen=eigen,
            **extra,
        )

    for slug, datum in sorted(ronde.get("vergaderingen", {}).items(), key=lambda x: x[1]):
        vergader(slug, datum, versie)
    if "eerste_versie" in ronde:
        vergader(ronde["eerste_versie"]["gemeente"], ronde["eerste_versie"]["vergadering"], versie)
    _vragen(ronde, versie, 1, bureau)
    if "correctie" in ronde:
        c = ronde["correctie"]
        gecorrigeerd = _moment(c["voorgesteld"])
        with op_moment(gecorrigeerd - CORRIGEREN):
            nieuw = _corrigeer(versie, c, bestuur, bureau)
        with op_moment(gecorrigeerd):
            versie = programma.stel_programma_voor(
                versie=nieuw, acting_user=bestuur, op=gecorrigeerd
            )
        _vragen(ronde, versie, versie.nummer, bureau)
    for slug, datum in sorted(ronde.get("besloten", {}).items(), key=lambda x: x[1]):
        vergader(slug, datum, versie)
    if "staken" in ronde:
        s = ronde["staken"]
        vergader(s["gemeente"], s["vergadering"], versie, staken=s["opgave"])
    if "open" in ronde:
        _open_venster(gemeenten[ronde["open"]["gemeente"]], versie, ronde["open"])
    if inhoud.VISIE[jaar]["status"] in (Status.VASTGESTELD, Status.AFGESLOTEN):
        # the regiobestuur's meeting after the last council's, as the data dates it
        _op(raden.sluit_besluitronde)(
            jaarprogramma=versie.jaarprogramma,
            acting_user=bestuur,
            op=_toen(ronde["gesloten"], BESTUURSVERGADERING) if "gesloten" in ronde else None,
        )


def _huidige_versie(jaar: int):
    from programma.models import ProgrammaVersie

    return (
        ProgrammaVersie.objects.bevroren()
        .filter(jaarprogramma__jaar=jaar)
        .order_by("-nummer")
        .first()
    )


class DemoFout(Exception):
    """The demo cannot be loaded into this database as asked."""


def _corrigeer(versie, c: dict, bestuur, bureau):
    """The correction the data describes: a new version with its reason and one changed budget."""
    nieuw = programma.corrigeer_programma(
        jaarprogramma=versie.jaarprogramma, reden=c["reden"], acting_user=bestuur
    )
    po = nieuw.opgaven.select_related("opgave").get(opgave__slug=c["opgave"])
    stuurgroep = list(po.stuurgroep.all())
    programma.werk_opgave_bij(
        programma_opgave=po,
        verwacht_wijzigingsnummer=po.wijzigingsnummer,
        acting_user=bureau,
        doel=po.doel,
        resultaat=po.resultaat,
        mandaat=po.mandaat,
        sturing=po.sturing,
        budget=c["budget"],
        capaciteit_fte=po.capaciteit_fte,
        capaciteit_toelichting=po.capaciteit_toelichting,
        rangorde=po.rangorde,
        partners=[lid.partner for lid in stuurgroep if lid.partner_id],
        bestuurders=[lid.bestuurder for lid in stuurgroep if lid.bestuurder_id],
    )
    return nieuw


def _open_venster(gemeente, versie, spec: dict) -> None:
    """A voting window open now on every opgave, with the votes of a few fracties recorded by
    the griffier; the other members (the demo raadslid among them) can still vote. Opened and
    voted now: it is the round under way, not a past one."""
    griffier = User.objects.get(username=f"griffier-{gemeente.slug}")
    datum = max(spec["vergadering"], timezone.localdate())
    raad = [
        (f, leden) for f, leden in _leden_per_fractie(gemeente, datum) if f.naam in spec["fracties"]
    ]
    geopend = _op(raden.open_stemmingen)(
        gemeente=gemeente, versie=versie, vergaderdatum=datum, acting_user=griffier
    )
    for stemming in geopend[: spec["opgaven"]]:
        slug = stemming.programma_opgave.opgave.slug
        keuze = _stemgedrag(gemeente, raad, slug, AANGENOMEN)
        _stem_per_fractie(stemming, raad, keuze, griffier)


REGIONAAL, NATIONAAL = "regional", "national"


def laad_demo(schaal: str = REGIONAAL, melding=None) -> dict:
    """Load (or complete) the demo region; returns counts for the command to print. The
    services notify griffiers, raadsleden and the regiobestuur by e-mail after commit; the
    demo's hundreds of votes must reach no one, so nothing is sent while it loads (the
    configured backend stays in force for the running app)."""
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        DEBUG=False,  # nor is a log kept in memory of its hundred thousand queries
    ):
        return _laad(schaal, melding or (lambda tekst: None))


@transaction.atomic
def _laad(schaal: str, melding) -> dict:
    wachtwoord = make_password(inhoud.GEBRUIKERS["wachtwoord"])  # one slow hash for 40 accounts
    users = _rollen(wachtwoord)
    ref = _referentie(users[Rol.FUNCTIONEEL_BEHEER])
    _raden_en_bestuurders(ref, users[Rol.FUNCTIONEEL_BEHEER], wachtwoord)
    if schaal == NATIONAAL and not nationaal.is_geladen():
        if Jaarprogramma.objects.filter(jaar__gte=nationaal.JAAR).exists():
            raise DemoFout(
                "Deze database heeft de demo al op regionale schaal; de nationale schaal "
                "vraagt een lege database."
            )
        beheer = users[Rol.FUNCTIONEEL_BEHEER]
        nationaal.gemeenten_en_raden(beheer, wachtwoord)
        ref["nationaal"] = nationaal.opgaven(ref, beheer)
        melding(f"{len(ref['nationaal'])} opgaven en de raden van {nationaal.GEMEENTEN} gemeenten")
    for jaar in sorted(inhoud.VISIE):
        _programma(jaar, ref, users)
        melding(f"programma {jaar}")
    if ref.get("nationaal"):
        nationaal.stemmen(_huidige_versie(nationaal.JAAR), melding)
        publicatie.gewijzigd("demo op nationale schaal geladen")
    return {
        "gemeenten": Gemeente.objects.count(),
        "opgaven": Opgave.objects.count(),
        "raadsleden": Raadslid.objects.count(),
        "programma's": Jaarprogramma.objects.count(),
        "gebruikers": User.objects.count(),
        "stemmingen": Stemming.objects.count(),
        "stemmen van raadsleden": Stem.objects.count(),
        "besluiten": Besluit.objects.count(),
        "technische vragen": Vraag.objects.count(),
    }
