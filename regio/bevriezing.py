"""The register of frozen kinds: one declaration per model says how to find whether a row of it
is frozen, and everything that keeps it frozen is derived from that declaration (DESIGN.md §3, §7).

A model declares itself with a class decorator::

    @bevriezing.registreer(pad="programma_opgave__versie__bevroren_op", melding=...)
    class ExterneRegeling(bevriezing.Bevriesbaar): ...

A path is a lookup along forward foreign keys that ends in a field of the model that owns the
freeze (its *wortel*): a timestamp (frozen when not null) or, with `waarden`, a status (frozen when
it has one of those values). A row may have several paths (a synergy belongs to the versions of
both its ends); it is frozen when any of them says so. A path of one field (`pad="bevroren_op"`)
is the owner itself: setting that field is the act of freezing, so only the stored value counts.

From the register come: the refusal of `save()`, `delete()` and `clean()` (`Bevriesbaar`), of
queryset `update()`, `delete()` and bulk writes (`BevrorenQuerySet`), the database triggers
(regio.triggers), the copy of a version's content on correction and carry-forward (`kopieer`),
and the parametrised freeze tests. The next frozen kind (a confirmed Stemming, a submitted
report) is one declaration on its model.

regio is the lowest layer: this module names no model of the apps above it."""

from __future__ import annotations

import graphlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regio.exceptions import Bevroren, DomeinFout

STANDAARD_MELDING = _("Dit is vastgelegd en kan niet meer veranderen.")
VERPLAATSEN = _("Bevriezen en verplaatsen gaan alleen via het portaal (programma.services).")


@dataclass(frozen=True)
class Pad:
    """A lookup from a model to the field that freezes it."""

    lookup: str
    waarden: tuple[str, ...] = ()

    @property
    def delen(self) -> list[str]:
        return self.lookup.split("__")

    @property
    def is_eigen(self) -> bool:
        """True when the field is on the model itself (the owner of the freeze)."""
        return len(self.delen) == 1

    @property
    def naar_wortel(self) -> str:
        """The lookup from the model to the owner row ("" for the owner itself)."""
        return "__".join(self.delen[:-1])

    def q(self, prefix: str = "") -> models.Q:
        """The condition "frozen" as a Q, optionally seen from another model via `prefix`."""
        lookup = f"{prefix}__{self.lookup}" if prefix else self.lookup
        if self.waarden:
            return models.Q(**{f"{lookup}__in": list(self.waarden)})
        return models.Q(**{f"{lookup}__isnull": False})

    def zonder_eerste(self) -> Pad:
        return Pad("__".join(self.delen[1:]), self.waarden)

    def schakels(self, model: type[models.Model]) -> list[models.ForeignKey]:
        """The foreign keys the path follows; refuses anything but forward foreign keys."""
        fks, huidig = [], model
        for naam in self.delen[:-1]:
            veld = huidig._meta.get_field(naam)
            if not (veld.many_to_one or veld.one_to_one) or not veld.concrete:
                raise ImproperlyConfigured(
                    f"{model.__name__}: bevriezingspad {self.lookup!r} volgt {naam!r}, "
                    "geen voorwaartse foreign key."
                )
            fks.append(veld)
            huidig = veld.related_model
        huidig._meta.get_field(self.delen[-1])  # the freeze field must exist
        return fks

    def wortel(self, model: type[models.Model]) -> type[models.Model]:
        schakels = self.schakels(model)
        return schakels[-1].related_model if schakels else model


