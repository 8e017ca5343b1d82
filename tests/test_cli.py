"""Every `kg` command, with its error paths: one line on stderr and an exit code."""

import csv
import io
import json

import pytest

from kg import evidence
from kg.store import open_store


@pytest.fixture
def bad_item(tmp_path):
    f = tmp_path / "bad.ttl"
    f.write_text("""@prefix nhsg: <https://w3id.org/nhs-groups-kg/ontology#> .
<https://w3id.org/nhs-groups-kg/id/evidence/no-source> a nhsg:EvidenceItem ;
  nhsg:aboutClaim <https://w3id.org/nhs-groups-kg/id/claim/c01> ;
  nhsg:summary "s" ;
  nhsg:direction <https://w3id.org/nhs-groups-kg/id/direction/supports> ;
  nhsg:independence <https://w3id.org/nhs-groups-kg/id/independence/independent> ;
  nhsg:directness <https://w3id.org/nhs-groups-kg/id/directness/direct> ;
  nhsg:evidenceType <https://w3id.org/nhs-groups-kg/id/evidence-type/audit> .
""")
    return f


def test_gaps_table_on_a_new_store(kg, tmp_path, seeded_store):
    code, out, err = kg("gaps")
    assert code == 0
    assert "new store" in err and (tmp_path / "kg-data").is_dir()
    for c in evidence.gaps(seeded_store):
        assert c.id in out
    assert "no-evidence" in out and "claims lacking independent evidence" in out


def test_gaps_csv_and_json_have_the_same_rows(kg, seeded_store):
    _, out_csv, _ = kg("gaps", "--format", "csv", "--memory")
    _, out_json, _ = kg("gaps", "--format", "json", "--memory")
    rows = list(csv.DictReader(io.StringIO(out_csv)))
    body = json.loads(out_json)
    assert body["total"] == len(body["items"]) == len(rows)
    assert [(r["id"], r["group"], r["benefit"], r["status"], r["reason"]) for r in rows] == [
        (i["id"], i["group"] or "", i["benefit"], i["status"], i["reason"]) for i in body["items"]
    ]
    assert {r["id"] for r in rows} == {c.id for c in evidence.gaps(seeded_store)}


def test_gaps_include_indirect_and_filters(kg, seeded_store):
    expected = {c.id for c in evidence.gaps(seeded_store, group="foundation-group")}
    _, out, _ = kg("gaps", "--memory", "--group", "foundation-group", "--format", "json")
    assert {i["id"] for i in json.loads(out)["items"]} == expected
    _, out, _ = kg("gaps", "--memory", "--benefit", "economies-of-scale", "--format", "json")
    assert {i["benefit"] for i in json.loads(out)["items"]} == {"economies-of-scale"}
    _, plain, _ = kg("gaps", "--memory", "--format", "json")
    _, wide, _ = kg("gaps", "--memory", "--format", "json", "--include-indirect")
    assert json.loads(wide)["total"] <= json.loads(plain)["total"]


def test_gaps_unknown_group(kg):
    code, out, err = kg("gaps", "--memory", "--group", "nope")
    assert code == 2 and out == ""
    assert err.strip() == "kg: error: no group with id 'nope'"


def test_claims_with_status(kg, seeded_store):
    code, out, _ = kg("claims", "--memory", "--status", "supported", "--format", "json")
    assert code == 0
    ids = {i["id"] for i in json.loads(out)["items"]}
    assert ids == {c.id for c in evidence.claim_statuses(seeded_store, status="supported")}
    code, _, err = kg("claims", "--memory", "--status", "great")
    assert code == 2 and "unknown status 'great'" in err and len(err.strip().splitlines()) == 1


def test_benefits(kg):
    code, out, _ = kg("benefits", "--memory", "--format", "json")
    assert code == 0 and json.loads(out)["total"] == 7


