"""Reporters: each writes a validation Result to the stream it is given, in one format."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from netlint.api import Result
    from netlint.config import Config

Writer = Callable[["Result", IO[str], "Config"], None]
FORMATS = ("text", "json", "sarif", "github", "junit")


def writer(name: str) -> Writer:
    """The write function of reporter ``name`` (imported on demand)."""
    module = importlib.import_module(f"netlint.reporters.{name}_report")
    write: Writer = module.write
    return write
