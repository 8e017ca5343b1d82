"""The evidence gap map: groups (and the group model in general) by benefits. Each cell holds
the claims made there, coloured by their best status, sized by evidence, with the count of
independent evidence; an empty cell says "no claim". SVG drawn here, without JavaScript."""

import html
import math
from dataclasses import dataclass, field

from kg import evidence, queries
from kg.evidence import ClaimStatus
from kg.exporters import STATUS_COLOURS
from kg.store.base import Store
from kg.tables import delimited
from kg.vocab import STATUSES, slug

GENERAL = "The group model in general"
LEFT, TOP, CELL_W, CELL_H = 330, 170, 118, 74


@dataclass
class Cell:
    """The claims of one group about one benefit."""

    group: str | None
    benefit: str
    claims: list[ClaimStatus] = field(default_factory=list)

    @property
    def best(self) -> str | None:
        """The best status among its claims (order: kg.vocab.STATUSES), None when empty."""
        return max((c.status for c in self.claims), key=STATUSES.index, default=None)

    @property
    def items(self) -> int:
        return sum(c.counts.items for c in self.claims)

    @property
    def independent(self) -> int:
        return sum(c.counts.independent_evidence for c in self.claims)

    def lacking(self, include_indirect: bool = False) -> list[str]:
        return [c.id for c in self.claims if evidence.lacks(c.status, include_indirect)]


@dataclass
class GapMap:
    rows: list[tuple[str | None, str]]  # (group id or None, label)
    columns: list[tuple[str, str]]  # (benefit id, label)
    cells: dict[tuple[str | None, str], Cell]


def build(store: Store, group: str | None = None, benefit: str | None = None) -> GapMap:
    """The map from the claim statuses; `group` or `benefit` keep one row or one column."""
    group_slug = slug(evidence.require(store, "group", group)) if group else None
    benefit_slug = slug(evidence.require(store, "benefit", benefit)) if benefit else None
    rows = [(slug(r["group"]), r["label"]) for r in store.select(queries.get("groups"))]
    rows = [*sorted(rows, key=lambda r: r[1]), (None, GENERAL)]
    columns = sorted(
        ((slug(r["benefit"]), r["label"]) for r in store.select(queries.get("benefits"))),
        key=lambda c: c[1],
    )
    if group_slug:
        rows = [r for r in rows if r[0] == group_slug]
    if benefit_slug:
        columns = [c for c in columns if c[0] == benefit_slug]
    cells = {(r, c): Cell(r, c) for r, _ in rows for c, _ in columns}
    for claim in evidence.claim_statuses(store):
        if (claim.group, claim.benefit) in cells:
            cells[(claim.group, claim.benefit)].claims.append(claim)
    return GapMap(rows, columns, cells)


def _cell_svg(cell: Cell, x: float, y: float) -> str:
    attrs = (
        f'class="cell" data-group="{cell.group or ""}" data-benefit="{cell.benefit}" '
        f'data-claims="{" ".join(c.id for c in cell.claims)}" '
        f'data-lacking="{" ".join(cell.lacking())}" data-status="{cell.best or ""}"'
    )
    box = f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="#fff" stroke="#ddd"/>'
    if not cell.claims:
        return (
            f'<g {attrs}>{box}<text x="{x + CELL_W / 2}" y="{y + CELL_H / 2 + 4}" '
            f'text-anchor="middle" fill="#aaa">no claim</text></g>'
        )
    r = min(CELL_H / 2 - 14, 7 + 4 * math.sqrt(cell.items))
    n = len(cell.claims)
    label = f"{n} claim{'s' if n != 1 else ''} · {cell.independent} indep."
    title = "; ".join(f"{c.id}: {c.status}" for c in cell.claims)
    return (
        f"<g {attrs}>{box}<title>{html.escape(title)}</title>"
        f'<circle cx="{x + CELL_W / 2}" cy="{y + CELL_H / 2 - 6}" r="{r:.1f}" '
        f'fill="{STATUS_COLOURS[cell.best]}" stroke="#333"/>'
        f'<text x="{x + CELL_W / 2}" y="{y + CELL_H - 5}" text-anchor="middle" '
        f'font-size="11">{label}</text></g>'
    )


