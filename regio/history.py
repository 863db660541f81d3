"""Writing with history: every service saves through here so the acting user is recorded."""

from __future__ import annotations

from django.db import models


def bewaar(instance: models.Model, *, acting_user, reden: str | None = None, valideer: bool = True):
    """Validate and save one row, recording who did it (and why) in its history."""
    if valideer:
        instance.full_clean()
    instance._history_user = acting_user
    if reden:
        instance._change_reason = reden
    instance.save()
    return instance


def verwijder(instance: models.Model, *, acting_user, reden: str | None = None) -> None:
    """Delete one row, recording who did it in its history."""
    instance._history_user = acting_user
    if reden:
        instance._change_reason = reden
    instance.delete()
