"""Y rules: the file and its YAML. The checks live where the file is read: its encoding in
loader.decode, its YAML in the event loop (yamlparse), suppressions (Y007) in suppressions; this is
their manual."""

from __future__ import annotations

from netlint.rules._registry import declare

declare(
    "Y001",
    "yaml-syntax",
    severity="error",
    doc="""
    ## What it does
    Reports a YAML syntax error at the place where the parser stopped.

    ## Why it matters
    A file that does not parse cannot be checked or published; everything in it is invisible
    to the other rules until it is fixed.

    ## Example
    ```yaml
    title: Local excision
    summary: "The surgeon removes the tumor
    ```

    ## Use instead
    ```yaml
    title: Local excision
    summary: "The surgeon removes the tumor."
    ```

    ## Options
    None. A comment cannot suppress a syntax error: the parser stops there, so nothing after it is
    read as YAML (`# netlint: disable=Y001` is itself reported, as Y007). `ignore = ["Y001"]` in
    netlint.toml hides it, but export still refuses the file.
    """,
)

declare(
    "Y002",
    "duplicate-key",
    severity="error",
    doc="""
    ## What it does
    Reports a key that appears twice in the same mapping, at the second occurrence, naming the line of the first.

    ## Why it matters
    YAML parsers silently keep one of the two values, so an edit to one copy may never reach readers.

    ## Example
    ```yaml
    title: Local excision
    title: Local resection
    ```

    ## Use instead
    ```yaml
    title: Local excision
    ```

    ## Options
    None.
    """,
)

declare(
    "Y003",
    "encoding",
    severity="error",
    doc="""
    ## What it does
    Reports a file that is not UTF-8 (UTF-16, Latin-1, invalid bytes), or that contains NUL or
    other control characters (tab, LF and CR are allowed). A UTF-8 byte-order mark is tolerated.
    A UTF-8 file with such a character is still read, as far as it can be, for its kind and id, so
    that references to the page from other files stay valid; its own other problems are reported
    once the character is gone.

    It also reports, at line 1, a content file that cannot be read (no permission, a FIFO or device
    named `*.yaml`, a loop of links), a folder in the content folder that cannot be listed, and a
    content file or folder that is a symbolic link leading outside the project: netlint never reads
    outside the project, and a page it cannot check must not pass unseen (nor be left out of an
    export unnoticed).

    ## Why it matters
    Wrong encodings turn "®" into "Â®" or "?" on published pages; control characters are invisible
    in editors and break downstream tools.

    ## Example
    A file saved as UTF-16 by a word processor, or text pasted with a stray `\\x0c` form feed.

    ## Use instead
    Save the file as UTF-8 and remove the control character.

    ## Options
    None.
    """,
)

declare(
    "Y004",
    "document-structure",
    severity="error",
    doc="""
    ## What it does
    Reports an empty file, a file with more than one YAML document (`---` separators), or a top level
    that is not a mapping of fields.

    ## Why it matters
    Each file is one document with `schema_version`, `kind` and its fields; anything else cannot be a page.

    ## Example
    ```yaml
    - local-excision
    - appendectomy
    ```

    ## Use instead
    ```yaml
    schema_version: 1
    kind: procedure
    id: local-excision
    ```

    ## Options
    None.
    """,
)

declare(
    "Y005",
    "anchor-alias-tag",
    severity="error",
    doc="""
    ## What it does
    Reports YAML anchors (`&name`), aliases (`*name`) and explicit tags (`!!str`, `!something`).

    ## Why it matters
    Aliases make one edit change several places unseen, and can expand to billions of nodes
    ("billion laughs"); tags can ask a YAML library to build arbitrary objects. Content is plain data:
    netlint never expands aliases or honours tags.

    ## Example
    ```yaml
    review: &review
      last_reviewed: 2025-08-08
    other: *review
    ```

    ## Use instead
    Write each value out in full.

    ## Options
    None.
    """,
)

declare(
    "Y006",
    "limits",
    severity="error",
    doc="""
    ## What it does
    Reports a file larger than `limits.max_file_bytes` (default 1 MiB; at line 1) or nested deeper than
    `limits.max_depth` (default 64; at the first node past the limit). The file is rejected before it is
    fully read or built. An unquoted integer of more digits than Python converts (4,300) is reported
    too, at the number.

    ## Why it matters
    A content page is never that large or deep; such a file is a mistake or an attack, and reading it in
    full could exhaust memory or time on every contributor's machine and in CI.

    ## Example
    A generated file of 50 MB, or `a: [[[[[[...]]]]]]` nested 10,000 levels.

    ## Use instead
    Split the content into several documents.

    ## Options
    ```toml
    [limits]
    max_file_bytes = 1048576
    max_depth = 64
    ```
    """,
)

declare(
    "Y007",
    "unused-suppression",
    severity="warning",
    doc="""
    ## What it does
    Reports a `# netlint: disable=...` or `disable-file=...` comment that names an unknown rule code,
    or that suppresses nothing (the rule is enabled but reports nothing there), and a comment that
    starts like a suppression (`# netlint:`) but does not read as one, such as `# netlint: disable`
    without codes or `# netlint: disabel=P004`. A suppression is not called unused in a file whose
    YAML error (or schema error) kept its rule from running there: it was never tried.

    ## Why it matters
    Stale suppressions hide future problems: once the text they excused is fixed, they silently excuse the
    next mistake on that line.

    ## Example
    ```yaml
    # netlint: disable=P004
    title: Local excision
    ```

    ## Use instead
    ```yaml
    title: Local excision
    ```

    ## Options
    Suppress on the offending line or on the line above it (for text inside a multi-line block, on or above
    the line of its key): `# netlint: disable=P004,P007 -- why`. For a whole file:
    `# netlint: disable-file=P007`. Codes may be letters (`P`) or full codes (`P004`). A comment cannot
    suppress Y007 itself (fix the comment instead), nor Y001-Y006 (a file with a Y error is not read as
    content: hiding the error would hide every other finding in it); a comment naming one is a Y007.
    `ignore = ["Y007"]` in netlint.toml turns it off.
    """,
)
