"""netlint's rules, one module per family; `load_all()` imports and so registers them all."""

from __future__ import annotations

import importlib
import pkgutil

from netlint.rules import files  # noqa: F401  (the loader's Y rules: registered on import)
from netlint.rules._registry import RULES, Rule, at, diagnostic, format_path

__all__ = ["RULES", "Rule", "at", "diagnostic", "format_path", "load_all"]


def load_all() -> dict[str, Rule]:
    """Import every rule family module (``netlint/rules/*.py``) and return the registry, sorted by code."""
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    return dict(sorted(RULES.items()))
