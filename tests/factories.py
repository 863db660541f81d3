"""factory_boy factories. They use their own years (2040 on) and CBS codes (GM9xxx) so they
never collide with the demo region that page tests load once per session."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from opgaven.models import Opgave
from regio.models import Bestuurder, Gemeente, Inwonertal, Lidmaatschap, Partner, Thema


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    password = factory.django.Password("geheim-wachtwoord")


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Testgemeente {n}")
    slug = factory.Sequence(lambda n: f"testgemeente-{n}")
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    provincie = "gelderland"

    @factory.post_generation
    def inwoners(self, create, extracted, **kwargs):
        if create and extracted is not None:
            Inwonertal.objects.create(
                gemeente=self,
                peildatum=kwargs.get("peildatum", datetime.date(2039, 1, 1)),
                inwoners=extracted,
            )

    @factory.post_generation
    def lid_sinds(self, create, extracted, **kwargs):
        if create and extracted is not False:
            Lidmaatschap.objects.create(
                gemeente=self,
                begin=extracted or datetime.date(2039, 1, 1),
                einde=kwargs.get("einde"),
            )


class ThemaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thema

    naam = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    naam = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    soort = Partner.Soort.KENNISINSTELLING


class BestuurderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bestuurder

    naam = factory.Sequence(lambda n: f"Bestuurder {n}")
    functie = Bestuurder.Functie.WETHOUDER
    gemeente = factory.SubFactory(GemeenteFactory)


class OpgaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opgave

    titel = factory.Sequence(lambda n: f"Opgave {n}")
    slug = factory.Sequence(lambda n: f"opgave-{n}")
    thema = factory.SubFactory(ThemaFactory)
    sinds = 2040


def opgave_inhoud(**extra) -> dict:
    """Keyword arguments for programma.services.neem_opgave_op with every field filled."""
    waarden = {
        "doel": "Het doel van de opgave.",
        "resultaat": "Het meetbare resultaat.",
        "mandaat": "Het uitvoeringsmandaat.",
        "sturing": "Stuurgroep en rapportage per tertiaal.",
        "budget": 1_000_000,
        "capaciteit_fte": Decimal("2.5"),
        "capaciteit_toelichting": "Programmabureau en gemeenten.",
    }
    waarden.update(extra)
    return waarden


def inhoud_van(po, **wijziging) -> dict:
    """The keyword arguments of programma.services.werk_opgave_bij for `po` as it is stored
    (read again), with these changes: an edit that changes only what a test names."""
    from programma.models import ProgrammaOpgave

    po = ProgrammaOpgave.objects.get(pk=po.pk)
    leden = list(po.stuurgroep.all())
    waarden = {
        "doel": po.doel,
        "resultaat": po.resultaat,
        "mandaat": po.mandaat,
        "sturing": po.sturing,
        "budget": po.budget,
        "capaciteit_fte": po.capaciteit_fte,
        "capaciteit_toelichting": po.capaciteit_toelichting,
        "rangorde": po.rangorde,
        "partners": [lid.partner for lid in leden if lid.partner_id],
        "bestuurders": [lid.bestuurder for lid in leden if lid.bestuurder_id],
    }
    waarden.update(wijziging)
    return waarden


def opgave_post(po, **wijziging) -> dict:
    """The edit form of an opgave in a concept as a browser sends it (Dutch amounts), with
    these changes."""
    leden = list(po.stuurgroep.all())
    data = {
        "titel": po.opgave.titel,
        "thema": po.opgave.thema_id,
        "doel": po.doel,
        "resultaat": po.resultaat,
        "mandaat": po.mandaat,
        "sturing": po.sturing,
        "budget": f"{po.budget:,}".replace(",", "."),
        "capaciteit_fte": str(po.capaciteit_fte).replace(".", ","),
        "capaciteit_toelichting": po.capaciteit_toelichting,
        "rangorde": po.rangorde,
        "portefeuillehouder": po.portefeuillehouder_id,
        "partners": [lid.partner_id for lid in leden if lid.partner_id],
        "bestuurders": [lid.bestuurder_id for lid in leden if lid.bestuurder_id],
        "wijzigingsnummer": po.wijzigingsnummer,
    }
    data.update(wijziging)
    return data
