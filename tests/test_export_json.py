"""`netlint export`, JSON side: the gate, bundle.json against its schema, the manifest, determinism, atomicity."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conftest import CONTRIBUTORS, GLOSSARY, PROCEDURE, TOPIC, run
from netlint import __version__
from netlint.cli import main
from netlint.diagnostic import Severity
from netlint.exporters import atomic, export, json_bundle

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "schema" / "bundle.schema.json"
TODAY = "2026-11-26"

SOURCES = """\
schema_version: 1
kind: sources
sources:
  - id: src-a
    type: summary
    title: A summary
    publisher: A publisher
    year: 2024
    url: https://example.org/a
    accessed: 2025-03-20
  - id: src-b
    type: guideline
    title: Neuroendocrine tumours – a guideline (PDQ®)
    publisher: B publisher
    version: V.1.2024
    year: 2024
"""

INDICATION = """\
indications:
  - site: rectum
    size: {size}
    text: {text}
    cites: [src-a, src-b]
"""

PATHWAY = """\
pathways:
  - id: rectum-by-size
    site: rectum
    question: Which operation is used for a tumor of the rectum?
    options:
      - size: {lte: 2, unit: cm}
        procedure: proc-a
        text: For tumors of 2 cm or smaller.
      - size: {gt: 20, unit: mm}
        procedure: proc-b
        text: For tumors larger than 20 mm.
    cites: [src-b]
