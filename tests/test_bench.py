"""The benchmark runs from the README's command and prints every ratio the performance targets name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_the_benchmark_runs_on_small_projects_and_reports_every_case(tmp_path: Path) -> None:
    command = [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "8", "16", "--repeat", "1"]
    command += ["--small-repeat", "1", "--no-check-jsonschema", "--workdir", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for case in (
        "floor: parse with the C loader",
        "context: yaml.load with the C loader (no marks)",
        "netlint cold --jobs 1",
        "netlint cold (jobs auto)",
        "netlint warm (cache on)",
        "netlint one changed file, warm",
        "netlint one changed topic, warm",
        "netlint sources.yaml changed, warm",
        "netlint whole project, one file changed, warm",
        "python -c pass",
        "netlint --version",
    ):
        only_once = case.startswith("python") or case == "netlint --version"  # start-up: at the first size
        assert f"| 8 | {case} |" in out and (only_once or f"| 16 | {case} |" in out), case
    assert "Growth, cold --jobs 1: 16 documents take" in out
    assert "16 documents: warm run is" in out and "Start-up: netlint --version is" in out


def test_generated_projects_read_like_patient_pages_and_are_clean(tmp_path: Path) -> None:
    """The benchmark's corpus is what a correct netlint passes, written as real pages are written:
    numbers and units, curly apostrophes, parentheses, hyphens, and a vocabulary of hundreds of words."""
    import datetime
    import re

    from netlint.api import known_codes, validate
    from netlint.config import load_config

    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate

    for seed in (1, 2, 3):
        root = generate(tmp_path / f"seed-{seed}", 120, seed=seed)
        result = validate(load_config(root, known_codes()), datetime.date(2026, 11, 26))
        assert result.files_checked == 123
        assert [(d.path, d.line, d.code, d.message) for d in result.diagnostics] == []
    text = "\n".join(path.read_text(encoding="utf-8") for path in (root / "content").rglob("*.yaml"))
    for mark in ("’", "(", "-", "2 to 3", "cm"):
        assert mark in text, mark
    assert len(set(re.findall(r"[a-z]+", text.lower()))) > 300
