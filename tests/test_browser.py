"""The viewer and the gap map in headless Chromium (Debian's, driven by Playwright): no console
error, no network request, every node drawn, details on click; screenshots in out/screenshots."""

import os
from pathlib import Path

import pytest

from kg import exporters, formats, gapmap, projection
from tests.server import require_tool

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(os.environ.get("KG_SCREENSHOTS", ROOT / "out" / "screenshots"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1560, "height": 950})
    pg = ctx.new_page()
    pg.errors, pg.requests = [], []
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    ctx.close()


def open_file(page, tmp_path, name, data: bytes):
    f = tmp_path / name
    f.write_bytes(data)
    page.goto(f.as_uri())
    page.wait_for_load_state("load")
    return f


def external(requests: list[str], own: Path) -> list[str]:
    return [u for u in requests if u != own.as_uri()]


def test_viewer(page, tmp_path, seeded_store):
    g = projection.project(seeded_store)
    html = exporters.export(seeded_store, formats.by_name("html", "graph"))
    f = open_file(page, tmp_path, "viewer.html", html)
    assert page.locator("circle.node").count() == g.number_of_nodes()
    assert page.locator("#count").inner_text() == f"{len(g)} of {len(g)} nodes"
    item = "evidence:e21"
    page.locator(f'circle[data-id="{item}"]').dispatch_event("click")
    link = page.locator("#details a.source-link")
    assert link.get_attribute("href") == g.nodes[item]["url"]
    assert g.nodes[item]["quote"] in page.locator("#details").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "viewer.png"))
    page.select_option("#group", "group:foundation-group")
    view = projection.group_view(g, "group:foundation-group")
    assert page.locator("circle.node:not(.hidden)").count() == view.number_of_nodes()
    page.select_option("#group", "")
    page.select_option("#status", "supported")
    supported = sum(
        1 for _, d in g.nodes(data=True) if d.get("status") == "supported" and d["kind"] == "claim"
    )
    assert page.locator('circle.node[data-kind="claim"]:not(.hidden)').count() == supported
    page.fill("#search", "Foundation Group")
    assert page.locator("circle.node.match").count() >= 1
    page.screenshot(path=str(SHOTS / "viewer-filtered.png"))
    assert page.errors == [] and external(page.requests, f) == []


def test_gap_map_page(page, tmp_path, seeded_store):
    gm = gapmap.build(seeded_store)
    f = open_file(page, tmp_path, "gap-map.html", gapmap.export(seeded_store, "html"))
    assert page.locator("g.cell").count() == len(gm.cells)
    empty = sum(1 for c in gm.cells.values() if not c.claims)
    assert page.locator("g.cell", has_text="no claim").count() == empty
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "gap-map.png"), full_page=True)
    assert page.errors == [] and external(page.requests, f) == []


def test_gap_map_svg_alone(page, tmp_path, seeded_store):
    f = open_file(page, tmp_path, "gap-map.svg", gapmap.export(seeded_store, "svg"))
    assert page.locator("g.cell").count() == len(gapmap.build(seeded_store).cells)
    assert page.errors == [] and external(page.requests, f) == []
