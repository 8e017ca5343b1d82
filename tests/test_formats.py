import pytest

from kg import formats
from kg.errors import UnsupportedFormat


def test_for_path():
    assert formats.for_path("x/data.TTL").name == "turtle"
    assert formats.for_path("a.nq").quads
    with pytest.raises(UnsupportedFormat) as info:
        formats.for_path("a.docx")
    assert "ttl" in info.value.supported


def test_by_name_and_alias():
    assert formats.by_name("ttl", "rdf").media_type == "text/turtle"
    assert formats.by_name("application/n-quads", "rdf").name == "nquads"
    with pytest.raises(UnsupportedFormat):
        formats.by_name("yaml", "rdf")


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "json"),
        ("text/csv", "csv"),
        ("text/csv;q=0.5, application/sparql-results+xml", "xml"),
        ("text/*", "csv"),
        ("*/*", "json"),
        ("image/png", None),
        ("text/csv;q=0", None),
    ],
)
def test_negotiate(accept, expected):
    found = formats.negotiate(accept, formats.formats_of("results"))
    assert (found.name if found else None) == expected
