"""docs/benchmarks.md from the results of benchmarks/run.py: ratios first, then the figures."""

from pathlib import Path


def _ms(d: dict | None, key: str = "median_ms") -> float | None:
    return None if not d or key not in d else d[key]


def _fmt(x: float | None, unit: str = "ms") -> str:
    if x is None:
        return "-"
    return f"{x:,.1f} {unit}" if x < 100 else f"{x:,.0f} {unit}"


def _pair(d: dict | None) -> str:
    """Median and p95 of a timing summary, or "-" where it was not measured."""
    return f"{_fmt(_ms(d))}, {_fmt(_ms(d, 'p95_ms'))}"


def _ratio(a: float | None, b: float | None) -> str:
    return "-" if not a or not b else f"{a / b:,.1f}x"


def _peer_gaps(peer: dict) -> tuple[float | None, str]:
    if "over_limit_s" in peer:
        return None, f"> {peer['over_limit_s']:.0f} s (stopped)"
    value = _ms(peer.get("gaps"))
    return value, _fmt(value)


Target = tuple[str, str, str, bool | None]


def _both(o: dict, key: str, after: str, check) -> tuple[str, bool]:
    """A target checked on the up-to-date read (`key`) and on the read just after a write
    (`after`, where the server first recomputes what the write changed): met only if both are."""
    now, then = check(_ms(o[key])), check(_ms(o.get(after)))
    text = f"{now[0]} (after a write: {then[0] if then[0] else '-'})"
    return text, bool(now[1] and (then[1] if o.get(after) else True))


def _gap_targets(r: dict, n: str) -> list[Target]:
    o = r["ours"]
    engine = _ms(o["engine"])
    text, met = _both(
        o, "gaps_http", "gaps_after_write", lambda h: (_ratio(h, engine), h <= 2 * engine)
    )
    rows = [("GET /gaps <= 2x the engine alone", text, n, met)]
    peer, _ = _peer_gaps(r["rdflib_endpoint"])
    over = r["rdflib_endpoint"].get("over_limit_s")
    limit = peer or (over * 1000 if over else None)

    def faster(h: float | None) -> tuple[str, bool]:
        if not (h and limit):
            return "-", False
        return ("> " if over else "") + f"{limit / h:,.0f}x", limit / h >= 50

    text, met = _both(o, "gaps_http", "gaps_after_write", faster)
    rows.append(("GET /gaps >= 50x faster than rdflib-endpoint", text, n, met if limit else None))
    return rows


def _page_and_write_targets(r: dict, n: str) -> list[Target]:
    o = r["ours"]
    health = _ms(o["health"])
    text, met = _both(
        o, "claim_page", "claim_page_after_write", lambda c: (_ratio(c, health), c <= 3 * health)
    )
    seq, eight = o["writes_seq_per_s"], o["writes_8_per_s"]
    return [
        ("GET /claims/{id} <= 3x GET /health", text, n, met),
        ("POST /evidence >= 100/s sequential", f"{seq:.0f}/s", n, seq >= 100),
        ("POST /evidence >= 300/s with 8 clients", f"{eight:.0f}/s", n, eight >= 300),
    ]


def _national_targets(results: list[dict]) -> list[Target]:
    """The targets the issue sets at 1M triples, and the growth from 100k to 1M."""
    by = {r["triples"]: r["ours"] for r in results}
    if 1_000_000 not in by:
        return []
    big = by[1_000_000]
    rows = [
        (
            "load >= 100k triples/s",
            f"{big['load_per_s']:,.0f}/s",
            "1,000,000",
            big["load_per_s"] >= 100_000,
        ),
        (
            "server < 400 MB at 1M",
            _fmt(big["server_peak_mb"], "MB"),
            "1,000,000",
            big["server_peak_mb"] < 400,
        ),
    ]
    if 100_000 in by:
        small = by[100_000]

        def growth(key: str) -> float | None:
            return _ms(big[key]) / _ms(small[key]) if key in big and key in small else None

        now, then = growth("gaps_http"), growth("gaps_after_write")
        text = f"{now:.1f}x (after a write: {f'{then:.1f}x' if then else '-'})"
        met = now <= 12 and (then is None or then <= 12)
        rows.append(("GET /gaps grows <= 12x from 100k to 1M", text, "100k->1M", met))
    return rows


def targets(results: list[dict]) -> list[Target]:
    """(target, measured, scale, met?) for every target of issue 7 that was measured."""
    rows: list[Target] = []
    for r in results:
        n = f"{r['triples']:,}"
        rows += _gap_targets(r, n) + _page_and_write_targets(r, n)
    return rows + _national_targets(results)


def _phrasings(results: list[dict]) -> str:
    """What each phrasing of the gap question (benchmarks/formulations.py) took in rdflib."""
    lines = [
        "rdflib was given every equivalent phrasing of the gap question "
        "(benchmarks/formulations.py), each stopped once slower than the best so far; "
        "rdflib-endpoint, the same engine, was then asked the fastest. First runs:",
        "",
    ]
    for r in results:
        tried = r["rdflib"].get("tried") or {}
        said = [
            f"{name}: "
            + (f"{took * 1000:,.0f} ms" if isinstance(took, float) else (took or "stopped"))
            for name, took in tried.items()
        ]
        lines.append(f"- {r['triples']:,}: " + ("; ".join(said) if said else "not reached"))
    return "\n".join(lines)


