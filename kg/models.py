"""The shapes of what clients send: claims, evidence, reviews (design section 7).

Shared by the API (request bodies) and `kg import` (CSV rows), so both validate alike.
Vocabulary fields are Literals: a wrong term is rejected with the allowed ones listed.
"""

from datetime import datetime
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kg.vocab import VOCABULARIES

# The design's vocabularies (kg.vocab), as Literal types so a wrong term lists the allowed ones.
Direction = Literal[VOCABULARIES["direction"]]
Independence = Literal[VOCABULARIES["independence"]]
Directness = Literal[VOCABULARIES["directness"]]
Status = Literal[VOCABULARIES["verification-status"]]
EvidenceType = Literal[VOCABULARIES["evidence-type"]]
Text = Field(min_length=1, max_length=5000)
Ref = Field(min_length=1, max_length=300, description="A slug or the full IRI.")


def check_date(value: str | None) -> str | None:
    """A real date as YYYY, YYYY-MM or YYYY-MM-DD (or None)."""
    if value is None:
        return None
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            datetime.strptime(value, fmt)
        except ValueError:
            continue
        if len(value) == {"%Y-%m-%d": 10, "%Y-%m": 7, "%Y": 4}[fmt]:
            return value
    raise ValueError("must be a real date: YYYY, YYYY-MM or YYYY-MM-DD")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SourceIn(Strict):
    """A new source: where the quote comes from."""

    url: str = Field(min_length=8, max_length=2000, pattern=r"^https?://[^\s<>\"{}|\\^`]+$")
    title: str = Field(min_length=1, max_length=1000)
    publisher: str | None = Field(default=None, max_length=1000)
    date: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD")

    _date = field_validator("date")(check_date)


class ClaimIn(Strict):
    """A claim that a group (or, with group null, the group model) brings a benefit."""

    group: str | None = Field(
        min_length=1, max_length=300, description="Group id; null for the group model in general."
    )
    benefit: str = Ref
    claimed_by: str = Field(min_length=1, max_length=1000)
    quote: str = Text
    source: str | SourceIn = Field(description="A source id, or a new source.")


class EvidenceIn(Strict):
    """An evidence item about a claim (or, with `benefit`, about a benefit in general)."""

    claim: str | None = Field(default=None, min_length=1, max_length=300)
    benefit: str | None = Field(default=None, min_length=1, max_length=300)
    summary: str = Text
    quote: str | None = Field(default=None, min_length=1, max_length=5000)
    source: str | SourceIn
    evidence_type: EvidenceType
    independence: Independence
    direction: Direction
    directness: Directness
    date: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD")

    _date = field_validator("date")(check_date)

    @model_validator(mode="after")
    def one_target(self) -> Self:
        if (self.claim is None) == (self.benefit is None):
            raise ValueError("give exactly one of 'claim' or 'benefit'")
        return self


class ReviewIn(Strict):
    """A change of an item's verification status; a comment is needed unless verifying."""

    status: Status
    comment: str | None = Field(default=None, min_length=1, max_length=5000)

    @model_validator(mode="after")
    def comment_unless_verified(self) -> Self:
        if self.status != "verified" and not self.comment:
            raise ValueError(f"a comment is required to set the status '{self.status}'")
        return self
