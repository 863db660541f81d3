"""Helpers of the form fuzzer: find the forms on a page, post hostile input to them, and judge
the answer. The test module (test_formulieren.py) only says which pages and which values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.db import connection, transaction

# English that must never reach a Dutch user (Django's untranslated messages start like this).
ENGELS = re.compile(
    r"\bThis field\b|\bEnter a\b|\bEnsure\b|\brequired\b|\bvalid\b|\bpassword\b", re.IGNORECASE
)
# Where our templates and the admin put a refusal.
FOUTKLASSEN = {"veldfout", "fout", "errorlist", "errornote", "conflict"}
TEKSTSOORTEN = {"text", "email", "search", "url", "tel", "number", "textarea"}
NIET_TE_FUZZEN = {"csrfmiddlewaretoken"}


@dataclass
class Veld:
    naam: str
    soort: str  # input type, "textarea" or "select"
    waarden: list[str] = field(default_factory=list)  # what a browser would send unchanged
    numeriek: bool = False
    uitgeschakeld: bool = False
    multiple: bool = False

    @property
    def soort_invoer(self) -> str:
        """getal, tekst or keuze: which hostile values are worth trying here."""
        if self.numeriek:
            return "getal"
        if self.soort in TEKSTSOORTEN or self.soort == "password":
            return "tekst"
        return "keuze"


@dataclass
class Formulier:
    action: str
    velden: dict[str, Veld] = field(default_factory=dict)
    knop: tuple[str, str] | None = None  # the named submit button we press

    def basis(self) -> dict[str, list[str]]:
        data = {v.naam: list(v.waarden) for v in self.velden.values() if v.waarden}
        if self.knop:
            data[self.knop[0]] = [self.knop[1]]
        return data

    def te_fuzzen(self) -> list[Veld]:
        """The fields to try, one of each kind of repeated row: pct_1, pct_2 and the rows of
        an admin inline are fuzzed through their first; the empty template row is no input."""
        gezien = set()
        velden = []
        for v in self.velden.values():
            patroon = re.sub(r"\d+", "#", v.naam)
            if v.naam in NIET_TE_FUZZEN or "__prefix__" in v.naam or patroon in gezien:
                continue
            gezien.add(patroon)
            velden.append(v)
        return velden


class _Lezer(HTMLParser):
    """The <form method=post> elements of a page with their fields, and every refusal text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.formulieren: list[Formulier] = []
        self.fouten: list[str] = []
        self._form: Formulier | None = None
        self._textarea: Veld | None = None
        self._select: Veld | None = None
        self._select_eerste: str | None = None
        self._optie: dict | None = None
        self._foutdiepte = 0  # >0 while inside an element that holds a refusal
        self._diepte = 0
        self._fouttekst: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in ("input", "br", "img", "meta", "link", "hr", "option"):
            self._diepte += 1
            if self._foutdiepte == 0 and FOUTKLASSEN & set((a.get("class") or "").split()):
                self._foutdiepte = self._diepte
                self._fouttekst = []
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = Formulier(action=a.get("action") or "")
                self.formulieren.append(self._form)
            return
        if self._form is None or tag not in ("input", "textarea", "select", "option", "button"):
            return
        naam = a.get("name")
        uit = "disabled" in a
        if tag == "input" and naam:
            soort = (a.get("type") or "text").lower()
            if soort in ("submit", "image"):
                self._form.knop = (naam, a.get("value") or "")
                return
            veld = self._form.velden.setdefault(naam, Veld(naam, soort, uitgeschakeld=uit))
            waarde = a.get("value")
            if soort in ("checkbox", "radio"):
                if "checked" in a:
                    veld.waarden.append(waarde if waarde is not None else "on")
            elif soort not in ("file", "reset", "button"):
                veld.waarden = [waarde or ""]
            veld.numeriek = soort == "number" or a.get("inputmode") in ("numeric", "decimal")
            if soort == "hidden" and re.fullmatch(r"[0-9]+", waarde or ""):
                veld.numeriek = True
        elif tag == "textarea" and naam:
            self._textarea = self._form.velden[naam] = Veld(
                naam, "textarea", [""], uitgeschakeld=uit
            )
        elif tag == "select" and naam:
            self._select = self._form.velden[naam] = Veld(
                naam, "select", uitgeschakeld=uit, multiple="multiple" in a
            )
            self._select_eerste = None
        elif tag == "option" and self._select is not None:
            waarde = a.get("value", "")
            if self._select_eerste is None:
                self._select_eerste = waarde
            if "selected" in a:
                self._select.waarden.append(waarde)
        elif tag == "button" and naam and (a.get("type") or "submit") == "submit":
            # the last named button is the main action ("Opslaan" after "Voorbeeld")
            self._form.knop = (naam, a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.waarden[0].startswith("\n"):
                self._textarea.waarden[0] = self._textarea.waarden[0][1:]
            self._textarea = None
        elif tag == "select" and self._select is not None:
            leeg = not self._select.waarden and not self._select.multiple
            if leeg and self._select_eerste is not None:
                self._select.waarden = [self._select_eerste]
            self._select = None
        if tag not in ("input", "br", "img", "meta", "link", "hr", "option"):
            if self._foutdiepte and self._diepte == self._foutdiepte:
                tekst = " ".join("".join(self._fouttekst).split())
                if tekst:
                    self.fouten.append(tekst)
                self._foutdiepte = 0
            self._diepte -= 1

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.waarden[0] += data
        if self._foutdiepte:
            self._fouttekst.append(data)


def lees(html: str) -> _Lezer:
    lezer = _Lezer()
    lezer.feed(html)
    lezer.close()
    return lezer


def post_formulieren(html: str, pagina_url: str) -> list[Formulier]:
    """The post forms of a page that have something to fill in, with absolute actions."""
    resultaat = []
    gezien = set()
    for form in lees(html).formulieren:
        form.action = urlsplit(urljoin("http://testserver" + pagina_url, form.action)).path
        if "/accounts/logout/" in form.action or not form.te_fuzzen():
            continue
        sleutel = (form.action, tuple(sorted(form.velden)))
        if sleutel in gezien:  # e.g. one appointment form per opgave: the first is enough
            continue
        gezien.add(sleutel)
        resultaat.append(form)
    return resultaat


# --- the witness that nothing changed ------------------------------------------------------


_STAND_SQL: str | None = None


def _stand_sql() -> str:
    """One query: the row count of every table of the domain and of users and rights, and the
    highest history id (a change in place still adds a history row)."""
    global _STAND_SQL
    if _STAND_SQL is None:
        qn = connection.ops.quote_name
        delen = []
        for model in apps.get_models():
            meta = model._meta
            if meta.proxy or not meta.managed:
                continue
            if meta.app_label not in ("regio", "opgaven", "programma", "raden", "auth", "guardian"):
                continue
            delen.append(f"(SELECT COUNT(*) FROM {qn(meta.db_table)})")
            if model.__name__.startswith("Historical"):
                delen.append(f"(SELECT MAX({qn('history_id')}) FROM {qn(meta.db_table)})")
        _STAND_SQL = "SELECT " + ", ".join(delen)
    return _STAND_SQL


def stand() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(_stand_sql())
        return tuple(cursor.fetchone())


# --- one hostile post ----------------------------------------------------------------------


@dataclass
class Uitslag:
    status: int
    geweigerd: bool
    fouten: list[str]
    problemen: list[str]


def _regels(tekst: str) -> str:
    # HTML turns every CR and CRLF in a textarea into LF when it reads the page, and a browser
    # sends them back as CRLF: the same input, whatever the line ending.
    return tekst.replace("\r\n", "\n").replace("\r", "\n")


def _bewaard(html: str, naam: str, waarde: str) -> bool:
    for form in lees(html).formulieren:
        veld = form.velden.get(naam)
        if veld is not None and _regels(waarde) in {_regels(w) for w in veld.waarden}:
            return True
    return False


def post(client, form: Formulier, data: dict, *, gefuzzd: dict[str, str]) -> Uitslag:
    """Post inside a savepoint that is rolled back afterwards, and judge the answer."""
    problemen: list[str] = []
    with transaction.atomic():
        voor = stand()
        try:
            response = client.post(form.action, data)
        except Exception as fout:  # the test client re-raises what became a 500
            transaction.set_rollback(True)
            return Uitslag(500, False, [], [f"500 ({type(fout).__name__}: {str(fout)[:120]})"])
        status = response.status_code
        na = stand() if status != 500 else voor
        transaction.set_rollback(True)
    if status == 500:
        return Uitslag(500, False, [], ["500"])
    html = response.content.decode("utf-8", "replace") if status == 200 else ""
    lezer = lees(html) if html else None
    fouten = lezer.fouten if lezer else []
    geweigerd = status != 302
    if status not in (200, 302):
        problemen.append(f"status {status}")
    if geweigerd:
        if na != voor:
            problemen.append("geweigerd, maar er is iets veranderd")
        if status == 200 and not fouten:
            problemen.append("geweigerd zonder melding")
        engels = [f for f in fouten if ENGELS.search(f)]
        if engels:
            problemen.append(f"Engelse melding: {engels[0][:100]!r}")
        if "<script>alert(1)</script>" in html:
            problemen.append("script niet ge-escaped")
        for naam, waarde in gefuzzd.items():
            veld = form.velden[naam]
            if (
                status == 200
                and veld.soort in TEKSTSOORTEN
                and not veld.uitgeschakeld
                and not _bewaard(html, naam, waarde)
            ):
                problemen.append(f"invoer van {naam} niet bewaard")
    else:
        for naam, waarde in gefuzzd.items():
            veld = form.velden[naam]
            if veld.numeriek and any(c.isdigit() and not c.isascii() for c in waarde):
                problemen.append(f"{naam}: cijfers buiten 0-9 aangenomen ({waarde!r})")
    return Uitslag(status, geweigerd, fouten, problemen)
