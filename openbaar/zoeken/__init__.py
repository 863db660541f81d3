"""Public full-text search (issue 18, point 3): what is public about the programme, searched
the same way for everyone. The form (formulier), what is searched per kind (bronnen), one page
of results with snippets (resultaten) and the escaping of those snippets (tekst)."""

from openbaar.zoeken.bronnen import Filters
from openbaar.zoeken.formulier import MAX_LENGTE, ZoekForm
from openbaar.zoeken.resultaten import PER_PAGINA, Resultaat, Zoekresultaat, zoek

__all__ = [
    "MAX_LENGTE",
    "PER_PAGINA",
    "Filters",
    "Resultaat",
    "ZoekForm",
    "Zoekresultaat",
    "zoek",
]