"""


def procedure(proc_id: str, size: str, text: str) -> str:
    body = PROCEDURE.format(id=proc_id)
    return body.replace("sections:\n", INDICATION.format(size=size, text=text) + "sections:\n", 1)


def project_files() -> dict[str, str]:
    """A small valid project: one topic with a size pathway over two procedures, cm and mm mixed."""
    topic = TOPIC.format(id="topic-a", procedures="proc-a, proc-b")
    return {
        "content/sources.yaml": SOURCES,
        "content/contributors.yaml": CONTRIBUTORS,
        "content/glossary.yaml": GLOSSARY,
        "content/topics/topic-a.yaml": topic.replace("review:\n", PATHWAY + "review:\n", 1),
        "content/procedures/proc-a.yaml": procedure("proc-a", "{lte: 2, unit: cm}", "For tumors of 2 cm or smaller."),
        "content/procedures/proc-b.yaml": procedure("proc-b", "{gt: 20, unit: mm}", "For tumors larger than 20 mm."),
    }


@pytest.fixture
def root(make_project) -> Path:
    return make_project(project_files())


def invoke(where: Path, *args: str) -> Result:
    cwd = os.getcwd()
    os.chdir(where)
    try:
        return CliRunner().invoke(main, ["export", "--today", TODAY, *args])
    finally:
        os.chdir(cwd)


def export_json(where: Path, *args: str) -> Result:
    result = invoke(where, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return result


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith((f"{out.name}.tmp-", f"{out.name}.old-")))


def bundle_validator() -> Any:
    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


# --- the bundle -------------------------------------------------------------------------------


def test_bundle_is_valid_against_its_schema_and_resolves_everything(root: Path) -> None:
    result = export_json(root)
    assert result.output == "Exported 1 topic and 2 procedures to dist (json): 3 files, 0 warnings.\n"
    bundle = json.loads((root / "dist/json/bundle.json").read_text(encoding="utf-8"))
    assert sorted(bundle_validator().iter_errors(bundle), key=str) == []
    assert (bundle["format"], bundle["netlint"], bundle["export_date"]) == ("netlint-bundle/1", __version__, TODAY)
    assert [p["id"] for p in bundle["procedures"]] == ["proc-a", "proc-b"]
    assert [s["id"] for s in bundle["sources"]] == ["src-a", "src-b"]
    proc_b = bundle["procedures"][1]
    indication = proc_b["indications"][0]
    assert indication["size"] == {"gt": 20, "unit": "mm"} and indication["size_mm"] == {"gt": 20, "unit": "mm"}
    assert indication["cites"] == ["src-a", "src-b"]
    assert [c["title"] for c in indication["citations"]] == ["A summary", "Neuroendocrine tumours – a guideline (PDQ®)"]
    assert proc_b["listed_in"] == ["topic-a"] and proc_b["language"] == "en" and proc_b["audience"] == "patient"
    assert proc_b["file"] == "content/procedures/proc-b.yaml"
    reviewers = proc_b["review"]["reviewers"]
    assert [(r["id"], r["name"], r["roles"]) for r in reviewers] == [
        ("team", "The content team", ["author", "editor"]),
        ("doc", "A clinical reviewer", ["clinical-reviewer"]),
    ]
    option = bundle["topics"][0]["pathways"][0]["options"][0]
    # The pathway's options mix cm and mm: each is described in mm, for readers comparing their rows.
    assert (option["size"], option["size_mm"], option["size_text"]) == (
        {"lte": 2, "unit": "cm"},
        {"lte": 20, "unit": "mm"},
        "20 mm or smaller",
    )
    assert bundle["topics"][0]["pathways"][0]["options"][1]["size_text"] == "larger than 20 mm"
    indication = next(p for p in bundle["procedures"] if p["id"] == "proc-a")["indications"][0]
    assert indication["size_text"] == "2 cm or smaller"  # on its own: in the editor's unit
    assert [s["id"] for s in bundle["topics"][0]["references"]] == ["src-a", "src-b"]
    assert bundle["glossary"] == [{"term": "resection", "variants": [], "definition": "An operation to remove tissue."}]
    raw = (root / "dist/json/bundle.json").read_bytes()
    assert "tumours – a guideline (PDQ®)".encode() in raw  # ensure_ascii=False
    assert raw.endswith(b"}\n") and raw == json_bundle.dumps(bundle)


def test_bundle_schema_has_id_and_documents_every_property() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://schemas.netlint.dev/v1/bundle.schema.json"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def walk(node: Any, where: str) -> Iterator[str]:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if not (prop.get("title") and prop.get("description")):
                    yield f"{where}.{name}"
            for key, value in node.items():
                yield from walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, f"{where}[{i}]")

    assert list(walk(schema, "$")) == []


def test_demo_content_exports_a_valid_bundle(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copy(REPO / "netlint.toml", tmp_path / "netlint.toml")
    if run(tmp_path).fails(Severity.ERROR):
        pytest.skip("the demo content does not pass validation yet")
    export_json(tmp_path)
    bundle = json.loads((tmp_path / "dist/json/bundle.json").read_text(encoding="utf-8"))
    assert sorted(bundle_validator().iter_errors(bundle), key=str) == []
    assert bundle["topics"] and len(bundle["procedures"]) >= 10


# --- the manifest -----------------------------------------------------------------------------


def test_manifest_sizes_and_hashes_match_the_files(make_project) -> None:
    files = project_files()
    files["content/procedures/proc-c.yaml"] = PROCEDURE.format(id="proc-c")  # listed by no topic: N004 warning
    root = make_project(files)
    export_json(root)
    out = root / "dist"
    manifest = json.loads((out / "json/manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "netlint-bundle/1" and manifest["netlint"] == __version__
    assert manifest["export_date"] == TODAY
    assert manifest["counts"] == {"topics": 1, "procedures": 3, "sources": 2, "contributors": 2, "glossary": 1}
    warnings = run(root).counts()["warning"]
    assert warnings >= 1 and manifest["warnings"] == warnings
    on_disk = {path: data for path, data in snapshot(out).items() if path != "json/manifest.json"}
    assert [entry["path"] for entry in manifest["files"]] == sorted(on_disk) == [".netlint-export", "json/bundle.json"]
    for entry in manifest["files"]:
        data = on_disk[entry["path"]]
        assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
    # content_sha256, recomputed from its documented definition
    digest = hashlib.sha256()
    content = sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*.yaml"))
    for rel in content:
        data = (root / rel).read_bytes()
        digest.update(rel.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    assert manifest["content_sha256"] == digest.hexdigest()


def test_two_exports_are_byte_identical_and_hold_no_absolute_paths(root: Path, tmp_path: Path) -> None:
    export_json(root)
    first = snapshot(root / "dist")
    export_json(root)
    assert snapshot(root / "dist") == first
    export_json(root, "--out", str(tmp_path / "elsewhere"))
    assert snapshot(tmp_path / "elsewhere") == first
    for data in first.values():
        assert str(tmp_path).encode() not in data


# --- the gate ---------------------------------------------------------------------------------


def test_errors_refuse_the_export_and_leave_the_previous_one_untouched(root: Path) -> None:
    export_json(root)
    before = snapshot(root / "dist")
    proc = root / "content/procedures/proc-a.yaml"
    proc.write_text(proc.read_text(encoding="utf-8").replace("approach: surgical", "approach: surgery"), "utf-8")
    result = invoke(root, "--format", "json")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("content/procedures/proc-a.yaml:7:11: S001 [error] 'approach' is 'surgery'")
    assert lines[-1].startswith("Found 1 error and 0 warnings in 1 file")
    assert "nothing was written" in result.stderr
    assert snapshot(root / "dist") == before
    assert leftovers(root / "dist") == []


def test_errors_on_a_first_export_write_nothing(root: Path) -> None:
    (root / "content/topics/topic-a.yaml").write_text("schema_version: 1\nkind: topic\nid: topic-a\n", "utf-8")
    result = invoke(root, "--format", "json")
    assert result.exit_code == 1
    assert sorted(p.name for p in root.iterdir()) == ["content", "netlint.toml"]


def test_severity_override_lets_an_error_through_as_a_warning(make_project) -> None:
    files = project_files()
    files["content/procedures/proc-b.yaml"] = files["content/procedures/proc-b.yaml"] + "# netlint test\n"
    files["content/procedures/renamed.yaml"] = files.pop("content/procedures/proc-b.yaml")  # N001: id != file name
    root = make_project(files, config='[severity]\nN001 = "warning"\n')
    export_json(root)
    manifest = json.loads((root / "dist/json/manifest.json").read_text(encoding="utf-8"))
    assert manifest["warnings"] == run(root).counts()["warning"] >= 1


def test_content_the_bundle_cannot_hold_is_refused_even_when_its_rule_is_ignored(make_project) -> None:
    files = project_files()
    files["content/procedures/proc-a.yaml"] += "related: [no-such-page]\n"
    root = make_project(files, config='ignore = ["N003"]\n')
    result = invoke(root, "--format", "json")
    assert result.exit_code == 1
    assert "content/procedures/proc-a.yaml: related[0] refers to 'no-such-page'" in result.stdout
    assert not (root / "dist").exists()


def test_a_page_failing_its_schema_is_named_once_when_its_error_is_ignored(make_project) -> None:
    # proc-b has a field the schema does not know (S001, ignored): the refusal names proc-b, not every
    # page that refers to it ("refers to 'proc-b', which is not a topic or procedure" was false).
    files = project_files()
    files["content/procedures/proc-b.yaml"] += "colour: blue\n"
    root = make_project(files, config='ignore = ["S001"]\n')
    result = invoke(root, "--format", "json")
    assert result.exit_code == 1, result.output
    assert "content/procedures/proc-b.yaml: does not match its schema; fix it" in result.stdout
    assert "refers to 'proc-b'" not in result.stdout
    assert not (root / "dist").exists()


def test_a_file_that_is_no_document_is_refused_when_its_error_is_ignored(make_project) -> None:
    """Not UTF-8 (Y003), hidden by the configuration: validate passes, but the export does not leave it out."""
    root = make_project(project_files(), config='ignore = ["Y003"]\n')
    (root / "content/procedures/zz.yaml").write_bytes(b"title: caf\xe9\n")
    result = invoke(root, "--format", "json")
    assert result.exit_code == 1, result.output
    assert (
        "content/procedures/zz.yaml: cannot be read whole (a YAML, encoding or character error); fix it"
        in result.stdout
    )
    assert not (root / "dist").exists()


def test_a_page_a_project_schema_lets_through_must_still_fit_the_bundle(make_project) -> None:
    root = make_project(project_files(), config='schema = "s"\nignore = ["R"]\n')
    (root / "s").mkdir()
    for path in (Path(__file__).resolve().parent.parent / "schema").glob("*.schema.json"):
        (root / "s" / path.name).write_bytes(path.read_bytes())
    (root / "s/procedure.schema.json").write_text('{"type": "object"}', encoding="utf-8")  # anything goes
    proc = root / "content/procedures/proc-a.yaml"
    text = proc.read_text(encoding="utf-8")
    proc.write_text(text[: text.index("review:")], encoding="utf-8")  # no review block
    result = invoke(root, "--format", "json")
    assert result.exit_code == 1 and "internal error" not in result.output, result.output
    # validate says so (S003), on every commit; export refuses with it.
    assert (
        "content/procedures/proc-a.yaml:1:1: S003 [error] missing required field 'review' in the document (the "
        "project's schema "
        "allows it, but netlint's own schema, which export bundles follow, does not: `netlint export` will refuse "
        "this document)"
    ) in result.stdout
    assert not (root / "dist").exists()
    # With S003 ignored, export still refuses, and names it.
    (root / "netlint.toml").write_text('content = "content"\nschema = "s"\nignore = ["R", "S003"]\n')
    result = invoke(root, "--format", "json")
    assert result.exit_code == 1 and "internal error" not in result.output, result.output
    assert "content/procedures/proc-a.yaml:1:1: S003 missing required field 'review' in the document" in result.stdout
    assert "the bundle needs what netlint's own schema asks for; the configuration hides S003" in result.stdout
    assert not (root / "dist").exists()


# --- where the export goes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("content/site", "inside the content folder"),
        ("content", "inside the content folder"),
        (".", "is the project root"),
        ("..", "contains the project"),
    ],
)
def test_out_inside_content_or_around_the_project_is_refused(root: Path, out: str, message: str) -> None:
    before = snapshot(root)
    result = invoke(root, "--format", "json", "--out", out, "--force")
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert snapshot(root) == before


def test_a_folder_netlint_did_not_write_is_refused_unless_forced(root: Path) -> None:
    site = root / "site"
    site.mkdir()
    (site / "precious.txt").write_text("keep me", "utf-8")
    result = invoke(root, "--format", "json", "--out", "site")
    assert result.exit_code == 2
    assert "did not write" in result.stderr and "--force" in result.stderr
    assert snapshot(site) == {"precious.txt": b"keep me"}
    export_json(root, "--out", "site", "--force")
    assert sorted(snapshot(site)) == [".netlint-export", "json/bundle.json", "json/manifest.json"]
    export_json(root, "--out", "site")  # now it is a netlint export: no --force needed
    assert leftovers(site) == []


def test_a_marker_alone_does_not_make_a_folder_an_export(root: Path) -> None:
    """`touch thesis/.netlint-export` made a folder of someone's files one that an export replaces without
    --force. The marker must be netlint's (its text), and the folder hold nothing netlint does not write."""
    site = root / "site"
    site.mkdir()
    (site / "thesis.txt").write_text("keep me", "utf-8")
    (site / atomic.MARKER).write_text("", "utf-8")
    result = invoke(root, "--format", "json", "--out", "site")
    assert result.exit_code == 2 and "did not write (it has files but no .netlint-export marker)" in result.stderr
    (site / atomic.MARKER).write_text(atomic.MARKER_TEXT, "utf-8")
    result = invoke(root, "--format", "json", "--out", "site")
    assert result.exit_code == 2, result.stderr
    assert f"--out {site} holds files netlint did not write (thesis.txt); an export replaces" in result.stderr
    assert snapshot(site) == {".netlint-export": atomic.MARKER_TEXT.encode(), "thesis.txt": b"keep me"}
    (site / "thesis.txt").unlink()
    export_json(root, "--out", "site")  # what netlint writes, and its marker: replaced without --force
    assert invoke(root, "--format", "html", "--out", "site").exit_code == 0
    assert sorted(entry.name for entry in site.iterdir()) == [".netlint-export", "html", "json"]
    export_json(root, "--out", "site")


