"""Write the seed data replicated N times as N-Quads: a bigger graph of the same shape.

    python benchmarks/replicate_seed.py 100 -o /tmp/seed-x100.nq

Every instance IRI (groups, trusts, claims, evidence, sources, reviews, memberships) gets a
copy suffix; vocabulary concepts and benefits are shared, as in real growth. Used for the
gap-query timings in the notes; issue 7's `kg synth` is the proper generator.
"""

import argparse
import sys

import pyoxigraph as ox

from kg.resources import ontology_files, seed_files
from kg.vocab import ID_BASE, ONTOLOGY_GRAPH, SEED_GRAPH

COPIED = tuple(
    ID_BASE + k + "/"
    for k in ("group", "trust", "membership", "claim", "evidence", "source", "review")
)


def rename(term: object, suffix: str) -> object:
    if isinstance(term, ox.NamedNode) and term.value.startswith(COPIED):
        return ox.NamedNode(term.value + suffix)
    return term


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("copies", type=int)
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()
    seed = [q for p in seed_files() for q in ox.parse(path=str(p), format=ox.RdfFormat.TURTLE)]
    onto = [q for p in ontology_files() for q in ox.parse(path=str(p), format=ox.RdfFormat.TURTLE)]
    out = []
    for q in onto:
        out.append(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(ONTOLOGY_GRAPH)))
    for i in range(args.copies):
        sfx = "" if i == 0 else f"-x{i}"
        g = ox.NamedNode(SEED_GRAPH)
        out.extend(
            ox.Quad(rename(q.subject, sfx), q.predicate, rename(q.object, sfx), g) for q in seed
        )
    ox.serialize(out, args.output, ox.RdfFormat.N_QUADS)
    print(f"{len(out)} quads -> {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
