"""The gap map agrees with GET /gaps, cell by cell; empty cells say "no claim"."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from kg import gapmap

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def gaps(client):
    return client.get("/gaps").json()["items"]


def test_every_cell_agrees_with_gaps(client, gaps):
    root = ET.fromstring(client.get("/export/gap-map.svg").content)
    cells = [g for g in root.iter(f"{SVG}g") if g.get("class") == "cell"]
    groups = client.get("/groups").json()["total"] + 1  # plus the group model in general
    benefits = client.get("/benefits").json()["total"]
    assert len(cells) == groups * benefits
    all_claims = client.get("/claims", params={"limit": 1000}).json()["items"]
    for cell in cells:
        group = cell.get("data-group") or None
        benefit = cell.get("data-benefit")
        expected_gaps = {c["id"] for c in gaps if c["group"] == group and c["benefit"] == benefit}
        assert set(cell.get("data-lacking").split()) == expected_gaps
        here = {c["id"] for c in all_claims if c["group"] == group and c["benefit"] == benefit}
        assert set(cell.get("data-claims").split()) == here
        texts = [t.text for t in cell.iter(f"{SVG}text")]
        if not here:
            assert texts == ["no claim"] and cell.get("data-status") == ""
        else:
            assert "0 claims" not in texts[0]


def test_csv_and_html_match_the_svg(client, gaps):
    rows = list(csv.DictReader(io.StringIO(client.get("/export/gap-map.csv").text)))
    assert sum(int(r["lacking"]) for r in rows) == len(gaps)
    assert {i for r in rows for i in r["lacking_ids"].split()} == {c["id"] for c in gaps}
    page = client.get("/export/gap-map.html").text
    assert "<svg" in page and "Legend" in page and "<script" not in page


def test_best_status_is_the_best_of_the_cell(seeded_store):
    gm = gapmap.build(seeded_store)
    for cell in gm.cells.values():
        if cell.claims:
            assert cell.best in {c.status for c in cell.claims}


def test_filters_keep_one_row_or_column(client):
    one = list(
        csv.DictReader(
            io.StringIO(
                client.get("/export/gap-map.csv", params={"group": "foundation-group"}).text
            )
        )
    )
    assert {r["group"] for r in one} == {"foundation-group"} and len(one) == 7
    col = list(
        csv.DictReader(
            io.StringIO(
                client.get("/export/gap-map.csv", params={"benefit": "economies-of-scale"}).text
            )
        )
    )
    assert {r["benefit"] for r in col} == {"economies-of-scale"}
    assert client.get("/export/gap-map.svg", params={"group": "nope"}).status_code == 404


@pytest.mark.parametrize("name", ["graphml", "gexf", "cyjs", "dot", "jsonld", "ttl", "nq", "html"])
def test_graph_routes(client, name):
    r = client.get(f"/export/graph.{name}", params={"group": "foundation-group"})
    assert r.status_code == 200 and len(r.content) > 100


def test_unknown_export_is_404(client):
    assert client.get("/export/graph.xlsx").status_code == 404
    assert client.get("/export/gap-map.png").status_code == 404


def test_cli_export(kg, tmp_path):
    code, _, err = kg("export", "-o", "g.gexf", "--memory", "--group", "foundation-group")
    assert code == 0 and (tmp_path / "g.gexf").read_bytes().startswith(b"<?xml")
    code, _, _ = kg("export", "-o", "map.svg", "--memory")
    assert code == 0 and b"<svg" in (tmp_path / "map.svg").read_bytes()
    code, _, _ = kg("export", "gap-map.csv", "-o", "m.txt", "--memory")
    assert (tmp_path / "m.txt").read_text().startswith("group,group_label")
    code, out, _ = kg("export", "cyjs", "--memory", "--benefit", "economies-of-scale")
    assert code == 0 and '"elements"' in out
    code, _, err = kg("export", "-o", "g.xlsx", "--memory")
    assert code == 2 and "graphml" in err
    code, _, err = kg("export", "--memory")
    assert code == 2
    code, _, err = kg("export", "html", "--memory", "--group", "nope")
    assert code == 2 and "no group with id 'nope'" in err
