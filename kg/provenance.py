"""PROV-O records for writes: every write is a named graph that says who, when and how."""

import threading
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Literal, Namespace, URIRef

from kg.store.base import Triple
from kg.vocab import GRAPH_BASE, NHSG, iri

PROV = Namespace("http://www.w3.org/ns/prov#")
NS = Namespace(NHSG)

_lock = threading.Lock()
_last = datetime.min.replace(tzinfo=UTC)


def now() -> datetime:
    """The current UTC time, strictly later than any earlier call in this process.

    The latest review of an item decides its status, so two reviews must never share a time.
    """
    global _last
    with _lock:
        t = datetime.now(UTC)
        _last = max(t, _last + timedelta(microseconds=1))
        return _last


def timestamp(t: datetime) -> Literal:
    """An xsd:dateTime literal for `t`."""
    return Literal(t.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)


def new_graph_iri(kind: str, key: str) -> str:
    """A fresh named-graph IRI for a write of `kind` (load, claim, evidence, review)."""
    return f"{GRAPH_BASE}{kind}/{key}"


def agent_iri(name: str) -> URIRef:
    """The PROV agent for a token or command name (any text: it is escaped into the IRI)."""
    return URIRef(iri("agent", quote(name, safe="")))


def record(
    graph: str, agent: str, activity: str, at: datetime, request_id: str | None = None
) -> list[Triple]:
    """Triples saying the named graph `graph` was written by `agent` through `activity` at `at`."""
    g, who = URIRef(graph), agent_iri(agent)
    act = URIRef(graph + "#activity")
    triples: list[Triple] = [
        (g, RDF.type, PROV.Bundle),
        (g, PROV.generatedAtTime, timestamp(at)),
        (g, PROV.wasAttributedTo, who),
        (g, PROV.wasGeneratedBy, act),
        (act, RDF.type, PROV.Activity),
        (act, RDFS.label, Literal(activity)),
        (act, PROV.wasAssociatedWith, who),
        (act, PROV.endedAtTime, timestamp(at)),
        (who, RDF.type, PROV.Agent),
        (who, RDFS.label, Literal(agent)),
    ]
    if request_id:
        triples.append((act, NS.requestId, Literal(request_id)))
    return triples
