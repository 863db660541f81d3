"""The bench's writes, each in a transaction that is rolled back: proposing the demo's 2028
concept and a generated programme of GROOT_OPGAVEN opgaven for GROOT_GEMEENTEN gemeenten, and a
whole council vote in Nijmegen."""

from __future__ import annotations

import datetime
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q

from opgaven.models import Opgave
from programma import services
from programma.models import Bijdrage, Jaarprogramma, ProgrammaVersie
from programma.selectors import concept_versie_van_jaar
from regio.models import Bestuurder, Gemeente, Inwonertal, Lidmaatschap, Partner, Thema

# The generated programme: a year no demo or test uses, CBS codes GM9001-GM9342.
GROOT_JAAR = 2090
GROOT_OPGAVEN = 200
GROOT_GEMEENTEN = 342


class Teruggedraaid(Exception):
    """Raised to leave a transaction.atomic block the bench always rolls back."""


class Teller:
    """An execute wrapper that counts the statements sent to the database."""

    def __init__(self):
        self.aantal = 0

    def __call__(self, execute, sql, params, many, context):
        self.aantal += 1
        return execute(sql, params, many, context)


def meet(naam: str, versie: ProgrammaVersie, bestuur, keer: int) -> tuple | str:
    """Propose `versie` up to `keer` times (fewer once a minute has passed), each inside a
    savepoint that is rolled back. Queries are counted by an execute wrapper: the log that
    CaptureQueriesContext reads keeps only the last 9,000."""
    tijden, queries, bijdragen = [], 0, 0
    while len(tijden) < keer and sum(tijden) < 60_000:
        teller = Teller()
        try:
            with transaction.atomic():
                with connection.execute_wrapper(teller):
                    begin = time.perf_counter()
                    services.stel_programma_voor(versie=versie, acting_user=bestuur)
                    tijden.append((time.perf_counter() - begin) * 1000)
                queries = teller.aantal
                bijdragen = Bijdrage.objects.filter(programma_opgave__versie=versie).count()
                raise Teruggedraaid
        except Teruggedraaid:
            pass
        except Exception as fout:  # a refusal is a result of the bench, not a crash
            return f"{naam:<36} niet gemeten: {fout}"
    return naam, queries, tijden, bijdragen


def voorstel_2028(bestuur, keer: int) -> tuple | str:
    versie = concept_versie_van_jaar(2028)
    if versie is None:
        return f"{'concept 2028':<36} niet gemeten: er is geen concept 2028"
    leden = Gemeente.objects.leden_op(datetime.date(2028, 1, 1)).count()
    naam = f"concept 2028 ({versie.opgaven.count()} opgaven × {leden} gem.)"
    return meet(naam, versie, bestuur, keer)


def stemming() -> str:
    """A whole council vote in Nijmegen (39 members, nothing decided on 2027 in the demo)
    through the services and rolled back: per vote, closing and confirming, and the matrix
    after it."""
    from raden import services as raden
    from raden.cijfers import dekking_van
    from raden.models import Keuze

    griffier = get_user_model().objects.get(username="griffier-nijmegen")
    gemeente = Gemeente.objects.get(slug="nijmegen")
    versie = (
        ProgrammaVersie.objects.bevroren()
        .filter(jaarprogramma__jaar=2027)
        .order_by("-nummer")
        .first()
    )
    uit = "stemming Nijmegen: niet gemeten"
    try:
        with transaction.atomic():
            stemming = raden.open_stemmingen(
                gemeente=gemeente,
                versie=versie,
                vergaderdatum=datetime.date.today(),
                acting_user=griffier,
            )[0]
            leden = list(raden.stemgerechtigden(stemming).select_related("fractie"))
            teller = Teller()
            begin = time.perf_counter()
            with connection.execute_wrapper(teller):
                for i, lid in enumerate(leden):
                    keuze = Keuze.VOOR if i % 3 else Keuze.TEGEN
                    raden.stem(stemming=stemming, raadslid=lid, keuze=keuze, acting_user=griffier)
            per_stem_ms = (time.perf_counter() - begin) * 1000 / len(leden)
            per_stem_q = teller.aantal / len(leden)
            begin = time.perf_counter()
            raden.sluit_stemming(stemming=stemming, acting_user=griffier)
            raden.bevestig_stemming(stemming=stemming, acting_user=griffier)
            afronden_ms = (time.perf_counter() - begin) * 1000
            teller = Teller()
            with connection.execute_wrapper(teller):
                begin = time.perf_counter()
                dekking_van(versie)
                matrix_ms = (time.perf_counter() - begin) * 1000
            uit = (
                f"stemming Nijmegen ({len(leden)} leden, teruggedraaid): "
                f"{per_stem_ms:.1f} ms en {per_stem_q:.0f} queries per stem; sluiten + "
                f"bevestigen {afronden_ms:.0f} ms; dekkingsmatrix {matrix_ms:.1f} ms, "
                f"{teller.aantal} queries"
            )
            raise Teruggedraaid
    except Teruggedraaid:
        pass
    except Exception as fout:  # a refusal is a result of the bench, not a crash
        uit = f"stemming Nijmegen: niet gemeten: {fout}"
    return uit


