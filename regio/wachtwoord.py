"""Password rules with Dutch messages.

Django 5.2 changed the message of its minimum-length rule ("at least %d characters") and its
Dutch catalogue still translates the old text ("%(min_length)d"), so the message came out in
English. This rule says the same in Dutch through our own catalogue."""

from __future__ import annotations

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.utils.translation import ngettext


class MinimumLengte(MinimumLengthValidator):
    """Django's minimum length, with a Dutch message and help text."""

    def get_error_message(self) -> str:
        return ngettext(
            "Dit wachtwoord is te kort: het moet minstens %(n)d teken lang zijn.",
            "Dit wachtwoord is te kort: het moet minstens %(n)d tekens lang zijn.",
            self.min_length,
        ) % {"n": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Uw wachtwoord moet minstens %(n)d teken lang zijn.",
            "Uw wachtwoord moet minstens %(n)d tekens lang zijn.",
            self.min_length,
        ) % {"n": self.min_length}
