"""URL × role matrix entries of reverting a concept (programma/views/terugzetten.py).

The 2028 concept's energietransitie and its vision, reverted to their newest recorded stand
(a real history id, looked up at test time): the drafters see the confirm page, the
portefeuillehouder sees the concept but may not revert (403), everyone else gets the same 404
as for a concept that does not exist. A POST without a reason is a form error (200) that
writes nothing. The proposed 2027 version has no concept: 404 for everyone logged in."""

from tests.toegang.test_matrix import (
    ANONIEM,
    BESTUUR,
    BUREAU,
    GEEN_CONCEPT,
    INGELOGD,
    LOGIN,
    Geval,
    concept_url,
)

GEEN = {ANONIEM: LOGIN, **dict.fromkeys(INGELOGD, 404)}
TERUGZETTERS = {BUREAU: 200, BESTUUR: 200}


def _stand_opgave(jaar: int):
    def stand() -> int:
        from programma.models import ProgrammaOpgave

        po = (
            ProgrammaOpgave.objects.filter(
                opgave__slug="energietransitie", versie__jaarprogramma__jaar=jaar
            )
            .order_by("-versie__nummer")
            .first()
        )
        return po.history.order_by("-history_date").first().history_id

    return stand


def _stand_visie(jaar: int):
    def stand() -> int:
        from programma.models import ProgrammaVersie

        versie = (
            ProgrammaVersie.objects.filter(jaarprogramma__jaar=jaar).order_by("-nummer").first()
        )
        return versie.history.order_by("-history_date").first().history_id

    return stand


GEVALLEN: dict[str, list[Geval]] = {
    "terugzetten-opgave": [
        Geval(
            {"jaar": 2028, "slug": "energietransitie", "stand": _stand_opgave(2028)},
            concept_url(TERUGZETTERS),
            concept_url(TERUGZETTERS),  # no reason: the form again, nothing written
        ),
        # a stand of another opgave through this opgave's URL: not found
        Geval(
            {"jaar": 2028, "slug": "woningbouwversnelling", "stand": _stand_opgave(2028)},
            concept_url({BUREAU: 404, BESTUUR: 404}),
            concept_url({BUREAU: 404, BESTUUR: 404}),
        ),
        # 2027 is proposed (v2 the current version): nothing to revert, by any path
        Geval(
            {"jaar": 2027, "slug": "energietransitie", "stand": _stand_opgave(2027)},
            GEEN_CONCEPT,
            GEEN_CONCEPT,
        ),
        Geval({"jaar": 1999, "slug": "bestaat-niet", "stand": 1}, GEEN, GEEN),
    ],
    "terugzetten-visie": [
        Geval(
            {"jaar": 2028, "stand": _stand_visie(2028)},
            concept_url(TERUGZETTERS),
            concept_url(TERUGZETTERS),
        ),
        Geval(
            {"jaar": 2028, "stand": 10**9},
            concept_url({BUREAU: 404, BESTUUR: 404}),
            concept_url({BUREAU: 404, BESTUUR: 404}),
        ),
        Geval({"jaar": 2027, "stand": _stand_visie(2027)}, GEEN_CONCEPT, GEEN_CONCEPT),
        Geval({"jaar": 1999, "stand": 1}, GEEN, GEEN),
    ],
}