def test_a_file_as_out_is_refused_unless_forced(root: Path) -> None:
    (root / "dist").write_text("not a folder", "utf-8")
    result = invoke(root, "--format", "json")
    assert result.exit_code == 2 and "is a file" in result.stderr
    assert (root / "dist").read_text("utf-8") == "not a folder"
    export_json(root, "--force")
    assert (root / "dist/json/bundle.json").is_file()


def test_a_fifo_or_device_as_out_is_refused_even_when_forced(root: Path) -> None:
    os.mkfifo(root / "pipe")
    for target in ("pipe", "/dev/null"):
        for args in ((), ("--force",)):
            result = invoke(root, "--format", "json", "--out", target, *args)
            assert result.exit_code == 2, (target, args)
            assert "is not a file or a folder (a device, a FIFO or a socket)" in result.stderr
            assert "--force" not in result.stderr
    assert (root / "pipe").is_fifo() and Path("/dev/null").is_char_device()


def test_an_out_that_is_a_link_is_refused_even_when_forced(root: Path, tmp_path: Path) -> None:
    # A `dist` link committed to a repository must not send the export (which replaces its --out
    # as a whole) to the folder it points at, nor to a folder it would create there.
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "file").write_text("precious", "utf-8")
    (root / "dist").symlink_to(victim)
    for args in ((), ("--force",), ("--out", "dist/")):
        result = invoke(root, "--format", "json", *args)
        assert result.exit_code == 2, args
        assert "is a symbolic link" in result.stderr and "Traceback" not in result.output
    assert snapshot(victim) == {"file": b"precious"}
    (root / "dist").unlink()
    (root / "dist").symlink_to(tmp_path / "nowhere")
    assert invoke(root, "--format", "json").exit_code == 2
    assert not (tmp_path / "nowhere").exists()


