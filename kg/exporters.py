"""Writers of the projection and of the RDF behind it, one per format of kg.formats' "graph"
table; the CLI (`kg export`) and the API (`/export/graph.{ext}`) both call `export`."""

import io
import json
import re

import networkx as nx
from rdflib import Graph

from kg import formats, projection
from kg.formats import Format
from kg.store.base import Store
from kg.vocab import PREFIXES

KIND_COLOURS = {
    "group": "#1f78b4",
    "trust": "#a6cee3",
    "benefit": "#e7298a",
    "claim": "#6a3d9a",
    "evidence": "#ff7f00",
    "source": "#999999",
}
STATUS_COLOURS = {
    "no-evidence": "#d73027",
    "no-independent-evidence": "#fc8d59",
    "indirect-only": "#fee08b",
    "inconclusive": "#8dd3c7",
    "disputed": "#7b3294",
    "contested": "#c2a5cf",
    "supported": "#1a9850",
}


def colour(data: dict) -> str:
    """A node's colour: claims by status, everything else by kind."""
    if data.get("kind") == "claim":
        return STATUS_COLOURS.get(data.get("status", ""), KIND_COLOURS["claim"])
    return KIND_COLOURS.get(data.get("kind", ""), "#000000")


def size(g: nx.MultiDiGraph, node: str) -> float:
    """A node's size: grows with the evidence that bears on it."""
    data = g.nodes[node]
    count = data.get("evidence_count")
    if count is None:
        count = sum(1 for u, _ in g.in_edges(node) if g.nodes[u].get("kind") == "evidence")
    return 10.0 + 4.0 * count


def graphml(g: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    return buf.getvalue()


def gexf(g: nx.MultiDiGraph) -> bytes:
    styled = g.copy()
    for n, data in styled.nodes(data=True):
        hexa = colour(data).lstrip("#")
        r, gr, b = (int(hexa[i : i + 2], 16) for i in (0, 2, 4))
        data["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0}, "size": size(g, n)}
    buf = io.BytesIO()
    nx.write_gexf(styled, buf)
    return buf.getvalue()


def cytoscape(g: nx.MultiDiGraph) -> bytes:
    data = nx.cytoscape_data(g)
    for element in data["elements"]["nodes"]:
        element["data"]["colour"] = colour(element["data"])
    return json.dumps(data, ensure_ascii=False).encode()


def _dot_id(node: str) -> str:
    # "claim:c01" would be a node with a port in DOT; ids become plain names.
    return re.sub(r"\W", "_", node)


def dot(g: nx.MultiDiGraph) -> bytes:
    import pydot

    out = pydot.Dot("nhs_groups", graph_type="digraph", rankdir="LR")
    for n, data in g.nodes(data=True):
        out.add_node(
            pydot.Node(
                _dot_id(n),
                label=json.dumps(data.get("label", n)),
                kind=data["kind"],
                iri=json.dumps(data["iri"]),
                style="filled",
                fillcolor=json.dumps(colour(data)),
            )
        )
    for u, v, kind in g.edges(data="kind"):
        out.add_edge(pydot.Edge(_dot_id(u), _dot_id(v), label=kind, kind=kind))
    return out.to_string().encode()


def rdf(store: Store, g: nx.MultiDiGraph, fmt: Format, whole: bool) -> bytes:
    """The RDF of the nodes in `g` (and of the memberships between them), or of everything."""
    subjects = None if whole else _subjects(store, g)
    # JSON-LD goes through N-Triples and rdflib, which compacts it with our prefixes as context.
    target = formats.by_name(
        {"ttl": "turtle", "nq": "nquads", "jsonld": "ntriples"}[fmt.name], "rdf"
    )
    buf = io.BytesIO()
    store.export(buf, target, subjects)
    if fmt.name != "jsonld":
        return buf.getvalue()
    graph = Graph().parse(data=buf.getvalue(), format="nt")
    return graph.serialize(format="json-ld", context=PREFIXES, auto_compact=True).encode()


def _subjects(store: Store, g: nx.MultiDiGraph) -> list[str]:
    iris = {d["iri"] for _, d in g.nodes(data=True)}
    members = {
        (g.nodes[u]["iri"], g.nodes[v]["iri"])
        for u, v, k in g.edges(data="kind")
        if k == "member-of"
    }
    for row in store.select(_MEMBERSHIPS):
        if (row["trust"], row["group"]) in members:
            iris |= {row["m"], *(x for x in (row.get("during"), row.get("begin")) if x)}
    return sorted(iris)


_MEMBERSHIPS = """PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
SELECT ?m ?trust ?group ?during ?begin WHERE {
  ?m a org:Membership ; org:member ?trust ; org:organization ?group .
  OPTIONAL { ?m org:memberDuring ?during . OPTIONAL { ?during time:hasBeginning ?begin } }
}"""

GRAPH_WRITERS = {"graphml": graphml, "gexf": gexf, "cyjs": cytoscape, "dot": dot}


def export(
    store: Store, fmt: Format, group: str | None = None, benefit: str | None = None
) -> bytes:
    """The graph (or one group's or benefit's part of it) in an export format."""
    g = projection.view(store, group=group, benefit=benefit)
    if fmt.name in GRAPH_WRITERS:
        return GRAPH_WRITERS[fmt.name](g)
    if fmt.name == "html":
        from kg.viewer import page

        return page(g, title=_title(group, benefit))
    return rdf(store, g, fmt, whole=group is None and benefit is None)


def _title(group: str | None, benefit: str | None) -> str:
    parts = [p for p in (group and f"group {group}", benefit and f"benefit {benefit}") if p]
    return "NHS groups evidence graph" + (f": {', '.join(parts)}" if parts else "")
