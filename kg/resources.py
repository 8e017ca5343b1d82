"""Where the data folders are: beside the package in a checkout, inside it in a wheel."""

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _data_root() -> Path:
    bundled = _PACKAGE / "_data"
    if (bundled / "ontology").is_dir():
        return bundled
    return _PACKAGE.parent


def ontology_dir() -> Path:
    """The folder holding the ontology, vocabularies, SHACL shapes and named queries."""
    return _data_root() / "ontology"


def seed_dir() -> Path:
    """The folder holding the curated seed data in Turtle."""
    return _data_root() / "seed_data"


def queries_dir() -> Path:
    """The folder of named SPARQL queries (`.rq`)."""
    return ontology_dir() / "queries"


def shapes_file() -> Path:
    """The SHACL shapes every graph must pass."""
    return ontology_dir() / "shapes.ttl"


def ontology_files() -> list[Path]:
    """The ontology and vocabularies, without the shapes (which describe data, not the domain)."""
    return sorted(p for p in ontology_dir().glob("*.ttl") if p.name != "shapes.ttl")


def seed_files() -> list[Path]:
    """The seed Turtle files."""
    return sorted(seed_dir().glob("*.ttl"))