def test_an_empty_folder_is_accepted(root: Path) -> None:
    (root / "dist").mkdir()
    export_json(root)
    assert (root / "dist" / atomic.MARKER).is_file()


# --- atomicity --------------------------------------------------------------------------------


def test_a_failure_mid_write_leaves_the_previous_export_and_no_staging_folder(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export_json(root)
    before = snapshot(root / "dist")
    (root / "content/glossary.yaml").write_text(GLOSSARY + "  - term: margin\n    definition: The edge.\n", "utf-8")
    real_write = atomic.write_file

    def failing_write(folder: Path, relpath: str, data: bytes) -> None:
        if relpath == "json/manifest.json":  # the bundle is already written by now
            assert (folder / "json/bundle.json").is_file()
            raise OSError(28, "No space left on device", str(folder / relpath))
        real_write(folder, relpath, data)

    monkeypatch.setattr(atomic, "write_file", failing_write)
    result = invoke(root, "--format", "json")
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr and "Traceback" not in result.output
    assert snapshot(root / "dist") == before
    assert leftovers(root / "dist") == []


def test_an_exception_in_the_renderer_leaves_no_trace(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_render(bundle: dict[str, Any], out_dir: Path) -> None:
        (out_dir / "index.html").write_text("<p>half", "utf-8")
        raise RuntimeError("template exploded")

    monkeypatch.setattr(export, "html_renderer", lambda: broken_render)
    result = invoke(root)
    assert result.exit_code == 2 and "internal error" in result.stderr
    assert not (root / "dist").exists() and leftovers(root / "dist") == []


def test_a_failed_swap_puts_the_previous_export_back(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export_json(root)
    before = snapshot(root / "dist")
    real_rename = os.rename

    def rename(src: Any, dst: Any) -> None:
        if ".tmp-" in str(src):  # moving the new export into place fails
            raise OSError(5, "Input/output error", str(src))
        real_rename(src, dst)

    monkeypatch.setattr(atomic.os, "rename", rename)
    monkeypatch.setattr(atomic, "_exchange", lambda first, second: False)  # the two-rename swap
    result = invoke(root, "--format", "json")
    assert result.exit_code == 2
    assert snapshot(root / "dist") == before
    assert leftovers(root / "dist") == []


def test_stale_folders_of_a_killed_export_are_removed(root: Path) -> None:
    for name in ("dist.tmp-0123abcd", "dist.old-89abcdef"):
        (root / name).mkdir()
        (root / name / "index.html").write_text("stale", "utf-8")
    (root / "dist.tmp-mine").mkdir()  # not a name netlint makes: left alone
    export_json(root)
    assert leftovers(root / "dist") == ["dist.tmp-mine"]


def test_html_renderer_gets_the_bundle_and_its_files_enter_the_manifest(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, Any]] = []
    subjects: list[tuple[str, str]] = []

    def render(bundle: dict[str, Any], out_dir: Path, subject: tuple[str, str]) -> None:
        seen.append(bundle)
        subjects.append(subject)
        (out_dir / "index.html").write_text("<!doctype html><title>x</title>\n", "utf-8")
        (out_dir / "style.css").write_text("body{}\n", "utf-8")

    monkeypatch.setattr(export, "html_renderer", lambda: render)
    result = invoke(root)
    assert result.exit_code == 0, result.output
    assert result.output == "Exported 1 topic and 2 procedures to dist (json, html): 5 files, 0 warnings.\n"
    assert seen[0] == json.loads((root / "dist/json/bundle.json").read_text(encoding="utf-8"))
    assert subjects == [("tumor", "tumors")]  # the default: what SPEC's pathways are about
    manifest = json.loads((root / "dist/json/manifest.json").read_text(encoding="utf-8"))
    assert [f["path"] for f in manifest["files"]] == [
        ".netlint-export",
        "html/index.html",
        "html/style.css",
        "json/bundle.json",
    ]


def test_a_bundle_that_fails_its_own_schema_is_an_internal_error(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_build = json_bundle.build

    def bad_build(*args: Any) -> dict[str, Any]:
        bundle = real_build(*args)
        bundle["procedures"][0]["approach"] = "teleportation"
        return bundle

    monkeypatch.setattr(json_bundle, "build", bad_build)
    result = invoke(root, "--format", "json")
    assert result.exit_code == 2
    assert "does not match schema/bundle.schema.json" in result.stderr and "procedures[0].approach" in result.stderr
    assert not (root / "dist").exists()


def test_a_run_killed_between_the_renames_gets_its_previous_export_back(root: Path) -> None:
    export_json(root)
    before = snapshot(root / "dist")
    os.rename(root / "dist", root / "dist.old-0123abcd")  # killed right after moving the old export aside
    (root / "dist.tmp-0123abcd").mkdir()
    assert atomic.remove_stale(root / "dist") == [root / "dist.tmp-0123abcd"]
    assert snapshot(root / "dist") == before and leftovers(root / "dist") == []
