"""Regenerate the seed Turtle files from the curated source data.

    python seed_data/make_seed.py

Reads seed_data/source/nhs_groups_sources.json (a copy of the project's cited source data) and
writes one Turtle file per kind of thing. Every curation decision that is not a plain copy of a
field (slugs, the mapping of free-text evidence types, directness, independence) is a table in
this file, so a reviewer can check it in one place. The output is committed; this script is not
imported by the kg package.
"""

import json
import re
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

HERE = Path(__file__).parent
NHSG = Namespace("https://w3id.org/nhs-groups-kg/ontology#")
ID = "https://w3id.org/nhs-groups-kg/id/"
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
TIME = Namespace("http://www.w3.org/2006/time#")

SEED_REVIEW_TIME = "2026-11-26T00:00:00Z"
SEED_REVIEW_COMMENT = "quote and attribution checked against the retrieved source text"

GROUP_SLUGS = {
    "G01": "foundation-group",
    "G02": "royal-free-london-group",
    "G03": "university-hospitals-birmingham",
    "G04": "university-hospitals-tees",
    "G05": "st-georges-epsom-st-helier-group",
    "G06": "barts-health-bhrut",
    "G07": "humber-health-partnership",
    "G08": "university-hospitals-northamptonshire",
    "G09": "northern-care-alliance",
    "G10": "bristol-nhs-group",
    "G11": "norfolk-waveney-hospitals-group",
    "G12": "wolverhampton-walsall",
    "G13": "kingston-richmond-partnership",
    "G14": "shropshire-telford-group",
    "G15": "lincolnshire-community-hospitals-group",
}

# From each group's model text: "single" where one trust runs several hospitals as a group.
SINGLE_ORGANISATION = {"G02", "G03"}

# Membership start years stated in the data (G01's "formed": "2017 (SWFT + Wye Valley);
# George Eliot joined 2018; Worcestershire Acute joined 2023"). No other group's text gives them.
MEMBER_FROM = {
    ("G01", "RJC"): "2017",
    ("G01", "RLQ"): "2017",
    ("G01", "RLT"): "2018",
    ("G01", "RWP"): "2023",
}

EVIDENCE_TYPES = {
    "research report summary (interview/qualitative research)": "qualitative-research",
    "research project description": "other",
    "interview/qualitative (sector body report)": "qualitative-research",
    "evaluation / think-tank review": "evaluation",
    "evaluation (regulator-commissioned case studies)": "evaluation",
    "think-tank commentary summarising econometric study": "commentary",
    "research summary (econometric event study; underlying peer-reviewed paper not retrieved)": (
        "evaluation"
    ),
    "peer-reviewed study": "peer-reviewed-study",
    "consultancy analysis": "commentary",
    "think-tank commentary on government review": "commentary",
    "government-commissioned review (summary)": "evaluation",
    "think-tank response": "commentary",
    "working paper (econometric)": "evaluation",
    "programme report": "other",
    "inspection report (as quoted in trade press)": "inspection-report",
    "press release": "press-release",
    "inspection report (as reported by trust)": "inspection-report",
    "interview (trade press)": "news-report",
    "inspection report / regulator news release": "inspection-report",
    "news report": "news-report",
    "inspection report (as reported in local press)": "inspection-report",
    "press release (reporting inspection)": "press-release",
    "inspection report": "inspection-report",
    "news report (of inspection)": "news-report",
    "news report of stakeholder letter": "news-report",
    "organisational web page (self-reported)": "press-release",
    "organisational statement (self-reported)": "press-release",
    "news report (of inspections)": "news-report",
    "news report (organisational record)": "news-report",
    "scrutiny committee minutes (summary)": "board-paper",
    "sector body briefing": "commentary",
    "inspection report (organisational record)": "inspection-report",
    "stakeholder statement": "stakeholder-statement",
    "stakeholder statement (news report)": "stakeholder-statement",
}

# Items whose summaries say they are about mergers, trust size or the NHS at large.
INDIRECT = {
    "E05": "mergers, not groups",
    "E06": "mergers",
    "E07": "mergers",
    "E08": "mergers",
    "E09": "mergers",
    "E10": "mergers",
    "E11": "trust size across the NHS",
    "E12": "national variation (Carter review)",
    "E13": "national savings estimate (Carter)",
    "E14": "national benchmarks (Carter)",
    "E15": "individual CEOs across the NHS",
    "E38": "national standardisation programme (GIRFT)",
}

DIRECTIONS = {"supports": "supports", "refutes": "disputes", "inconclusive": "inconclusive"}


