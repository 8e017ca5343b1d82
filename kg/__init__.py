"""The NHS groups evidence graph: store, named queries, the evidence rule and the `kg` command."""

__version__ = "0.1.0"
