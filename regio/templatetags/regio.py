"""Template filters for money and numbers, the same helpers forms and PDFs use."""

from django import template

from regio.geld import format_aantal, format_bedrag, format_fte

register = template.Library()


@register.filter
def euro(value):
    """{{ bedrag|euro }} -> € 1.250.000"""
    return format_bedrag(value)


@register.filter
def fte(value):
    """{{ capaciteit_fte|fte }} -> 2,5 fte"""
    return format_fte(value)


@register.filter
def aantal(value):
    """{{ inwoners|aantal }} -> 187.011"""
    return format_aantal(value)


@register.filter
def procent(deel, geheel):
    """{{ deel|procent:geheel }} -> 12,3 %"""
    if not geheel:
        return ""
    return f"{100 * deel / geheel:.1f}\u00a0%".replace(".", ",")


@register.filter
def alineas(tekst):
    """Split a text on blank lines, for rendering paragraphs."""
    return [a.strip() for a in (tekst or "").split("\n\n") if a.strip()]


@register.filter
def tekstverschil(oud, nieuw):
    """{{ oud|tekstverschil:nieuw }} -> the words removed in <del>, the words added in <ins>."""
    from django.utils.html import format_html, format_html_join

    from regio.tekstverschil import ERBIJ, WEG, woordverschil

    labels = {WEG: "del", ERBIJ: "ins"}
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html("<{0}>{1}</{0}>", labels[s.soort], s.tekst)
                if s.soort in labels
                else format_html("{}", s.tekst),
            )
            for s in woordverschil(str(oud or ""), str(nieuw or ""))
        ),
    )


@register.simple_tag
def inhoud_lang():
    """` lang="nl"` on an element with the portal's content (texts of the region and the
    councils, always Dutch) when the page around it is in another language (WCAG 3.1.2)."""
    from django.utils.html import mark_safe
    from django.utils.translation import get_language

    return mark_safe(' lang="nl"') if (get_language() or "nl")[:2] != "nl" else ""