@dataclass(frozen=True)
class Soort:
    """One registered frozen kind: a model and how to tell that a row of it is frozen."""

    model: type[models.Model]
    paden: tuple[Pad, ...]
    melding: str | Promise = STANDAARD_MELDING
    #: copied into a new version on correction and carry-forward; False for rows a later step
    #: computes (Bijdrage at proposal) or a rule of its own decides (Deelnemer)
    kopieer: bool = True
    extra_beschermd: frozenset[str] = field(default_factory=frozenset)

    @property
    def wortel(self) -> type[models.Model]:
        return self.paden[0].wortel(self.model)

    @property
    def fk_paden(self) -> tuple[Pad, ...]:
        return tuple(p for p in self.paden if not p.is_eigen)

    def bevroren_q(self, prefix: str = "") -> models.Q:
        q = models.Q()
        for pad in self.paden:
            q |= pad.q(prefix)
        return q

    def onder_q(self, wortel_pk) -> models.Q:
        """The rows of this kind that belong to one owner row."""
        q = models.Q()
        for pad in self.paden:
            q |= models.Q(**{pad.naar_wortel or "pk": wortel_pk})
        return q

    @property
    def beschermd(self) -> frozenset[str]:
        """Fields a bulk update may never set: they say where a row belongs or whether it is
        frozen, so setting them would move content between owners or freeze past the services."""
        namen = set(self.extra_beschermd)
        for pad in self.paden:
            eerste = self.model._meta.get_field(pad.delen[0])
            namen |= {eerste.name, eerste.attname}
        return frozenset(namen)

    def weiger(self) -> None:
        raise Bevroren(self.melding)

    def nieuw_bevroren(self, objs: Iterable[models.Model]) -> bool:
        """Whether any of these (unsaved or changed) rows points into a frozen owner: one query
        per path for the whole batch."""
        objs = list(objs)
        for pad in self.fk_paden:
            eerste = self.model._meta.get_field(pad.delen[0])
            ids = {getattr(o, eerste.attname) for o in objs} - {None}
            if not ids:
                continue
            doel = eerste.related_model._base_manager.filter(
                **{f"{eerste.target_field.attname}__in": ids}
            )
            if doel.filter(pad.zonder_eerste().q()).exists():
                return True
        return False

    def opgeslagen_bevroren(self, pks: Iterable) -> bool:
        """Whether any of the stored rows with these keys is frozen (asked of the database, so
        a stale copy in memory cannot slip through)."""
        pks = [pk for pk in pks if pk is not None]
        if not pks:
            return False
        return self.model._base_manager.filter(pk__in=pks).filter(self.bevroren_q()).exists()

    def controleer(self) -> None:
        wortels = {pad.wortel(self.model) for pad in self.paden}
        if len(wortels) != 1:
            raise ImproperlyConfigured(f"{self.model.__name__}: paden naar verschillende wortels")


_REGISTER: dict[type[models.Model], Soort] = {}


def registreer(
    *,
    pad: str | Sequence[str],
    waarden: Sequence[str] = (),
    melding: str | Promise = STANDAARD_MELDING,
    kopieer: bool = True,
    beschermd: Sequence[str] = (),
):
    """Class decorator: declare a model a frozen kind."""
    lookups = [pad] if isinstance(pad, str) else list(pad)

    def decorator(model: type[models.Model]) -> type[models.Model]:
        if not issubclass(model, Bevriesbaar):
            raise ImproperlyConfigured(f"{model.__name__} moet van Bevriesbaar erven.")
        _REGISTER[model] = Soort(
            model=model,
            paden=tuple(Pad(lookup, tuple(str(w) for w in waarden)) for lookup in lookups),
            melding=melding,
            kopieer=kopieer,
            extra_beschermd=frozenset(beschermd),
        )
        return model

    return decorator


_VRIJ: dict[type[models.Model], str] = {}


def niet_bevroren(*, reden: str):
    """Class decorator: this model points at a frozen owner (a question about a proposed
    version, say) but is not frozen with it. The reason is required: the register test lets
    only a declared model through."""
    if not reden.strip():
        raise ImproperlyConfigured("niet_bevroren: geef de reden op.")

    def decorator(model: type[models.Model]) -> type[models.Model]:
        _VRIJ[model] = reden
        return model

    return decorator


def vrijstelling(model: type[models.Model]) -> str | None:
    return _VRIJ.get(model)


def soorten() -> list[Soort]:
    """Every registered kind, in registration order."""
    return list(_REGISTER.values())


def soort_van(model: type[models.Model]) -> Soort | None:
    return _REGISTER.get(model)


def _soort(model: type[models.Model]) -> Soort:
    soort = _REGISTER.get(model)
    if soort is None:
        raise ImproperlyConfigured(f"{model.__name__} is niet geregistreerd in regio.bevriezing.")
    return soort


def inhoud_van(wortel: type[models.Model]) -> list[Soort]:
    """The kinds that belong to rows of `wortel` (not `wortel` itself), each after the kinds its
    foreign keys point to: the order in which a copy can be made."""
    leden = {s.model: s for s in _REGISTER.values() if s.wortel is wortel and s.model is not wortel}
    volgorde = graphlib.TopologicalSorter()
    for model in sorted(leden, key=lambda m: m._meta.label):
        volgorde.add(
            model,
            *{
                f.related_model
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model in leden and f.related_model is not model
            },
        )
    return [leden[m] for m in volgorde.static_order()]


