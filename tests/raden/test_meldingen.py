"""E-mail notifications of the decision round: who gets which mail, sent only after commit, one
message per recipient, and nothing for a change that is rolled back."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.utils import timezone

from programma import services as programma_services
from programma.models import Jaarprogramma, ProgrammaVersie
from raden import meldingen, services
from raden.models import Fractie, Keuze, Raadslid, Vraag
from raden.views.mijn import ronde_versie
from regio.models import Gemeente, GemeenteUserObjectPermission

pytestmark = pytest.mark.django_db

User = get_user_model()


def _user(naam: str):
    return User.objects.get(username=naam)


def _ontvangers() -> list[str]:
    for bericht in mail.outbox:
        assert len(bericht.to) == 1, "one message per recipient"
    return sorted(b.to[0] for b in mail.outbox)


def _griffiers_van(versie: ProgrammaVersie) -> list[str]:
    gemeenten = versie.deelnemers.values("gemeente_id")
    users = GemeenteUserObjectPermission.objects.filter(
        permission__codename="griffier_van", content_object_id__in=gemeenten
    ).values("user_id")
    return sorted(User.objects.filter(pk__in=users).values_list("email", flat=True))


def _open_in_nijmegen(aantal: int = 1):
    """Votes on the first opgaven of the round in Nijmegen, which has nothing on 2027 yet (the
    demo has a window open in Arnhem on every opgave)."""
    versie = ronde_versie()
    return services.open_stemmingen(
        gemeente=Gemeente.objects.get(slug="nijmegen"),
        versie=versie,
        vergaderdatum=timezone.localdate(),
        acting_user=_user("griffier-nijmegen"),
        opgaven=list(versie.opgaven.order_by("rangorde")[:aantal]),
    )


def test_griffiers_horen_van_een_voorstel(demo, django_capture_on_commit_callbacks):
    concept = ProgrammaVersie.objects.concepten().get(jaarprogramma__jaar=2028)
    with django_capture_on_commit_callbacks(execute=True):
        versie = programma_services.stel_programma_voor(
            versie=concept, acting_user=_user("regiobestuur")
        )
    assert _ontvangers() == _griffiers_van(versie)
    assert len(mail.outbox) == 18
    bericht = mail.outbox[0]
    assert bericht.subject == "Jaarprogramma 2028 voorgesteld aan de raden"
    assert "Geachte griffier," in bericht.body
    assert "/mijn/" in bericht.body and "/programma/2028/dekking/" in bericht.body


def test_griffiers_horen_van_een_correctie_met_reden(demo, django_capture_on_commit_callbacks):
    (stemming,) = _open_in_nijmegen()
    bestuur = _user("regiobestuur")
    reden = "Het budget van de energietransitie bevatte een rekenfout."
    concept = programma_services.corrigeer_programma(
        jaarprogramma=Jaarprogramma.objects.get(jaar=2027), reden=reden, acting_user=bestuur
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        versie = programma_services.stel_programma_voor(versie=concept, acting_user=bestuur)
    stemming.refresh_from_db()
    assert stemming.is_vervallen
    correcties = [b for b in mail.outbox if b.subject.startswith("Gecorrigeerd")]
    assert sorted(b.to[0] for b in correcties) == _griffiers_van(versie)
    body = correcties[0].body
    assert correcties[0].subject == f"Gecorrigeerd jaarprogramma 2027: versie {versie.nummer}"
    assert reden in body
    assert f"Stemmingen die nog liepen over versie {versie.nummer - 1} zijn vervallen" in body
    # the griffiers whose votes lapsed are also told so on their own: Nijmegen's here and
    # Arnhem's (the demo's open window), one message each
    vervallen = [b for b in mail.outbox if b.subject.startswith("Stemmingen vervallen")]
    assert sorted(b.to for b in vervallen) == [
        ["griffier-arnhem@demo.regioportaal.nl"],
        ["griffier-nijmegen@demo.regioportaal.nl"],
    ]


def test_raadsleden_met_account_horen_van_een_geopende_stemming(
    demo, django_capture_on_commit_callbacks
):
    nijmegen = Gemeente.objects.get(slug="nijmegen")
    fractie = Fractie.objects.filter(gemeente=nijmegen).first()
    # a second member with an account, and one whose account has no address
    tweede = User.objects.create_user("raadslid-tweede", email="tweede@nijmegen.nl")
    zonder = User.objects.create_user("raadslid-zonder-adres", email="")
    for user in (tweede, zonder):
        Raadslid.objects.create(
            gemeente=nijmegen,
            fractie=fractie,
            voornaam="Test",
            achternaam=user.username,
            user=user,
            begin=timezone.localdate(),
        )
    with django_capture_on_commit_callbacks(execute=True):
        _open_in_nijmegen(2)
    assert _ontvangers() == ["raadslid-nijmegen@demo.regioportaal.nl", "tweede@nijmegen.nl"]
    bericht = mail.outbox[0]
    assert bericht.subject == "Stemming geopend in de raad van Nijmegen"
    assert "over 2 opgaven" in bericht.body
    assert "Geacht raadslid," in bericht.body


def test_regio_hoort_van_een_bevestigd_besluit(demo, django_capture_on_commit_callbacks):
    (stemming,) = _open_in_nijmegen()
    griffier = _user("griffier-nijmegen")
    for fractie in Fractie.objects.filter(gemeente__slug="nijmegen"):
        services.stem_fractie(
            stemming=stemming, fractie=fractie, keuze=Keuze.VOOR, acting_user=griffier
        )
    services.sluit_stemming(stemming=stemming, acting_user=griffier)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        besluit = services.bevestig_stemming(
            stemming=stemming, acting_user=griffier, zienswijze="Graag meer zon op dak."
        )
    assert besluit.deelname
    assert _ontvangers() == [
        "programmabureau@demo.regioportaal.nl",
        "regiobestuur@demo.regioportaal.nl",
    ]
    bericht = mail.outbox[0]
    titel = stemming.programma_opgave.opgave.titel
    assert bericht.subject == f"Besluit van Nijmegen over {titel}"
    assert "De gemeente neemt deel." in bericht.body
    assert "Graag meer zon op dak." in bericht.body


def test_vrager_hoort_het_antwoord(demo, django_capture_on_commit_callbacks):
    po = ronde_versie().opgaven.get(opgave__slug="energietransitie")
    vraag = services.stel_vraag(
        programma_opgave=po, tekst="Hoeveel MW?", acting_user=_user("raadslid-arnhem")
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.beantwoord_vraag(
            vraag=vraag, antwoord="Veertig MW.", acting_user=_user("programmabureau")
        )
    assert _ontvangers() == ["raadslid-arnhem@demo.regioportaal.nl"]
    bericht = mail.outbox[0]
    assert bericht.subject.startswith("Uw vraag over Energietransitie")
    assert "Hoeveel MW?" in bericht.body and "Veertig MW." in bericht.body
    assert "/opgaven/energietransitie/2027/" in bericht.body


def test_niets_bij_een_terugdraaiing(demo, django_capture_on_commit_callbacks):
    po = ronde_versie().opgaven.get(opgave__slug="energietransitie")
    vraag = services.stel_vraag(
        programma_opgave=po, tekst="Hoeveel MW?", acting_user=_user("raadslid-arnhem")
    )
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.beantwoord_vraag(
            vraag=vraag, antwoord="Veertig MW.", acting_user=_user("programmabureau")
        )
        _open_in_nijmegen()
        raise RuntimeError("iets anders mislukt daarna")
    assert callbacks == []
    assert mail.outbox == []
    assert not Vraag.objects.get(pk=vraag.pk).is_beantwoord


def test_een_mislukte_mail_breekt_niets(demo, django_capture_on_commit_callbacks, monkeypatch):
    def kapot(*args, **kwargs):
        raise ConnectionRefusedError("geen mailserver")

    monkeypatch.setattr(meldingen, "send_mass_mail", kapot)
    with django_capture_on_commit_callbacks(execute=True):
        (stemming,) = _open_in_nijmegen()
    assert stemming.is_open and mail.outbox == []
