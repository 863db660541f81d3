"""History pages: a timeline per opgave, programme year and gemeente, and the audit export."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from historie import export, selectors, tijdlijn
from historie.forms import FilterForm
from historie.personen import ONBEKEND, personen
from historie.publicaties import publicaties
from historie.zicht import zicht_voor
from regio.permissions import openbaar

PER_PAGINA = 50


def _terugzetten(request: HttpRequest, gebeurtenissen: list[tijdlijn.Gebeurtenis], lezer) -> None:
    """Link an entry of a concept's opgave or text to the revert of that state, for whoever may
    revert (programma.services.terugzetten decides; the link is only a way there)."""
    try:
        from programma.services.terugzetten import mag_terugzetten
    except ImportError:  # pragma: no cover - until the revert lands
        return
    if not mag_terugzetten(request.user):
        return
    for g in gebeurtenissen:
        if g.soort == tijdlijn.VERWIJDERD or g.versie_id is None:
            continue
        jaar, _nummer, bevroren = lezer.versies.get(g.versie_id, (None, None, True))
        if bevroren:
            continue
        if g.model == "programma.programmaopgave":
            slug = lezer.namen.slug_van_po(g.object_id)
            if slug:
                g.terugzetten = reverse(
                    "terugzetten-opgave", kwargs={"jaar": jaar, "slug": slug, "stand": g.volgorde}
                )
        elif g.model == "programma.programmaversie":
            g.terugzetten = reverse("terugzetten-visie", kwargs={"jaar": jaar, "stand": g.volgorde})


def _pagina(request: HttpRequest, bereik: tijdlijn.Bereik, context: dict) -> HttpResponse:
    zicht = zicht_voor(request.user)
    lezer = tijdlijn.Lezer.voor(bereik, zicht)
    alles = tijdlijn.gebeurtenissen(bereik, zicht, lezer=lezer) + publicaties(bereik, zicht)
    alles.sort(key=lambda g: (g.moment, g.volgorde), reverse=True)
    mensen = personen({g.persoon_id for g in alles})
    velden = sorted(
        {(w.veld, w.veld_label or w.label) for g in alles for w in g.wijzigingen if w.veld}
    )
    gefilterd_op = any(request.GET.get(k) for k in FilterForm.base_fields)
    formulier = FilterForm(
        request.GET if gefilterd_op else None,
        personen=sorted(((p.id, p.weergave) for p in mensen.values()), key=lambda t: t[1]),
        velden=[(v, capfirst(label)) for v, label in dict(velden).items()],
    )
    gefilterd = formulier.filter(alles) if formulier.is_bound else alles
    pagina = Paginator(gefilterd, PER_PAGINA).get_page(request.GET.get("pagina"))
    for g in pagina.object_list:
        g.persoon = mensen.get(g.persoon_id, ONBEKEND)
    # the newest record of a row is its current state: nothing to revert to
    nieuwste: dict[tuple, int] = {}
    for g in alles:
        sleutel = (g.model, g.object_id)
        nieuwste[sleutel] = max(nieuwste.get(sleutel, 0), g.volgorde)
    _terugzetten(
        request,
        [g for g in pagina.object_list if nieuwste[(g.model, g.object_id)] != g.volgorde],
        lezer,
    )
    zoek = request.GET.copy()
    zoek.pop("pagina", None)
    context.update(
        {
            "formulier": formulier,
            "pagina": pagina,
            "totaal": len(alles),
            "gevonden": len(gefilterd),
            "intern": zicht.is_intern,
            "zoekterm": zoek.urlencode(),
            "filter_fout": formulier.is_bound and not formulier.is_valid(),
        }
    )
    return render(request, "historie/geschiedenis.html", context)


@require_safe
@openbaar
def opgave(request: HttpRequest, slug: str) -> HttpResponse:
    o = selectors.opgave_of_404(request.user, slug)
    return _pagina(
        request,
        tijdlijn.bereik_opgave(o),
        {
            "titel": _("Geschiedenis van %(opgave)s") % {"opgave": o.titel},
            "uitleg": _(
                "Wie wat wanneer aan deze opgave veranderde, veld voor veld: elke voorgestelde "
                "versie vergeleken met de versie ervoor, en de besluiten van de gemeenteraden."
            ),
            "terug": (o.get_absolute_url(), o.titel),
        },
    )


@require_safe
@openbaar
def programma(request: HttpRequest, jaar: int) -> HttpResponse:
    p = selectors.jaarprogramma_of_404(request.user, jaar)
    return _pagina(
        request,
        tijdlijn.bereik_jaar(p),
        {
            "titel": _("Geschiedenis van het programma %(jaar)s") % {"jaar": jaar},
            "uitleg": _(
                "Wie wat wanneer aan dit programma veranderde, veld voor veld: elke voorgestelde "
                "versie vergeleken met de versie ervoor, en de status van het programma."
            ),
            "terug": (
                reverse("programma", kwargs={"jaar": jaar}),
                _("Programma %(jaar)s") % {"jaar": jaar},
            ),
            "export": reverse("programma-geschiedenis-csv", kwargs={"jaar": jaar}),
            "dekking": reverse("dekking", kwargs={"jaar": jaar}),
        },
    )


@require_safe
@openbaar
def gemeente(request: HttpRequest, slug: str) -> HttpResponse:
    g = selectors.gemeente_of_404(slug)
    # one programme year at a time: a council votes on every opgave of every version
    jaren = selectors.jaren_met_stemmingen(g)
    gevraagd = request.GET.get("jaar")
    if gevraagd is not None and (not gevraagd.isdigit() or int(gevraagd) not in jaren):
        raise Http404("Geen stemmingen van deze gemeente in dat jaar.")
    jaar = int(gevraagd) if gevraagd else (jaren[0] if jaren else timezone.localdate().year)
    return _pagina(
        request,
        tijdlijn.bereik_gemeente(g, jaar),
        {
            "jaar": jaar,
            "jaren": jaren,
            "titel": _("Geschiedenis van de besluiten van %(gemeente)s") % {"gemeente": g.naam},
            "uitleg": _(
                "Elke stemming van de gemeenteraad over het regionale programma: geopend, de "
                "stemmen, gesloten en bevestigd, en de besluiten die eruit volgden."
            ),
            "terug": (g.get_absolute_url(), g.naam),
        },
    )


@require_safe
@openbaar
def programma_csv(request: HttpRequest, jaar: int) -> HttpResponse:
    p = selectors.jaarprogramma_of_404(request.user, jaar)
    return export.antwoord(p, zicht_voor(request.user))
