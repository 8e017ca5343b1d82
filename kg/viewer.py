"""The self-contained HTML viewer: one file, no network. The layout is computed here (networkx
spring layout) and the page's own small script (kg/templates/viewer.html) draws it as SVG,
filters it and shows details; there is no third-party JavaScript to fetch or inline."""

import html
import json
from importlib import resources

import networkx as nx

from kg import projection
from kg.exporters import KIND_COLOURS, STATUS_COLOURS, colour, size

WIDTH, HEIGHT = 1200, 900


def _layout(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    if g.number_of_nodes() == 0:
        return {}
    pos = nx.spring_layout(nx.Graph(g), seed=7, k=1.2 / max(1, g.number_of_nodes()) ** 0.5)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    return {
        n: (40 + (x - min(xs)) / span_x * (WIDTH - 80), 40 + (y - min(ys)) / span_y * (HEIGHT - 80))
        for n, (x, y) in pos.items()
    }


def _memberships(g: nx.MultiDiGraph) -> dict[str, dict[str, list[str]]]:
    """For each node, the groups and benefits whose views include it (for the filters)."""
    out: dict[str, dict[str, list[str]]] = {n: {"groups": [], "benefits": []} for n in g}
    for n, kind in g.nodes(data="kind"):
        if kind == "group":
            for m in projection.group_view(g, n):
                out[m]["groups"].append(n)
        elif kind == "benefit":
            for m in projection.benefit_view(g, n):
                out[m]["benefits"].append(n)
    return out


def data(g: nx.MultiDiGraph) -> dict:
    """What the page draws: nodes with position, colour, size and details; edges; legend."""
    pos, member = _layout(g), _memberships(g)
    nodes = [
        {
            "id": n,
            "x": round(pos[n][0], 1),
            "y": round(pos[n][1], 1),
            "r": round(size(g, n) / 2.5, 1),
            "colour": colour(d),
            **member[n],
            "data": {k: v for k, v in d.items()},
        }
        for n, d in g.nodes(data=True)
    ]
    edges = [{"source": u, "target": v, "kind": k} for u, v, k in g.edges(data="kind")]
    return {
        "nodes": nodes,
        "edges": edges,
        "width": WIDTH,
        "height": HEIGHT,
        "kinds": KIND_COLOURS,
        "statuses": STATUS_COLOURS,
    }


def page(g: nx.MultiDiGraph, title: str) -> bytes:
    """The viewer as one HTML document."""
    template = resources.files("kg").joinpath("templates/viewer.html").read_text()
    # "</" inside a script would end it early; JSON allows "<\\/" for the same text.
    payload = json.dumps(data(g), ensure_ascii=False).replace("</", "<\\/")
    return template.replace("__TITLE__", html.escape(title)).replace("__DATA__", payload).encode()