def _other_questions(results: list[dict]) -> list[str]:
    """The questions besides the gap question, asked of ours and of the peers that serve them:
    Virtuoso through our API (the scale-out store), rdflib-endpoint for SPARQL."""
    out = [
        "## The other questions, ours and the peers (median)",
        "",
        "Virtuoso answers through our API in front of it (`--store URL`), which keeps no "
        "statuses for a remote store: every page asks the rule. rdflib-endpoint has "
        "no pages or writes, only SPARQL, and its load is the time until it first answers.",
        "",
        "| scale | system | load | /claims/{id} | /evidence/{id} | /health | /sparql SELECT "
        "| POST seq | POST 8 clients |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        api = r["virtuoso"].get("api", {})
        rows = [("ours", r["ours"], r["ours"]), ("virtuoso", r["virtuoso"], api)]
        rows.append(("rdflib_endpoint", r["rdflib_endpoint"], r["rdflib_endpoint"]))
        for name, system, http in rows:
            load = f"{system['load_s']:.1f} s" if "load_s" in system else "-"
            cells = [_fmt(_ms(http.get(k))) for k in ("claim_page", "evidence_page", "health")]
            cells.append(_fmt(_ms(http.get("sparql_select"))))
            cells += [f"{http[k]:.0f}/s" if k in http else "-" for k in WRITES]
            out.append(f"| {r['triples']:,} | {name} | {load} | " + " | ".join(cells) + " |")
    return out


WRITES = ("writes_seq_per_s", "writes_8_per_s")


def markdown(results: list[dict], machine: str, command: str) -> str:
    out = [
        "# Benchmarks",
        "",
        f"Measured in one run on this machine ({machine}), with `{command}`.",
        "Data: `kg synth` at each scale plus the seed, the same for every system. "
        "Ratios are what we compare; absolute times depend on the machine. The peers need "
        "`pip install -e '.[bench]'` (rdflib-endpoint) and Virtuoso (`scripts/virtuoso.sh` "
        "installs it).",
        "",
        "## Targets",
        "",
        "| target | measured | scale | met |",
        "|---|---|---|---|",
    ]
    for name, measured, scale, met in targets(results):
        out.append(
            f"| {name} | {measured} | {scale} | "
            f"{'yes' if met else 'no' if met is not None else '-'} |"
        )
    out += [
        "",
        "## The gap question: ours and the peers (median; ratio = peer / ours over HTTP)",
        "",
        "Ours over HTTP reads the statuses the server keeps (kg/status_view.py): the first "
        "read after start computes them all; after a write, the server's own thread "
        "recomputes the small claims it touched, and a read recomputes those still marked. "
        "The library column and the peers run the rule on every call.",
        "",
        "| scale | ours: engine | ours: library | ours: HTTP | ours: HTTP after a write | "
        "ours: first read | floor (Python dicts) | rdflib in memory | rdflib-endpoint | "
        "Virtuoso (via our store) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        o = r["ours"]
        http = _ms(o["gaps_http"])
        cells = []
        for peer in ("rdflib", "rdflib_endpoint", "virtuoso"):
            value, text = _peer_gaps(r[peer])
            cells.append(f"{text} ({_ratio(value, http)})" if value else text)
        out.append(
            f"| {r['triples']:,} | {_fmt(_ms(o['engine']))} | {_fmt(_ms(o['library']))} "
            f"| {_fmt(http)} (p95 {_fmt(_ms(o['gaps_http'], 'p95_ms'))}) | "
            f"{_fmt(_ms(o.get('gaps_after_write')))} | {_fmt(o.get('gaps_first_ms'))} | "
            f"{_fmt(_ms(o['floor']))} ({_ratio(_ms(o['floor']), http)}) | "
            + " | ".join(cells)
            + " |"
        )
    out += [
        "",
        "## Ours in detail (median, p95)",
        "",
        "Pages, /health and the SELECT are timed in turn, 200 rounds; `/claims/{id}` after a "
        "write is that page read just after an item was added to its claim. Writes add "
        "items to 200 claims in turn.",
        "",
        "| scale | quads | load | load rate | then compact | load peak | /claims/{id} | "
        "/claims/{id} after a write | /evidence/{id} | /health | /sparql SELECT | POST seq | "
        "POST 8 clients | server peak |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        o = r["ours"]
        out.append(
            f"| {r['triples']:,} | {o['quads']:,} | {o['load_s']:.1f} s | "
            f"{o['load_per_s']:,.0f}/s | {o.get('compact_s', 0):.1f} s | "
            f"{o['load_peak_mb']:.0f} MB | "
            f"{_pair(o['claim_page'])} | {_pair(o.get('claim_page_after_write'))} | "
            f"{_pair(o.get('evidence_page'))} | "
            f"{_pair(o['health'])} | {_pair(o['sparql_select'])} | "
            f"{o['writes_seq_per_s']:.0f}/s | {o['writes_8_per_s']:.0f}/s | "
            f"{o['server_peak_mb']:.0f} MB |"
        )
    ours_rows = ", ".join(f"{r['ours']['gaps']:,}" for r in results)
    out += [
        "",
        f"## Peers in detail (rows: the claims lacking independent evidence; ours: {ours_rows})",
        "",
        "| scale | system | phrasing | load | gap query | rows | peak memory |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for name in ("rdflib", "rdflib_endpoint", "virtuoso"):
            p = r[name]
            load = f"{p['load_s']:.1f} s" if "load_s" in p else "-"
            peak = f"{p['peak_mb']:.0f} MB" if "peak_mb" in p else "-"
            rows = p.get("rows", "-")
            phrasing = p.get("formulation", "minus (ours)")
            out.append(
                f"| {r['triples']:,} | {name} | {phrasing} | {load} | {_peer_gaps(p)[1]} "
                f"| {rows} | {peak} |"
            )
    out += ["", _phrasings(results), "", *_other_questions(results)]
    findings = Path(__file__).with_name("findings.md")
    if findings.exists():
        out += ["", findings.read_text().rstrip()]
    return "\n".join(out) + "\n"
