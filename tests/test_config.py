"""Configuration: discovery, validation (exit 2 naming key and file) and how it is applied."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from conftest import PROCEDURE, TODAY, found, run
from netlint.api import known_codes, validate
from netlint.config import ConfigError, find_root, load_config
from netlint.diagnostic import Severity


def test_root_is_found_walking_up(make_project) -> None:
    root = make_project(base=True)
    assert find_root(root / "content" / "procedures")[0] == root


def test_pyproject_tool_table_is_used_and_pyproject_without_it_is_skipped(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    inner = outer / "inner"
    inner.mkdir(parents=True)
    (outer / "pyproject.toml").write_text('[tool.netlint]\ncontent = "pages"\n[review]\nwarn_days = 1\n')
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    root, source, raw = find_root(inner)
    assert root == outer.resolve() and source == outer.resolve() / "pyproject.toml" and raw == {"content": "pages"}


def test_no_configuration_means_defaults_at_the_current_folder(tmp_path: Path) -> None:
    config = load_config(tmp_path, known_codes())
    assert config.root == tmp_path.resolve() and config.content == "content" and config.review_max_age_months == 36


@pytest.mark.parametrize(
    ("text", "place", "message"),
    [
        ('selct = ["P"]', (1, 1), "unknown key 'selct' (did you mean 'select'?)"),
        (
            "[review]\nmax_age_month = 3",
            (2, 1),
            "unknown key 'max_age_month' in [review] (did you mean 'max_age_months'?)",
        ),
        ("[review]\nmax_age_months = -1", (2, 1), "'review.max_age_months' must be a positive whole number"),
        ('[review]\nwarn_days = "60"', (2, 1), "'review.warn_days' must be a whole number of 0 or more"),
        ('select = ["Q"]', (1, 11), "unknown rule code 'Q' in 'select'"),
        ('ignore = ["P", "P999"]', (1, 16), "unknown rule code 'P999' in 'ignore'"),
        ('[severity]\nP999 = "info"', (2, 1), "unknown rule code 'P999' in [severity]"),
        ('[severity]\nP007 = "info"\np007 = "error"', (3, 1), "[severity] gives 'P007' twice ('P007' and 'p007')"),
        ('[severity]\n  S001 = "fatal"', (2, 3), '\'severity.S001\' must be "error", "warning" or "info", not "fatal"'),
        ("[prose]\nmax_grade = 9\n[prose]", (3, 7), "invalid TOML: Cannot declare [prose] twice"),
        ('[prose]\nwords = "lanreotide"', (2, 1), "'prose.words' must be a list of non-empty strings"),
        ("[limits]\nmax_depth = 0", (2, 1), "'limits.max_depth' must be a positive whole number"),
        ("[limits]\nmax_depth = true", (2, 1), "'limits.max_depth' must be a positive whole number, not true"),
        ("prose = {words = [], max_grade = 150}", (1, 22), "'prose.max_grade' must be a number above 0 and below 100"),
        ("prose.max_grade = 150", (1, 1), "'prose.max_grade' must be a number above 0 and below 100, not 150"),
        ('# the content\ncontent = "../elsewhere"', (2, 1), "'content' must be a path inside the project"),
        ('content = "content\\u0000x"', (1, 1), "'content' must be a path, not \"content\\u0000x\": a file name"),
        ('baseline = "b\\u0000.json"', (1, 1), "'baseline' must be a path, not \"b\\u0000.json\""),
        ('[per-file-ignores]\n"content/x/*.yaml" = ["Z"]', (2, 23), "unknown rule code 'Z'"),
        # an inline table whose keys are quoted: it named the file alone
        ('"per-file-ignores" = {"content/x/*.yaml" = ["P9"]}', (1, 45), "unknown rule code 'P9'"),
        ("review = 3", (1, 1), "'review' must be a table"),
        # A string where a list belongs is not read as one (a typo such as select = "P" checked every rule).
        ('select = [\n  "Y",\n  "Q",\n]', (3, 3), "unknown rule code 'Q' in 'select'"),
        ('[per-file-ignores]\n"content/x/*" = [\n  "P006",\n  "Z9",\n]', (4, 3), "unknown rule code 'Z9'"),
        ('select = "P,T"', (1, 1), 'must be a list of rule codes or letters, such as ["P", "T002"]; write ["P", "T"]'),
        ('[per-file-ignores]\n"content/x/*" = "P006"', (2, 1), '; write ["P006"]'),
        ("strict = true", (1, 1), "unknown key 'strict'; to fail on any diagnostic, write fail_on = \"info\""),
        ("select = []", (1, 1), "'select' selects no rule; name at least one code or letter, or leave it out"),
    ],
)
def test_bad_configuration_names_the_file_line_column_and_key(
    tmp_path: Path, text: str, place: tuple[int, int], message: str
) -> None:
    (tmp_path / "netlint.toml").write_text(text + "\n")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path, known_codes())
    line, column = place
    assert str(caught.value).startswith(f"{tmp_path / 'netlint.toml'}:{line}:{column}: "), str(caught.value)
    assert message in str(caught.value)


def test_a_bad_key_of_tool_netlint_is_named_and_placed_as_written_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.netlint.prose]\nmax_grad = 9\n')
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path, known_codes())
    assert str(caught.value) == (
        f"{tmp_path / 'pyproject.toml'}:5:1: unknown key 'max_grad' in [tool.netlint.prose] (did you mean 'max_grade'?)"
    )


def test_an_unknown_code_in_an_inline_table_of_tool_netlint_is_placed(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.netlint]\n"per-file-ignores" = {"a" = ["P9"]}\n')
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path, known_codes())
    assert str(caught.value).startswith(f"{tmp_path / 'pyproject.toml'}:2:30: unknown rule code 'P9'")


def test_toml_nested_too_deeply_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "netlint.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(ConfigError, match=r"netlint.toml: invalid TOML: arrays or tables nested too deeply"):
        load_config(tmp_path, known_codes())


def test_invalid_toml_gives_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "netlint.toml").write_text('content = "content"\nselect = [\n')
    with pytest.raises(ConfigError, match=r"netlint.toml:3:1: invalid TOML: "):
        load_config(tmp_path, known_codes())


def test_an_integer_too_long_for_python_is_a_config_error_with_its_place(tmp_path: Path) -> None:
    (tmp_path / "netlint.toml").write_text('content = "content"\n[limits]\nmax_depth = ' + "9" * 5_000 + "\n")
    expected = r"netlint.toml:3:13: invalid TOML: a number of more than 4,300 digits$"
    with pytest.raises(ConfigError, match=expected):
        load_config(tmp_path, known_codes())


def test_a_tool_netlint_table_in_netlint_toml_says_where_it_belongs(tmp_path: Path) -> None:
    (tmp_path / "netlint.toml").write_text('content = "content"\n\n[tool.netlint]\nselect = ["P"]\n')
    expected = r"netlint.toml:3:1: unknown key 'tool': \[tool.netlint\] is for pyproject.toml; in netlint.toml, write"
    with pytest.raises(ConfigError, match=expected):
        load_config(tmp_path, known_codes())


def test_select_and_ignore_by_prefix() -> None:
    config = load_config(Path("/nonexistent-root-for-test"), known_codes(), select="Y,N002", ignore="Y00")
    assert config.enabled("N002") and not config.enabled("N001") and not config.enabled("Y001")
    longer = load_config(Path("/nonexistent-root-for-test"), known_codes(), select="N003", ignore="N")
    assert longer.enabled("N003") and not longer.enabled("N001")  # the more specific code wins, as in ruff
    narrower = load_config(Path("/nonexistent-root-for-test"), known_codes(), ignore="N00")
    assert not narrower.enabled("N001") and narrower.enabled("S001")


def test_severity_takes_codes_and_prefixes_in_any_case_the_longest_wins(tmp_path: Path) -> None:
    # As select does: "P" = "info" for every P rule, "p007" for one of them (it was "unknown rule code
    # 'p007' (did you mean 'Y007'?)", and a letter was unknown).
    settings = '[severity]\nP = "info"\np007 = "error"\nN00 = "warning"\n'
    (tmp_path / "netlint.toml").write_text(settings, encoding="utf-8")
    overrides = load_config(tmp_path, known_codes()).severity_overrides
    assert overrides["P001"] == overrides["P008"] == Severity.INFO
    assert overrides["P007"] == Severity.ERROR
    assert overrides["N001"] == Severity.WARNING and "S001" not in overrides and "Y001" not in overrides


def test_severity_override_and_per_file_ignores(make_project) -> None:
    extra = {"content/procedures/proc-z.yaml": PROCEDURE.format(id="proc-z")}
    root = make_project(extra, base=True, config='[severity]\nN004 = "error"\n')
    result = run(root)
    assert [d.severity for d in result.diagnostics if d.code == "N004"] == [Severity.ERROR]
    root = make_project(extra, base=True, config='[per-file-ignores]\n"content/procedures/*-z.yaml" = ["N"]\n')
    assert found(run(root), "N004") == []


@pytest.mark.parametrize(
    ("pattern", "applies"),
    [
        ("content/procedures/*-z.yaml", True),  # the spec's form: a glob over the path from the root
        ("./content/procedures/proc-z.yaml", True),
        ("content/procedures", True),  # a folder: every file under it
        ("content/procedures/", True),
        ("proc-z.yaml", True),  # no "/": the file's name, wherever it is
        ("*-z.yaml", True),
        ("content/topics", False),
        ("procedures/proc-z.yaml", False),  # a path is from the project root
        ("proc-a.yaml", False),
    ],
)
def test_per_file_ignores_patterns(make_project, pattern: str, applies: bool) -> None:
    extra = {"content/procedures/proc-z.yaml": PROCEDURE.format(id="proc-z")}
    root = make_project(extra, base=True, config=f'[per-file-ignores]\n"{pattern}" = ["N004"]\n')
    assert (found(run(root), "N004") == []) is applies


def test_config_ignore_applies(make_project) -> None:
    bad = PROCEDURE.format(id="proc-a").replace("approach: surgical", "approach: surgery")
    root = make_project({"content/procedures/proc-a.yaml": bad}, base=True, config='ignore = ["S001"]\n')
    assert found(run(root)) == []


def test_limits_from_configuration(make_project) -> None:
    root = make_project(base=True, config="[limits]\nmax_file_bytes = 100\n")
    result = run(root, today=datetime.date(2026, 11, 26))
    assert {d.code for d in result.diagnostics} == {"Y006"}


def test_given_the_configuration_file_or_the_baseline_every_file_is_reported(make_project) -> None:
    # pre-commit passes netlint.toml when only it changed: an edit to it can change any file's diagnostics.
    extra = {"content/procedures/proc-z.yaml": PROCEDURE.format(id="proc-z")}  # N004: no topic lists it
    root = make_project(extra, base=True, config='baseline = "known.json"\n')
    (root / "known.json").write_text("{}", encoding="utf-8")
    config = load_config(root, known_codes())
    assert config.source is not None and config.source.name == "netlint.toml"
    everything = [(d.path, d.code) for d in validate(config, TODAY, ()).diagnostics]
    assert ("content/procedures/proc-z.yaml", "N004") in everything
    for given in (root / "netlint.toml", root / "known.json"):
        assert [(d.path, d.code) for d in validate(config, TODAY, (given,)).diagnostics] == everything, given
    other = root / "other.json"
    other.write_text("{}", encoding="utf-8")
    assert validate(config, TODAY, (other,)).diagnostics == []  # any other file outside the content: a note


def test_the_export_subject_and_its_plural(tmp_path: Path) -> None:
    assert load_config(tmp_path, known_codes()).subject_names == ("tumor", "tumors")
    (tmp_path / "netlint.toml").write_text('[export]\nsubject = "polyp"\n', encoding="utf-8")
    assert load_config(tmp_path, known_codes()).subject_names == ("polyp", "polyps")
    (tmp_path / "netlint.toml").write_text('[export]\nsubject = "mass"\nsubjects = "masses"\n', encoding="utf-8")
    assert load_config(tmp_path, known_codes()).subject_names == ("mass", "masses")
    for bad in ('"Stone"', '""', '"stone <b>"', "3", '"' + "a" * 41 + '"'):
        (tmp_path / "netlint.toml").write_text(f"[export]\nsubject = {bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="'export.subject' must be a word or two in lower case"):
            load_config(tmp_path, known_codes())
