"""One scale, in its own process: load into the disk store, then time the gap question in the
engine, in the library, and as a plain Python traversal of dicts (the floor). Prints JSON.

    python benchmarks/ours.py DATA.nq STORE_DIR --repeat 7
"""

import argparse
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.measure import summary, timings
from kg import evidence, queries
from kg.loading import load_file
from kg.seed import ensure_seeded
from kg.store import OxigraphStore

NHSG = "https://w3id.org/nhs-groups-kg/ontology#"
FLOOR_DATA = f"""PREFIX nhsg: <{NHSG}>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?claim ?item ?ind ?dir ?dn ?review ?at ?st WHERE {{
  ?claim a nhsg:Claim .
  OPTIONAL {{ ?item nhsg:aboutClaim ?claim ; nhsg:independence ?ind ; nhsg:direction ?dir ;
                    nhsg:directness ?dn .
             OPTIONAL {{ ?review nhsg:reviewOf ?item ; prov:endedAtTime ?at ;
                                 nhsg:resultingStatus ?st }} }}
}}"""


def floor_inputs(store: OxigraphStore) -> tuple[dict, dict]:
    """Claims -> items and items -> (attributes, reviews), as plain dicts (not timed)."""
    claims: dict[str, set] = defaultdict(set)
    items: dict[str, dict] = {}
    for r in store.select(FLOOR_DATA):
        claims[r["claim"]]
        if r["item"]:
            claims[r["claim"]].add(r["item"])
            entry = items.setdefault(
                r["item"], {"ind": r["ind"], "dir": r["dir"], "dn": r["dn"], "reviews": []}
            )
            if r["review"]:
                entry["reviews"].append((r["at"], r["st"]))
    return claims, items


def floor_gaps(claims: dict, items: dict) -> list[str]:
    """The rule as a Python traversal: the fastest anyone could answer from memory."""
    lacking = []
    for claim, its in claims.items():
        evidence_direct = False
        for i in its:
            it = items[i]
            status = max(it["reviews"])[1].rsplit("/", 1)[1] if it["reviews"] else "unverified"
            if status == "withdrawn":
                continue
            if (
                status == "verified"
                and it["ind"].endswith("/independent")
                and it["dn"].endswith("/direct")
            ):
                evidence_direct = True
                break
        if not evidence_direct:
            lacking.append(claim)
    return lacking


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("store")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    store = OxigraphStore(args.store)
    ensure_seeded(store)
    t = time.perf_counter()
    _, count = load_file(store, Path(args.data))
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    store.compact()  # what `kg load` does after a big load; timed apart from the load
    compact_s = time.perf_counter() - t
    peak_load_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    q = queries.bind(queries.get("gaps"))
    engine = timings(
        lambda: list(store.engine.query(q, use_default_graph_as_union=True)), args.repeat
    )
    library = timings(lambda: evidence.gaps(store), args.repeat)
    claims, items = floor_inputs(store)
    floor = timings(lambda: floor_gaps(claims, items), args.repeat)
    n_gaps = len(evidence.gaps(store))
    assert len(floor_gaps(claims, items)) == n_gaps, "the floor must answer the same question"
    store.close()
    print(
        json.dumps(
            {
                "quads": count,
                "load_s": load_s,
                "load_per_s": count / load_s,
                "compact_s": compact_s,
                "load_peak_mb": peak_load_mb,
                "gaps": n_gaps,
                "engine": summary(engine),
                "library": summary(library),
                "floor": summary(floor),
            }
        )
    )


if __name__ == "__main__":
    main()
