"""The voting screens of a gemeenteraad: the griffier's round page (which opgaven of the current
version the raad still decides on, opening a voting window), and the page of one Stemming where
a raadslid casts their own vote and the griffier records the rest, closes and confirms.

Every rule is the service's (raden.services.stemmen); its DomeinFout is shown on the page,
never a 500. htmx only for the raadslid's vote, which also works as a plain form POST."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from programma.models import ProgrammaVersie
from programma.selectors import vervanging_van
from raden import services
from raden.cijfers import Stand, dekking_van
from raden.forms_stemmen import (
    AFWIJKINGEN,
    BevestigenForm,
    FractieForm,
    OpenenForm,
    StemForm,
    VastleggenForm,
)
from raden.models import Fractie, Keuze, Stem, Stemming, Uitkomst
from raden.permissions import GRIFFIER_VAN, RAADSLID_VAN, is_griffier, zetel_van
from raden.uitslag import Uitslag
from regio.exceptions import DomeinFout
from regio.models import Gemeente
from regio.permissions import heeft_objectrecht

STANDEN = {
    Stand.JA: gettext_lazy("besloten: neemt deel"),
    Stand.NEE: gettext_lazy("besloten: neemt niet deel"),
    Stand.OPEN: gettext_lazy("stemming open"),
    Stand.GESLOTEN: gettext_lazy("gestemd, te bevestigen"),
    Stand.UITGESTELD: gettext_lazy("staken der stemmen: opnieuw in een volgende vergadering"),
    Stand.OPNIEUW: gettext_lazy("opnieuw besluiten (eerder besloten over een oudere versie)"),
    Stand.GEEN: gettext_lazy("nog geen besluit"),
}

STEMMING_STANDEN = {
    "open": gettext_lazy("open: er kan worden gestemd"),
    "gesloten": gettext_lazy("gesloten, wacht op bevestiging door de griffier"),
    "bevestigd": gettext_lazy("bevestigd"),
    "vervallen": gettext_lazy("vervallen"),
}


def _gemeente(slug: str, **kwargs) -> Gemeente:
    return get_object_or_404(Gemeente, slug=slug)


def _stemming(gemeente: Gemeente, pk: int) -> Stemming:
    """A Stemming of this gemeente (one of another gemeente through this slug: 404)."""
    return get_object_or_404(
        Stemming.objects.select_related(
            "gemeente", "versie__jaarprogramma", "programma_opgave__opgave", "herstemming_van"
        ),
        pk=pk,
        gemeente=gemeente,
    )


# --- the round page ---------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@heeft_objectrecht(GRIFFIER_VAN, _gemeente)
def besluiten(request: HttpRequest, slug: str, jaar: int) -> HttpResponse:
    gemeente = request.toegang_object
    versie = (
        ProgrammaVersie.objects.filter(jaarprogramma__jaar=jaar)
        .bevroren()
        .select_related("jaarprogramma")
        .order_by("-nummer")
        .first()
    )
    if versie is None:
        raise Http404
    matrix = dekking_van(versie)
    kolom = next(
        (i for i, k in enumerate(matrix.kolommen) if k.deelnemer.gemeente_id == gemeente.pk), None
    )
    rijen = []
    if kolom is not None:
        for rij in matrix.rijen:
            cel = rij.cellen[kolom]
            rijen.append({"po": rij.programma_opgave, "cel": cel, "stand": STANDEN[cel.stand]})
    form = OpenenForm(
        request.POST if request.method == "POST" else None,
        opgaven=[r["po"] for r in rijen],
    )
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = services.open_stemmingen(
                gemeente=gemeente,
                versie=versie,
                vergaderdatum=form.cleaned_data["vergaderdatum"],
                opgaven=form.gekozen(),
                acting_user=request.user,
            )
        except DomeinFout as fout:
            form.add_error(None, fout)
        else:
            messages.success(
                request,
                ngettext(
                    "De stemming is geopend over %(aantal)s opgave.",
                    "De stemming is geopend over %(aantal)s opgaven.",
                    len(nieuw),
                )
                % {"aantal": len(nieuw)},
            )
            return redirect("besluiten", slug=gemeente.slug, jaar=jaar)
    return render(
        request,
        "raden/stemmen/besluiten.html",
        {
            "gemeente": gemeente,
            "versie": versie,
            "deelnemer": kolom is not None,
            "kolom": matrix.kolommen[kolom] if kolom is not None else None,
            "rijen": rijen,
            "form": form,
            "open_kan": versie.jaarprogramma.status == "voorgesteld",
        },
    )


# --- one Stemming -----------------------------------------------------------------------


def _uitslag_tekst(stemming: Stemming) -> dict | None:
    """The outcome stored when the window closed, in words."""
    if not stemming.uitkomst:
        return None
    u = Uitslag(
        stemming.zittend,
        stemming.voor,
        stemming.tegen,
        stemming.afwezig,
        stemming.onthouden,
        Uitkomst(stemming.uitkomst),
    )
    nodig = stemming.zittend // 2 + 1
    if u.uitkomst == Uitkomst.AANGENOMEN:
        kop = _("Aangenomen")
        uitleg = _("Meer dan de helft van de uitgebrachte stemmen was voor.")
    elif u.uitkomst == Uitkomst.VERWORPEN:
        kop = _("Verworpen")
        if u.voor == u.tegen and stemming.herstemming_van_id:
            uitleg = _(
                "De stemmen staakten opnieuw, in de vergadering na de eerste stemming: het "
                "voorstel is niet aangenomen."
            )
        elif u.voor == u.tegen:
            uitleg = _(
                "De stemmen staakten in een voltallige vergadering: het voorstel is niet "
                "aangenomen."
            )
        else:
            uitleg = _("Niet meer dan de helft van de uitgebrachte stemmen was voor.")
    elif u.uitkomst == Uitkomst.UITGESTELD:
        kop = _("Staken der stemmen: uitgesteld naar een volgende vergadering")
        uitleg = _(
            "De stemmen staakten en niet alle leden waren aanwezig. In een volgende vergadering "
            "wordt opnieuw gestemd; staken de stemmen dan weer, dan is het voorstel niet "
            "aangenomen."
        )
    else:
        kop = _("Geen quorum")
        uitleg = _(
            "Er waren %(aanwezig)s van de %(zittend)s zittende leden aanwezig; voor een quorum "
            "moet meer dan de helft aanwezig zijn, dus minstens %(nodig)s. Een lid dat zich "
            "wegens persoonlijk belang onthoudt, telt als aanwezig. De stemming kan zo niet "
            "worden gehouden: heropen haar in een vergadering met quorum."
        ) % {"aanwezig": u.aanwezig, "zittend": u.zittend, "nodig": nodig}
    return {"uitkomst": u.uitkomst, "kop": kop, "uitleg": uitleg, "uitslag": u}


def _context(request, gemeente: Gemeente, stemming: Stemming, **extra) -> dict:
    griffier = is_griffier(request.user, gemeente)
    zetel = zetel_van(request.user, gemeente)
    stemmen = {
        s.raadslid_id: s
        for s in Stem.objects.filter(stemming=stemming).select_related("uitgebracht_door")
    }
    context = {
        "gemeente": gemeente,
        "stemming": stemming,
        "stand": STEMMING_STANDEN[stemming.stand],
        "griffier": griffier,
        "zetel": zetel,
        "eigen_stem": stemmen.get(zetel.pk) if zetel else None,
        "uitslag": _uitslag_tekst(stemming),
        "bevestigen_form": BevestigenForm(),
        "keuzes": Keuze.choices,
        # a vote on a version a correction superseded says so, like that version's own page
        "vervanging": vervanging_van(stemming.versie),
    }
    if griffier:
        leden = list(
            services.stemgerechtigden(stemming)
            .select_related("fractie")
            .order_by("fractie__naam", "achternaam", "voornaam", "pk")
        )
        # a refused quick entry keeps what was ticked, in the form of its fractie
        fout = extra.get("fractie_form")
        data = fout.data if fout is not None else {}
        behalve = set(data.getlist("behalve")) if data else set()
        fracties = []
        for fractie, groep in groupby(leden, key=lambda lid: lid.fractie):
            deze = data.get("fractie") == str(fractie.pk)
            fracties.append(
                {
                    "fractie": fractie,
                    "keuze": data.get("keuze") if deze else "",
                    "leden": [
                        {
                            "lid": lid,
                            "stem": stemmen.get(lid.pk),
                            "behalve": deze and str(lid.pk) in behalve,
                            "afwijking": data.get(f"afwijking_{lid.pk}", "") if deze else "",
                        }
                        for lid in groep
                    ],
                }
            )
        context["fracties"] = fracties
        context["afwijkingen"] = AFWIJKINGEN
        if stemming.is_open and not stemming.is_vervallen:
            context["telling"] = services.uitslag_van(stemming)
            context["gestemd"] = len(stemmen)
            context["zittend"] = len(leden)
    context.update(extra)
    return context


def _pagina(request, gemeente, stemming, **extra) -> HttpResponse:
    return render(
        request, "raden/stemmen/stemming.html", _context(request, gemeente, stemming, **extra)
    )


def _terug(stemming: Stemming, anker: str = "") -> HttpResponse:
    return redirect(
        reverse("stemming", kwargs={"slug": stemming.gemeente.slug, "pk": stemming.pk}) + anker
    )


@require_http_methods(["GET", "HEAD"])
@heeft_objectrecht((GRIFFIER_VAN, RAADSLID_VAN), _gemeente)
def stemming(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The griffier and the sitting raadsleden of the gemeente see the vote."""
    gemeente = request.toegang_object
    return _pagina(request, gemeente, _stemming(gemeente, pk))


