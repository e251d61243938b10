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
