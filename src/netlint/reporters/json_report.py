"""The json format of SPEC §6: one object with the diagnostics and a summary."""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING

from netlint import __version__

if TYPE_CHECKING:
    from netlint.api import Result
    from netlint.config import Config


def document(result: Result) -> dict[str, object]:
    return {
        "netlint": __version__,
        "today": result.today.isoformat(),
        "files_checked": result.files_checked,
        "diagnostics": [_with_real_path(diag.to_json(), result) for diag in result.diagnostics],
        "summary": result.counts(),
    }


def _with_real_path(item: dict[str, object], result: Result) -> dict[str, object]:
    """The item with its file's real name: JSON carries a line break or a tab in a name as they are."""
    if result.real_paths:
        item["path"] = result.path_text(str(item["path"]))
    return item


def write(result: Result, stream: IO[str], config: Config) -> None:
    json.dump(document(result), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
