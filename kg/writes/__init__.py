"""Writes: each one a named graph with provenance, validated whole, committed at once."""

from kg.writes.operations import Writer, WriteResult

__all__ = ["WriteResult", "Writer"]
