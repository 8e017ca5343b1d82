"""The `kg` command."""
