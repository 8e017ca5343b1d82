"""All the benchmarks, side by side with the peers, in one run; writes docs/benchmarks.md.

    python benchmarks/run.py [--scales 10000,100000,1000000] [--repeat 7] [--limit 300]

For each scale: synthetic data (`kg synth`) plus the seed; ours (load, gap question in the
engine, the library and over HTTP, a claim's page, /health, a /sparql SELECT, durable writes,
peak memory); the floor (a Python traversal of dicts); and the peers (rdflib in memory,
rdflib-endpoint, Virtuoso). Results also go to benchmarks/results.json.
"""

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks import peers, report  # noqa: E402
from benchmarks.measure import run_json  # noqa: E402


def data_files(tmp: Path, triples: int) -> tuple[Path, Path]:
    """Synthetic N-Quads of about `triples`, and the same plus the seed as N-Triples."""
    import pyoxigraph as ox

    from kg.resources import ontology_files, seed_files

    nq = tmp / f"synth-{triples}.nq"
    subprocess.run(
        [sys.executable, "-m", "kg.cli.main", "synth", "--triples", str(triples), "-o", str(nq)],
        check=True,
        capture_output=True,
    )
    nt = tmp / f"all-{triples}.nt"
    quads = [q.triple for q in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS)]
    for f in [*ontology_files(), *seed_files()]:
        quads += list(ox.parse(path=str(f), format=ox.RdfFormat.TURTLE))
    ox.serialize(quads, str(nt), ox.RdfFormat.N_TRIPLES)
    return nq, nt


def one_scale(triples: int, repeat: int, limit: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        nq, nt = data_files(tmp, triples)
        store = tmp / "store"
        ours = run_json(
            str(ROOT / "benchmarks" / "ours.py"), str(nq), str(store), "--repeat", str(repeat)
        )
        ours.update(
            run_json(
                str(ROOT / "benchmarks" / "over_http.py"),
                str(store),
                "--repeat",
                str(max(repeat, 15)),
            )
        )
        rdflib = peers.rdflib_in_memory(nt, repeat, limit)
        return {
            "triples": triples,
            "ours": ours,
            "rdflib": rdflib,
            "rdflib_endpoint": peers.rdflib_endpoint(
                nt, repeat, limit, rdflib.get("formulation", peers.RDFLIB_ORDER[0])
            ),
            "virtuoso": peers.virtuoso(nt, max(repeat, 15), tmp / "virtuoso"),
        }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="10000,100000,1000000")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--limit", type=float, default=300, help="seconds a peer may take")
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = ap.parse_args()
    results = []
    for n in (int(s) for s in args.scales.split(",")):
        print(f"scale {n} ...", file=sys.stderr, flush=True)
        results.append(one_scale(n, args.repeat, args.limit))
        (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=1))
    machine = (
        f"{platform.machine()}, {platform.processor() or 'cpu'}, "
        f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores"
    )
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    Path(args.out).write_text(report.markdown(results, machine, command.strip()))
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
