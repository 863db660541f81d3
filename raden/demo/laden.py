"""Loads the demo region: idempotent, through the same services the web uses, so the history
of every row says who did it (the demo users of each role)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from opgaven.models import Opgave
from programma import services as programma
from programma.models import Jaarprogramma, Status
from raden import services as raden
from raden.demo import inhoud
from raden.demo.regio import GEMEENTEN, LID_SINDS, PEILDATUM
from raden.models import Raadslid
from raden.rollen import Rol, installeer_rollen
from regio.models import Bestuurder, Gemeente, Inwonertal, Lidmaatschap, Partner, Thema

User = get_user_model()
WACHTWOORD = "demo"

# Parties with a fractie in (nearly) every council of the region; the demo raadslid of each
# gemeente sits in one of them. The full composition of the councils comes with the votes.
DEMO_FRACTIES = ["GroenLinks-PvdA", "VVD", "CDA", "D66", "SP", "ChristenUnie"]

# The state each demo year ends in (DOMAIN.md lifecycle).
JAREN = {2026: Status.VASTGESTELD, 2027: Status.VOORGESTELD, 2028: Status.CONCEPT}


def _gebruiker(username: str, voornaam: str, achternaam: str, wachtwoord_hash: str, **extra):
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "first_name": voornaam,
            "last_name": achternaam,
            "email": f"{username}@demo.regioportaal.nl",
            "password": wachtwoord_hash,
            "is_active": True,
            **extra,
        },
    )
    return user


def _referentie() -> dict[str, dict]:
    peildatum = datetime.date.fromisoformat(PEILDATUM)
    gemeenten = {}
    for naam, slug, cbs, provincie, inwoners, bron in GEMEENTEN:
        gemeente, _ = Gemeente.objects.update_or_create(
            cbs_code=cbs, defaults={"naam": naam, "slug": slug, "provincie": provincie}
        )
        Inwonertal.objects.update_or_create(
            gemeente=gemeente, peildatum=peildatum, defaults={"inwoners": inwoners, "bron": bron}
        )
        if not gemeente.lidmaatschappen.exists():
            Lidmaatschap.objects.create(
                gemeente=gemeente, begin=datetime.date.fromisoformat(LID_SINDS)
            )
        gemeenten[slug] = gemeente
    themas = {}
    for volgorde, t in enumerate(inhoud.THEMAS, start=1):
        themas[t["slug"]], _ = Thema.objects.update_or_create(
            slug=t["slug"],
            defaults={"naam": t["naam"], "omschrijving": t["omschrijving"], "volgorde": volgorde},
        )
    partners = {}
    for p in inhoud.PARTNERS:
        partners[p["slug"]], _ = Partner.objects.update_or_create(
            slug=p["slug"],
            defaults={"naam": p["naam"], "soort": p["soort"], "website": p.get("website", "")},
        )
    bestuurders = {}
    for b in inhoud.BESTUURDERS:
        bestuurders[b["key"]], _ = Bestuurder.objects.update_or_create(
            naam=b["naam"],
            gemeente=gemeenten[b["gemeente"]],
            defaults={"functie": b["functie"], "portefeuille": b.get("portefeuille", "")},
        )
    opgaven = {}
    for o in inhoud.OPGAVEN:
        opgaven[o["slug"]], _ = Opgave.objects.update_or_create(
            slug=o["slug"],
            defaults={"titel": o["titel"], "thema": themas[o["thema"]], "sinds": o["sinds"]},
        )
    return {
        "gemeenten": gemeenten,
        "themas": themas,
        "partners": partners,
        "bestuurders": bestuurders,
        "opgaven": opgaven,
    }


def _gebruikers(ref: dict) -> dict:
    wachtwoord_hash = make_password(WACHTWOORD)  # hashed once: 40 users, one slow hash
    groepen = installeer_rollen()
    users = {
        "regiobestuur": _gebruiker("regiobestuur", "Demo", "Regiobestuur", wachtwoord_hash),
        "programmabureau": _gebruiker(
            "programmabureau", "Demo", "Programmabureau", wachtwoord_hash
        ),
        "beheer": _gebruiker(
            "beheer", "Demo", "Functioneel beheer", wachtwoord_hash, is_staff=True
        ),
    }
    users["regiobestuur"].groups.add(groepen[Rol.REGIOBESTUUR])
    users["programmabureau"].groups.add(groepen[Rol.PROGRAMMABUREAU])
    users["beheer"].groups.add(groepen[Rol.FUNCTIONEEL_BEHEER])

    houder = ref["bestuurders"][inhoud.BESTUURDERS[0]["key"]]
    voornaam, _, achternaam = houder.naam.partition(" ")
    users["portefeuillehouder"] = _gebruiker(
        "portefeuillehouder", voornaam, achternaam, wachtwoord_hash
    )
    if houder.user_id != users["portefeuillehouder"].pk:
        houder.user = users["portefeuillehouder"]
        houder.save()

    for nummer, (slug, gemeente) in enumerate(ref["gemeenten"].items()):
        griffier = _gebruiker(f"griffier-{slug}", "Griffier", gemeente.naam, wachtwoord_hash)
        raadslid = _gebruiker(f"raadslid-{slug}", "Raadslid", gemeente.naam, wachtwoord_hash)
        raden.benoem_griffier(gemeente=gemeente, user=griffier, acting_user=users["beheer"])
        if not Raadslid.objects.zittend().filter(user=raadslid).exists():
            raden.voeg_raadslid_toe(
                gemeente=gemeente,
                user=raadslid,
                fractie_naam=DEMO_FRACTIES[nummer % len(DEMO_FRACTIES)],
                acting_user=griffier,
            )
    return users


def _programma(jaar: int, eindstatus: str, ref: dict, users: dict) -> None:
    if Jaarprogramma.objects.filter(jaar=jaar).exists():
        return  # idempotent: a year once loaded is left as it is (and may be frozen)
    bestuur = users["regiobestuur"]
    visie = inhoud.VISIE[jaar]
    versie = programma.maak_jaarprogramma(jaar=jaar, titel=visie["titel"], acting_user=bestuur)
    versie.visie_fundament = visie["fundament"]
    versie.visie_actualiteit = visie["actualiteit"]
    versie.visie_perspectief = visie["perspectief"]
    versie._history_user = bestuur
    versie.save()

    per_slug = {}
    rang = 0
    for o in inhoud.OPGAVEN:
        jaardata = o["jaren"].get(jaar)
        if jaardata is None:
            continue
        rang += 1
        po = programma.neem_opgave_op(
            versie=versie,
            opgave=ref["opgaven"][o["slug"]],
            acting_user=users["programmabureau"],
            doel=o["doel"],
            resultaat=jaardata["resultaat"],
            mandaat=o["mandaat"],
            sturing=o["sturing"],
            budget=int(jaardata["budget"]),
            capaciteit_fte=Decimal(jaardata["fte"]),
            capaciteit_toelichting=o["capaciteit_toelichting"],
            portefeuillehouder=ref["bestuurders"][o["portefeuillehouder"]],
            rangorde=rang,
            partners=[ref["partners"][p] for p in o["stuurgroep"].get("partners", [])],
            bestuurders=[ref["bestuurders"][b] for b in o["stuurgroep"].get("bestuurders", [])],
        )
        for r in o.get("externe_regelingen", []):
            programma.voeg_externe_regeling_toe(
                programma_opgave=po,
                naam=r["naam"],
                niveau=r["niveau"],
                verwachte_cofinanciering=int(r["cofinanciering"]),
                toelichting=r.get("toelichting", ""),
                acting_user=users["programmabureau"],
            )
        per_slug[o["slug"]] = po
    for s in inhoud.SYNERGIEEN:
        if s["van"] in per_slug and s["naar"] in per_slug:
            programma.voeg_synergie_toe(
                van=per_slug[s["van"]],
                naar=per_slug[s["naar"]],
                toelichting=s["toelichting"],
                acting_user=users["programmabureau"],
            )
    if eindstatus == Status.CONCEPT:
        return
    programma.stel_programma_voor(versie=versie, acting_user=bestuur)
    if eindstatus in (Status.VASTGESTELD, Status.AFGESLOTEN):
        programma.stel_programma_vast(jaarprogramma=versie.jaarprogramma, acting_user=bestuur)
    if eindstatus == Status.AFGESLOTEN:
        programma.sluit_programma_af(jaarprogramma=versie.jaarprogramma, acting_user=bestuur)


@transaction.atomic
def laad_demo() -> dict:
    """Load (or complete) the demo region; returns counts for the command to print."""
    ref = _referentie()
    users = _gebruikers(ref)
    for jaar, status in JAREN.items():
        _programma(jaar, status, ref, users)
    return {
        "gemeenten": len(ref["gemeenten"]),
        "opgaven": len(ref["opgaven"]),
        "programma's": Jaarprogramma.objects.count(),
        "gebruikers": User.objects.count(),
    }
