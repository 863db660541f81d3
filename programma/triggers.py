"""The two database rules of this app that are not frozen kinds, so not generated from the
register (regio.bevriezing; regio.triggers installs both):

- the lifecycle of a Jaarprogramma: its status only moves forward (OVERGANGEN), its `jaar` never
  changes once a version is proposed, and it cannot be deleted then;
- the identity of an opgave (titel, slug, thema, sinds) that a proposed version names.

The model and queryset layers refuse first, with a Dutch message; these are the last line
against raw SQL."""

from __future__ import annotations

from regio.triggers import Groep, literal, qn, vlag

MELDING = "Regioportaal: deze wijziging van het jaarprogramma is niet toegestaan"
OPGAVE_MELDING = "Regioportaal: deze opgave staat in een voorgestelde programmaversie"


def _tabellen():
    from opgaven.models import Opgave
    from programma.models import Jaarprogramma, ProgrammaOpgave, ProgrammaVersie

    return (
        Jaarprogramma._meta.db_table,
        ProgrammaVersie._meta.db_table,
        ProgrammaOpgave._meta.db_table,
        Opgave._meta.db_table,
    )


def _trigger(vendor: str, tabel: str, naam: str, acties: dict[str, str], melding: str) -> Groep:
    """One trigger per action on SQLite; one plpgsql function on PostgreSQL."""
    if vendor == "sqlite":
        stmts, namen = [], set()
        for actie, cond in acties.items():
            trigger = f"{naam}_{actie}"
            stmts += [
                f"DROP TRIGGER IF EXISTS {trigger}",
                f"CREATE TRIGGER {trigger} BEFORE {actie.upper()} ON {qn(tabel)} FOR EACH ROW "
                f"WHEN {cond} BEGIN SELECT RAISE(ABORT, '{melding}'); END",
            ]
            namen.add((tabel, trigger))
        return Groep({tabel}, stmts, namen)
    checks = "\n".join(
        f"  IF TG_OP = '{actie.upper()}' AND ({cond}) THEN\n"
        f"    RAISE EXCEPTION '{melding} (% op %)', TG_OP, TG_TABLE_NAME\n"
        "      USING ERRCODE = 'restrict_violation';\n  END IF;"
        for actie, cond in acties.items()
    )
    return Groep(
        {tabel},
        [
            f"""CREATE OR REPLACE FUNCTION {naam}() RETURNS trigger AS $$
BEGIN
{checks}
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql""",
            f"DROP TRIGGER IF EXISTS {naam} ON {qn(tabel)}",
            f"CREATE TRIGGER {naam} BEFORE {' OR '.join(a.upper() for a in acties)} "
            f"ON {qn(tabel)} FOR EACH ROW EXECUTE FUNCTION {naam}()",
        ],
        {(tabel, naam)},
    )


def groepen(vendor: str) -> list[Groep]:
    from programma.models import OVERGANGEN

    jaarprogramma, versie, po, opgave = _tabellen()
    heeft_bevroren = (
        f"EXISTS (SELECT 1 FROM {qn(versie)} v WHERE v.jaarprogramma_id = OLD.id "
        "AND v.bevroren_op IS NOT NULL)"
    )
    toegestaan = " OR ".join(
        f"(OLD.status = {literal(van)} AND NEW.status = {literal(naar)})"
        for van, naar in OVERGANGEN.items()
        if naar is not None
    )
    levensloop = _trigger(
        vendor,
        jaarprogramma,
        f"levensloop_{jaarprogramma}",
        {
            "update": (
                f"(NEW.status <> OLD.status AND NOT ({toegestaan})) "
                f"OR (NEW.jaar <> OLD.jaar AND {heeft_bevroren})"
            ),
            "delete": f"{heeft_bevroren} AND NOT {vlag(vendor, 'alles')}",
        },
        MELDING,
    )
    levensloop.tabellen |= {versie}
    identiteit = _trigger(
        vendor,
        opgave,
        f"bevroren_{opgave}",
        {
            "update": (
                f"EXISTS (SELECT 1 FROM {qn(po)} po JOIN {qn(versie)} v ON v.id = po.versie_id "
                "WHERE po.opgave_id = OLD.id AND v.bevroren_op IS NOT NULL) "
                "AND (OLD.titel <> NEW.titel OR OLD.slug <> NEW.slug "
                "OR OLD.thema_id <> NEW.thema_id OR OLD.sinds <> NEW.sinds)"
            )
        },
        OPGAVE_MELDING,
    )
    identiteit.tabellen |= {versie, po}
    return [levensloop, identiteit]
