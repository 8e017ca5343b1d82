"""Time the gap question on the seed and on the seed replicated 100 times (about 220k quads).

    python benchmarks/gap_query.py [--copies 100] [--repeat 7]

Prints the median time of the named query `gaps` in the engine alone (pyoxigraph, results
consumed), and through kg.evidence.gaps (engine + rows to Python + the rule's filtering).
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg import evidence, queries
from kg.seed import ensure_seeded
from kg.store import OxigraphStore


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def measure(store: OxigraphStore, label: str, repeat: int) -> None:
    q = queries.bind(queries.get("gaps"))

    def engine() -> int:
        return len(list(store.engine.query(q, use_default_graph_as_union=True)))

    n = engine()
    e = median_ms(engine, repeat)
    lib = median_ms(lambda: evidence.gaps(store), repeat)
    print(
        f"{label:<28} {len(store):>8} quads  {n:>5} gaps  engine {e:8.1f} ms  "
        f"kg.evidence.gaps {lib:8.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    seed = OxigraphStore(None)
    ensure_seeded(seed)
    measure(seed, "seed", args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        import sys
        from subprocess import run

        data = Path(tmp) / "copies.nq"
        run(
            [
                sys.executable,
                str(Path(__file__).parent / "replicate_seed.py"),
                str(args.copies),
                "-o",
                str(data),
            ],
            check=True,
        )
        big = OxigraphStore(None)
        big.engine.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        measure(big, f"seed x{args.copies}", args.repeat)


if __name__ == "__main__":
    main()
