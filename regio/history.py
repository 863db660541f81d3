"""Writing with history: every service saves through here so the acting user is recorded."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from regio.exceptions import DomeinFout


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
        instance.save()
        return instance
    instance.full_clean()
    try:
        with transaction.atomic():  # a savepoint: the outer transaction stays usable
            instance.save()
    except IntegrityError as fout:
        berichten = _uniek_bericht(instance) or [
            _("Dit is zojuist door iemand anders vastgelegd. Laad de pagina opnieuw.")
        ]
        raise DomeinFout(berichten) from fout
    return instance


def verwijder(instance: models.Model, *, acting_user, reden: str | None = None) -> None:
    """Delete one row, recording who did it in its history."""
    instance._history_user = acting_user
    if reden:
        instance._change_reason = reden
    instance.delete()
