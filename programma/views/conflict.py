"""The web side of merging two edits: the basis a form was opened on, carried in a signed
hidden field, and the conflict screen that asks per field which version stays.

Why a signed field and not the history: not every write of these rows counts up the
wijzigingsnummer (an admin edit, the verdeelsleutel on a version), the opgave form spans three
tables (the opgave's title and thema, its content, its stuurgroep rows) that the history would
have to be lined up by timestamp, and history may be purged. The form knows exactly what it
showed; the signature (bound to the row) stops anyone passing off another basis.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core import signing
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programma.forms import BedragField, DecimaalField
from programma.samenvoegen import MIJN, OPGESLAGEN, normaliseer, woordverschil
from regio.geld import format_bedrag, format_fte

ZOUT = "programma.conflict.basis"
# A form left open longer than this starts from an unknown basis: every difference is asked.
GELDIG = 60 * 60 * 24 * 14


def _json(stand: dict) -> dict:
    uit = {}
    for naam, w in stand.items():
        if isinstance(w, frozenset):
            w = sorted(w)
        elif isinstance(w, Decimal):
            w = str(w)
        uit[naam] = w
    return uit


def teken_basis(obj, stand: dict, *, conflict: dict | None = None) -> str:
    """The signed hidden value naming the state `obj`'s edit form shows (and, after a conflict,
    which fields the user must choose for)."""
    return signing.dumps(
        {
            "rij": [obj._meta.label_lower, obj.pk, obj.wijzigingsnummer],
            "stand": _json(stand),
            "conflict": conflict,
        },
        salt=ZOUT,
        compress=True,
    )


def lees_basis(
    token: str | None, obj, soorten: dict, wijzigingsnummer
) -> tuple[dict | None, dict | None]:
    """(basis, conflict) from a posted token, or (None, None) when it is missing, forged, too
    old, for another row or for another wijzigingsnummer than the form sends."""
    if not token:
        return None, None
    try:
        inhoud = signing.loads(token, salt=ZOUT, max_age=GELDIG)
    except signing.BadSignature:
        return None, None
    if inhoud.get("rij") != [obj._meta.label_lower, obj.pk, wijzigingsnummer]:
        return None, None
    return normaliseer(inhoud["stand"], soorten), inhoud.get("conflict")


def lees_keuzes(post, conflict: dict | None) -> tuple[dict, bool]:
    """The user's choice per conflicting field, and whether one is missing."""
    velden = (conflict or {}).get("velden", [])
    keuzes = {n: post.get(f"keuze_{n}") for n in velden}
    keuzes = {n: k for n, k in keuzes.items() if k in (MIJN, OPGESLAGEN)}
    return keuzes, len(keuzes) < len(velden)


def invoer(form, soorten: dict) -> dict:
    """What this user may have changed: the form's fields that were not disabled for them."""
    return normaliseer(
        {n: form.cleaned_data.get(n) for n in soorten if not form.fields[n].disabled}, soorten
    )


def toon(form, naam: str, waarde) -> str:
    """A value as the form's field names it: a bestuurder's name, an amount in euros."""
    veld = form.fields[naam]
    if isinstance(veld, forms.ModelMultipleChoiceField):
        objecten = veld.queryset.filter(pk__in=waarde or [])
        return ", ".join(veld.label_from_instance(o) for o in objecten) or "—"
    if isinstance(veld, forms.ModelChoiceField):
        obj = veld.queryset.filter(pk=waarde).first() if waarde is not None else None
        return veld.label_from_instance(obj) if obj else "—"
    if isinstance(veld, BedragField):
        return format_bedrag(waarde)
    if isinstance(veld, DecimaalField):
        return format_fte(waarde)
    return "" if waarde is None else str(waarde)


def labels(form, namen) -> str:
    """'Doel, Budget en Sturing'."""
    return get_text_list([str(form.fields[n].label) for n in namen], _("en"))


