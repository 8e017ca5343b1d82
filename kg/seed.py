"""First open of a store: load the ontology and the curated seed data."""

from kg import provenance
from kg.loading import load_file
from kg.resources import ontology_files, seed_files
from kg.store.base import Store
from kg.vocab import ONTOLOGY_GRAPH, SEED_GRAPH


def seed(store: Store) -> int:
    """Load the ontology (own graph) and the seed data (own graph); return the quads added."""
    total = 0
    for path in ontology_files():
        total += load_file(store, path, graph=ONTOLOGY_GRAPH)[1]
    for path in seed_files():
        total += load_file(store, path, graph=SEED_GRAPH)[1]
    record = provenance.record(
        SEED_GRAPH, "seed curation", "kg seed from seed_data/", provenance.now()
    )
    store.write_graph(SEED_GRAPH, record)
    return total + len(record)


def ensure_seeded(store: Store) -> bool:
    """Seed `store` if it is empty; True when it did."""
    if not store.is_empty():
        return False
    seed(store)
    return True
