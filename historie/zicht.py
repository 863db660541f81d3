"""Who may read which recorded change (DOMAIN.md roles; issue 17 point 4).

The public reads everything from the moment it was proposed: a version's content as it was
proposed (a publication entry per frozen version, never the concept edits before it), the
status of a year once it left concept, a council's vote once the griffier confirmed it, an
answered question. Concept history stays internal: the drafters (regiobestuur,
programmabureau) read every record of every version; a portefeuillehouder the records of the
concept that holds their opgave; a griffier every record of their own gemeente's votes.
Raadsleden see what the public sees."""

from __future__ import annotations

from dataclasses import dataclass, field

from historie import bronnen
from programma.models import ProgrammaVersie, Status
from programma.selectors import mag_concepten_zien, zichtbare_versies
from raden.selectors import gemeenten_met_recht


@dataclass
class Zicht:
    opsteller: bool = False
    #: versions whose raw records (concept edits) this user reads
    interne_versies: set[int] = field(default_factory=set)
    #: gemeenten whose running and lapsed votes this user reads (their griffier)
    interne_gemeenten: set[int] = field(default_factory=set)
    #: stemming id -> (gemeente id, confirmed)
    stemmingen: dict[int, tuple[int, bool]] = field(default_factory=dict)
    beantwoorde_vragen: set[int] = field(default_factory=set)

    @property
    def is_intern(self) -> bool:
        return self.opsteller or bool(self.interne_versies or self.interne_gemeenten)

    def stemming_zichtbaar(self, stemming_id: int | None) -> bool:
        gemeente_id, bevestigd = self.stemmingen.get(stemming_id, (None, False))
        return bevestigd or gemeente_id in self.interne_gemeenten

    def openbaar(self, b: bronnen.Bron, rij: dict, versie_id: int | None) -> bool:
        """Whether the public reads this record too (an internal reader's page marks the rest)."""
        publiek = Zicht(stemmingen=self.stemmingen, beantwoorde_vragen=self.beantwoorde_vragen)
        return publiek.zichtbaar(b, rij, versie_id)

    def zichtbaar(self, b: bronnen.Bron, rij: dict, versie_id: int | None) -> bool:
        """Whether this user may read this recorded row (a dict of the historical row)."""
        if b.zicht == bronnen.VERSIE:
            return versie_id in self.interne_versies
        if b.zicht == bronnen.JAAR:
            return self.opsteller or rij["status"] != Status.CONCEPT
        if b.zicht == bronnen.OPGAVE:
            return self.opsteller
        if b.zicht == bronnen.STEMMING:
            return self.stemming_zichtbaar(rij["id"] if "uitkomst" in rij else rij["stemming_id"])
        if b.zicht == bronnen.DEKKING:
            return True
        if b.zicht == bronnen.VRAAG:
            return self.opsteller or rij["id"] in self.beantwoorde_vragen
        return False


def lees_stemmingen(zicht: Zicht, stemmingen) -> None:
    """Add the state of these votes (a queryset of Stemming) to what the user may read."""
    zicht.stemmingen.update(
        {
            pk: (gemeente_id, bevestigd_op is not None)
            # unordered: Stemming's own ordering joins gemeente and opgave to sort rows that only
            # go into a dict (65,000 of them at national scale)
            for pk, gemeente_id, bevestigd_op in stemmingen.order_by().values_list(
                "id", "gemeente_id", "bevestigd_op"
            )
        }
    )


def lees_vragen(zicht: Zicht, vragen) -> None:
    """Add which of these questions (a queryset of Vraag) are answered, hence public."""
    zicht.beantwoorde_vragen.update(
        vragen.filter(beantwoord_op__isnull=False).values_list("id", flat=True)
    )


def zicht_voor(user) -> Zicht:
    """What this user may read of the history (three queries); the votes and questions of the
    page's scope are added by the timeline (`lees_stemmingen`, `lees_vragen`)."""
    opsteller = mag_concepten_zien(user)
    if opsteller:
        interne = set(ProgrammaVersie.objects.values_list("id", flat=True))
    else:
        interne = set(zichtbare_versies(user).concepten().values_list("id", flat=True))
    return Zicht(
        opsteller=opsteller,
        interne_versies=interne,
        interne_gemeenten=set(
            gemeenten_met_recht(user, "griffier_van").values_list("id", flat=True)
        ),
    )
