"""S001 and S002: one diagnostic per offending field, at that field, with its path and a suggestion."""

from __future__ import annotations

import pytest

from conftest import PROCEDURE, found, invoke_validate, run
from netlint.schemas import is_date, is_uri, show_value


def test_a_valid_project_has_no_schema_diagnostics(make_project) -> None:
    assert found(run(make_project(base=True)), "S001") == []


@pytest.mark.parametrize(("approach", "misspelt"), [("percutaneous", "percutanous"), ("noninvasive", "noninvasiv")])
def test_an_approach_beyond_the_spec_is_valid_and_exported(make_project, approach: str, misspelt: str) -> None:
    from click.testing import CliRunner

    from netlint.cli import main

    text = PROCEDURE.format(id="proc-a").replace("approach: surgical", f"approach: {approach}")
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True)
    assert found(run(root)) == []
    import contextlib

    with contextlib.chdir(root):
        result = CliRunner().invoke(main, ["export", "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output  # the bundle, checked against its own schema, takes it
    assert f'"approach": "{approach}"' in (root / "dist/json/bundle.json").read_text(encoding="utf-8")
    wrong = make_project({"content/procedures/proc-a.yaml": text.replace(approach, misspelt)}, base=True)
    result = run(wrong)
    assert found(result) == [("content/procedures/proc-a.yaml", "S001", 7, 11)]
    assert f"did you mean '{approach}'" in result.diagnostics[0].message


def test_three_schema_mistakes_give_three_diagnostics_at_three_lines(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("approach: surgical", "approach: surgery")
    text = text.replace("sites: [rectum]", "sites: [rectum, apendix]")
    text = text.replace("  last_reviewed: 2025-08-08", "  last_reviewed: 2025-02-30")
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True)
    result = run(root)
    s001 = [d for d in result.diagnostics if d.code == "S001"]
    assert [(d.line, d.column) for d in s001] == [(7, 11), (8, 17), (14, 18)]
    assert "did you mean 'surgical'" in s001[0].message
    assert "'sites[1]'" in s001[1].message and "did you mean 'appendix'" in s001[1].message
    assert "review.last_reviewed" in s001[2].message and "not a real date" in s001[2].message


def test_unknown_field_is_reported_at_its_key_with_a_suggestion(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("summary:", "sumary:")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    diags = [d for d in result.diagnostics if d.code == "S001"]
    assert [(d.line, d.column) for d in diags] == [(1, 1), (5, 1)]
    assert "missing required field 'summary'" in diags[0].message
    assert "unknown field 'sumary' (did you mean 'summary'?)" in diags[1].message


def test_missing_field_in_a_nested_mapping_points_at_that_mapping(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("  reviewed_by: [team, doc]\n", "")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result, "S001") == [("content/procedures/proc-a.yaml", "S001", 14, 3)]
    assert "missing required field 'reviewed_by' in 'review'" in result.diagnostics[0].message


def test_impossible_date_is_an_error(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("next_review_due: 2028-08-08", "next_review_due: 2027-02-29")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result, "S001") == [("content/procedures/proc-a.yaml", "S001", 15, 20)]


def test_malformed_url_is_an_error(make_project) -> None:
    from conftest import SOURCES

    text = SOURCES.replace("https://example.org/a", "https//example.org/a b")
    result = run(make_project({"content/sources.yaml": text}, base=True))
    assert found(result, "S001") == [("content/sources.yaml", "S001", 9, 10)]
    assert "not a valid URL" in result.diagnostics[0].message


@pytest.mark.parametrize(
    "url",
    [
        "https://example..org/a",  # an empty label
        "https://.org/a",
        "https://-bad-.org/a",  # a label may not start or end with a hyphen
        "https://example.org/a%zz",  # "%" must start a two-digit escape
        "https://example.org:0/a",  # no port 0
        "http://[zz]/a",  # not an IPv6 address
    ],
)
def test_a_url_that_cannot_be_opened_is_malformed(make_project, url: str) -> None:
    from conftest import SOURCES

    result = run(make_project({"content/sources.yaml": SOURCES.replace("https://example.org/a", url)}, base=True))
    assert found(result, "S001") == [("content/sources.yaml", "S001", 9, 10)], url
    assert "not a valid URL" in result.diagnostics[0].message


@pytest.mark.parametrize(
    "url", ["https://www.cancer.gov@evil.example/", "https://user:secret@example.org/a", "https://@example.org"]
)
def test_a_url_with_a_user_name_before_its_host_is_refused(make_project, url: str) -> None:
    """A reviewer reads "https://www.cancer.gov@evil.example/" as cancer.gov; its host is evil.example."""
    from conftest import SOURCES

    result = run(make_project({"content/sources.yaml": SOURCES.replace("https://example.org/a", url)}, base=True))
    assert found(result, "S001") == [("content/sources.yaml", "S001", 9, 10)], url
    assert "with no user name before its host" in result.diagnostics[0].message


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org./a",
        "https://my_site.example.org/a",
        "http://[::1]:8080/a%20b",
        "http://192.0.2.1/a",
        "https://example.org",
        "https://example.org/people/@someone",  # an "@" after the host is the path's
        "https://example.org?mail=a@example.org",
        "https://example.org#@x",
    ],
)
def test_unusual_but_valid_urls_pass(make_project, url: str) -> None:
    from conftest import SOURCES

    result = run(make_project({"content/sources.yaml": SOURCES.replace("https://example.org/a", url)}, base=True))
    assert found(result, "S001") == [], url


@pytest.mark.parametrize(
    ("language", "valid"),
    [
        ("zh-Hant", True),
        ("es-419", True),
        ("sr-Latn-RS", True),
        ("en-GB", True),
        ("EN", False),
        ("en_GB", False),
        ("zh-hant", False),
    ],
)
def test_a_language_is_a_bcp47_language_script_and_region(make_project, language: str, valid: bool) -> None:
    from conftest import TOPIC

    text = TOPIC.format(id="topic-a", procedures="proc-a").replace("language: en", f"language: {language}")
    assert "language: " + language in text
    result = run(make_project({"content/topics/topic-a.yaml": text}, base=True))
    assert (found(result, "S001") == []) is valid, found(result, "S001")


def test_date_and_uri_formats_are_enforced_without_optional_packages() -> None:
    assert is_date("2025-02-28") and not is_date("2025-02-30") and not is_date("20250228")
    assert not is_date("2025-2-28") and not is_date("2025-02-28T00:00:00")
    assert is_uri("https://www.cancer.gov/types/gi-carcinoid-tumors/hp/gi--treatment-pdq")
    assert not is_uri("https://exa mple.org") and not is_uri("www.example.org") and not is_uri("https:/x")
    assert not is_uri("http://example.org:99999/")
    # RFC 3986's characters only where it allows them (the bundle's consumers check `uri` formats).
    for good in (
        "https://example.org/a?b=c&d=%5Bx%5D#frag",
        "http://[::1]:8080/x",
        "https://user:pw@example.org/",
        "mailto:someone@example.org",
        "https://example.org/a#b?c/d",
    ):
        assert is_uri(good), good
    for bad in (
        "https://www.cancer.gov/hp/gi--treatment-pdq#top#ref",
        "https://example.org/guide[1]",
        "https://example.org/a?b=[1]",
        "https://user:p@ss@example.org/",
        "https://exa[mple.org/",
        "ftp://[::1/x",
        "https://example.org/a#b]",
    ):
        assert not is_uri(bad), bad


def test_wrong_type_and_empty_list(make_project) -> None:
    text = (
        PROCEDURE.format(id="proc-a")
        .replace("intent: [curative]", "intent: []")
        .replace("title: A procedure", "title: 42")
    )
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    diags = [d for d in result.diagnostics if d.code == "S001"]
    assert [(d.line, d.column) for d in diags] == [(4, 8), (6, 9)]
    assert [d.message for d in diags] == ["'title' must be text, not the number 42", "'intent' must not be empty"]


@pytest.mark.parametrize(
    ("size", "where", "which"),
    [
        ("size: {gt: 1, gte: 1, unit: cm}\n", (11, 19), "lower bounds (gt and gte)"),
        ("size:\n      lte: 2\n      unit: cm\n      lt: 3\n", (14, 7), "upper bounds (lt and lte)"),
    ],
)
def test_two_bounds_of_one_side_are_one_diagnostic_at_the_second(make_project, size: str, where, which: str) -> None:
    # at the second bound as written, not at the size mapping
    indication = f"indications:\n  - site: rectum\n    {size}    text: Small tumors.\n    cites: [src-a]\n"
    text = PROCEDURE.format(id="proc-a").replace("sections:", indication + "sections:")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result, "S001") == [("content/procedures/proc-a.yaml", "S001", *where)]
    assert result.diagnostics[0].message == f"'indications[0].size' has two {which}; keep one"


