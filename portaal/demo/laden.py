"""Loads the demo region from data/*.toml: idempotent, and through the services the web uses, so
that every row's history names the demo user who wrote it. Functioneel beheer enters the
reference data and the accounts, each griffier seats the raadslid of the own gemeente, the
programmabureau drafts the programmes and the regiobestuur proposes and adopts them."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from opgaven.models import Opgave
from portaal.demo import inhoud
from portaal.rollen import Rol, installeer_rollen
from programma import services as programma
from programma.models import Jaarprogramma, Status
from raden import services as raden
from raden.models import Partij, Raadslid
from regio.history import bewaar
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
    for s in inhoud.SYNERGIEEN:
        if s["van"] in per_slug and s["naar"] in per_slug:
            programma.voeg_synergie_toe(
                van=per_slug[s["van"]],
                naar=per_slug[s["naar"]],
                toelichting=s["toelichting"],
                acting_user=bureau,
            )
    status = visie["status"]
    if status == Status.CONCEPT:
        return
    programma.stel_programma_voor(versie=versie, acting_user=bestuur)
    if status in (Status.VASTGESTELD, Status.AFGESLOTEN):
        programma.stel_programma_vast(jaarprogramma=versie.jaarprogramma, acting_user=bestuur)
    if status == Status.AFGESLOTEN:
        programma.sluit_programma_af(jaarprogramma=versie.jaarprogramma, acting_user=bestuur)


@transaction.atomic
def laad_demo() -> dict:
    """Load (or complete) the demo region; returns counts for the command to print."""
    wachtwoord = make_password(inhoud.GEBRUIKERS["wachtwoord"])  # one slow hash for 40 accounts
    users = _rollen(wachtwoord)
    ref = _referentie(users[Rol.FUNCTIONEEL_BEHEER])
    _raden_en_bestuurders(ref, users[Rol.FUNCTIONEEL_BEHEER], wachtwoord)
    for jaar in sorted(inhoud.VISIE):
        _programma(jaar, ref, users)
    return {
        "gemeenten": len(ref["gemeenten"]),
        "opgaven": len(ref["opgaven"]),
        "programma's": Jaarprogramma.objects.count(),
        "gebruikers": User.objects.count(),
    }
