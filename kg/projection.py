"""The knowledge graph as a clean networkx MultiDiGraph, for Gephi, Cytoscape, Graphviz and the
web: string node ids (`kind:slug`), one node per group, trust, benefit, claim, evidence item
and source; literals as attributes; every edge with a `kind`. (rdflib's own converters key nodes
by URIRef and keep list attributes, which GEXF, GraphML and DOT writers cannot take.)"""

import networkx as nx

from kg import catalog, evidence, queries
from kg.store.base import Store
from kg.vocab import slug

EDGE_KINDS = ("member-of", "claims", "about", "supports", "disputes", "inconclusive", "cites")


def node_id(kind: str, iri: str) -> str:
    """The projection's id of a thing: `claim:c01`, `trust:RJC`."""
    return f"{kind}:{slug(iri)}"


def _add(g: nx.MultiDiGraph, kind: str, iri: str, label: str, **attrs: object) -> str:
    nid = node_id(kind, iri)
    clean = {k: v for k, v in attrs.items() if v is not None}
    g.add_node(nid, kind=kind, iri=iri, label=label or slug(iri), **clean)
    return nid


def _source(g: nx.MultiDiGraph, row: dict, date_key: str = "date") -> str | None:
    if not row.get("source"):
        return None
    return _add(
        g,
        "source",
        row["source"],
        row.get("title") or slug(row["source"]),
        url=row.get("url"),
        publisher=row.get("publisher"),
        date=row.get(date_key),
    )


def _groups(g: nx.MultiDiGraph, store: Store) -> None:
    for r in store.select(queries.get("sources")):  # every source, cited or not
        _source(g, r)
    for r in store.select(queries.get("groups")):
        _add(g, "group", r["group"], r["label"], region=r.get("region"), model=r.get("modelLabel"))
    for r in store.select(queries.get("group-members")):
        trust = _add(g, "trust", r["trust"], r["label"], ods_code=r["ods"])
        g.add_edge(trust, node_id("group", r["group"]), kind="member-of")
    for r in store.select(queries.get("group-sources")):
        g.add_edge(node_id("group", r["group"]), node_id("source", r["source"]), kind="cites")


def _claims(g: nx.MultiDiGraph, store: Store) -> None:
    for b in evidence.benefit_statuses(store):
        _add(g, "benefit", b.iri, b.label, status=b.status, reason=b.reason)
    fields = {r["claim"]: r for r in store.select(queries.get("claims"))}
    for c in evidence.claim_statuses(store):
        row = fields[c.iri]
        nid = _add(
            g,
            "claim",
            c.iri,
            f"{c.id}: {row.get('quote', '')[:60]}",
            status=c.status,
            reason=c.reason,
            lacking=evidence.lacks(c.status),
            quote=row.get("quote"),
            claimed_by=row.get("claimedBy"),
            evidence_count=c.counts.items,
            independent_evidence=c.counts.independent_evidence,
        )
        if c.group:
            g.add_edge(node_id("group", row["group"]), nid, kind="claims")
        g.add_edge(nid, node_id("benefit", row["benefit"]), kind="about")
        source = _source(g, row)
        if source:
            g.add_edge(nid, source, kind="cites")


def _evidence(g: nx.MultiDiGraph, store: Store) -> None:
    for r in catalog.evidence_rows(store):
        item = catalog.evidence_item_dict(r)
        nid = _add(
            g,
            "evidence",
            r["item"],
            item["summary"][:80] if item["summary"] else None,
            direction=item["direction"],
            independence=item["independence"],
            directness=item["directness"],
            verification_status=item["verification_status"],
            evidence_type=item["evidence_type"],
            summary=item["summary"],
            quote=item["quote"],
            date=item["date"],
            url=(item["source"] or {}).get("url"),
        )
        target = (
            node_id("claim", r["claim"]) if r.get("claim") else node_id("benefit", r["benefit"])
        )
        g.add_edge(nid, target, kind=item["direction"])
        source = _source(g, r, "sourceDate")
        if source:
            g.add_edge(nid, source, kind="cites")


def project(store: Store) -> nx.MultiDiGraph:
    """The whole graph."""
    g = nx.MultiDiGraph(name="NHS groups evidence graph")
    _groups(g, store)
    _claims(g, store)
    _evidence(g, store)
    return g


def _cited(g: nx.MultiDiGraph, nodes: set[str]) -> set[str]:
    return {v for n in nodes for _, v, k in g.out_edges(n, data="kind") if k == "cites"}


def _evidence_of(g: nx.MultiDiGraph, targets: set[str]) -> set[str]:
    return {u for t in targets for u, _ in g.in_edges(t) if g.nodes[u]["kind"] == "evidence"}


def group_view(g: nx.MultiDiGraph, group: str) -> nx.MultiDiGraph:
    """A group, its trusts, its claims with their benefits, evidence and sources."""
    claims = {v for v in g.successors(group) if g.nodes[v]["kind"] == "claim"}
    trusts = {u for u in g.predecessors(group) if g.nodes[u]["kind"] == "trust"}
    benefits = {v for c in claims for v in g.successors(c) if g.nodes[v]["kind"] == "benefit"}
    items = _evidence_of(g, claims)
    nodes = {group} | trusts | claims | benefits | items
    return g.subgraph(nodes | _cited(g, nodes)).copy()


def benefit_view(g: nx.MultiDiGraph, benefit: str) -> nx.MultiDiGraph:
    """A benefit, the claims about it with their groups, all their evidence and sources."""
    claims = {u for u in g.predecessors(benefit) if g.nodes[u]["kind"] == "claim"}
    groups = {u for c in claims for u in g.predecessors(c) if g.nodes[u]["kind"] == "group"}
    items = _evidence_of(g, claims | {benefit})
    nodes = {benefit} | claims | groups | items
    return g.subgraph(nodes | _cited(g, nodes - groups)).copy()


def view(store: Store, group: str | None = None, benefit: str | None = None) -> nx.MultiDiGraph:
    """The whole graph, or one group's or one benefit's neighbourhood (or where they meet)."""
    g = project(store)
    if group:
        g = group_view(g, node_id("group", evidence.require(store, "group", group)))
    if benefit:
        b = node_id("benefit", evidence.require(store, "benefit", benefit))
        g = benefit_view(g, b) if b in g else nx.MultiDiGraph()
    return g