def test_s002_unknown_kind_with_suggestion(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("kind: procedure", "kind: procedures")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result, "S002") == [("content/procedures/proc-a.yaml", "S002", 2, 7)]
    assert "did you mean 'procedure'" in result.diagnostics[0].message


def test_s002_missing_kind_and_unsupported_version(make_project) -> None:
    root = make_project(
        {"content/a.yaml": "schema_version: 1\ntitle: x\n", "content/b.yaml": "schema_version: 2\nkind: topic\n"}
    )
    assert found(run(root)) == [("content/a.yaml", "S002", 1, 1), ("content/b.yaml", "S002", 1, 17)]


def test_s002_shows_a_version_as_yaml_writes_it(make_project) -> None:
    root = make_project({"content/a.yaml": "schema_version: true\nkind: topic\n"})
    result = run(root)
    assert found(result) == [("content/a.yaml", "S002", 1, 17)]
    assert result.diagnostics[0].message == "schema_version true is not supported (supported: 1)"


def test_s002_not_for_known_kinds(make_project) -> None:
    assert found(run(make_project(base=True)), "S002") == []


def test_a_document_failing_its_schema_still_gets_its_prose_checked(make_project) -> None:
    # A wrong enum value must not hide a misspelling and a double space in another field.
    text = PROCEDURE.format(id="proc-a").replace("approach: surgical", "approach: surgicle")
    text = text.replace("    text: The surgeon removes the tumor.", "    text: The resecton  removes the tumor.")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result) == [
        ("content/procedures/proc-a.yaml", "S001", 7, 11),
        ("content/procedures/proc-a.yaml", "P005", 11, 15),
        ("content/procedures/proc-a.yaml", "P004", 11, 23),
    ]


