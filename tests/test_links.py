"""N001-N004: identity and links across the project."""

from __future__ import annotations

import pytest

from conftest import PROCEDURE, TOPIC, found, run


def test_n001_id_differs_from_file_name(make_project) -> None:
    root = make_project({"content/procedures/proc-a.yaml": PROCEDURE.format(id="proc-b")}, base=True)
    result = run(root)
    assert ("content/procedures/proc-a.yaml", "N001", 3, 5) in found(result)
    assert (
        "'proc-b' differs from the file name 'proc-a'" in [d for d in result.diagnostics if d.code == "N001"][0].message
    )


def test_n001_not_when_id_matches(make_project) -> None:
    assert found(run(make_project(base=True)), "N001") == []


def test_n002_duplicate_document_id_names_the_first(make_project) -> None:
    root = make_project({"content/procedures/more/proc-a.yaml": PROCEDURE.format(id="proc-a")}, base=True)
    result = run(root)
    # At the later occurrence (by path), naming the first (SPEC §4).
    assert found(result, "N002") == [("content/procedures/proc-a.yaml", "N002", 3, 5)]
    assert [d.message for d in result.diagnostics if d.code == "N002"] == [
        "id 'proc-a' is already used in content/procedures/more/proc-a.yaml:3",
    ]
    # A run on the first file alone (pre-commit's, on the page just added that sorts first) reports it there,
    # naming the other; a run on the later one reports the later one, as the whole project's run does.
    alone = run(root, paths=(root / "content/procedures/more/proc-a.yaml",))
    assert found(alone, "N002") == [("content/procedures/more/proc-a.yaml", "N002", 3, 5)]
    assert [d.message for d in alone.diagnostics if d.code == "N002"] == [
        "id 'proc-a' is also used in content/procedures/proc-a.yaml:3"
    ]
    later = run(root, paths=(root / "content/procedures/proc-a.yaml",))
    assert found(later, "N002") == [("content/procedures/proc-a.yaml", "N002", 3, 5)]
    both = run(root, paths=(root / "content/procedures/proc-a.yaml", root / "content/procedures/more/proc-a.yaml"))
    assert found(both, "N002") == [("content/procedures/proc-a.yaml", "N002", 3, 5)]


def test_n002_counts_a_page_with_a_yaml_error(make_project) -> None:
    # A duplicate key elsewhere in proc-a (Y002) does not make its id unreadable: zz copies it.
    first = PROCEDURE.format(id="proc-a") + "title: Twice\n"
    files = {"content/procedures/proc-a.yaml": first, "content/procedures/zz.yaml": PROCEDURE.format(id="proc-a")}
    result = run(make_project(files, base=True))
    assert found(result, "Y002") == [("content/procedures/proc-a.yaml", "Y002", first.count("\n"), 1)]
    assert found(result, "N002") == [("content/procedures/zz.yaml", "N002", 3, 5)]
    assert "content/procedures/proc-a.yaml:3" in next(d.message for d in result.diagnostics if d.code == "N002")


def test_n002_topic_and_procedure_share_one_namespace(make_project) -> None:
    root = make_project({"content/topics/proc-a.yaml": TOPIC.format(id="proc-a", procedures="proc-a")}, base=True)
    assert found(run(root), "N002") == [("content/topics/proc-a.yaml", "N002", 3, 5)]