@require_POST
@vary_on_headers("HX-Request")
@heeft_objectrecht(RAADSLID_VAN, _gemeente)
def stem(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A raadslid's own vote: voor or tegen, changeable until the window closes."""
    gemeente = request.toegang_object
    stemming = _stemming(gemeente, pk)
    form = StemForm(request.POST)
    fout = None
    if form.is_valid():
        try:
            services.stem(
                stemming=stemming,
                raadslid=zetel_van(request.user, gemeente),
                keuze=form.cleaned_data["keuze"],
                acting_user=request.user,
            )
        except DomeinFout as e:
            fout = " ".join(e.messages)
    else:
        fout = _("Kies voor of tegen.")
    if request.htmx:
        stemming.refresh_from_db()
        context = _context(request, gemeente, stemming, stem_fout=fout)
        response = render(request, "raden/stemmen/_uw_stem.html", context)
        response["Vary"] = "HX-Request"
        return response
    if fout:
        stemming.refresh_from_db()
        return _pagina(request, gemeente, stemming, stem_fout=fout)
    messages.success(
        request,
        _("Uw stem is vastgelegd: %(keuze)s.") % {"keuze": Keuze(form.cleaned_data["keuze"]).label},
    )
    return _terug(stemming, "#uw-stem")


@require_POST
@heeft_objectrecht(GRIFFIER_VAN, _gemeente)
def stem_vastleggen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The griffier records one member's vote (also niet deelgenomen, with the reason)."""
    gemeente = request.toegang_object
    stemming = _stemming(gemeente, pk)
    form = VastleggenForm(request.POST, leden=services.stemgerechtigden(stemming))
    if form.is_valid():
        try:
            services.stem(
                stemming=stemming,
                raadslid=form.lid,
                keuze=form.cleaned_data["keuze"],
                reden=form.cleaned_data["reden"],
                acting_user=request.user,
            )
        except DomeinFout as fout:
            form.add_error(None, fout)
        else:
            messages.success(
                request, _("De stem van %(naam)s is vastgelegd.") % {"naam": form.lid.naam}
            )
            return _terug(stemming, f"#lid-{form.lid.pk}")
    stemming.refresh_from_db()
    return _pagina(request, gemeente, stemming, vastleggen_form=form)


@require_POST
@heeft_objectrecht(GRIFFIER_VAN, _gemeente)
def stem_fractie(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The quick entry: a fractie votes as one, except the members ticked."""
    gemeente = request.toegang_object
    stemming = _stemming(gemeente, pk)
    form = FractieForm(
        request.POST,
        fracties=Fractie.objects.filter(gemeente=gemeente),
        leden=list(services.stemgerechtigden(stemming)),
    )
    if form.is_valid():
        fractie = form.gekozen_fractie
        try:
            services.stem_fractie(
                stemming=stemming,
                fractie=fractie,
                keuze=form.cleaned_data["keuze"],
                uitzonderingen=form.uitzonderingen,
                acting_user=request.user,
            )
        except DomeinFout as fout:
            form.add_error(None, fout)
        else:
            messages.success(
                request,
                _("De stemmen van %(fractie)s zijn vastgelegd.") % {"fractie": fractie.naam},
            )
            return _terug(stemming, f"#fractie-{fractie.pk}")
    stemming.refresh_from_db()
    return _pagina(request, gemeente, stemming, fractie_form=form)


def _actie(request, slug, pk, uitvoeren, gelukt: str) -> HttpResponse:
    gemeente = request.toegang_object
    stemming = _stemming(gemeente, pk)
    try:
        uitvoeren(stemming)
    except DomeinFout as fout:
        stemming.refresh_from_db()
        return _pagina(request, gemeente, stemming, actie_fout=" ".join(fout.messages))
    messages.success(request, gelukt)
    return _terug(stemming)


@require_POST
@heeft_objectrecht(GRIFFIER_VAN, _gemeente)
def stemming_sluiten(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _actie(
        request,
        slug,
        pk,
        lambda s: services.sluit_stemming(stemming=s, acting_user=request.user),
        _("De stemming is gesloten. Controleer de uitslag en bevestig haar."),
    )


@require_POST
@heeft_objectrecht(GRIFFIER_VAN, _gemeente)
def stemming_heropenen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _actie(
        request,
        slug,
        pk,
        lambda s: services.heropen_stemming(stemming=s, acting_user=request.user),
        _("De stemming is heropend."),
    )


@require_POST
@heeft_objectrecht(GRIFFIER_VAN, _gemeente)
def stemming_bevestigen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    gemeente = request.toegang_object
    stemming = _stemming(gemeente, pk)
    form = BevestigenForm(request.POST)
    if form.is_valid():
        try:
            services.bevestig_stemming(
                stemming=stemming,
                zienswijze=form.cleaned_data["zienswijze"],
                acting_user=request.user,
            )
        except DomeinFout as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, _("De uitslag is bevestigd."))
            return _terug(stemming)
    stemming.refresh_from_db()
    # the form is only on the page of a closed vote; otherwise the refusal stands on its own
    fout = None
    if stemming.stand != "gesloten":
        fout = " ".join(m for fouten in form.errors.values() for m in fouten)
    return _pagina(request, gemeente, stemming, bevestigen_form=form, actie_fout=fout)