def test_a_hidden_schema_failure_is_noted_cold_warm_and_focused(make_project) -> None:
    from conftest import invoke_validate

    text = PROCEDURE.format(id="proc-a").replace("approach: surgical", "approach: surgicle")
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True)
    note = "content/procedures/proc-a.yaml: not valid YAML or not valid against its schema, but the configuration"
    for args in (
        ("--no-cache", "--ignore", "S001"),
        ("--ignore", "S001"),  # cold, with the cache
        ("--ignore", "S001"),  # answered from the stored project result
        ("--ignore", "S001", "content/procedures/proc-a.yaml"),  # focused, from the snapshot
        ("--no-cache", "--select", "C,R,P"),
    ):
        outcome = invoke_validate(root, *args)
        assert outcome.exit_code == 0, args
        assert note in outcome.output, args
    # Shown as an error, or outside the files reported on: nothing to note.
    assert note not in invoke_validate(root, "--no-cache").output
    assert "not valid YAML" not in invoke_validate(root, "--ignore", "S001", "content/topics/topic-a.yaml").output
    lowered = make_project(config="[severity]\nS001 = 'warning'\n")
    outcome = invoke_validate(lowered, "--no-cache")
    assert outcome.exit_code == 0 and note in outcome.output
    # A YAML error hidden by the configuration (the topic's N003 for proc-a is still an error); no comment hides one.
    broken = make_project({"content/procedures/proc-a.yaml": "title: [oops\n"})
    outcome = invoke_validate(broken, "--no-cache", "--ignore", "Y001")
    assert note in outcome.output and "Y001" not in outcome.output