def scherm(
    form,
    *,
    velden: list[str],
    opgeslagen: dict,
    mijn: dict,
    oorsprong: dict | None,
    door: str,
    op: datetime | None,
    van_ander: list[str] = (),
    keuzes: dict | None = None,
    keuze_ontbreekt: bool = False,
) -> dict:
    """The context of the conflict screen: per field both versions, for texts with the words
    each side changed since the form was opened marked, and the choice asked."""
    rijen = []
    for naam in velden:
        nu, ik = opgeslagen.get(naam), mijn.get(naam)
        oud = (oorsprong or {}).get(naam) if oorsprong is not None else None
        if isinstance(nu, str):
            lang = True
            if oorsprong is not None:
                nu_html, ik_html = woordverschil(oud, nu), woordverschil(oud, ik)
            else:
                nu_html = mark_safe(escape(nu).replace("\n", "<br>"))  # noqa: S308 - escaped
                ik_html = woordverschil(nu, ik)
        else:
            lang = False
            nu_html, ik_html = toon(form, naam, nu), toon(form, naam, ik)
        rijen.append(
            {
                "naam": naam,
                "label": form.fields[naam].label,
                "veld_id": form[naam].id_for_label,
                "opgeslagen": nu_html,
                "mijn": ik_html,
                "eerst": toon(form, naam, oud) if oorsprong is not None and not lang else None,
                "lang": lang,
                "keuze": (keuzes or {}).get(naam),
            }
        )
    return {
        "door": door,
        "op": op,
        "velden": rijen,
        "van_ander": labels(form, van_ander) if van_ander else "",
        "met_oorsprong": oorsprong is not None,
        "keuze_ontbreekt": keuze_ontbreekt,
        "MIJN": MIJN,
        "OPGESLAGEN": OPGESLAGEN,
    }


def naam_van(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else _("iemand anders")


def na_conflict(form_class, fout, obj, form, soorten: dict, basis: dict | None, **form_kwargs):
    """After a Conflict from a merge: a form holding the merged values (the user's own where
    both changed), a token with the stored state as its new basis, and the screen's context."""
    samen = fout.samenvoeging
    mijn = invoer(form, soorten)
    oorsprong = {n: basis[n] for n in samen.conflicten if n in basis} if basis else None
    door = naam_van(fout.door)
    token = teken_basis(
        fout.huidig,
        fout.opgeslagen,
        conflict={
            "velden": samen.conflicten,
            "door": door,
            "op": fout.op.isoformat() if fout.op else None,
            "oorsprong": _json(oorsprong) if oorsprong is not None else None,
            "van_ander": samen.van_ander,
        },
    )
    nieuw = form_class(
        initial={**samen.resultaat, "wijzigingsnummer": fout.huidig.wijzigingsnummer},
        **form_kwargs,
    )
    context = scherm(
        nieuw,
        velden=samen.conflicten,
        opgeslagen=fout.opgeslagen,
        mijn=mijn,
        oorsprong=oorsprong,
        door=door,
        op=fout.op,
        van_ander=samen.van_ander,
    )
    return nieuw, token, context


def opnieuw_vragen(form, soorten: dict, basis: dict, conflict: dict, keuzes: dict) -> dict:
    """The conflict screen again, from the token, when a choice was left open."""
    oorsprong = conflict.get("oorsprong")
    return scherm(
        form,
        velden=conflict["velden"],
        opgeslagen=basis,
        mijn=invoer(form, soorten),
        oorsprong=normaliseer(oorsprong, soorten) if oorsprong is not None else None,
        door=conflict.get("door") or _("iemand anders"),
        op=datetime.fromisoformat(conflict["op"]) if conflict.get("op") else None,
        van_ander=conflict.get("van_ander") or [],
        keuzes=keuzes,
        keuze_ontbreekt=True,
    )


def meld(request, form, samen) -> None:
    """Say whose changes were kept next to the user's own, so nobody is surprised later."""
    if samen.van_ander:
        messages.info(
            request,
            ngettext(
                "%(naam)s had intussen ook opgeslagen. Die wijziging in %(velden)s is bewaard, "
                "naast de uwe.",
                "%(naam)s had intussen ook opgeslagen. Die wijzigingen in %(velden)s zijn "
                "bewaard, naast de uwe.",
                len(samen.van_ander),
            )
            % {
                "naam": naam_van(samen.door),
                "velden": labels(form, samen.van_ander),
            },
        )


def object_van(form, naam: str, waarde):
    """The object(s) a merged id (or set of ids) names; the form's own when they are the same."""
    gekozen = form.cleaned_data.get(naam)
    model = form.fields[naam].queryset.model
    if isinstance(waarde, frozenset):
        if gekozen is not None and {o.pk for o in gekozen} == waarde:
            return list(gekozen)
        return list(model._default_manager.filter(pk__in=waarde))
    if waarde is None:
        return None
    if gekozen is not None and gekozen.pk == waarde:
        return gekozen
    return model._default_manager.get(pk=waarde)
