"""The fault run's writer: a process of its own, as another worker would be, in which griffiers
open, vote, close and confirm through raden.services, one transaction per step."""

from __future__ import annotations

import collections
import datetime
import json
import sys
import threading
import time

from django.conf import settings

#: the writer's pause between two steps (a busy griffier, not a bulk load)
PAUZE_S = 0.02


class Klaar(Exception):
    """There is nothing left to vote on."""


def doelen() -> list[tuple]:
    """(griffier, gemeente, versie) for every gemeente that takes part in a round under way
    and has an active griffier: the current version of each year in the round."""
    from programma.models import ProgrammaVersie, Status
    from raden.services.stemmen import huidige_versie_van
    from regio.models import GemeenteUserObjectPermission

    uit = []
    jaren = (
        ProgrammaVersie.objects.bevroren()
        .filter(jaarprogramma__status=Status.VOORGESTELD)
        .values_list("jaarprogramma_id", flat=True)
        .distinct()
    )
    for jaar_id in sorted(set(jaren)):
        versie = huidige_versie_van(ProgrammaVersie.objects.filter(jaarprogramma_id=jaar_id)[0])
        rechten = (
            GemeenteUserObjectPermission.objects.filter(
                permission__codename="griffier_van",
                user__is_active=True,
                content_object__deelnames__versie=versie,
            )
            .select_related("user", "content_object")
            .order_by("content_object__naam", "user__username")
        )
        gezien = set()
        for recht in rechten:
            if recht.content_object_id not in gezien:
                gezien.add(recht.content_object_id)
                uit.append((recht.user, recht.content_object, versie))
    return uit


def stap(doelwitten: list[tuple], sinds: datetime.datetime) -> dict:
    """One write of the writer, whatever comes next: confirm a closed vote, close a vote
    whose fracties have voted (all but the smallest, whose members closing records absent),
    let the next fractie vote, or open a vote on the next opgave nobody decided or votes on.
    The state is read from the database each time, so a write whose commit went unanswered
    (the server went away) is picked up where it really stands."""
    from django.utils import timezone

    from raden import services as raden
    from raden.models import Besluit, Fractie, Keuze, Stem, Stemming

    griffiers = {g.pk: g for g, _, _ in doelwitten}
    lopend = (
        Stemming.objects.filter(
            geopend_door__in=list(griffiers),
            geopend_op__gte=sinds,
            bevestigd_op__isnull=True,
            vervallen_reden="",
        )
        .order_by("pk")
        .first()
    )
    if lopend is not None:
        griffier = griffiers[lopend.geopend_door_id]
        if not lopend.is_open:
            besluit = raden.bevestig_stemming(stemming=lopend, acting_user=griffier)
            return {"soort": "bevestigen", "stemming": lopend.pk, "besluit": besluit and besluit.pk}
        leden = list(raden.stemgerechtigden(lopend).values_list("pk", "fractie_id"))
        gestemd = set(Stem.objects.filter(stemming=lopend).values_list("raadslid_id", flat=True))
        grootte = collections.Counter(f for _, f in leden)
        # the smallest fractie stays away when there are three or more (quorum holds)
        weg = {min(grootte, key=lambda f: (grootte[f], f))} if len(grootte) >= 3 else set()
        open_fracties = sorted({f for pk, f in leden if pk not in gestemd} - weg)
        if not open_fracties:
            raden.sluit_stemming(stemming=lopend, acting_user=griffier)
            return {"soort": "sluiten", "stemming": lopend.pk}
        fractie = Fractie.objects.get(pk=open_fracties[0])
        # one fractie in three votes against: both outcomes occur
        keuze = Keuze.TEGEN if fractie.pk % 3 == 0 else Keuze.VOOR
        stemmen = raden.stem_fractie(
            stemming=lopend, fractie=fractie, keuze=keuze, acting_user=griffier
        )
        return {"soort": "stemmen", "stemming": lopend.pk, "stemmen": [s.pk for s in stemmen]}
    for griffier, gemeente, versie in doelwitten:
        bezet = set(
            Besluit.objects.filter(gemeente=gemeente, programma_opgave__versie=versie).values_list(
                "programma_opgave_id", flat=True
            )
        ) | set(
            Stemming.objects.filter(
                gemeente=gemeente, versie=versie, bevestigd_op__isnull=True, vervallen_reden=""
            ).values_list("programma_opgave_id", flat=True)
        )
        vrij = versie.opgaven.exclude(pk__in=bezet).order_by("rangorde").first()
        if vrij is not None:
            [stemming] = raden.open_stemmingen(
                gemeente=gemeente,
                versie=versie,
                vergaderdatum=timezone.localdate(),
                acting_user=griffier,
                opgaven=[vrij],
            )
            return {"soort": "openen", "stemming": stemming.pk}
    raise Klaar


def schrijf() -> None:
    """The writer process (started by meet() with `python -c`): prints one JSON line with the
    session of a logged-in griffier and its start, then one per write, until stdin closes."""
    import django

    django.setup()
    from django.db import close_old_connections
    from django.test import Client
    from django.utils import timezone

    def meld(**velden) -> None:
        sys.stdout.write(json.dumps(velden) + "\n")
        sys.stdout.flush()

    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    doelwitten = doelen()
    if not doelwitten:
        meld(fout="er loopt geen besluitronde met een griffier")
        return
    client = Client()
    client.force_login(doelwitten[0][0], backend="django.contrib.auth.backends.ModelBackend")
    sinds = timezone.now()
    meld(
        sessie=client.cookies[settings.SESSION_COOKIE_NAME].value,
        sinds=sinds.isoformat(),
        gemeenten=len(doelwitten),
    )
    close_old_connections()
    klaar = False
    while not stop.is_set():
        if klaar:
            stop.wait(0.5)
            continue
        close_old_connections()  # as a request starts: a connection from the pool
        begin = time.monotonic()
        try:
            uitkomst = {"ok": True, **stap(doelwitten, sinds)}
        except Klaar:
            klaar = True
            meld(klaar=True)
            continue
        except Exception as fout:  # noqa: BLE001 - every failure is a result of the bench
            uitkomst = {"ok": False, "fout": f"{type(fout).__name__}: {fout}"[:200]}
        finally:
            close_old_connections()  # as a request ends: back to the pool
        meld(t0=begin, t1=time.monotonic(), **uitkomst)
        stop.wait(PAUZE_S)