def test_the_hidden_failure_note_names_up_to_five_files(make_project) -> None:
    bad = {
        f"content/procedures/proc-{name}.yaml": PROCEDURE.format(id=f"proc-{name}").replace("surgical", "surgicle")
        for name in "abcdefg"
    }
    outcome = invoke_validate(make_project(bad, base=True), "--no-cache", "--ignore", "S001")
    named = ", ".join(f"content/procedures/proc-{name}.yaml" for name in "abcde")
    assert (
        f"note: {named} and 2 more: not valid YAML or not valid against their schema, but the configuration or a "
        "suppression hides that error (Y or S), so the rules that need a valid document did not check them and "
        "export will refuse them"
    ) in outcome.output


def test_a_url_must_be_a_web_address(make_project) -> None:
    from conftest import SOURCES

    for url in ("javascript:alert(1)", "ftp://example.org/a.pdf", "file:///etc/passwd"):
        text = SOURCES.replace("https://example.org/a", url)
        result = run(make_project({"content/sources.yaml": text}, base=True))
        assert found(result, "S001") == [("content/sources.yaml", "S001", 9, 10)], url
        assert "not of the required form: A full web address (URL), starting with https://" in (
            result.diagnostics[0].message
        )
    text = SOURCES.replace("https://example.org/a", "HTTP://example.org/a")
    assert found(run(make_project({"content/sources.yaml": text}, base=True)), "S001") == []


def test_a_pattern_is_explained_in_words(make_project) -> None:
    from conftest import TOPIC

    text = TOPIC.format(id="topic-a", procedures="proc-a").replace("language: en", "language: english")
    result = run(make_project({"content/topics/topic-a.yaml": text}, base=True))
    assert found(result, "S001") == [("content/topics/topic-a.yaml", "S001", 5, 11)]
    message = result.diagnostics[0].message
    assert "such as `en`, `en-GB`, `zh-Hant` or `es-419`" in message and "^[a-z]" not in message


def test_quoted_schema_version_and_far_fetched_suggestions(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("schema_version: 1", 'schema_version: "1"')
    text = text.replace("sites: [rectum]", "sites: [rectum, brest]")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    (s002,) = [d for d in result.diagnostics if d.code == "S002"]
    assert (s002.line, s002.column) == (1, 17)
    assert "must be the number 1, not the text '1'" in s002.message
    text = PROCEDURE.format(id="proc-a").replace("sites: [rectum]", "sites: [rectum, elbow]")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result, "S001") == [("content/procedures/proc-a.yaml", "S001", 8, 17)]
    assert "did you mean" not in result.diagnostics[0].message
    assert result.diagnostics[0].message.startswith(
        "'sites[1]' is 'elbow', which is not allowed; use one of: esophagus, stomach, duodenum,"
    )


def test_a_misspelt_body_site_gets_a_suggestion_not_the_whole_list(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("sites: [rectum]", "sites: [rectum, brest]")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result, "S001") == [("content/procedures/proc-a.yaml", "S001", 8, 17)]
    assert result.diagnostics[0].message == "'sites[1]' is 'brest', which is not allowed (did you mean 'breast'?)"


def test_body_sites_beyond_the_digestive_tract(make_project) -> None:
    """Publishers cover every cancer: breast, skin, lung, prostate... are sites too, in content and in bundles."""
    text = PROCEDURE.format(id="proc-a").replace("sites: [rectum]", "sites: [breast, axilla, skin, lung, prostate]")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert [d for d in result.diagnostics if d.code.startswith("S")] == []


def test_a_size_without_a_unit_is_one_diagnostic(make_project) -> None:
    indication = "indications:\n  - site: rectum\n    size: {lte: 2}\n    text: Small tumors.\n    cites: [src-a]\n"
    text = PROCEDURE.format(id="proc-a").replace("sections:\n", indication + "sections:\n")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result, "S001") == [("content/procedures/proc-a.yaml", "S001", 11, 11)]
    assert "missing required field 'unit'" in result.diagnostics[0].message


