"""`kg import`: claims or evidence from a spreadsheet (CSV), validated like the API, written
as one graph: all rows or none. Columns: docs/import.md."""

import csv
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from kg.errors import InvalidInput, Problem
from kg.models import ClaimIn, EvidenceIn
from kg.tokens import Principal
from kg.writes import Writer
from kg.writes.checks import References
from kg.writes.operations import Context

SOURCE_COLUMNS = ("source_url", "source_title", "source_publisher", "source_date")
KINDS: dict[str, type[BaseModel]] = {"claims": ClaimIn, "evidence": EvidenceIn}


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, dry, would do)."""

    kind: str
    rows: int
    graph: str | None


def kind_of(header: list[str]) -> str:
    """claims or evidence, from the columns the file has."""
    if "claimed_by" in header:
        return "claims"
    if "summary" in header:
        return "evidence"
    raise InvalidInput(
        "cannot tell what the file holds",
        [
            Problem(
                "line 1", "a claims file has a claimed_by column, an evidence file a summary column"
            )
        ],
    )


def _body(row: dict[str, str]) -> dict:
    """A CSV row as an API body: empty cells are absent, source columns a new source."""
    body = {
        k: v.strip() for k, v in row.items() if k and v and v.strip() and k not in SOURCE_COLUMNS
    }
    if "group" in row and not (row.get("group") or "").strip():
        body["group"] = None  # an empty group: a claim about the group model in general
    if not body.get("source") and any((row.get(c) or "").strip() for c in SOURCE_COLUMNS):
        body["source"] = {
            c[7:]: row[c].strip() for c in SOURCE_COLUMNS if (row.get(c) or "").strip()
        }
    return body


def _where(line: int, header: list[str], field: str) -> str:
    name = field.split(".")[0]
    if name == "source" and "." in field:
        name = "source_" + field.split(".")[1]
    if name in header:
        return f"line {line}, column {header.index(name) + 1} ({name})"
    return f"line {line} ({field})"


def _parse(
    model: type[BaseModel], body: dict, line: int, header: list[str], problems: list[Problem]
) -> BaseModel | None:
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        for e in exc.errors():
            field = ".".join(str(p) for p in e["loc"] if not isinstance(p, int)) or "row"
            field = field.replace(".SourceIn", "").replace(".str", "")
            problems.append(Problem(_where(line, header, field), e["msg"]))
        return None


def run_import(writer: Writer, path: Path, who: Principal, dry_run: bool = False) -> ImportReport:
    """Validate every row (shape, references, SHACL), then write all of them in one graph."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        kind = kind_of(header)
        rows = list(reader)
    problems: list[Problem] = []
    made, data = [], []
    prepare = writer.prepare_claim if kind == "claims" else writer.prepare_evidence
    for line, row in enumerate(rows, start=2):
        body = _parse(KINDS[kind], _body(row), line, header, problems)
        if body is None:
            continue
        refs = References(writer.store)
        iri, triples = prepare(body, refs)
        problems += [Problem(_where(line, header, p.where), p.message) for p in refs.problems]
        if triples:
            made.append(iri)
            data += triples
    if problems:
        raise InvalidInput(
            f"{path.name}: {len(problems)} problem(s); nothing was imported", problems
        )
    if not rows:
        raise InvalidInput(f"{path.name} has no rows", [Problem("line 2", "no data rows")])
    if dry_run:
        from kg.writes.checks import shapes

        shapes(data)
        return ImportReport(kind, len(rows), None)
    ctx = Context(who=who, activity=f"kg import {path.name}")
    result = writer.add_batch("import", made, data, ctx)
    return ImportReport(kind, len(rows), result.graph)
