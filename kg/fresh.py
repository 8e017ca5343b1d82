"""The body of an evidence item just written, built from the triples of its own write.

Reading it back through evidence-items.rq cost 3 to 4 ms a write, most of it Oxigraph planning
a query with a dozen OPTIONALs, which pyoxigraph cannot reuse: a third of a POST's server time.
Built here it is what GET /evidence/{id} gives for the same item; tests/test_fresh.py holds the
two equal for every shape of body, on every backend. A new item has no review yet, so the rule
of design section 5 makes it `unverified`, and so not independent evidence.
"""

from collections.abc import Iterable

from rdflib import RDFS, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Literal, Node

from kg.catalog import evidence_item_dict
from kg.store.base import Row, Store, Triple
from kg.store.terms import DATETIME, canonical_datetime
from kg.vocab import NHSG, iri

UNVERIFIED = iri("verification-status", "unverified")

# Predicate -> the column of evidence-items.rq it fills.
_ITEM = {
    NHSG + "aboutClaim": "claim",
    NHSG + "aboutBenefit": "benefit",
    NHSG + "summary": "summary",
    NHSG + "quote": "quote",
    NHSG + "evidenceType": "evidenceType",
    NHSG + "independence": "independence",
    NHSG + "direction": "direction",
    NHSG + "directness": "directness",
    NHSG + "dateAsGiven": "date",
    NHSG + "source": "source",
}
_SOURCE = {
    NHSG + "url": "url",
    str(DCTERMS.title): "title",
    str(DCTERMS.publisher): "publisher",
    NHSG + "dateAsGiven": "sourceDate",
}


def _plain(term: Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, Literal) and str(term.datatype) == DATETIME:
        return canonical_datetime(str(term))  # as the store gives it back
    return str(term)


def _fields(triples: Iterable[Triple], subject: str, columns: dict[str, str]) -> Row:
    return {
        columns[str(p)]: _plain(o) for s, p, o in triples if str(s) == subject and str(p) in columns
    }


def _source(store: Store, triples: list[Triple], source: str) -> Row:
    written = _fields(triples, source, _SOURCE)
    if written:  # a new source, written with the item
        return written
    # An index lookup, not sources.rq: that query's planning was 0.5 ms of each write.
    return {_SOURCE[p]: v for p, v in store.properties(source) if p in _SOURCE}


def _provenance(graph: str, triples: list[Triple]) -> dict:
    def value(subject: Node | None, predicate: str) -> Node | None:
        return next((o for s, p, o in triples if s == subject and str(p) == predicate), None)

    g = URIRef(graph)
    agent, activity = value(g, str(PROV.wasAttributedTo)), value(g, str(PROV.wasGeneratedBy))
    return {
        "graph": graph,
        "by": _plain(value(agent, str(RDFS.label))),
        "at": _plain(value(g, str(PROV.generatedAtTime))),
        "activity": _plain(value(activity, str(RDFS.label))),
        "request_id": _plain(value(activity, NHSG + "requestId")),
    }


def evidence_item(store: Store, item: str, graph: str, triples: list[Triple]) -> dict:
    """The new item `item` as GET /evidence/{id} gives it, from the triples its write put in
    `graph` (only an existing source is looked up)."""
    row = {"item": item, **_fields(triples, item, _ITEM)}
    row |= {
        "verification": UNVERIFIED,
        "isEvidence": False,
        **_source(store, triples, row["source"]),
    }
    return {**evidence_item_dict(row), "reviews": [], "provenance": [_provenance(graph, triples)]}