def test_a_repeated_list_item_is_reported_at_the_repeat_naming_it(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("intent: [curative]", "intent: [curative, palliative, curative]")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result, "S001") == [("content/procedures/proc-a.yaml", "S001", 6, 32)]
    assert result.diagnostics[0].message == "'intent' lists 'curative' twice (also item 1); remove one"


def test_every_repeated_list_item_is_reported_at_its_repeat(make_project) -> None:
    # SPEC §4: one diagnostic per offending field; fixing the first repeat must not reveal the next
    text = PROCEDURE.format(id="proc-a").replace("sites: [rectum]", "sites: [rectum, colon, rectum, colon, rectum]")
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert [(d.line, d.column, d.message) for d in result.diagnostics if d.code == "S001"] == [
        (8, 24, "'sites' lists 'rectum' twice (also item 1); remove one"),
        (8, 32, "'sites' lists 'colon' twice (also item 2); remove one"),
        (8, 39, "'sites' lists 'rectum' twice (also item 1); remove one"),
    ]


def test_a_repeat_in_a_long_list_is_found_in_one_pass() -> None:
    # 200,000 items: comparing each with every earlier one would take minutes
    from types import SimpleNamespace

    from netlint.schemas import _describe

    items: list[object] = [f"part-{n}" for n in range(200_000)]
    items += ["part-7", 1, True, {"a": [1]}, {"a": [1]}]
    error = SimpleNamespace(validator="uniqueItems", instance=items, schema={}, validator_value=True)
    found = list(_describe(error, ("related",)))
    assert found == [
        (("related", 200_000), False, "'related' lists 'part-7' twice (also item 8); remove one"),
        (("related", 200_004), False, "'related' lists a mapping of fields twice (also item 200004); remove one"),
    ]


def test_a_field_with_no_name_is_said_so(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("title: A procedure\n", 'title: A procedure\n"": stray\n')
    result = run(make_project({"content/procedures/proc-a.yaml": text}, base=True))
    assert found(result, "S001") == [("content/procedures/proc-a.yaml", "S001", 5, 1)]
    assert result.diagnostics[0].message == "a field with no name in the document; give it a name, or remove it"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("Proc-A", ": did you mean 'proc-a'?"),
        ("'Small Bowel'", ": did you mean 'small-bowel'?"),
        ("'???'", ", such as 'local-excision'"),
    ],
)
def test_an_id_that_is_not_a_slug_suggests_one(make_project, written: str, hint: str) -> None:
    from conftest import TOPIC

    text = TOPIC.format(id="topic-a", procedures=written)
    result = run(make_project({"content/topics/topic-a.yaml": text}, base=True))
    messages = [d.message for d in result.diagnostics if d.code == "S001"]
    assert len(messages) == 1 and messages[0].endswith("use lowercase letters, digits and single hyphens" + hint)


# S003 ---------------------------------------------------------------------

REPO_SCHEMA = __import__("pathlib").Path(__file__).resolve().parent.parent / "schema"


def project_schemas(root, change=None) -> None:  # type: ignore[no-untyped-def]
    """Copy netlint's schemas into ``root/s``, editing common.schema.json's JSON object with ``change``."""
    import json

    (root / "s").mkdir(exist_ok=True)
    for path in REPO_SCHEMA.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if change is not None and path.name == "common.schema.json":
            change(schema)
        (root / "s" / path.name).write_text(json.dumps(schema, indent=1), encoding="utf-8")


