"""What the public sees, and when it changed: the key of the public page cache (regio.paginacache),
of its ETags and of its Last-Modified.

Every change the public can see appends one `OpenbareWijziging` row, inside the transaction of the
change itself: a rollback takes the row with it, a commit publishes both at once, and no process
can see the change without the row. The *stand* is (number of rows, newest row), read in one query;
a cached page is only ever served under the stand it was rendered at, so a change is visible on the
next request in every worker, with no message to send and nothing to forget.

Two ways a row gets written:
- the services that publish say so (`gewijzigd`): proposing a version, confirming a stemming,
  closing a round, answering a question. They also write through bulk paths that send no signals.
- a safety net on `post_save` / `post_delete` of every model of the domain apps catches the rest,
  such as an edit of a gemeente, a thema or a fractie in the admin. It leaves out what the public
  cannot see: a concept version and its rows, the votes of a stemming not yet confirmed (the
  register of frozen kinds says which rows hang under which owner; those owners publish by
  freezing, and the save that freezes them passes the net), rendered documents and fingerprints
  (derived from frozen data), object permissions and history rows.
A change that writes nothing the public sees writes no row, so caches stay warm while councils vote
and the board drafts."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import threading
import time
from dataclasses import dataclass

from django.db import models
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime

#: apps whose models the public pages show
DOMEIN_APPS = ("regio", "opgaven", "programma", "raden")

#: owners whose rows are public only once the owner is frozen, and whether that holds for the
#: owner itself: a concept version is not public at all; the votes of a stemming are public once
#: it is confirmed, but its opening and closing show at once (the coverage matrix)
OPENBAAR_NA_BEVRIEZING = {"programma.programmaversie": True, "raden.stemming": False}

#: models whose writes never change a public page
NOOIT_OPENBAAR = (
    "programma.document",  # a rendered file of frozen data; rendering it changes nothing shown
    "programma.vingerafdruk",  # the digest of frozen data, computed when first asked for
    "regio.openbarewijziging",
    "regio.gemeenteuserobjectpermission",
    "regio.gemeentegroupobjectpermission",
)


#: the newest rows the stand reads: enough to see a transaction that was still running when
#: later ones committed (its row has an older id but appears later), few enough to read by the
#: primary key index on every anonymous request
VENSTER = 20

#: the pause between two tries of the stand while PostgreSQL does not answer
WACHTSTAP_S = 0.1


@dataclass(frozen=True)
class Stand:
    """How far the public record has come: the cache key and validator of every public page."""

    #: the ids of the newest rows (VENSTER), newest first
    ids: tuple[int, ...]
    moment: datetime.datetime | None

    @property
    def laatste(self) -> int:
        return self.ids[0] if self.ids else 0

    @property
    def sleutel(self) -> str:
        # the ids change with every commit, also one that lands below the newest; the moment
        # too, since after a flush and a new load the ids start over
        tijd = self.moment.timestamp() if self.moment else 0
        vingerafdruk = hashlib.blake2b(repr(self.ids).encode(), digest_size=8).hexdigest()
        return f"{self.laatste}.{vingerafdruk}.{tijd:.6f}"


def _sql(tabel: str) -> str:
    # the moments as text: parsing twenty datetimes would cost more than the query
    return f"SELECT id, CAST(moment AS TEXT) FROM {tabel} ORDER BY id DESC LIMIT {VENSTER}"  # noqa: S608


_lezer = threading.local()


def _eigen_verbinding(connection):
    """This worker's own PostgreSQL connection for the stand (settings.STAND_EIGEN_VERBINDING):
    autocommit, no pool to check it out of and no health check before every request. A broken
    one (PostgreSQL restarted) is replaced by `_lees`."""
    import psycopg

    verbinding = getattr(_lezer, "verbinding", None)
    if verbinding is None or verbinding.closed or verbinding.broken:
        params = {
            k: v
            for k, v in connection.get_connection_params().items()
            if k not in ("cursor_factory", "context", "prepare_threshold")
        }
        verbinding = psycopg.connect(**params, autocommit=True, prepare_threshold=None)
        _lezer.verbinding = verbinding
    return verbinding


def sluit_eigen_verbinding() -> None:
    """Close this thread's own connection (tests; a worker's ends with its process)."""
    verbinding = getattr(_lezer, "verbinding", None)
    if verbinding is not None:
        verbinding.close()
        _lezer.verbinding = None


def _ververs_pool(connection) -> None:
    """The stand's own connection is the canary of this worker's pool: read on every anonymous
    request, it is the first to find that PostgreSQL restarted. Once it reads again, the idle
    connections in the pool, dead since the restart, are tested and replaced at once
    (psycopg_pool's check(); the database answers, so the new ones connect straight away),
    rather than found one by one by the requests that get them, with the pool's back-off sleep
    after each (1, 2, 4 s)."""
    import psycopg

    pool = connection.pool  # None without one
    if pool is not None and not pool.closed:
        with contextlib.suppress(psycopg.Error):  # the request goes on regardless
            pool.check()


def _lees(connection, tabel: str) -> list[tuple]:
    from django.conf import settings

    if (
        getattr(settings, "STAND_EIGEN_VERBINDING", False)
        and connection.vendor == "postgresql"
        # a request inside a transaction must see its own uncommitted changes: Django's
        # connection, as for everything else it reads
        and not connection.in_atomic_block
    ):
        import psycopg

        tot = None
        while True:
            try:
                rijen = _eigen_verbinding(connection).execute(_sql(tabel)).fetchall()
            except psycopg.OperationalError:
                # PostgreSQL restarted: a new connection at once; while it restarts, tried
                # again for as long as a request waits for a connection from the pool
                sluit_eigen_verbinding()
                nu = time.monotonic()
                if tot is None:
                    tot = nu + settings.DATABASE_WACHTTIJD
                    continue
                if nu >= tot:
                    raise
                time.sleep(min(WACHTSTAP_S, tot - nu))
            else:
                if tot is not None:  # PostgreSQL is back
                    _ververs_pool(connection)
                return rijen
    with connection.cursor() as cursor:
        cursor.execute(_sql(tabel))
        return cursor.fetchall()


def stand() -> Stand:
    """The current stand, in one query: a backward scan of the primary key index. Plain SQL,
    because it runs on every anonymous request and the ORM would spend more time building it
    than the database spends answering it."""
    from django.db import connection

    from regio.models import OpenbareWijziging

    rijen = _lees(connection, connection.ops.quote_name(OpenbareWijziging._meta.db_table))
    if not rijen:
        return Stand(ids=(), moment=None)
    moment = parse_datetime(max(m for _, m in rijen))  # one format, so text order is time order
    if timezone.is_naive(moment):  # SQLite keeps UTC without an offset
        moment = timezone.make_aware(moment, datetime.UTC)
    return Stand(ids=tuple(i for i, _ in rijen), moment=moment)


def gewijzigd(reden: str) -> None:
    """Record that what the public sees changed, in the caller's transaction."""
    from regio.models import OpenbareWijziging

    OpenbareWijziging.objects.create(reden=str(reden)[:200])


def _label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def is_openbaar(instance: models.Model) -> bool:
    """Whether a write of this row can change a public page."""
    from regio import bevriezing

    model = type(instance)
    label = _label(model)
    if label in NOOIT_OPENBAAR or model.__name__.startswith("Historical"):
        return False
    if model._meta.auto_created:  # m2m through tables: their owner's save decides
        return False
    soort = bevriezing.soort_van(model)
    wortel = soort and _label(soort.wortel)
    if wortel in OPENBAAR_NA_BEVRIEZING and (OPENBAAR_NA_BEVRIEZING[wortel] or wortel != label):
        # a row of a concept or of an open stemming: public once its owner freezes, and the
        # save that freezes the owner is itself a public change
        return soort.opgeslagen_bevroren([instance.pk])
    return True


def _bij_schrijven(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: fixtures are not a change of the record
        return
    if is_openbaar(instance):
        gewijzigd(f"{_label(sender)} {instance.pk}")


def _na_migrate(sender, **kwargs) -> None:
    # a data migration may change anything, and caches may outlive a deploy
    if sender.label == "regio":
        from django.db.utils import DatabaseError

        # the table does not exist yet in a partial migrate
        with contextlib.suppress(DatabaseError):
            gewijzigd("migrate")


def verbind() -> None:
    """Connect the safety net (regio.apps.RegioConfig.ready)."""
    from django.apps import apps

    for app in DOMEIN_APPS:
        for model in apps.get_app_config(app).get_models():
            if _label(model) in NOOIT_OPENBAAR or model.__name__.startswith("Historical"):
                continue
            uid = f"regio.publicatie.{_label(model)}"
            post_save.connect(_bij_schrijven, sender=model, dispatch_uid=uid + ".save")
            post_delete.connect(_bij_schrijven, sender=model, dispatch_uid=uid + ".delete")
    post_migrate.connect(_na_migrate, dispatch_uid="regio.publicatie.migrate")
