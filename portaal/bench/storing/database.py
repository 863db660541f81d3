"""The bench database's server for the fault run: connection parameters, whether its local
cluster can be restarted from here, the copy the run writes in, and the restart itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from urllib.parse import urlsplit

_LOKAAL = ("", "localhost", "127.0.0.1", "::1")


def verbindingsparameters(dbname: str | None = None) -> dict:
    """psycopg.connect() arguments for the bench database (or another on the same server)."""
    from django.db import connection

    params = {
        k: v
        for k, v in connection.get_connection_params().items()
        if k not in ("cursor_factory", "context", "prepare_threshold")
    }
    if dbname:
        params["dbname"] = dbname
    return params


def cluster_van() -> tuple[str, str] | str:
    """(version, cluster) of the local PostgreSQL that serves the bench database, or why not."""
    from django.db import connection

    instellingen = connection.settings_dict
    host = instellingen.get("HOST") or ""
    if host not in _LOKAAL and not host.startswith("/"):
        return f"de database draait niet op deze machine ({host})"
    if shutil.which("pg_lsclusters") is None or shutil.which("pg_ctlcluster") is None:
        return "pg_ctlcluster ontbreekt (postgresql-common)"
    poort = str(instellingen.get("PORT") or 5432)
    uit = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True).stdout
    for regel in uit.splitlines():
        # Ver Cluster Port Status Owner Data-directory Log-file
        delen = regel.split()
        if len(delen) >= 6 and delen[2] == poort and delen[3].startswith("online"):
            versie, naam, eigenaar = delen[0], delen[1], delen[4]
            if os.geteuid() != 0 and _gebruiker() != eigenaar:
                return f"geen recht om PostgreSQL te herstarten (root of {eigenaar} nodig)"
            return versie, naam
    return f"geen lokaal PostgreSQL-cluster op poort {poort} (pg_lsclusters)"


def _gebruiker() -> str:
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


def waarom_niet() -> str | None:
    """Why this part of the bench cannot run here, or None."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return f"de benchdatabase is {connection.vendor}, niet PostgreSQL"
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return "gunicorn ontbreekt (make setup)"
    cluster = cluster_van()
    return cluster if isinstance(cluster, str) else None


# -- the copy of the bench database ------------------------------------------------------------


def maak_kopie() -> tuple[str, str]:
    """A copy of the bench database; returns its name and its DATABASE_URL. Django's own
    connections (and their pool) are closed first: a template may have no other sessions."""
    import psycopg
    from django.db import connection, connections
    from psycopg import sql

    naam = f"{connection.settings_dict['NAME']}_storing"[:63]
    connections.close_all()
    connection.close_pool()
    with psycopg.connect(**verbindingsparameters("postgres"), autocommit=True) as beheer:
        beheer.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam))
        )
        beheer.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(naam), sql.Identifier(connection.settings_dict["NAME"])
            )
        )
    adres = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{naam}").geturl()
    return naam, adres


def verwijder_kopie(naam: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(**verbindingsparameters("postgres"), autocommit=True) as beheer:
        beheer.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam))
        )


def herstart_cluster(cluster: tuple[str, str]) -> tuple[float, float, str]:
    """Restart the cluster; (start, end, error output if it failed)."""
    begin = time.monotonic()
    uitkomst = subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, "restart"],
        capture_output=True,
        text=True,
    )
    fout = "" if uitkomst.returncode == 0 else (uitkomst.stderr or uitkomst.stdout).strip()
    return begin, time.monotonic(), fout