def test_s003_what_a_looser_project_schema_lets_through_but_a_bundle_cannot_carry(make_project) -> None:
    text = PROCEDURE.format(id="proc-a").replace("sites: [rectum]", "sites: [rectum, heart]")
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True, config='schema = "s"\n')
    project_schemas(root, lambda schema: schema["$defs"]["site"]["enum"].append("heart"))
    result = run(root)
    assert found(result, "S001") == []
    assert found(result, "S003") == [("content/procedures/proc-a.yaml", "S003", 8, 17)]
    (s003,) = [d for d in result.diagnostics if d.code == "S003"]
    assert s003.severity.value == "error" and s003.rule == "not-exportable"
    assert s003.message.startswith("'sites[1]' is 'heart', which is not allowed; use one of: esophagus,")
    assert s003.message.endswith(
        "(the project's schema allows it, but netlint's own schema, which export bundles follow, does not: "
        "`netlint export` will refuse this document)"
    )


def test_s003_not_for_a_copy_of_netlint_s_schemas_nor_a_stricter_one(make_project) -> None:
    root = make_project(base=True, config='schema = "s"\n')
    project_schemas(root)  # a copy
    assert [d for d in run(root).diagnostics if d.code.startswith("S")] == []
    project_schemas(root, lambda schema: schema["$defs"]["site"]["enum"].remove("anus"))  # stricter
    assert [d for d in run(root).diagnostics if d.code.startswith("S")] == []
    # The same content against netlint's own schemas: no S003 (the rule is about a project's schemas).
    text = PROCEDURE.format(id="proc-a").replace("sites: [rectum]", "sites: [rectum, heart]")
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True, config="")
    assert found(run(root), "S003") == [] and found(run(root), "S001") == [
        ("content/procedures/proc-a.yaml", "S001", 8, 17)
    ]


def test_a_project_schema_pattern_is_read_as_re_reads_it(make_project) -> None:
    # python-jsonschema tests a pattern with `re`: "[[:alpha:]]" is no POSIX class there, so no publisher
    # matches "^[[:alpha:] ]+$" (another regular expression engine took it as one, and let them all pass).
    import json

    root = make_project(base=True, config='schema = "s"\n')
    project_schemas(root)
    path = root / "s" / "sources.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["$defs"]["source"]["properties"]["publisher"]["pattern"] = "^[[:alpha:] ]+$"
    path.write_text(json.dumps(schema), encoding="utf-8")
    assert [(d.path, d.code) for d in run(root).diagnostics if d.code == "S001"] == [("content/sources.yaml", "S001")]


def test_a_project_schema_pattern_that_backtracks_without_end_is_a_schema_error(make_project) -> None:
    # "^(a|a)*$" on sixty "a"s and a "!" kept `re` busy for hours: validate hung. It is the schema's fault, and
    # said so, in about a second.
    import json

    title = "a" * 60 + "!"
    text = PROCEDURE.format(id="proc-a").replace("title: A procedure", f"title: {title}")
    assert title in text
    root = make_project({"content/procedures/proc-a.yaml": text}, base=True, config='schema = "s"\n')
    project_schemas(root)
    path = root / "s" / "procedure.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["title"]["pattern"] = "^(a|a)*$"
    path.write_text(json.dumps(schema), encoding="utf-8")
    result = invoke_validate(root, "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == (
        f"netlint: error: {path}: its pattern '^(a|a)*$' took too long to test {show_value(title)} in "
        "content/procedures/proc-a.yaml (more than 1 s for one value, or 5 s for all): it backtracks without end; "
        "rewrite it (alternatives that overlap or a repeat inside a repeat, such as '(a|a)*' or '(a+)+', are the "
        "usual causes)\n"
    )


def test_the_patterns_of_a_run_share_a_time_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each of 63 values took 0.6 s, under the limit for one: the run took 42 s. Once the run's patterns have
    # taken PATTERN_BUDGET in all, the next value tested is the schema's fault too.
    from jsonschema import Draft202012Validator

    from netlint import schemas

    validator = Draft202012Validator({})
    assert [error.message for error in schemas._pattern(validator, "^a+$", "b", {})] == ["'b' does not match '^a+$'"]
    monkeypatch.setattr(schemas, "_spent", [schemas.PATTERN_BUDGET])
    with pytest.raises(schemas.SlowPattern):
        list(schemas._pattern(validator, "^a+$", "b", {}))
