"""Exporters: turn a vetted project into release bundles (json/bundle.json, json/manifest.json, html/)."""

from __future__ import annotations

#: The bundle format written into bundle.json and manifest.json; bump only for incompatible changes.
BUNDLE_FORMAT = "netlint-bundle/1"

#: Every export format, in the order they are written.
FORMATS = ("json", "html")


class ExportError(Exception):
    """An export that cannot start: a bad --out, or a folder netlint must not replace (exit 2)."""


class NotExportable(Exception):
    """Content that passed the configured checks but still cannot be bundled (exit 1).

    This happens only when the configuration ignores a rule the bundle depends on,
    for example S001 (schema) or C001 (unknown source).
    """

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


__all__ = ["BUNDLE_FORMAT", "FORMATS", "ExportError", "NotExportable"]
