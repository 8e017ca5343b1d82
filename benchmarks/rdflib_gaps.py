"""Plain rdflib in memory, in its own process (see peers.rdflib_in_memory): load the data, try
each phrasing of the gap question in turn, stopping one once it is slower than the best so far
(rdflib is pure Python, so an alarm can stop it), then time the fastest. Prints JSON.

    python benchmarks/rdflib_gaps.py DATA.nt '{"name": "query", ...}' REPEAT LIMIT_S
"""

import json
import resource
import signal
import sys
import time

from rdflib import Graph


class Over(Exception):
    """The query ran out of its time budget."""


def _alarm(*_: object) -> None:
    raise Over


def run(graph: Graph, text: str, budget: float) -> tuple[float | None, set | None]:
    """Seconds and (claim, status) rows, or (None, None) past `budget` seconds."""
    signal.setitimer(signal.ITIMER_REAL, max(budget, 0.001))
    try:
        t = time.perf_counter()
        rows = {(str(r.claim), str(r.status)) for r in graph.query(text)}
        return time.perf_counter() - t, rows
    except Over:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def main() -> None:
    nt, texts, repeat, limit = (
        sys.argv[1],
        json.loads(sys.argv[2]),
        int(sys.argv[3]),
        float(sys.argv[4]),
    )
    signal.signal(signal.SIGALRM, _alarm)
    start = time.monotonic()
    graph = Graph()
    graph.parse(nt, format="nt")
    load = time.monotonic() - start
    tried: dict[str, float | str | None] = {}
    best, answer = None, None
    for name, text in texts.items():
        left = limit - (time.monotonic() - start)
        took, rows = run(graph, text, min(left, tried[best]) if best else left)
        if took is None:
            tried[name] = None
        elif answer is not None and rows != answer:
            tried[name] = "different rows"
        else:
            answer, tried[name] = rows, took
            best = name if best is None or took < tried[best] else best
    times = [tried[best]] if best else []
    while best and len(times) < repeat and limit - (time.monotonic() - start) > 2 * tried[best]:
        times.append(run(graph, texts[best], limit)[0])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "load_s": load,
                "tried": tried,
                "fastest": best,
                "times": times,
                "rows": len(answer) if answer is not None else None,
                "peak_mb": peak,
            }
        )
    )


if __name__ == "__main__":
    main()
