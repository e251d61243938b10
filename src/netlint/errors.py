"""netlint's own failures that the command line reports as exit 2 (with ConfigError, SchemaError and the
export's errors, which live beside what raises them)."""

from __future__ import annotations


class RuleFailure(Exception):
    """A rule raised: a bug in netlint, reported as exit 2."""


class OutputError(Exception):
    """A report or baseline file that cannot be written where the user asked: exit 2."""
