"""Domain errors: raised by services with a Dutch message that views show on the form."""

from django.core.exceptions import ValidationError


class DomeinFout(ValidationError):
    """A rule of the domain refuses this change; the message says why, in Dutch."""


class Bevroren(DomeinFout):
    """The object belongs to a frozen programme version (or a closed year) and cannot change."""
