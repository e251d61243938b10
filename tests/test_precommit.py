"""The published pre-commit hook, run by the real pre-commit against a snapshot of this working tree.

A content repository's configuration names the hook repository and a commit (`repo:` and
`rev:`, as the README shows); pre-commit clones it and builds a virtualenv that installs
netlint from it (dependencies come from PyPI), once per session: its store is kept
across the tests (`pre-commit try-repo` would build one per run). The snapshot is a
one-commit copy of the working tree, untracked files included, so the tests check the
code as it is now, not the last commit.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import PROCEDURE, TODAY, TOPIC, base_files

REPO = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.slow,
]


def git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture(scope="session")
def environ(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A clean environment: no outer git state, no user git config, one pre-commit store per session."""
    home = tmp_path_factory.mktemp("precommit-env")
    (home / "gitconfig").write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        {
            "PRE_COMMIT_HOME": str(home / "store"),
            "GIT_CONFIG_GLOBAL": str(home / "gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "netlint test",
            "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "netlint test",
            "GIT_COMMITTER_EMAIL": "test@example.invalid",
            "NETLINT_TODAY": TODAY.isoformat(),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PIP_NO_INPUT": "1",
            "NO_COLOR": "1",
        }
    )
    return env


def _working_tree_files() -> list[str]:
    """The files of this working tree that git would see: tracked and untracked, minus ignored ones."""
    if (REPO / ".git").exists():
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8", "surrogateescape")
        return [name for name in listed.split("\0") if name and (REPO / name).is_file()]
    # Not a git checkout (an unpacked sdist): what building netlint and the hook need.
    wanted = ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml"]
    for folder in ("src", "schema"):
        wanted += [p.relative_to(REPO).as_posix() for p in (REPO / folder).rglob("*") if p.is_file()]
    return [name for name in wanted if (REPO / name).is_file() and "__pycache__" not in name]


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, environ: dict[str, str]) -> tuple[Path, str]:
    """(a one-commit snapshot of this working tree, its commit) for pre-commit to clone."""
    if not (REPO / ".pre-commit-hooks.yaml").is_file():
        pytest.skip("no .pre-commit-hooks.yaml in this tree")
    snapshot = tmp_path_factory.mktemp("netlint-hook-repo")
    for name in _working_tree_files():
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    git(snapshot, "init", "-q", env=environ)
    git(snapshot, "add", "-A", env=environ)
    git(snapshot, "commit", "-q", "--no-verify", "-m", "snapshot of the working tree", env=environ)
    return snapshot, git(snapshot, "rev-parse", "HEAD", env=environ)


@pytest.fixture
def content_repo(tmp_path: Path, environ: dict[str, str]) -> Iterator[Path]:
    """A content repository with one valid, committed project."""
    root = tmp_path / "content-repo"
    committed_project(root, root, environ)
    yield root


def committed_project(repo: Path, project: Path, environ: dict[str, str], extra: dict[str, str] | None = None) -> None:
    """A git repository at ``repo`` with one valid project at ``project`` (and ``extra`` files), committed."""
    project.mkdir(parents=True, exist_ok=True)
    (project / "netlint.toml").write_text('content = "content"\n', encoding="utf-8")
    files = {**{str(project / rel): text for rel, text in base_files().items()}, **(extra or {})}
    for name, text in files.items():
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(text, encoding="utf-8")
    git(repo, "init", "-q", env=environ)
    git(repo, "add", "-A", env=environ)
    git(repo, "commit", "-q", "-m", "content", env=environ)