def onderdelen(obj: models.Model) -> list[models.Model]:
    """The registered rows that belong to `obj` through the first link of their freeze path
    (and the rows that belong to those), deepest first: what goes with it when it is deleted,
    each removal then recorded in its own history."""
    uit: dict[tuple[type, object], models.Model] = {}
    for soort in _REGISTER.values():
        fks = [
            soort.model._meta.get_field(pad.delen[0])
            for pad in soort.fk_paden
            if soort.model._meta.get_field(pad.delen[0]).related_model is type(obj)
        ]
        if not fks:
            continue
        q = models.Q()
        for fk in fks:
            q |= models.Q(**{fk.attname: getattr(obj, fk.target_field.attname)})
        for rij in soort.model._default_manager.filter(q).order_by("pk"):
            for deel in [*onderdelen(rij), rij]:
                uit.setdefault((type(deel), deel.pk), deel)
    return list(uit.values())


def is_bevroren(obj: models.Model) -> bool:
    """Whether this stored row is frozen now (for read-only displays such as the admin)."""
    soort = soort_van(type(obj))
    return bool(soort and soort.opgeslagen_bevroren([obj.pk]))


class BevrorenQuerySet(models.QuerySet):
    """Refuses bulk writes that touch frozen rows, read from the model's declaration."""

    def _weiger_bevroren(self) -> None:
        soort = _soort(self.model)
        if self.filter(soort.bevroren_q()).exists():
            soort.weiger()

    def update(self, **kwargs):
        if _soort(self.model).beschermd & set(kwargs):
            raise DomeinFout(VERPLAATSEN)
        self._weiger_bevroren()
        return super().update(**kwargs)

    update.alters_data = True

    def delete(self):
        self._weiger_bevroren()
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        soort = _soort(self.model)
        if soort.nieuw_bevroren(objs):
            soort.weiger()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        objs = list(objs)
        soort = _soort(self.model)
        if soort.opgeslagen_bevroren(o.pk for o in objs) or soort.nieuw_bevroren(objs):
            soort.weiger()
        return super().bulk_update(objs, *args, **kwargs)


class Bevriesbaar(models.Model):
    """Base of every registered model: save, delete and clean refuse once the row is frozen."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.weiger_als_bevroren()
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.weiger_als_bevroren()
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        # Forms (the admin's too) get the refusal as a message instead of an error page.
        super().clean()
        self.weiger_als_bevroren()

    def weiger_als_bevroren(self) -> None:
        soort = _soort(type(self))
        # Frozen as stored (also when this copy has moved it elsewhere), or moved into a
        # frozen owner.
        if soort.opgeslagen_bevroren([self.pk]) or soort.nieuw_bevroren([self]):
            soort.weiger()


def kopieer(
    *,
    wortel: type[models.Model],
    bron: models.Model,
    doel: models.Model,
    acting_user,
    modellen: Iterable[type[models.Model]] | None = None,
) -> dict[type[models.Model], dict]:
    """Copy the registered content of one owner row into another, in dependency order, pointing
    each copied foreign key at the copy of its target. Without `modellen`: every kind declared
    `kopieer=True`; with it: exactly those. Returns old pk -> copy, per model."""
    from simple_history.utils import bulk_create_with_history

    from regio.history import moment as history_moment

    gekozen = set(modellen) if modellen is not None else None
    kaart: dict[type[models.Model], dict] = {wortel: {bron.pk: doel}}
    for soort in inhoud_van(wortel):
        if (gekozen is None and not soort.kopieer) or (
            gekozen is not None and soort.model not in gekozen
        ):
            continue
        model = soort.model
        # pk order: copies get increasing keys in the same order, which keeps orderings such
        # as a synergy's (van < naar) true.
        rijen = list(model._base_manager.filter(soort.onder_q(bron.pk)).order_by("pk"))
        kopieen = []
        for rij in rijen:
            kopie = model()
            for f in model._meta.concrete_fields:
                if f.primary_key:
                    continue
                waarde = getattr(rij, f.attname)
                if f.is_relation and f.related_model in kaart and waarde is not None:
                    waarde = kaart[f.related_model][waarde].pk
                setattr(kopie, f.attname, waarde)
            kopieen.append(kopie)
        if kopieen:
            kopieen = bulk_create_with_history(
                kopieen, model, default_user=acting_user, default_date=history_moment()
            )
        kaart[model] = {oud.pk: nieuw for oud, nieuw in zip(rijen, kopieen, strict=True)}
    return kaart
