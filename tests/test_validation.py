"""SHACL shapes reject what the design says they must, naming the node and the property."""

import pytest

from kg.validation import validate_files

PREFIXES = """@prefix nhsg: <https://w3id.org/nhs-groups-kg/ontology#> .
@prefix id: <https://w3id.org/nhs-groups-kg/id/> .
@prefix ev: <https://w3id.org/nhs-groups-kg/id/evidence/> .
@prefix src: <https://w3id.org/nhs-groups-kg/id/source/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
GOOD_ITEM = """ev:x a nhsg:EvidenceItem ;
  nhsg:aboutClaim <https://w3id.org/nhs-groups-kg/id/claim/c01> ;
  nhsg:summary "A summary." ;
  nhsg:source src:s01 ;
  nhsg:direction <https://w3id.org/nhs-groups-kg/id/direction/supports> ;
  nhsg:independence <https://w3id.org/nhs-groups-kg/id/independence/independent> ;
  nhsg:directness <https://w3id.org/nhs-groups-kg/id/directness/direct> ;
  nhsg:evidenceType <https://w3id.org/nhs-groups-kg/id/evidence-type/audit> ;
  dcterms:date "2025-06-01"^^xsd:date .
"""


def check(tmp_path, body):
    f = tmp_path / "data.ttl"
    f.write_text(PREFIXES + body)
    return validate_files([f])


def test_a_good_item_conforms(tmp_path):
    assert check(tmp_path, GOOD_ITEM) == []


@pytest.mark.parametrize(
    ("change", "prop", "words"),
    [
        (("  nhsg:source src:s01 ;\n", ""), "nhsg:source", "source"),
        (
            ("  nhsg:direction <https://w3id.org/nhs-groups-kg/id/direction/supports> ;\n", ""),
            "nhsg:direction",
            "direction",
        ),
        (("direction/supports", "direction/refutes"), "nhsg:direction", "direction"),
        (("independence/independent", "independence/partly"), "nhsg:independence", "independence"),
        (('"2025-06-01"^^xsd:date', '"2025-13-45"^^xsd:date'), "dcterms:date", "real date"),
        (('"2025-06-01"^^xsd:date', '"last spring"'), "dcterms:date", "real date"),
    ],
)
def test_item_violations_name_node_and_property(tmp_path, change, prop, words):
    problems = check(tmp_path, GOOD_ITEM.replace(*change))
    assert len(problems) == 1
    assert problems[0].where == f"ev:x {prop}"
    assert words in problems[0].message


def test_claim_without_benefit(tmp_path):
    problems = check(
        tmp_path,
        """id:c a nhsg:Claim ; nhsg:quote "q" ; nhsg:claimedBy "b" ;
        nhsg:source src:s01 .""",
    )
    assert [(p.where, "benefit" in p.message) for p in problems] == [
        ("id:c nhsg:aboutBenefit", True)
    ]


def test_source_without_url_or_title(tmp_path):
    problems = check(tmp_path, "src:s a nhsg:Source .")
    assert {p.where for p in problems} == {"src:s nhsg:url", "src:s dcterms:title"}


def test_item_about_both_claim_and_benefit(tmp_path):
    body = GOOD_ITEM.replace(" ;\n  nhsg:summary", " ;\n  nhsg:aboutBenefit id:b ;\n  nhsg:summary")
    problems = check(tmp_path, body)
    assert any("exactly one claim or one benefit" in p.message for p in problems)