def voorstel_groot(bestuur, keer: int) -> tuple[tuple | str, float | None]:
    """The generated programme proposed and rolled back: (the measurement, the seconds its
    construction took, which the measurement leaves out)."""
    naam = f"{GROOT_OPGAVEN} opgaven × {GROOT_GEMEENTEN} gemeenten"
    if Jaarprogramma.objects.filter(jaar=GROOT_JAAR).exists():
        return f"{naam:<36} niet gemeten: er bestaat al een programma {GROOT_JAAR}", None
    uitkomst: tuple | str = ""
    opbouw_s = None
    try:
        with transaction.atomic():
            begin = time.perf_counter()
            versie = genereer(bestuur)
            opbouw_s = time.perf_counter() - begin
            uitkomst = meet(naam, versie, bestuur, keer)
            raise Teruggedraaid
    except Teruggedraaid:
        pass
    return uitkomst, opbouw_s


def genereer(bestuur) -> ProgrammaVersie:
    """A concept of GROOT_OPGAVEN opgaven for GROOT_GEMEENTEN member gemeenten (and no others)."""
    peildatum = datetime.date(GROOT_JAAR - 1, 1, 1)
    # The demo gemeenten leave before the generated year, so exactly the generated ones share.
    Lidmaatschap.objects.filter(Q(einde__isnull=True) | Q(einde__gte=peildatum)).update(
        einde=peildatum - datetime.timedelta(days=1)
    )
    gemeenten = Gemeente.objects.bulk_create(
        Gemeente(
            naam=f"Benchgemeente {n}",
            slug=f"benchgemeente-{n}",
            cbs_code=f"GM{9000 + n:04d}",
            provincie="gelderland",
        )
        for n in range(1, GROOT_GEMEENTEN + 1)
    )
    Inwonertal.objects.bulk_create(
        Inwonertal(gemeente=g, peildatum=peildatum, inwoners=1_000 + (n * 7_919) % 150_000)
        for n, g in enumerate(gemeenten)
    )
    Lidmaatschap.objects.bulk_create(Lidmaatschap(gemeente=g, begin=peildatum) for g in gemeenten)
    houders = Bestuurder.objects.bulk_create(
        Bestuurder(
            naam=f"Benchbestuurder {n}", functie="wethouder", gemeente=gemeenten[n % len(gemeenten)]
        )
        for n in range(20)
    )
    thema = Thema.objects.order_by("volgorde").first()
    partners = list(Partner.objects.order_by("slug")[:2])
    opgaven = Opgave.objects.bulk_create(
        Opgave(titel=f"Benchopgave {n}", slug=f"benchopgave-{n}", thema=thema, sinds=GROOT_JAAR)
        for n in range(1, GROOT_OPGAVEN + 1)
    )
    versie = services.maak_jaarprogramma(
        jaar=GROOT_JAAR, titel=f"Benchprogramma {GROOT_JAAR}", acting_user=bestuur
    )
    vorige = None
    for n, opgave in enumerate(opgaven):
        po = services.neem_opgave_op(
            versie=versie,
            opgave=opgave,
            acting_user=bestuur,
            doel="Doel.",
            resultaat="Resultaat.",
            mandaat="Mandaat.",
            sturing="Sturing.",
            budget=100_000 + n * 12_345,
            capaciteit_fte=Decimal("1.5"),
            portefeuillehouder=houders[n % len(houders)],
            rangorde=n + 1,
            partners=partners,
            bestuurders=[houders[(n + 1) % len(houders)]],
        )
        services.voeg_externe_regeling_toe(
            programma_opgave=po,
            naam="Regeling",
            niveau="provincie",
            verwachte_cofinanciering=50_000,
            acting_user=bestuur,
        )
        if vorige is not None and n % 2:
            services.voeg_synergie_toe(
                van=vorige, naar=po, toelichting="Samen.", acting_user=bestuur
            )
        vorige = po
    return versie
