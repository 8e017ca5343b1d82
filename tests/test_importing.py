"""`kg import`: every row checked, all rows or none, problems by line and column."""

import shutil
from pathlib import Path

import pytest

from kg import evidence
from kg.errors import InvalidInput
from kg.importing import run_import
from kg.seed import ensure_seeded
from kg.store import OxigraphStore
from kg.tokens import Principal
from kg.writes import Writer

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
WHO = Principal("importer", "contributor")


@pytest.fixture
def writer():
    s = OxigraphStore(None)
    ensure_seeded(s)
    return Writer(s)


def write(tmp_path, text):
    f = tmp_path / "rows.csv"
    f.write_text(text)
    return f


@pytest.mark.parametrize(("name", "kind"), [("evidence.csv", "evidence"), ("claims.csv", "claims")])
def test_the_documented_examples_import(writer, name, kind):
    before = len(writer.store)
    report = run_import(writer, EXAMPLES / name, WHO)
    assert report.kind == kind and report.rows == 2 and report.graph
    assert len(writer.store) > before
    assert writer.store.graph_names().count(report.graph) == 1


def test_claims_import_lands_in_gaps(writer):
    before = {c.id for c in evidence.gaps(writer.store)}
    run_import(writer, EXAMPLES / "claims.csv", WHO)
    after = evidence.gaps(writer.store)
    assert len(after) == len(before) + 2
    assert any(c.group is None for c in after if c.id not in before)


def test_dry_run_writes_nothing(writer):
    before = len(writer.store)
    report = run_import(writer, EXAMPLES / "evidence.csv", WHO, dry_run=True)
    assert report.graph is None and report.rows == 2
    assert len(writer.store) == before


def test_one_bad_row_stops_all(writer, tmp_path):
    good = (EXAMPLES / "evidence.csv").read_text().splitlines()
    bad_row = good[1].replace(",supports,", ",refutes,")
    f = write(tmp_path, "\n".join([*good, bad_row]) + "\n")
    before = len(writer.store)
    with pytest.raises(InvalidInput) as info:
        run_import(writer, f, WHO)
    assert [p.where for p in info.value.problems] == ["line 4, column 12 (direction)"]
    assert len(writer.store) == before


def test_problems_name_line_and_column(writer, tmp_path):
    f = write(
        tmp_path,
        "claim,summary,source,evidence_type,independence,direction,"
        "directness,date\n"
        "c01,s,s01,audit,independent,supports,direct,2025-13-01\n"
        "nope,s,s999,audit,independent,supports,direct,2025\n"
        "c01,,s01,audit,independent,supports,direct,\n",
    )
    with pytest.raises(InvalidInput) as info:
        run_import(writer, f, WHO)
    assert [p.where for p in info.value.problems] == [
        "line 2, column 8 (date)",
        "line 3, column 1 (claim)",
        "line 3, column 3 (source)",
        "line 4, column 2 (summary)",
    ]


def test_unknown_file_shape(writer, tmp_path):
    with pytest.raises(InvalidInput):
        run_import(writer, write(tmp_path, "a,b\n1,2\n"), WHO)
    with pytest.raises(InvalidInput):
        run_import(writer, write(tmp_path, "claimed_by,group,benefit,quote,source\n"), WHO)


def test_cli_import_and_dump(kg, tmp_path):
    shutil.copy(EXAMPLES / "evidence.csv", tmp_path / "e.csv")
    code, _, err = kg("import", "e.csv", "--store", "db", "--dry-run")
    assert code == 0 and "would import 2 evidence" in err
    code, _, err = kg("import", "e.csv", "--store", "db", "--as", "alice")
    assert code == 0 and "imported 2 evidence" in err
    code, _, err = kg("dump", "-o", "all.nq", "--store", "db")
    assert code == 0
    text = (tmp_path / "all.nq").read_text()
    assert "/graph/import/" in text and "/agent/alice>" in text
    (tmp_path / "bad.csv").write_text("claim,summary\nnope,x\n")
    code, out, err = kg("import", "bad.csv", "--store", "db")
    assert code == 2 and "line 2" in out and err.startswith("kg: error: bad.csv")
    code, _, err = kg("dump", "-o", "all.ttl", "--store", "db")
    assert code == 2 and "quad format" in err