def iri(kind: str, slug: str) -> URIRef:
    return URIRef(f"{ID}{kind}/{slug}")


def typed_date(text: str) -> Literal | None:
    """A typed literal only where the text is a real date; 'undated (2023)' stays text only."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return Literal(text, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return Literal(text, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", text):
        return Literal(text, datatype=XSD.gYear)
    return None


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in [
        ("nhsg", NHSG),
        ("org", ORG),
        ("prov", PROV),
        ("skos", SKOS),
        ("dcterms", DCT),
        ("time", TIME),
    ]:
        g.bind(prefix, ns)
    for kind in [
        "group",
        "trust",
        "membership",
        "benefit",
        "claim",
        "evidence",
        "source",
        "review",
        "agent",
        "direction",
        "independence",
        "directness",
        "verification-status",
        "evidence-type",
        "group-model",
    ]:
        g.bind(kind.replace("-", ""), Namespace(f"{ID}{kind}/"))
    return g


def add_date(g: Graph, node: URIRef, text: str, prop: URIRef) -> None:
    g.add((node, NHSG.dateAsGiven, Literal(text)))
    typed = typed_date(text)
    if typed is not None:
        g.add((node, prop, typed))


def sources(data: dict) -> Graph:
    g = new_graph()
    for s in data["sources"]:
        node = iri("source", s["id"].lower())
        g.add((node, RDF.type, NHSG.Source))
        g.add((node, DCT.identifier, Literal(s["id"])))
        g.add((node, NHSG.url, Literal(s["url"], datatype=XSD.anyURI)))
        g.add((node, DCT.title, Literal(s["title"])))
        g.add((node, DCT.publisher, Literal(s["publisher"])))
        add_date(g, node, s["date"], DCT.issued)
    return g


def benefits(data: dict) -> Graph:
    g = new_graph()
    for b in data["benefits"]:
        node = iri("benefit", b["label"].replace("_", "-"))
        g.add((node, RDF.type, NHSG.Benefit))
        g.add((node, SKOS.inScheme, NHSG.BenefitScheme))
        g.add((node, SKOS.notation, Literal(b["id"])))
        g.add((node, SKOS.prefLabel, Literal(b["label"].replace("_", " "), lang="en")))
        g.add((node, RDFS.label, Literal(b["label"].replace("_", " "), lang="en")))
        g.add((node, SKOS.definition, Literal(b["description"], lang="en")))
    return g


def split_name(name: str) -> tuple[str, str | None]:
    """'X NHS Trust (merged ...)' -> ('X NHS Trust', full text) so labels stay clean."""
    if " (" in name:
        return name.split(" (", 1)[0], name
    return name, None


def groups(data: dict) -> Graph:
    g = new_graph()
    for grp in data["groups"]:
        node = iri("group", GROUP_SLUGS[grp["id"]])
        model = (
            "single-organisation-several-sites"
            if grp["id"] in SINGLE_ORGANISATION
            else "partnership-of-sovereign-trusts"
        )
        g.add((node, RDF.type, NHSG.Group))
        g.add((node, DCT.identifier, Literal(grp["id"])))
        g.add((node, RDFS.label, Literal(grp["name"])))
        g.add((node, NHSG.groupModel, iri("group-model", model)))
        g.add((node, NHSG.modelDescription, Literal(grp["model"])))
        g.add((node, NHSG.region, Literal(grp["region"])))
        g.add((node, NHSG.formedNote, Literal(grp["formed"])))
        year = re.match(r"(\d{4})\b", grp["formed"])
        if year:
            g.add((node, NHSG.formed, Literal(year.group(1), datatype=XSD.gYear)))
        for sid in grp["source_ids"]:
            g.add((node, NHSG.source, iri("source", sid.lower())))
        for m in grp["members"]:
            add_member(g, grp["id"], node, m)
    return g


def add_member(g: Graph, group_id: str, group: URIRef, m: dict) -> None:
    trust = iri("trust", m["ods_code"])
    label, note = split_name(m["name"])
    g.add((trust, RDF.type, NHSG.Trust))
    g.add((trust, RDFS.label, Literal(label)))
    g.add((trust, NHSG.odsCode, Literal(m["ods_code"])))
    if note:
        g.add((trust, SKOS.note, Literal(note)))
    ms = iri("membership", f"{GROUP_SLUGS[group_id]}-{m['ods_code']}")
    g.add((ms, RDF.type, ORG.Membership))
    g.add((ms, ORG.organization, group))
    g.add((ms, ORG.member, trust))
    g.add((group, ORG.hasMembership, ms))
    for sid in m["source_ids"]:
        g.add((ms, NHSG.source, iri("source", sid.lower())))
    start = MEMBER_FROM.get((group_id, m["ods_code"]))
    if start:
        during = URIRef(f"{ms}/during")
        begin = URIRef(f"{ms}/begin")
        g.add((ms, ORG.memberDuring, during))
        g.add((during, RDF.type, TIME.Interval))
        g.add((during, TIME.hasBeginning, begin))
        g.add((begin, RDF.type, TIME.Instant))
        g.add((begin, TIME.inXSDgYear, Literal(start, datatype=XSD.gYear)))


def benefit_iri(data: dict, bid: str) -> URIRef:
    label = next(b["label"] for b in data["benefits"] if b["id"] == bid)
    return iri("benefit", label.replace("_", "-"))


def claims(data: dict) -> Graph:
    g = new_graph()
    for c in data["claims"]:
        node = iri("claim", c["id"].lower())
        g.add((node, RDF.type, NHSG.Claim))
        g.add((node, DCT.identifier, Literal(c["id"])))
        if c["group_id"]:
            g.add((node, NHSG.aboutGroup, iri("group", GROUP_SLUGS[c["group_id"]])))
        g.add((node, NHSG.aboutBenefit, benefit_iri(data, c["benefit_id"])))
        g.add((node, NHSG.claimedBy, Literal(c["claimed_by"])))
        g.add((node, NHSG.quote, Literal(c["quote"])))
        g.add((node, NHSG.source, iri("source", c["source_id"].lower())))
    return g


def evidence(data: dict) -> Graph:
    g = new_graph()
    for e in data["evidence"]:
        node = iri("evidence", e["id"].lower())
        target = e["claim_or_benefit_id"]
        g.add((node, RDF.type, NHSG.EvidenceItem))
        g.add((node, DCT.identifier, Literal(e["id"])))
        if target.startswith("C"):
            g.add((node, NHSG.aboutClaim, iri("claim", target.lower())))
        else:
            g.add((node, NHSG.aboutBenefit, benefit_iri(data, target)))
        g.add((node, NHSG.summary, Literal(e["summary"])))
        g.add((node, NHSG.quote, Literal(e["quote"])))
        g.add((node, NHSG.source, iri("source", e["source_id"].lower())))
        g.add((node, NHSG.evidenceType, iri("evidence-type", EVIDENCE_TYPES[e["evidence_type"]])))
        g.add((node, NHSG.evidenceTypeAsGiven, Literal(e["evidence_type"])))
        # The source data has a yes/no flag; every "no" is self-reported by the group, its
        # trusts, or a body relaying their own accounts (see each summary), hence "affiliated".
        independence = "independent" if e["independent"] else "affiliated"
        g.add((node, NHSG.independence, iri("independence", independence)))
        g.add((node, NHSG.direction, iri("direction", DIRECTIONS[e["direction"]])))
        directness = "indirect" if e["id"] in INDIRECT else "direct"
        g.add((node, NHSG.directness, iri("directness", directness)))
        add_date(g, node, e["date"], DCT.date)
    return g


def reviews(data: dict) -> Graph:
    g = new_graph()
    agent = iri("agent", "seed-curation")
    g.add((agent, RDF.type, PROV.Agent))
    g.add((agent, RDFS.label, Literal("seed curation")))
    for e in data["evidence"]:
        node = iri("review", f"seed-{e['id'].lower()}")
        g.add((node, RDF.type, NHSG.Review))
        g.add((node, NHSG.reviewOf, iri("evidence", e["id"].lower())))
        g.add((node, NHSG.resultingStatus, iri("verification-status", "verified")))
        g.add((node, PROV.wasAssociatedWith, agent))
        g.add((node, PROV.endedAtTime, Literal(SEED_REVIEW_TIME, datatype=XSD.dateTime)))
        g.add((node, RDFS.comment, Literal(SEED_REVIEW_COMMENT)))
    return g


def main() -> None:
    data = json.loads((HERE / "source" / "nhs_groups_sources.json").read_text())
    for name, build in [
        ("sources", sources),
        ("benefits", benefits),
        ("groups", groups),
        ("claims", claims),
        ("evidence", evidence),
        ("reviews", reviews),
    ]:
        header = "# Generated by seed_data/make_seed.py from source/nhs_groups_sources.json.\n"
        body = build(data).serialize(format="turtle")
        (HERE / f"{name}.ttl").write_text(header + body)


if __name__ == "__main__":
    main()