def test_query_formats(kg):
    q = "SELECT ?g WHERE { ?g a <https://w3id.org/nhs-groups-kg/ontology#Group> } ORDER BY ?g"
    code, out, _ = kg("query", q, "--memory", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 15
    _, out, _ = kg("query", q, "--memory", "--format", "tsv")
    assert out.splitlines()[0] == "g" and len(out.splitlines()) == 16
    _, out, _ = kg("query", "ASK { ?s ?p ?o }", "--memory")
    assert out.strip() == "true"


def test_query_from_file_and_named(kg, tmp_path):
    f = tmp_path / "q.rq"
    f.write_text(
        "SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/nhs-groups-kg/ontology#Claim> }"
    )
    code, out, _ = kg("query", "-f", str(f), "--memory", "--format", "csv")
    assert code == 0 and out.splitlines() == ["n", "36"]
    code, out, _ = kg("query", "--named", "stats", "--memory", "--format", "csv")
    assert code == 0 and "claims,36" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["query", "SELECT ?x WHERE { ?x }"], "1:"),
        (["query", "INSERT DATA { <a:b> <a:c> <a:d> }"], "error"),
        (["query", "--named", "nope"], "no named query with id 'nope'"),
        (["query", "-f", "missing.rq"], "no such file"),
        (["query"], "exactly one of"),
    ],
)
def test_query_errors(kg, args, words):
    code, out, err = kg(*args, "--memory")
    assert code == 2 and out == ""
    assert err.startswith("kg: error:") and words in err
    assert len(err.strip().splitlines()) == 1


def test_load_then_stats_persist(kg, tmp_path):
    data = tmp_path / "extra.nt"
    data.write_text("<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n")
    code, _, err = kg("load", str(data), "--store", "db")
    assert code == 0 and "quads added" in err
    code, out, _ = kg("stats", "--store", "db")
    assert code == 0 and "named graphs" in out
    with open_store(tmp_path / "db") as s:
        assert s.ask("ASK { <http://example.org/a> <http://example.org/p> ?o }")
        assert len(s.graph_names()) == 3


def test_load_errors(kg, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://example.org/a> <http://example.org/p> .\n")
    code, _, err = kg("load", str(bad), "--store", "db")
    assert code == 2 and "bad.ttl:1:" in err
    code, _, err = kg("load", "nothing.ttl", "--store", "db")
    assert code == 2 and "nothing.ttl" in err
    (tmp_path / "x.docx").write_text("x")
    code, _, err = kg("load", str(tmp_path / "x.docx"), "--store", "db")
    assert code == 2 and "supported: ttl" in err
    with open_store(tmp_path / "db") as s:  # only the seed: nothing of the bad files
        assert s.graph_names() == sorted(s.graph_names()) and len(s.graph_names()) == 2


def test_validate_seed_and_bad_item(kg, bad_item):
    from kg.resources import seed_files

    code, out, _ = kg("validate", *map(str, seed_files()))
    assert code == 0 and "conform" in out
    code, out, err = kg("validate", str(bad_item))
    assert code == 1
    assert "<https://w3id.org/nhs-groups-kg/id/evidence/no-source> nhsg:source" in out
    assert "needs exactly one source" in out and "1 violation" in err


def test_validate_unparseable_file(kg, tmp_path):
    f = tmp_path / "broken.ttl"
    f.write_text("this is not turtle")
    code, _, err = kg("validate", str(f))
    assert code == 2 and "broken.ttl" in err and len(err.strip().splitlines()) == 1


def test_locked_store(kg, tmp_path):
    """Another process holding the store (RocksDB's lock) gives a clear error, exit 3."""
    import subprocess
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
            "print('open', flush=True); sys.stdin.read()",
            str(tmp_path / "kg-data"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        code, _, err = kg("stats")
    finally:
        holder.communicate("", timeout=30)
    assert code == 3 and "cannot open the store" in err


def test_usage_error_is_one_line(kg):
    code, _, err = kg("gaps", "--format", "yaml")
    assert code == 2 and "yaml" in err
    assert "Traceback" not in err


def test_console_script_runs(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli.main", "gaps", "--memory", "--format", "csv"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("id,group,benefit,status,reason")