def test_n002_a_glossary_term_defined_twice(make_project) -> None:
    """Two definitions of one term (ignoring case and spacing) contradict each other, and the pages link
    only the first."""
    from conftest import GLOSSARY

    glossary = GLOSSARY + "  - term: Mastectomy\n    definition: Surgery to remove the breast.\n"
    glossary += "  - term: Resection\n    definition: Surgery to remove part of an organ.\n"
    glossary += "  - term: mastectomy\n    definition: Surgery to remove part or all of the breast.\n"
    result = run(make_project({"content/glossary.yaml": glossary}, base=True))
    assert found(result, "N002") == [
        ("content/glossary.yaml", "N002", 8, 11),
        ("content/glossary.yaml", "N002", 10, 11),
    ]
    assert [d.message for d in result.diagnostics if d.code == "N002"] == [
        "glossary term 'Resection' is already a term on line 4; merge the two entries",
        "glossary term 'mastectomy' is already a term on line 6; merge the two entries",
    ]
    # A term that is another's variant, a variant that is another term, and forms that differ only in
    # an apostrophe, a hyphen or how an accent is written.
    glossary = GLOSSARY + (
        "  - term: neuroendocrine tumor\n    definition: A tumor.\n    variants: [NET]\n"
        "  - term: NET\n    definition: Something else.\n"
        "  - term: Crohn’s disease\n    definition: A disease.\n"
        "  - term: crohn's disease\n    definition: Again.\n"
        "  - term: scan\n    definition: A picture.\n    variants: [Resection, non-Hodgkin]\n"
        "  - term: non Hodgkin\n    definition: A lymphoma.\n"
        "  - term: cafe\u0301\n    definition: NFD.\n"
        "  - term: caf\u00e9\n    definition: NFC.\n"
    )
    result = run(make_project({"content/glossary.yaml": glossary}, base=True))
    assert [d.message for d in result.diagnostics if d.code == "N002"] == [
        "glossary term 'NET' is already a variant of 'neuroendocrine tumor' on line 8; merge the two entries",
        "glossary term 'crohn's disease' is already a term on line 11; merge the two entries",
        "glossary variant 'Resection' is already a term on line 4; merge the two entries",
        "glossary term 'non Hodgkin' is already a variant of 'scan' on line 17; merge the two entries",
        "glossary term 'caf\u00e9' is already a term on line 20; merge the two entries",
    ]
    # An abbreviation is matched as written: "AIDS" (the disease) is not "aids" (walking aids).
    glossary = GLOSSARY + (
        "  - term: AIDS\n    definition: A disease.\n"
        "  - term: walking aid\n    definition: A stick.\n    variants: [walking aids, aids]\n"
    )
    assert found(run(make_project({"content/glossary.yaml": glossary}, base=True)), "N002") == []
    assert found(run(make_project({"content/glossary.yaml": GLOSSARY}, base=True)), "N002") == []


def test_n002_duplicate_source_contributor_and_pathway_ids(make_project) -> None:
    from conftest import CONTRIBUTORS, SOURCES

    sources = SOURCES + SOURCES.split("sources:\n")[1].replace("https://example.org/a", "https://example.org/b")
    contributors = CONTRIBUTORS + "  - id: team\n    name: Again\n    roles: [author]\n"
    pathway = (
        "pathways:\n"
        "  - id: by-size\n    site: rectum\n    question: Which?\n"
        "    options:\n      - size: {gt: 0, unit: cm}\n        procedure: proc-a\n    cites: [src-a]\n"
        "  - id: by-size\n    site: rectum\n    question: Which?\n"
        "    options:\n      - size: {gt: 0, unit: cm}\n        procedure: proc-a\n    cites: [src-a]\n"
    )
    topic = TOPIC.format(id="topic-a", procedures="proc-a").replace("review:", pathway + "review:")
    root = make_project(
        {
            "content/sources.yaml": sources,
            "content/contributors.yaml": contributors,
            "content/topics/topic-a.yaml": topic,
        },
        base=True,
    )
    result = run(root, select=["N"])
    assert found(result, "N002") == [
        ("content/contributors.yaml", "N002", 10, 9),
        ("content/sources.yaml", "N002", 11, 9),
        ("content/topics/topic-a.yaml", "N002", 21, 9),
    ]
    messages = [d.message for d in result.diagnostics if d.code == "N002"]
    assert "on line 4" in messages[0] and "on line 4" in messages[1] and "on line 14" in messages[2]


def test_n003_unknown_reference_with_suggestion(make_project) -> None:
    topic = TOPIC.format(id="topic-a", procedures="proc-a, proc-x")
    proc = PROCEDURE.format(id="proc-a").replace("review:", "related: [topic-a, proc-aa]\nreview:")
    root = make_project({"content/topics/topic-a.yaml": topic, "content/procedures/proc-a.yaml": proc}, base=True)
    result = run(root)
    assert found(result, "N003") == [
        ("content/procedures/proc-a.yaml", "N003", 13, 20),
        ("content/topics/topic-a.yaml", "N003", 12, 22),
    ]
    assert "did you mean 'proc-a'" in result.diagnostics[0].message


def test_n003_procedures_must_name_procedures(make_project) -> None:
    topic = TOPIC.format(id="topic-a", procedures="proc-a, topic-a")
    result = run(make_project({"content/topics/topic-a.yaml": topic}, base=True))
    assert found(result, "N003") == [("content/topics/topic-a.yaml", "N003", 12, 22)]
    assert "is a topic, not a procedure" in result.diagnostics[0].message


