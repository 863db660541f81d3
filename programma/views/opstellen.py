"""Drafting a Jaarprogramma in the browser: from a first concept to the proposal to the
councils. Every write goes through programma.services; every view names its access rule."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from opgaven import services as identiteit
from opgaven.services import maak_opgave
from programma import cijfers, selectors, services
from programma.forms import (
    CorrectieForm,
    NieuweOpgaveForm,
    NieuwProgrammaForm,
    OpgaveForm,
    RegelingForm,
    SynergieForm,
    VerdeelsleutelForm,
    VisieForm,
)
from programma.models import (
    ExterneRegeling,
    Jaarprogramma,
    ProgrammaOpgave,
    ProgrammaVersie,
    Synergie,
)
from programma.permissions import BEWERK_OPGAVE, BEWERKEN, VOORSTELLEN, mag_alles_bewerken
from programma.services.opstellen import ONGEWIJZIGD, OPGAVE_VELDEN, VISIE_VELDEN
from programma.views import conflict
from regio.permissions import geheim_object, heeft_recht

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def _concept(user, jaar: int, **kwargs) -> ProgrammaVersie:
    return selectors.zichtbaar_concept_of_404(user, jaar)


def _concept_opgave(user, jaar: int, slug: str, **kwargs) -> ProgrammaOpgave:
    return selectors.zichtbare_concept_opgave_of_404(user, jaar, slug)


# Drafting URLs of a concept: 404 for whoever may not see the concept (as for one that does
# not exist), 403 for whoever sees it but may not do this.
concept_opstellen = geheim_object(_concept, recht=BEWERKEN)
concept_voorstellen = geheim_object(_concept, recht=VOORSTELLEN)
# Drafters edit every opgave; a portefeuillehouder the texts of their own in that version.
eigen_opgave = geheim_object(_concept_opgave, objectrecht=BEWERK_OPGAVE)
# Removing an opgave and its synergieën are the drafters' (synergie weighs in the priority).
opgave_opstellen = geheim_object(_concept_opgave, recht=BEWERKEN)


def _identiteit_vrij(po) -> bool:
    """Title and thema may change while no proposed programme names the opgave."""
    return not po.opgave.versies.filter(versie__bevroren_op__isnull=False).exists()


def _te_bewerken(request, jaar: int, slug: str):
    """The concept and the opgave in it that this URL names, as the access rule loaded them."""
    po = request.toegang_object
    return po.versie, po


def _fout(form, fout: ValidationError) -> None:
    for bericht in fout.messages:
        form.add_error(None, bericht)


def _meld(request, fout: ValidationError) -> None:
    """A refusal without a form (e.g. the version was proposed meanwhile): a message."""
    for bericht in fout.messages:
        messages.error(request, bericht)


@GET_POST
@heeft_recht(BEWERKEN)
def nieuw_programma(request: HttpRequest) -> HttpResponse:
    laatste = Jaarprogramma.objects.order_by("-jaar").first()
    form = NieuwProgrammaForm(
        request.POST or None,
        initial={"jaar": (laatste.jaar + 1) if laatste else None},
    )
    if request.method == "POST" and form.is_valid():
        jaar = form.cleaned_data["jaar"]
        try:
            services.maak_jaarprogramma(
                jaar=jaar,
                titel=form.cleaned_data["titel"],
                overnemen=form.cleaned_data["start"] == "overnemen",
                acting_user=request.user,
            )
        except ValidationError as fout:
            _fout(form, fout)
        else:
            messages.success(
                request, _("Het jaarprogramma %(jaar)s is aangemaakt.") % {"jaar": jaar}
            )
            return redirect("bewerken", jaar=jaar)
    return render(request, "programma/opstellen/nieuw.html", {"form": form})


@require_safe
@concept_opstellen
def overzicht(request: HttpRequest, jaar: int) -> HttpResponse:
    versie = request.toegang_object
    figuren = cijfers.versie_cijfers(versie)
    opgaven = list(figuren.opgaven)
    sorteringen = {
        "rangorde": lambda po: (po.rangorde or 999, po.opgave.titel),
        "synergie": lambda po: (po.synergieprioriteit, po.rangorde or 999, po.opgave.titel),
        "budget": lambda po: (-po.budget, po.opgave.titel),
        "thema": lambda po: (po.opgave.thema.volgorde, po.rangorde or 999, po.opgave.titel),
    }
    sorteer = request.GET.get("sorteer", "thema")
    if sorteer not in sorteringen:
        sorteer = "thema"
    opgaven.sort(key=sorteringen[sorteer])
    return render(
        request,
        "programma/opstellen/overzicht.html",
        {
            "versie": versie,
            "opgaven": opgaven,
            "sorteer": sorteer,
            "cijfers": figuren,
            "mag_voorstellen": request.user.has_perm("programma.stel_voor"),
            "mag_benoemen": request.user.has_perm("programma.benoem_portefeuillehouder"),
        },
    )


@GET_POST
@concept_opstellen
def visie(request: HttpRequest, jaar: int) -> HttpResponse:
    versie = request.toegang_object
    opgeslagen = {naam: getattr(versie, naam) for naam in VISIE_VELDEN}
    opgeslagen["wijzigingsnummer"] = versie.wijzigingsnummer
    form = VisieForm(request.POST or None, initial=opgeslagen)
    if request.method == "POST":
        basis_token = request.POST.get("basis", "")  # a refused form keeps its own basis
    else:
        basis_token = conflict.teken_basis(versie, services.stand_van_visie(versie))
    scherm = None
    if request.method == "POST" and form.is_valid():
        basis, eerder = conflict.lees_basis(
            basis_token, versie, VISIE_VELDEN, form.cleaned_data["wijzigingsnummer"]
        )
        keuzes, ontbreekt = conflict.lees_keuzes(request.POST, eerder)
        if ontbreekt:
            scherm = conflict.opnieuw_vragen(form, VISIE_VELDEN, basis, eerder, keuzes)
        else:
            try:
                with transaction.atomic():
                    samen = services.voeg_visie_samen(
                        versie=versie,
                        verwacht_wijzigingsnummer=form.cleaned_data["wijzigingsnummer"],
                        basis=basis,
                        invoer=conflict.invoer(form, VISIE_VELDEN),
                        keuzes=keuzes,
                    )
                    services.werk_visie_bij(
                        versie=versie,
                        verwacht_wijzigingsnummer=samen.wijzigingsnummer,
                        acting_user=request.user,
                        **samen.waarden,
                    )
            except services.Conflict as fout:
                if fout.samenvoeging is None:  # not from the merge: cannot happen under its lock
                    _fout(form, fout)
                else:
                    form, basis_token, scherm = conflict.na_conflict(
                        VisieForm, fout, versie, form, VISIE_VELDEN, basis
                    )
            except ValidationError as fout:
                _fout(form, fout)
            else:
                messages.success(request, _("De visie is opgeslagen."))
                conflict.meld(request, form, samen)
                return redirect("bewerken", jaar=jaar)
    return render(
        request,
        "programma/opstellen/visie.html",
        {
            "versie": versie,
            "form": form,
            "conflict": scherm,
            "basis": basis_token,
            "standen": _standen(request.user, services.standen_van_visie, versie),
        },
    )


def _standen(user, standen_van, obj) -> list:
    """The last recorded states one may revert to, for whoever may revert (else none)."""
    return standen_van(obj, aantal=10) if services.mag_terugzetten(user) else []


def _opgave_context(request, po, form, scherm=None, basis=None) -> dict:
    if form is not None and basis is None:
        basis = _basis_van(po, OpgaveForm.initial_van(po))
    return {
        "versie": po.versie,
        "po": po,
        "form": form,
        "conflict": scherm,
        "basis": basis,
        "synergieen": selectors.synergieen_van(po),
        # False for a portefeuillehouder: synergieën (they weigh in the priority) and the
        # concept's overview are the drafters'
        "mag_opstellen": mag_alles_bewerken(request.user),
        "synergie_form": SynergieForm(programma_opgave=po),
        # fresh from the database: an inline action may just have changed them
        "regelingen": list(ExterneRegeling.objects.filter(programma_opgave=po)),
        "regeling_form": RegelingForm(),
        "standen": _standen(request.user, services.standen_van_opgave, po),
    }


def _basis_van(po, opgeslagen: dict) -> str:
    return conflict.teken_basis(po, services.stand_van_opgave(opgeslagen))


@GET_POST
@eigen_opgave
def opgave(request: HttpRequest, jaar: int, slug: str) -> HttpResponse:
    versie, po = _te_bewerken(request, jaar, slug)
    mag_benoemen = request.user.has_perm("programma.benoem_portefeuillehouder")
    mag_alles = mag_alles_bewerken(request.user)
    vrij = _identiteit_vrij(po)
    opgeslagen = OpgaveForm.initial_van(po)
    form = OpgaveForm(
        request.POST or None,
        initial=opgeslagen,
        mag_benoemen=mag_benoemen,
        identiteit_vrij=vrij,
        mag_alles=mag_alles,
    )
    basis_token = request.POST.get("basis", "") if request.method == "POST" else None
    scherm = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        basis, eerder = conflict.lees_basis(
            basis_token, po, OPGAVE_VELDEN, data["wijzigingsnummer"]
        )
        keuzes, ontbreekt = conflict.lees_keuzes(request.POST, eerder)
        if ontbreekt:
            scherm = conflict.opnieuw_vragen(form, OPGAVE_VELDEN, basis, eerder, keuzes)
        else:
            scherm, form, basis_token = _sla_opgave_op(
                request, po, form, basis, keuzes, basis_token, mag_benoemen, vrij, mag_alles
            )
        if scherm is None and not form.errors:
            return redirect("bewerken-opgave", jaar=jaar, slug=slug)
    return render(
        request,
        "programma/opstellen/opgave.html",
        _opgave_context(request, po, form, scherm, basis=basis_token or _basis_van(po, opgeslagen)),
    )


def _sla_opgave_op(request, po, form, basis, keuzes, basis_token, mag_benoemen, vrij, mag_alles):
    """Merge and save; (conflict screen or None, the form to show, its basis token)."""
    data = form.cleaned_data
    try:
        with transaction.atomic():
            samen = services.voeg_opgave_samen(
                programma_opgave=po,
                verwacht_wijzigingsnummer=data["wijzigingsnummer"],
                basis=basis,
                invoer=conflict.invoer(form, OPGAVE_VELDEN),
                keuzes=keuzes,
            )
            w = samen.waarden
            services.werk_opgave_bij(
                programma_opgave=po,
                verwacht_wijzigingsnummer=samen.wijzigingsnummer,
                acting_user=request.user,
                doel=w["doel"],
                resultaat=w["resultaat"],
                mandaat=w["mandaat"],
                sturing=w["sturing"],
                budget=w["budget"],
                capaciteit_fte=w["capaciteit_fte"],
                capaciteit_toelichting=w["capaciteit_toelichting"],
                rangorde=w["rangorde"],
                partners=conflict.object_van(form, "partners", w["partners"]),
                bestuurders=conflict.object_van(form, "bestuurders", w["bestuurders"]),
                portefeuillehouder=(
                    conflict.object_van(form, "portefeuillehouder", w["portefeuillehouder"])
                    if mag_benoemen
                    else ONGEWIJZIGD
                ),
            )
            if vrij and mag_alles:
                identiteit.werk_identiteit_bij(
                    opgave=po.opgave,
                    titel=w["titel"],
                    thema=conflict.object_van(form, "thema", w["thema"]),
                    acting_user=request.user,
                )
    except services.Conflict as fout:
        if fout.samenvoeging is None:
            _fout(form, fout)
        else:
            form, basis_token, scherm = conflict.na_conflict(
                OpgaveForm,
                fout,
                po,
                form,
                OPGAVE_VELDEN,
                basis,
                mag_benoemen=mag_benoemen,
                identiteit_vrij=vrij,
                mag_alles=mag_alles,
            )
            return scherm, form, basis_token
    except ValidationError as fout:
        _fout(form, fout)
    else:
        po.opgave.refresh_from_db(fields=["titel"])
        messages.success(request, _("%(titel)s is opgeslagen.") % {"titel": po.opgave.titel})
        conflict.meld(request, form, samen)
    return None, form, basis_token


@GET_POST
@concept_opstellen
def nieuwe_opgave(request: HttpRequest, jaar: int) -> HttpResponse:
    versie = request.toegang_object
    mag_benoemen = request.user.has_perm("programma.benoem_portefeuillehouder")
    form = NieuweOpgaveForm(
        request.POST or None, versie=versie, initial={"rangorde": 0}, mag_benoemen=mag_benoemen
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                identiteit = data["bestaande_opgave"] or maak_opgave(
                    titel=data["titel"], thema=data["thema"], sinds=jaar, acting_user=request.user
                )
                po = services.neem_opgave_op(
                    versie=versie,
                    opgave=identiteit,
                    acting_user=request.user,
                    doel=data["doel"],
                    resultaat=data["resultaat"],
                    mandaat=data["mandaat"],
                    sturing=data["sturing"],
                    budget=data["budget"],
                    capaciteit_fte=data["capaciteit_fte"],
                    capaciteit_toelichting=data["capaciteit_toelichting"],
                    portefeuillehouder=data["portefeuillehouder"] if mag_benoemen else None,
                    rangorde=data["rangorde"],
                    partners=list(data["partners"]),
                    bestuurders=list(data["bestuurders"]),
                )
        except ValidationError as fout:
            _fout(form, fout)
        else:
            messages.success(
                request, _("%(titel)s staat in het programma.") % {"titel": po.opgave.titel}
            )
            return redirect("bewerken-opgave", jaar=jaar, slug=po.opgave.slug)
    return render(
        request, "programma/opstellen/nieuwe_opgave.html", {"versie": versie, "form": form}
    )


@GET_POST
@opgave_opstellen
def opgave_verwijderen(request: HttpRequest, jaar: int, slug: str) -> HttpResponse:
    versie, po = _te_bewerken(request, jaar, slug)
    if request.method == "POST":
        try:
            services.verwijder_opgave_uit_programma(programma_opgave=po, acting_user=request.user)
        except ValidationError as fout:
            _meld(request, fout)
            return redirect("programma", jaar=jaar)
        messages.success(
            request, _("%(titel)s is uit het programma gehaald.") % {"titel": po.opgave.titel}
        )
        return redirect("bewerken", jaar=jaar)
    return render(
        request,
        "programma/opstellen/opgave_verwijderen.html",
        {"versie": versie, "po": po, "synergieen": selectors.synergieen_van(po)},
    )


def _na_inline_actie(request, po, template: str, extra: dict) -> HttpResponse:
    """htmx gets the refreshed section; without JavaScript, back to the edit page."""
    if request.htmx:
        context = _opgave_context(request, po, None)
        context.update(extra)
        response = render(request, template, context)
        response["Vary"] = "HX-Request"
        return response
    return redirect(
        reverse("bewerken-opgave", args=[po.versie.jaar, po.opgave.slug]) + extra.get("anker", "")
    )


def _inline_met_fout(request, po, naam: str, form, partial: str) -> HttpResponse:
    """An inline form with a message: the section for htmx, the whole edit page without."""
    mag_benoemen = request.user.has_perm("programma.benoem_portefeuillehouder")
    bewerken = OpgaveForm(
        initial=OpgaveForm.initial_van(po),
        mag_benoemen=mag_benoemen,
        identiteit_vrij=_identiteit_vrij(po),
        mag_alles=mag_alles_bewerken(request.user),
    )
    context = _opgave_context(request, po, bewerken)
    context[naam] = form
    template = "programma/opstellen/" + (partial if request.htmx else "opgave.html")
    return render(request, template, context)


@require_POST
@vary_on_headers("HX-Request")
@opgave_opstellen
def synergie_toevoegen(request: HttpRequest, jaar: int, slug: str) -> HttpResponse:
    versie, po = _te_bewerken(request, jaar, slug)
    form = SynergieForm(request.POST, programma_opgave=po)
    if form.is_valid():
        try:
            services.voeg_synergie_toe(
                van=po,
                naar=form.cleaned_data["andere"],
                toelichting=form.cleaned_data["toelichting"],
                acting_user=request.user,
            )
        except ValidationError as fout:
            _fout(form, fout)
        else:
            return _na_inline_actie(
                request, po, "programma/opstellen/_synergieen.html", {"anker": "#synergieen"}
            )
    return _inline_met_fout(request, po, "synergie_form", form, "_synergieen.html")


@require_POST
@vary_on_headers("HX-Request")
@opgave_opstellen
def synergie_verwijderen(request: HttpRequest, jaar: int, slug: str, pk: int) -> HttpResponse:
    versie, po = _te_bewerken(request, jaar, slug)
    synergie = get_object_or_404(Synergie.objects.van_opgave(po), pk=pk)
    try:
        services.verwijder_synergie(synergie=synergie, acting_user=request.user)
    except ValidationError as fout:
        _meld(request, fout)
    return _na_inline_actie(
        request, po, "programma/opstellen/_synergieen.html", {"anker": "#synergieen"}
    )


@require_POST
@vary_on_headers("HX-Request")
@eigen_opgave
def regeling_toevoegen(request: HttpRequest, jaar: int, slug: str) -> HttpResponse:
    versie, po = _te_bewerken(request, jaar, slug)
    form = RegelingForm(request.POST)
    if form.is_valid():
        try:
            services.voeg_externe_regeling_toe(
                programma_opgave=po, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as fout:
            _fout(form, fout)
        else:
            return _na_inline_actie(
                request, po, "programma/opstellen/_regelingen.html", {"anker": "#regelingen"}
            )
    return _inline_met_fout(request, po, "regeling_form", form, "_regelingen.html")


@require_POST
@vary_on_headers("HX-Request")
@eigen_opgave
def regeling_verwijderen(request: HttpRequest, jaar: int, slug: str, pk: int) -> HttpResponse:
    versie, po = _te_bewerken(request, jaar, slug)
    regeling = get_object_or_404(ExterneRegeling, pk=pk, programma_opgave=po)
    try:
        services.verwijder_externe_regeling(regeling=regeling, acting_user=request.user)
    except ValidationError as fout:
        _meld(request, fout)
    return _na_inline_actie(
        request, po, "programma/opstellen/_regelingen.html", {"anker": "#regelingen"}
    )


@GET_POST
@vary_on_headers("HX-Request")
@concept_opstellen
def verdeelsleutel(request: HttpRequest, jaar: int) -> HttpResponse:
    versie = request.toegang_object
    deelname = selectors.deelname_van(versie)
    deelnemers = deelname.deelnemers
    initial = {"verdeelsleutel": versie.verdeelsleutel, "basisaandeel": versie.basisaandeel}
    initial.update({f"pct_{d.gemeente_id}": d.percentage for d in deelnemers})
    form = VerdeelsleutelForm(request.POST or None, deelnemers=deelnemers, initial=initial)
    voorbeeld = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("actie") == "opslaan":
            try:
                services.werk_verdeelsleutel_bij(
                    versie=versie,
                    verdeelsleutel=data["verdeelsleutel"],
                    basisaandeel=data.get("basisaandeel") or 0,
                    percentages=form.percentages(),
                    acting_user=request.user,
                )
            except ValidationError as fout:
                _fout(form, fout)
            else:
                messages.success(request, _("De verdeelsleutel is opgeslagen."))
                return redirect("bewerken-verdeelsleutel", jaar=jaar)
        else:
            voorbeeld = _voorbeeld(
                versie,
                deelnemers,
                data["verdeelsleutel"],
                data.get("basisaandeel") or 0,
                form.percentages(),
                niet_opgeslagen=True,
            )
    if voorbeeld is None and request.method != "POST" and not deelname.probleem:
        voorbeeld = _voorbeeld(versie, deelnemers, versie.verdeelsleutel, versie.basisaandeel, None)
    context = {
        "versie": versie,
        "form": form,
        "voorbeeld": voorbeeld,
        "deelname": deelname,
        "deelname_tekst": selectors.deelname_omschrijving(deelname),
    }
    if request.htmx:
        return render(request, "programma/opstellen/_voorbeeld.html", context)
    return render(request, "programma/opstellen/verdeelsleutel.html", context)


def _voorbeeld(versie, deelnemers, soort, basisaandeel, percentages, **kwargs):
    return cijfers.verdeling_voorbeeld(
        versie,
        deelnemers,
        verdeelsleutel=soort,
        basisaandeel=basisaandeel,
        percentages=percentages,
        **kwargs,
    )


@GET_POST
@concept_voorstellen
def voorstellen(request: HttpRequest, jaar: int) -> HttpResponse:
    versie = request.toegang_object
    figuren = cijfers.versie_cijfers(versie)
    opgaven = figuren.opgaven
    fouten = []
    if request.method == "POST":
        try:
            services.stel_programma_voor(versie=versie, acting_user=request.user)
        except ValidationError as fout:
            fouten = fout.messages
        else:
            messages.success(
                request,
                _(
                    "Versie %(nummer)s van het programma %(jaar)s is voorgesteld aan de raden en "
                    "ligt nu vast."
                )
                % {"nummer": versie.nummer, "jaar": jaar},
            )
            return redirect("programma", jaar=jaar)
    zonder_synergie = [po for po in opgaven if not po.aantal_synergieen]
    return render(
        request,
        "programma/opstellen/voorstellen.html",
        {
            "versie": versie,
            "cijfers": figuren,
            "deelname": figuren.deelname,
            "deelname_tekst": selectors.deelname_omschrijving(figuren.deelname),
            "zonder_synergie": zonder_synergie,
            "zonder_portefeuillehouder": [po for po in opgaven if po.portefeuillehouder_id is None],
            "fouten": fouten,
        },
    )


@GET_POST
@heeft_recht("programma.stel_voor")
def corrigeren(request: HttpRequest, jaar: int) -> HttpResponse:
    programma = get_object_or_404(Jaarprogramma, jaar=jaar)
    form = CorrectieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            versie = services.corrigeer_programma(
                jaarprogramma=programma, reden=form.cleaned_data["reden"], acting_user=request.user
            )
        except ValidationError as fout:
            _fout(form, fout)
        else:
            messages.success(
                request,
                _("Versie %(nummer)s is aangemaakt als concept. Versie %(vorige)s blijft leesbaar.")
                % {"nummer": versie.nummer, "vorige": versie.nummer - 1},
            )
            return redirect("bewerken", jaar=jaar)
    return render(
        request, "programma/opstellen/corrigeren.html", {"programma": programma, "form": form}
    )
