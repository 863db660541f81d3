"""The check of the raw rows after the fault run: no write of the writer left half-done."""

from __future__ import annotations

import datetime

#: (what must hold, SQL that returns the ids where it does not) for the writer's votes (%(s)s:
#: opened since the writer started)
CONTROLES = [
    (
        "een gesloten stemming telt precies haar stemmen",
        """SELECT s.id FROM raden_stemming s
           LEFT JOIN (SELECT stemming_id, count(*) AS n,
                  count(*) FILTER (WHERE keuze = 'voor') AS voor,
                  count(*) FILTER (WHERE keuze = 'tegen') AS tegen,
                  count(*) FILTER (WHERE reden = 'afwezig') AS afwezig,
                  count(*) FILTER (WHERE reden = 'persoonlijk_belang') AS onthouden
                FROM raden_stem GROUP BY stemming_id) t ON t.stemming_id = s.id
           WHERE s.geopend_op >= %(s)s AND s.gesloten_op IS NOT NULL
             AND (s.zittend, s.voor, s.tegen, s.afwezig, s.onthouden) IS DISTINCT FROM
                 (coalesce(t.n, 0), coalesce(t.voor, 0), coalesce(t.tegen, 0),
                  coalesce(t.afwezig, 0), coalesce(t.onthouden, 0))""",
    ),
    (
        "een open stemming heeft geen uitslag en geen afwezigen van het sluiten",
        """SELECT s.id FROM raden_stemming s
           WHERE s.geopend_op >= %(s)s AND s.gesloten_op IS NULL
             AND (s.uitkomst <> '' OR s.bevestigd_op IS NOT NULL
                  OR EXISTS (SELECT 1 FROM raden_stem m
                             WHERE m.stemming_id = s.id AND m.reden = 'afwezig'))""",
    ),
    (
        "een bevestigde stemming heeft haar besluit, en alleen zij",
        """SELECT s.id FROM raden_stemming s
           LEFT JOIN raden_besluit b ON b.stemming_id = s.id
           WHERE s.geopend_op >= %(s)s
             AND ((s.bevestigd_op IS NOT NULL AND s.uitkomst IN ('aangenomen', 'verworpen'))
                  <> (b.id IS NOT NULL)
               OR b.id IS NOT NULL AND (b.deelname <> (s.uitkomst = 'aangenomen')
                  OR b.gemeente_id <> s.gemeente_id
                  OR b.programma_opgave_id <> s.programma_opgave_id))""",
    ),
    (
        "een besluit om deel te nemen draagt de bijdrage, een ander nul",
        """SELECT s.id FROM raden_stemming s
           JOIN raden_besluit b ON b.stemming_id = s.id
           LEFT JOIN programma_bijdrage d ON d.programma_opgave_id = b.programma_opgave_id
                AND d.gemeente_id = b.gemeente_id
           WHERE s.geopend_op >= %(s)s
             AND b.bijdrage <> CASE WHEN b.deelname THEN coalesce(d.bedrag, 0) ELSE 0 END""",
    ),
    (
        "een bevestigde stemming is gepubliceerd (de paginacache ziet haar)",
        """SELECT s.id FROM raden_stemming s
           WHERE s.geopend_op >= %(s)s AND s.bevestigd_op IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM regio_openbarewijziging w
                             WHERE w.reden = 'stemming ' || s.id || ' bevestigd')""",
    ),
    (
        "de nieuwste historie van een stemming is de stemming",
        """SELECT s.id FROM raden_stemming s
           LEFT JOIN LATERAL (SELECT * FROM raden_historicalstemming h WHERE h.id = s.id
                              ORDER BY h.history_id DESC LIMIT 1) h ON true
           WHERE s.geopend_op >= %(s)s
             AND (h.id IS NULL OR (h.gesloten_op, h.bevestigd_op, h.uitkomst, h.voor, h.tegen,
                  h.afwezig) IS DISTINCT FROM (s.gesloten_op, s.bevestigd_op, s.uitkomst,
                  s.voor, s.tegen, s.afwezig))""",
    ),
    (
        "elke stem en elk besluit heeft zijn historie",
        """SELECT s.id FROM raden_stemming s
           WHERE s.geopend_op >= %(s)s
             AND (EXISTS (SELECT 1 FROM raden_stem m WHERE m.stemming_id = s.id
                          AND NOT EXISTS (SELECT 1 FROM raden_historicalstem h
                                          WHERE h.id = m.id AND h.keuze = m.keuze))
               OR EXISTS (SELECT 1 FROM raden_besluit b WHERE b.stemming_id = s.id
                          AND NOT EXISTS (SELECT 1 FROM raden_historicalbesluit h
                                          WHERE h.id = b.id)))""",
    ),
]


def controleer(cursor, sinds: datetime.datetime, schrijfacties: list[dict]) -> tuple[dict, list]:
    """The writer's votes in the raw rows: (counts, [(rule, ids that break it)])."""
    cursor.execute(
        """SELECT count(*), count(*) FILTER (WHERE bevestigd_op IS NOT NULL),
                  (SELECT count(*) FROM raden_besluit b JOIN raden_stemming t
                     ON t.id = b.stemming_id WHERE t.geopend_op >= %(s)s),
                  (SELECT count(*) FROM raden_stem m JOIN raden_stemming t
                     ON t.id = m.stemming_id WHERE t.geopend_op >= %(s)s)
           FROM raden_stemming WHERE geopend_op >= %(s)s""",
        {"s": sinds},
    )
    stemmingen, bevestigd, besluiten, stemmen = cursor.fetchone()
    overtreden = []
    for regel, query in CONTROLES:
        cursor.execute(query, {"s": sinds})
        ids = [r[0] for r in cursor.fetchall()]
        if ids:
            overtreden.append((regel, ids))
    # every write the writer saw committed is there
    cursor.execute(
        "SELECT id, gesloten_op IS NOT NULL, bevestigd_op IS NOT NULL FROM raden_stemming"
        " WHERE geopend_op >= %(s)s",
        {"s": sinds},
    )
    stand = {pk: (gesloten, bevestigd_) for pk, gesloten, bevestigd_ in cursor.fetchall()}
    cursor.execute(
        "SELECT m.id FROM raden_stem m JOIN raden_stemming t ON t.id = m.stemming_id"
        " WHERE t.geopend_op >= %(s)s",
        {"s": sinds},
    )
    stem_ids = {r[0] for r in cursor.fetchall()}
    kwijt = []
    for actie in schrijfacties:
        if not actie.get("ok"):
            continue
        pk, soort = actie["stemming"], actie["soort"]
        if (
            pk not in stand
            or soort == "sluiten"
            and not stand[pk][0]
            or soort == "bevestigen"
            and not stand[pk][1]
            or soort == "stemmen"
            and not set(actie["stemmen"]) <= stem_ids
        ):
            kwijt.append(pk)
    if kwijt:
        overtreden.append(("een vastgelegde schrijfactie is er nog", sorted(set(kwijt))))
    tellingen = {
        "stemmingen": stemmingen,
        "bevestigd": bevestigd,
        "besluiten": besluiten,
        "stemmen": stemmen,
    }
    return tellingen, overtreden