def test_n003_a_document_failing_its_schema_still_exists(make_project) -> None:
    broken = PROCEDURE.format(id="proc-b").replace("approach: surgical", "approach: laser")
    topic = TOPIC.format(id="topic-a", procedures="proc-a, proc-b")
    root = make_project({"content/procedures/proc-b.yaml": broken, "content/topics/topic-a.yaml": topic}, base=True)
    assert found(run(root), "N003") == []


def test_n004_procedure_no_topic_lists(make_project) -> None:
    root = make_project({"content/procedures/proc-z.yaml": PROCEDURE.format(id="proc-z")}, base=True)
    result = run(root)
    assert found(result, "N004") == [("content/procedures/proc-z.yaml", "N004", 3, 5)]
    assert result.diagnostics[0].severity.value == "warning"


def test_n004_not_for_listed_procedures(make_project) -> None:
    assert found(run(make_project(base=True)), "N004") == []


def test_n004_not_while_a_file_that_may_list_them_cannot_be_read(make_project) -> None:
    # The topic listing proc-a has a Latin-1 byte in a comment: "no topic lists proc-a" would be false.
    topic = TOPIC.format(id="topic-a", procedures="proc-a").encode() + b"# Reviewed by Dr Pe\xf1a\n"
    result = run(make_project({"content/topics/topic-a.yaml": topic}, base=True))
    assert found(result, "Y003") and found(result, "N004") == []


def test_n004_not_while_a_topic_is_read_only_in_part(make_project) -> None:
    # A YAML error in the topic's title cuts its `procedures` off: "no topic lists ..." would be false.
    topic = TOPIC.format(id="topic-a", procedures="proc-a").replace("title:", "title: [", 1)
    result = run(make_project({"content/topics/topic-a.yaml": topic}, base=True))
    assert found(result, "Y001") and found(result, "N004") == []
    # A procedure read in part cannot be the topic that lists the others: N004 still reports them.
    broken = PROCEDURE.format(id="proc-y").replace("title:", "title: [", 1)
    files = {"content/procedures/proc-y.yaml": broken, "content/procedures/proc-z.yaml": PROCEDURE.format(id="proc-z")}
    result = run(make_project(files, base=True))
    assert found(result, "Y001") and found(result, "N004") == [("content/procedures/proc-z.yaml", "N004", 3, 5)]


def test_a_focused_run_reports_what_the_full_run_reports_in_its_files(make_project) -> None:
    """N rules look only at the focus documents (pre-commit's few files) where they report: the same answers,
    but for the first of two pages with one id when the later is left out (reported there, naming it)."""
    pathway = (
        "pathways:\n"
        "  - id: by-size\n    site: rectum\n    question: Which?\n"
        "    options:\n      - size: {gt: 0, unit: cm}\n        procedure: proc-a\n    cites: [src-a]\n"
    )
    topic_a = TOPIC.format(id="topic-a", procedures="proc-a, proc-x").replace("review:", pathway + "review:")
    topic_b = TOPIC.format(id="topic-b", procedures="proc-a").replace("review:", pathway + "review:")
    proc_a = PROCEDURE.format(id="proc-a").replace("review:", "related: [topic-a, proc-aa]\nreview:")
    root = make_project(
        {
            "content/topics/topic-a.yaml": topic_a,
            "content/topics/topic-b.yaml": topic_b,
            "content/procedures/proc-a.yaml": proc_a,
            "content/procedures/proc-y.yaml": PROCEDURE.format(id="proc-z"),
            "content/procedures/more/proc-a.yaml": PROCEDURE.format(id="proc-a"),
        },
        base=True,
    )
    full = [(d.path, d.line, d.column, d.code, d.message) for d in run(root, select=["N"]).diagnostics]
    assert {(path, code) for path, _, _, code, _ in full} == {
        ("content/procedures/proc-a.yaml", "N002"),  # the later (by path) of two documents with one id
        ("content/procedures/proc-a.yaml", "N003"),  # proc-aa: did you mean proc-a?
        ("content/procedures/proc-y.yaml", "N001"),  # its id is proc-z
        ("content/procedures/proc-y.yaml", "N004"),  # proc-z: no topic lists it
        ("content/topics/topic-a.yaml", "N003"),  # proc-x
        ("content/topics/topic-b.yaml", "N002"),  # the pathway id by-size again
    }
    files = sorted(path.relative_to(root).as_posix() for path in (root / "content").rglob("*.yaml"))
    for relpath in files:
        focused = run(root, paths=(root / relpath,), select=["N"]).diagnostics
        expected = [d for d in full if d[0] == relpath]
        if relpath == "content/procedures/more/proc-a.yaml":
            expected = [(relpath, 3, 5, "N002", "id 'proc-a' is also used in content/procedures/proc-a.yaml:3")]
        assert [(d.path, d.line, d.column, d.code, d.message) for d in focused] == expected
    both = ("content/procedures/proc-a.yaml", "content/topics/topic-b.yaml")
    focused = run(root, paths=tuple(root / relpath for relpath in both), select=["N"]).diagnostics
    assert [(d.path, d.line, d.column, d.code, d.message) for d in focused] == [d for d in full if d[0] in both]


