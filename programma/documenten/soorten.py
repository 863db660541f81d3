"""The register of document kinds. A kind says which template renders it, how its context is
built from frozen data only (so rendering can move to a background worker without change),
its title and file name, whether there is one per gemeente, and what else besides the frozen
version its content depends on (`stand`: the decisions a besluitenoverzicht shows).

programma registers the raadsvoorstel and the programme document (programma/apps.py); raden,
which knows the votes, registers the besluitenoverzicht (raden/apps.py). Nothing here imports
an app above programma."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from programma.documenten.models import DocumentSoort


@dataclass(frozen=True)
class Soort:
    code: str
    #: the template under templates/documenten/
    sjabloon: str
    #: (versie, gemeente or None) -> the template's own context
    context: Callable[..., dict]
    #: (versie, gemeente or None) -> the document's title (metadata and first page)
    titel: Callable[..., str]
    #: (versie, gemeente or None) -> the file name, without directory
    bestandsnaam: Callable[..., str]
    per_gemeente: bool = False
    #: versie -> a key of what else the content shows ('' for nothing else)
    stand: Callable[..., str] | None = None
    #: versie -> whether this kind exists for the version (a besluitenoverzicht only once the
    #: round has decisions)
    bestaat: Callable[..., bool] | None = None

    def stand_van(self, versie) -> str:
        return self.stand(versie) if self.stand else ""

    def bestaat_voor(self, versie) -> bool:
        return self.bestaat(versie) if self.bestaat else True


_SOORTEN: dict[str, Soort] = {}


def registreer(soort: Soort) -> None:
    if soort.code not in DocumentSoort.values:
        raise ValueError(f"Onbekende documentsoort {soort.code!r}")
    _SOORTEN[soort.code] = soort


def soort(code: str) -> Soort:
    return _SOORTEN[code]


def soorten() -> list[Soort]:
    return [_SOORTEN[c] for c in DocumentSoort.values if c in _SOORTEN]