def svg(gm: GapMap) -> str:
    """The map as a standalone SVG document."""
    width = LEFT + CELL_W * len(gm.columns) + 170  # room for the last slanted label
    height = TOP + CELL_H * len(gm.rows) + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        "<title>Evidence gap map: groups by claimed benefits</title>",
    ]
    for j, (_, label) in enumerate(gm.columns):
        x = LEFT + CELL_W * j + CELL_W / 2
        parts.append(
            f'<text class="column" transform="translate({x},{TOP - 8}) rotate(-35)">'
            f"{html.escape(label)}</text>"
        )
    for i, (gid, label) in enumerate(gm.rows):
        y = TOP + CELL_H * i
        short = label if len(label) <= 48 else label[:46] + "…"
        parts.append(
            f'<text class="row" x="{LEFT - 8}" y="{y + CELL_H / 2 + 4}" '
            f'text-anchor="end"><title>{html.escape(label)}</title>'
            f"{html.escape(short)}</text>"
        )
        for j, (bid, _) in enumerate(gm.columns):
            parts.append(_cell_svg(gm.cells[(gid, bid)], LEFT + CELL_W * j, y))
    y = height - 30
    for k, status in enumerate(STATUSES):
        x = 10 + k * 150
        parts.append(
            f'<circle cx="{x + 6}" cy="{y}" r="6" fill="{STATUS_COLOURS[status]}" '
            f'stroke="#333"/><text x="{x + 16}" y="{y + 4}">{status}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def rows(gm: GapMap) -> list[dict]:
    """One row per cell, for CSV and the HTML table."""
    labels = dict(gm.rows)
    benefit_labels = dict(gm.columns)
    return [
        {
            "group": gid or "",
            "group_label": labels[gid],
            "benefit": bid,
            "benefit_label": benefit_labels[bid],
            "claims": len(cell.claims),
            "claim_ids": " ".join(c.id for c in cell.claims),
            "best_status": cell.best or "",
            "evidence_items": cell.items,
            "independent_evidence": cell.independent,
            "lacking": len(cell.lacking()),
            "lacking_ids": " ".join(cell.lacking()),
        }
        for (gid, bid), cell in gm.cells.items()
    ]


CSV_COLUMNS = (
    "group",
    "group_label",
    "benefit",
    "benefit_label",
    "claims",
    "claim_ids",
    "best_status",
    "evidence_items",
    "independent_evidence",
    "lacking",
    "lacking_ids",
)


def csv(gm: GapMap) -> str:
    """The cells as CSV; an empty cell has 0 claims and an empty best_status."""
    return delimited(rows(gm), CSV_COLUMNS)


def page(gm: GapMap) -> str:
    """The SVG, a legend and a table of every cell with claims, in one HTML page."""
    table = "".join(
        f"<tr><td>{html.escape(r['group_label'])}</td><td>{html.escape(r['benefit_label'])}</td>"
        f"<td>{r['claim_ids']}</td><td>{r['best_status']}</td><td>{r['evidence_items']}</td>"
        f"<td>{r['independent_evidence']}</td><td>{r['lacking_ids']}</td></tr>"
        for r in rows(gm)
        if r["claims"]
    )
    legend = "".join(
        f'<li><span style="background:{STATUS_COLOURS[s]}"></span>{s}</li>' for s in STATUSES
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Evidence gap map</title>
<link rel="icon" href="data:,">
<style>body{{font:14px/1.4 system-ui,sans-serif;margin:16px}}
ul.legend{{list-style:none;padding:0;display:flex;gap:14px;flex-wrap:wrap}}
ul.legend span{{display:inline-block;width:12px;height:12px;border-radius:50%;
border:1px solid #333;margin-right:4px}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:3px 6px;text-align:left}}</style></head>
<body><h1>Evidence gap map: NHS groups by claimed benefits</h1>
<p>Each cell holds the claims made for a group (or for the group model in general) about a
benefit, coloured by the best status among them and sized by how many evidence items bear on
them; "indep." counts independent, verified evidence. "no claim" means nobody claimed it.</p>
{svg(gm)}
<h2>Legend</h2><ul class="legend">{legend}</ul>
<h2>Cells with claims</h2>
<table><thead><tr><th>group</th><th>benefit</th><th>claims</th><th>best status</th>
<th>evidence items</th><th>independent evidence</th><th>lacking independent evidence</th>
</tr></thead><tbody>{table}</tbody></table></body></html>"""


def export(
    store: Store, fmt_name: str, group: str | None = None, benefit: str | None = None
) -> bytes:
    """The gap map as svg, html or csv."""
    gm = build(store, group, benefit)
    writer = {"svg": svg, "html": page, "csv": csv}[fmt_name]
    return writer(gm).encode()