@pytest.mark.parametrize("stray", ["\x01", "\x7f", "\u2028"])
def test_a_stray_control_character_leaves_the_page_s_kind_and_id_readable(make_project, stray: str) -> None:
    # SPEC §4: a document whose kind and id can be read counts as existing. One stray character is
    # that file's Y003; references to the page from files nobody touched are not N003.
    root = make_project(
        {
            "content/topics/topic-a.yaml": TOPIC.format(id="topic-a", procedures="proc-a"),
            "content/procedures/proc-a.yaml": PROCEDURE.format(id="proc-a") + f"# note {stray} here\n",
        },
        base=True,
    )
    result = run(root)
    line = PROCEDURE.format(id="proc-a").count("\n") + 1
    assert [(d.path, d.code, d.line, d.column) for d in result.diagnostics] == [
        ("content/procedures/proc-a.yaml", "Y003", line, 8)
    ]


@pytest.mark.parametrize(
    ("encoding", "column"),
    [("latin-1", 16), ("cp1252", 16), ("utf-16", 1), ("utf-16-le", 1), ("utf-16-be", 1), ("utf-32", 1)],
)
def test_a_page_not_saved_as_utf8_leaves_its_kind_and_id_readable(make_project, encoding: str, column: int) -> None:
    """SPEC §4, as for a stray control character: a page saved as UTF-16 or Latin-1 is that file's Y003 (at its
    first byte that is not UTF-8, or at 1:1); links to it from files nobody touched are not N003."""
    page = PROCEDURE.format(id="proc-a") + "# checked by Zoë\n"
    root = make_project(
        {
            "content/topics/topic-a.yaml": TOPIC.format(id="topic-a", procedures="proc-a"),
            "content/procedures/proc-a.yaml": page.encode(encoding),
        },
        base=True,
    )
    line = 1 if column == 1 else page.count("\n")
    assert [(d.path, d.code, d.line, d.column) for d in run(root).diagnostics] == [
        ("content/procedures/proc-a.yaml", "Y003", line, column)
    ]


def test_a_reference_to_an_unusable_file_names_that_file_not_a_lookalike(make_project) -> None:
    # proc-a's file has no readable id (its YAML breaks before it), and proc-b's kind is mistyped: the
    # topic's references to them point at those files' own errors, not at "did you mean 'proc-c'".
    proc_b = PROCEDURE.format(id="proc-b").replace("kind: procedure", "kind: procedur")
    root = make_project(
        {
            "content/topics/topic-a.yaml": TOPIC.format(id="topic-a", procedures="proc-a, proc-b, proc-c"),
            "content/procedures/proc-a.yaml": b"x: [\xff\n" + PROCEDURE.format(id="proc-a").encode(),
            "content/procedures/proc-b.yaml": proc_b,
            "content/procedures/proc-c.yaml": PROCEDURE.format(id="proc-c"),
        },
        base=True,
    )
    result = run(root)
    n003 = [d for d in result.diagnostics if d.code == "N003"]
    assert [(d.path, d.line, d.column) for d in n003] == [
        ("content/topics/topic-a.yaml", 12, 14),
        ("content/topics/topic-a.yaml", 12, 22),
    ]
    assert n003[0].message == (
        "'proc-a' cannot be used: content/procedures/proc-a.yaml, which holds it, is not a readable topic or "
        "procedure (fix the errors reported there)"
    )
    assert "content/procedures/proc-b.yaml, which holds it" in n003[1].message
    assert all("did you mean" not in d.message for d in n003)
