"""The targets of issue 19, each a line of the bench's table: met, or not and by how much."""

from __future__ import annotations

from portaal.bench.last import ratio as last_ratio

#: the targets of issue 19
RATIO_MIN, P99_MAX_MS, NATIONAAL_MAX, VOORSTEL_MAX_MS = 0.5, 50.0, 2.0, 60_000


def doelen(cijfers: dict, regionaal: dict | None) -> list[str]:
    """One line per target of issue 19: met, or not and by how much."""
    uit = ["doelen:"]

    def regel(goed: bool, tekst: str) -> None:
        uit.append(f"  {'gehaald    ' if goed else 'NIET GEHAALD'} {tekst}")

    last = cijfers["last"]
    if last:
        statisch = next(iter(last.values()))["rps"]
        for naam, r in list(last.items())[1:]:
            ratio = last_ratio(r, statisch)
            regel(ratio >= RATIO_MIN, f"{naam}: {ratio:.2f} × statisch (min. {RATIO_MIN})")
            regel(r["p99"] < P99_MAX_MS, f"{naam}: p99 {r['p99']:.1f} ms (< {P99_MAX_MS:.0f})")
            regel(r["fouten"] == 0, f"{naam}: {r['fouten']} foute antwoorden onder last")
    if regionaal:
        for naam, r in cijfers["paginas"].items():
            reg = regionaal["paginas"].get(naam)
            if reg is None:
                continue
            regel(
                r["queries"] == reg["queries"],
                f"{naam}: {r['queries']} queries (regionaal {reg['queries']})",
            )
            factor = r["p50"] / reg["p50"]
            regel(factor <= NATIONAAL_MAX, f"{naam}: render p50 {factor:.2f} × regionaal")
        for naam, r in last.items():
            reg = regionaal["last"].get(naam)
            if reg is not None:
                factor = r["p50"] / reg["p50"]
                regel(factor <= NATIONAAL_MAX, f"{naam} onder last: p50 {factor:.2f} × regionaal")
        for naam, ms in cijfers["voorstellen"].items():
            if naam.startswith("concept 2028"):
                regel(ms < VOORSTEL_MAX_MS, f"voorstellen {naam}: {ms / 1000:.1f} s (< 60 s)")
    return uit
