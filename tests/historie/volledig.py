"""The witness of the completeness walk (test_volledigheid.py): which history rows a write path
added, and whether each names a user (and, where the path takes one, the reason).

Every table whose model starts with "Historical" (regio.triggers.historie_modellen) is
append-only, so "what this path wrote" is every row past the highest history id seen before it.
The m2m history tables of users and groups (regio.models) have no user of their own: their row
hangs on the user's or group's history row, whose user counts."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from django.db.models import Max
from simple_history.models import registered_models

from regio.triggers import historie_modellen


def _is_m2m(model) -> bool:
    return model._meta.pk.name == "m2m_history_id"


@dataclass
class Rij:
    model: str
    pk: int
    user_id: int | None
    reden: str
    soort: str  # +, ~, - (m2m rows: the type of the row they hang on)

    def __str__(self) -> str:
        return f"{self.model} #{self.pk} ({self.soort}, user={self.user_id}, reden={self.reden!r})"


@dataclass
class Verslag:
    """The history rows one write path added."""

    rijen: list[Rij] = field(default_factory=list)

    def van(self, *labels: str) -> list[Rij]:
        return [r for r in self.rijen if r.model in labels]

    @property
    def modellen(self) -> set[str]:
        return {r.model for r in self.rijen}


def hoogste() -> dict:
    """The highest history id of every history table (0 for an empty one)."""
    return {
        m: m._base_manager.aggregate(n=Max(m._meta.pk.name))["n"] or 0 for m in historie_modellen()
    }


def rijen_sinds(voor: dict) -> list[Rij]:
    rijen = []
    for m, grens in voor.items():
        qs = m._base_manager.filter(pk__gt=grens).order_by("pk")
        if _is_m2m(m):
            velden = ("pk", "history__history_user_id", "history__history_change_reason")
            waarden = qs.values_list(*velden, "history__history_type")
        else:
            velden = ("pk", "history_user_id", "history_change_reason", "history_type")
            waarden = qs.values_list(*velden)
        rijen += [Rij(m._meta.label, pk, u, r or "", t) for pk, u, r, t in waarden]
    return rijen


def zonder_gebruiker(rijen: list[Rij]) -> list[Rij]:
    return [r for r in rijen if r.user_id is None]


@contextlib.contextmanager
def schrijft_historie(*, door=None, reden: str | None = None, reden_op: tuple[str, ...] = ()):
    """Run one write path inside; afterwards assert it added history, every row with a user
    (with `door`: that user), and with `reden` that reason on every row of `reden_op` (at
    least one such row must exist)."""
    voor = hoogste()
    verslag = Verslag()
    yield verslag
    verslag.rijen = rijen_sinds(voor)
    assert verslag.rijen, "dit schrijfpad liet geen enkele historierij na"
    leeg = zonder_gebruiker(verslag.rijen)
    assert not leeg, "historie zonder gebruiker:\n" + "\n".join(map(str, leeg[:20]))
    if door is not None:
        ander = [r for r in verslag.rijen if r.user_id != door.pk]
        assert not ander, f"historie van een ander dan {door}:\n" + "\n".join(map(str, ander[:20]))
    if reden is not None:
        met_reden = verslag.van(*reden_op)
        assert met_reden, f"geen historie van {reden_op}"
        zonder = [r for r in met_reden if r.reden != reden]
        assert not zonder, f"historie zonder de reden {reden!r}:\n" + "\n".join(
            map(str, zonder[:20])
        )


# --- models without history ----------------------------------------------------------------

#: The apps whose every concrete model must have history, and the framework models the project
#: writes (users, groups and object rights; see UITZONDERINGEN for the others).
PROJECT_APPS = ("regio", "opgaven", "programma", "raden", "historie", "openbaar", "portaal")
FRAMEWORK_APPS = ("auth", "guardian", "admin", "contenttypes", "sessions", "axes")

#: Models that are written without a history of their own, each with the reason.
UITZONDERINGEN: dict[str, str] = {
    "regio.OpenbareWijziging": "een logboek dat alleen wordt aangevuld: wanneer wat het publiek "
    "ziet veranderde (de sleutel van de paginacache); wat er veranderde staat in de historie",
    # Django's own bookkeeping: not domain data; what they record is derived from code.
    "auth.Permission": "rijen die migrate uit de modellen afleidt; wie ze krijgt staat in de "
    "historie van gebruikers en groepen (m2m)",
    "contenttypes.ContentType": "afgeleid door migrate uit de modellen",
    "admin.LogEntry": "het eigen logboek van de admin; de wijziging zelf staat in de historie "
    "van het gewijzigde model",
    "sessions.Session": "een inlogsessie is geen domeingegeven (wie inlogde, staat in axes)",
    # django-axes: login attempts and lock-outs are a security log, not domain history; axes
    # keeps its own timestamps, user names and addresses, and they expire by design.
    "axes.AccessAttempt": "mislukte inlogpogingen: een beveiligingslog, geen historie",
    "axes.AccessAttemptExpiration": "verloopmoment van een inlogpoging: beveiligingslog",
    "axes.AccessLog": "inlog- en uitlogmomenten: een beveiligingslog, geen historie",
    "axes.AccessFailureLog": "mislukte inlogpogingen: een beveiligingslog, geen historie",
    # guardian's generic tables: the project grants object rights through its own direct
    # tables (regio.GemeenteUserObjectPermission, ...), which have history; the portefeuille-
    # houder's right is a backend (raden/programma permissions), not a row. A test checks that
    # the demo region, written only through the product's paths, holds no generic row.
    "guardian.UserObjectPermission": "generieke tabel die het product niet gebruikt (de "
    "objectrechten staan in eigen tabellen met historie)",
    "guardian.GroupObjectPermission": "generieke tabel die het product niet gebruikt",
}


def heeft_historie(model) -> bool:
    return model in registered_models.values() or model._meta.label in {
        m._meta.label for m in historie_modellen()
    }


def zonder_historie(modellen) -> list[str]:
    """The labels of concrete models among `modellen` with neither history nor an exemption."""
    return sorted(
        m._meta.label
        for m in modellen
        if not m._meta.proxy
        and not m.__name__.startswith("Historical")
        and not heeft_historie(m)
        and m._meta.label not in UITZONDERINGEN
    )
