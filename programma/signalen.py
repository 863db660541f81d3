"""Signals of the programme lifecycle, for the apps above programma (raden) to act on without
programma knowing them: dependencies flow one way."""

from django.dispatch import Signal

#: sent inside the transaction of `stel_programma_voor`, after the version is frozen, with
#: `versie` (the proposed version), `vervangt` (the frozen version it supersedes, or None) and
#: `acting_user`
versie_voorgesteld = Signal()