def run_hook(
    root: Path, hook_repo: tuple[Path, str], environ: dict[str, str], hook: str = "netlint"
) -> subprocess.CompletedProcess[str]:
    """`pre-commit run HOOK` in ``root`` on its staged files, configured with both of netlint's hooks
    at the snapshot's commit (the configuration kept outside the repository: nothing to stage)."""
    snapshot, commit = hook_repo
    config = root.parent / f"{root.name}-pre-commit-config.yaml"
    config.write_text(
        f"repos:\n  - repo: {snapshot.as_posix()}\n    rev: {commit}\n"
        "    hooks:\n      - id: netlint\n      - id: netlint-project\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "pre_commit", "run", "--config", str(config), hook, "--color", "never"]
    return subprocess.run(command, cwd=root, env=environ, capture_output=True, text=True, timeout=900)


def test_the_hook_passes_a_good_change_and_blocks_a_bad_one(
    content_repo: Path, hook_repo: tuple[Path, str], environ: dict[str, str]
) -> None:
    root = content_repo
    # A good change, plus a YAML file outside the content folder (skipped with a note, not an error).
    procedure = root / "content/procedures/proc-a.yaml"
    procedure.write_text(PROCEDURE.format(id="proc-a") + "risks: [bleeding]\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    git(root, "add", "-A", env=environ)
    good = run_hook(root, hook_repo, environ)
    output = good.stdout + good.stderr
    assert good.returncode == 0, output
    assert "netlint" in output and "Passed" in output
    git(root, "commit", "-q", "--no-verify", "-m", "good", env=environ)

    # A bad change: the topic lists a procedure that does not exist. Seeing that needs the whole
    # project (the procedures are not among the files pre-commit passes); only the topic is reported.
    topic = root / "content/topics/topic-a.yaml"
    topic.write_text(TOPIC.format(id="topic-a", procedures="proc-a, proc-x"), encoding="utf-8")
    git(root, "add", "content/topics/topic-a.yaml", env=environ)
    bad = run_hook(root, hook_repo, environ)
    output = bad.stdout + bad.stderr
    assert bad.returncode == 1, output
    assert "Failed" in output
    assert "content/topics/topic-a.yaml:12:22: N003 [error] 'proc-x' does not exist" in output
    assert "Found 1 error and 0 warnings in 1 file (5 files checked)." in output


def test_the_hook_checks_a_change_to_the_configuration_alone(
    content_repo: Path, hook_repo: tuple[Path, str], environ: dict[str, str]
) -> None:
    root = content_repo
    # A typo in the configuration: it was never checked (only YAML files ran the hook), and broke CI.
    (root / "netlint.toml").write_text('content = "content"\nbogus_key = 1\n', encoding="utf-8")
    git(root, "add", "netlint.toml", env=environ)
    typo = run_hook(root, hook_repo, environ)
    output = typo.stdout + typo.stderr
    assert typo.returncode == 1 and "exit code: 2" in output, output  # (pre-commit exits 1 for any failure)
    assert "netlint.toml:2:1: unknown key 'bogus_key'" in output
    # A stricter setting: every file is reported, though only the configuration changed.
    (root / "netlint.toml").write_text('content = "content"\n[prose]\nboilerplate = ["removes the tumor"]\n', "utf-8")
    git(root, "add", "netlint.toml", env=environ)
    stricter = run_hook(root, hook_repo, environ)
    output = stricter.stdout + stricter.stderr
    assert stricter.returncode == 1, output
    assert "content/procedures/proc-a.yaml:5:22: P003 [error]" in output, output


def test_the_project_hook_sees_what_a_deletion_breaks_elsewhere(
    content_repo: Path, hook_repo: tuple[Path, str], environ: dict[str, str]
) -> None:
    root = content_repo
    # Nothing the file hook is given: it has nothing to check, and the commit would pass.
    git(root, "rm", "-q", "content/procedures/proc-a.yaml", env=environ)
    per_file = run_hook(root, hook_repo, environ)
    assert per_file.returncode == 0, per_file.stdout + per_file.stderr
    whole = run_hook(root, hook_repo, environ, hook="netlint-project")
    output = whole.stdout + whole.stderr
    assert whole.returncode == 1, output
    assert "content/topics/topic-a.yaml:12:14: N003 [error] 'proc-a' does not exist" in output, output


def test_installed_hook_blocks_a_bad_commit(
    content_repo: Path, hook_repo: tuple[Path, str], environ: dict[str, str]
) -> None:
    """What a content team sets up: the hook in .pre-commit-config.yaml, `pre-commit install`, `git commit`."""
    root = content_repo
    snapshot, commit = hook_repo
    config = f"repos:\n  - repo: {snapshot.as_posix()}\n    rev: {commit}\n    hooks:\n      - id: netlint\n"
    (root / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=root, env=environ, check=True, capture_output=True
    )
    git(root, "add", ".pre-commit-config.yaml", env=environ)
    procedure = root / "content/procedures/proc-a.yaml"
    procedure.write_text(PROCEDURE.format(id="proc-a") + "risks: [bleeding]\n", encoding="utf-8")
    git(root, "add", "-A", env=environ)
    good = subprocess.run(["git", "commit", "-m", "good"], cwd=root, env=environ, capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr

    procedure.write_text(
        PROCEDURE.format(id="proc-a").replace("approach: surgical", "approach: laser"), encoding="utf-8"
    )
    git(root, "add", "-A", env=environ)
    bad = subprocess.run(["git", "commit", "-m", "bad"], cwd=root, env=environ, capture_output=True, text=True)
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0, output
    assert "content/procedures/proc-a.yaml:7:11: S001 [error] 'approach' is 'laser'" in output
    assert git(root, "log", "--format=%s", env=environ).splitlines() == ["good", "content"]


def test_a_project_in_a_sub_folder_passes_unrelated_yaml_and_points_at_its_own_files(
    tmp_path: Path, hook_repo: tuple[Path, str], environ: dict[str, str]
) -> None:
    """A monorepo: the project in site/, other YAML elsewhere. A commit touching only a workflow file
    passes (the files are skipped with a note: SPEC §6); a bad page is reported at a path that opens
    from the repository root, where pre-commit runs."""
    root = tmp_path / "monorepo"
    site = root / "site"
    workflow = root / ".github" / "workflows" / "ci.yml"
    committed_project(root, site, environ, {str(workflow): "on: push\n"})

    workflow.write_text("on: [push, pull_request]\n", encoding="utf-8")
    git(root, "add", "-A", env=environ)
    unrelated = run_hook(root, hook_repo, environ)
    output = unrelated.stdout + unrelated.stderr
    assert unrelated.returncode == 0, output
    git(root, "commit", "-q", "--no-verify", "-m", "ci", env=environ)

    topic = site / "content/topics/topic-a.yaml"
    topic.write_text(TOPIC.format(id="topic-a", procedures="proc-a, proc-x"), encoding="utf-8")
    git(root, "add", "-A", env=environ)
    bad = run_hook(root, hook_repo, environ)
    output = bad.stdout + bad.stderr
    assert bad.returncode == 1, output
    assert "site/content/topics/topic-a.yaml:12:22: N003 [error] 'proc-x' does not exist" in output
