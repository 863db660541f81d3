"""Writing with history: every service saves through here so the acting user is recorded.

What a save or delete writes besides its own row (the rows a delete cascades to, rows a signal
handler saves) records the same user and reason: Django makes those instances itself, so they
cannot carry `_history_user`; while `bewaar` or `verwijder` runs, a receiver gives it to every
instance saved or deleted that has none. Inside a web request simple-history's middleware
would name the request's user; without one (a task, a command) nobody would be named."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext as _

from regio.exceptions import DomeinFout

#: (acting user, reason) of the bewaar/verwijder that is running, for the rows it drags along
_HANDELEND: ContextVar[tuple | None] = ContextVar("regio_history_handelend", default=None)


def _geef_door(sender, instance, **kwargs) -> None:
    stand = _HANDELEND.get()
    if stand is None or getattr(instance, "_history_user", None) is not None:
        return
    instance._history_user, reden = stand
    if reden and not getattr(instance, "_change_reason", None):
        instance._change_reason = reden


#: the moment a past action is recorded at (a service's `op`), instead of now
_MOMENT: ContextVar[datetime.datetime | None] = ContextVar("regio_history_moment", default=None)


@contextmanager
def op_moment(op: datetime.datetime | None) -> Iterator[None]:
    """Inside: every history record written says it happened at `op`, not now: an action
    recorded after the fact (an import, the demo's past years) keeps its own moment in the
    history, as the services' `op` keeps it in the rows. None changes nothing."""
    if op is None:
        yield
        return
    token = _MOMENT.set(op)
    try:
        yield
    finally:
        _MOMENT.reset(token)


def moment() -> datetime.datetime | None:
    """The moment history is being recorded at (None: now); for bulk writes' `default_date`."""
    return _MOMENT.get()


def _zet_moment(sender, instance, **kwargs) -> None:
    op = _MOMENT.get()
    if op is not None:
        instance._history_date = op
        instance._history_date_van_klok = True
    elif getattr(instance, "_history_date_van_klok", False):
        # the same object saved again later, outside op_moment: now is now again
        del instance._history_date, instance._history_date_van_klok


pre_save.connect(_zet_moment, dispatch_uid="regio_history_moment_save")
pre_delete.connect(_zet_moment, dispatch_uid="regio_history_moment_delete")
pre_save.connect(_geef_door, dispatch_uid="regio_history_geef_door_save")
pre_delete.connect(_geef_door, dispatch_uid="regio_history_geef_door_delete")


class _Namens:
    """While inside: what is saved or deleted without a user of its own is this user's."""

    def __init__(self, acting_user, reden):
        self.stand = (acting_user, reden)

    def __enter__(self):
        self.token = _HANDELEND.set(self.stand)

    def __exit__(self, *exc):
        _HANDELEND.reset(self.token)


def _uniek_bericht(instance: models.Model) -> list[str]:
    """The model's own Dutch message for the row that beat this one to it, if it can tell."""
    try:
        instance.validate_unique()
        instance.validate_constraints()
    except ValidationError as fout:
        return fout.messages
    return []


def bewaar(instance: models.Model, *, acting_user, reden: str | None = None, valideer: bool = True):
    """Validate and save one row, recording who did it (and why) in its history.

    Two requests can both pass the validation before either saves (a double click, ten
    councillors at once); the database then refuses the second with a unique-key violation.
    That refusal becomes a DomeinFout with a Dutch message, for every service at once.
    With valideer=False the caller vouches for the row and no savepoint is spent on it."""
    instance._history_user = acting_user
    if reden:
        instance._change_reason = reden
    if not valideer:
        # the caller vouches for the row (copies of a frozen version, rights it checked)
        with _Namens(acting_user, reden):
            instance.save()
        return instance
    instance.full_clean()
    try:
        # a savepoint: the outer transaction stays usable
        with transaction.atomic(), _Namens(acting_user, reden):
            instance.save()
    except IntegrityError as fout:
        berichten = _uniek_bericht(instance) or [
            _("Dit is zojuist door iemand anders vastgelegd. Laad de pagina opnieuw.")
        ]
        raise DomeinFout(berichten) from fout
    return instance


def verwijder(instance: models.Model, *, acting_user, reden: str | None = None) -> None:
    """Delete one row, recording who did it in its history (and in that of every row the
    delete cascades to)."""
    instance._history_user = acting_user
    if reden:
        instance._change_reason = reden
    with _Namens(acting_user, reden):
        instance.delete()
