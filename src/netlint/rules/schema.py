"""S rules: every document against its kind's JSON Schema.

The engine runs this phase (engine.check_batch; api.project_index for reports)
for every readable document whatever is selected,
because its verdict (`doc.valid`) tells the content rules whether a
document's shape can be trusted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from netlint import schemas
from netlint.diagnostic import Span
from netlint.rules._registry import at, declare, diagnostic, rule

if TYPE_CHECKING:
    from netlint.diagnostic import Diagnostic
    from netlint.index import Context
    from netlint.loader import Document

declare(
    "S001",
    "schema",
    severity="error",
    scope="document",
    doc="""
    ## What it does
    Checks every document against the JSON Schema of its kind and reports one diagnostic per offending field:
    at the field's value (an unknown field at its key, a missing field at the mapping that lacks it), with the
    field's path and a "did you mean" suggestion for a close unknown field or enum value. Formats are enforced:
    an impossible date such as 2025-02-30, or a malformed URL, is an error.

    ## Why it matters
    Publishers and every other rule rely on the shape of the content: a misspelled field is silently dropped,
    a wrong site name breaks the pathway tables, and an impossible review date hides an overdue review.

    ## Example
    ```yaml
    approach: surgery          # not an allowed value
    sites: [rectum, apendix]   # typo in a site
    summery: A short summary.  # unknown field
    review:
      last_reviewed: 2025-02-30   # no such day
    ```

    ## Use instead
    ```yaml
    approach: surgical
    sites: [rectum, appendix]
    summary: A short summary.
    review:
      last_reviewed: 2025-02-28
    ```

    ## Options
    A project can use its own schemas with `schema = "<dir>"` in netlint.toml. Editors pick up the
    schemas through the `# yaml-language-server: $schema=...` modeline at the top of each file.
    """,
)

declare(
    "S002",
    "unknown-kind",
    severity="error",
    scope="document",
    doc="""
    ## What it does
    Reports a document whose `kind` is missing or not one of sources, contributors, glossary, procedure,
    topic, or whose `schema_version` is not supported (netlint supports version 1).

    ## Why it matters
    The kind decides which schema and which rules apply; without a known kind nothing else can be checked.

    ## Example
    ```yaml
    schema_version: 1
    kind: procedures
    ```

    ## Use instead
    ```yaml
    schema_version: 1
    kind: procedure
    ```

    ## Options
    None.
    """,
)


def schema_phase(doc: Document, ctx: Context) -> list[Diagnostic]:
    """S002 and S001 diagnostics for one parsed document; empty when it is valid."""
    data = doc.data
    assert isinstance(data, dict)
    kind = data.get("kind")
    if kind is None:
        return [at("S002", doc, (), f"the document has no 'kind'; add one of: {', '.join(schemas.KINDS)}")]
    if kind not in schemas.KINDS:
        import difflib  # only for a mistyped kind

        close = difflib.get_close_matches(str(kind), schemas.KINDS, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else f"; use one of: {', '.join(schemas.KINDS)}"
        return [at("S002", doc, ("kind",), f"unknown kind {kind!r}{hint}")]
    version = data.get("schema_version")
    if version is not None and (isinstance(version, bool) or version not in schemas.SCHEMA_VERSIONS):
        supported = ", ".join(str(v) for v in schemas.SCHEMA_VERSIONS)
        if isinstance(version, str) and version.strip() in {str(v) for v in schemas.SCHEMA_VERSIONS}:
            number = version.strip()
            message = f"schema_version must be the number {number}, not the text {version!r}; remove the quotes"
            return [at("S002", doc, ("schema_version",), message)]
        return [
            at(
                "S002",
                doc,
                ("schema_version",),
                f"schema_version {schemas.show_value(version)} is not supported (supported: {supported})",
            )
        ]
    schema_dir = ctx.config.schema_dir or schemas.bundled_schema_dir()
    return schemas.validate(doc, kind, schema_dir)


@rule("S003", "not-exportable", severity="error", scope="document")
def not_exportable(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    When the project uses its own schemas (`schema = "<dir>"`), reports what they accept but netlint's own
    schema does not, one diagnostic per field, as S001 would: a field netlint does not know, a value outside
    its lists, a required field the project's schema leaves out. Bundles carry what netlint's own schema
    describes (`schema/bundle.schema.json`, published for the publishers who read them), so `netlint export`
    refuses such a document: this rule says so on every commit, not on the day of a release.

    ## Why it matters
    A check that passes in CI and an export that fails at release time is the worst moment to learn that a
    page cannot be published.

    ## Example
    A project's `procedure.schema.json` that adds a field `internal_notes`, and a procedure that uses it.

    ## Use instead
    Keep what only the project needs out of the content files, or make the project's schemas stricter than
    netlint's (more required fields, shorter lists), never looser.

    ## Options
    Only runs when `schema` is set and its schemas differ from netlint's own. Ignore S003 (`ignore = ["S003"]`)
    for a project that never exports with netlint.
    """
    schema_dir = ctx.config.schema_dir
    kind = doc.kind
    if schema_dir is None or kind not in schemas.KINDS or schemas.same_as_bundled(schema_dir):
        return
    for found in schemas.validate(doc, str(kind), schemas.bundled_schema_dir()):
        span = Span(found.line, found.column, found.end_line, found.end_column)
        message = (
            f"{found.message} (the project's schema allows it, but netlint's own schema, which export bundles "
            "follow, does not: `netlint export` will refuse this document)"
        )
        yield diagnostic("S003", doc.path, span, message)
