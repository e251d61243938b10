"""Meta: every rule is documented in full and exercised by at least one test that names its code."""

from __future__ import annotations

from pathlib import Path

import pytest

from netlint.rules import load_all
from netlint.rules._registry import SECTIONS

TESTS = Path(__file__).resolve().parent
RULES = load_all()


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_manual_has_every_section_with_text(code: str) -> None:
    sections = RULES[code].sections
    for name in SECTIONS:
        assert sections.get(name), f"{code}: section '{name}' is missing or empty"
    assert RULES[code].summary.endswith(".")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_exercised_by_a_test(code: str) -> None:
    sources = "".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py") if p.name != "test_meta.py")
    assert f'"{code}"' in sources, f"no test names {code}"


def test_rule_names_are_unique_kebab_case() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(names) == len(set(names))
    assert all(name == name.lower() and " " not in name for name in names)


def test_the_static_list_of_codes_is_the_registry() -> None:
    """Configuration is checked against netlint.codes.CODES, which must name exactly the rules there are."""
    from netlint.codes import CODES
    from netlint.rules import load_all

    assert tuple(load_all()) == CODES


ROOT = TESTS.parent


def _tool(module: str, *args: str, cache: Path) -> str:
    """Run a checker installed with the test extras; its output when it fails."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, MYPY_CACHE_DIR=str(cache / "mypy"), RUFF_CACHE_DIR=str(cache / "ruff"))
    done = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{module} {' '.join(args)}:\n{done.stdout}{done.stderr}"
    return done.stdout


def test_the_code_type_checks_with_mypy_strict(tmp_path: Path) -> None:
    """pyproject.toml asks for mypy --strict: the whole package passes it."""
    assert "Success" in _tool("mypy", "src", cache=tmp_path)


def test_the_code_and_the_tests_pass_ruff(tmp_path: Path) -> None:
    """ruff's checks and its formatting, as pyproject.toml configures them."""
    _tool("ruff", "check", "src", "tests", "bench", cache=tmp_path)
    _tool("ruff", "format", "--check", "src", "tests", "bench", cache=tmp_path)
