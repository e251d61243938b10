"""The junit format: JUnit XML, one test case per file checked.

And one for each content path that was passed over with an error of its own (a link leading
outside the project, a folder that cannot be listed: Y003), so that its error fails a case too;
so `tests` can be more than the run's `files_checked`.

A file fails when it has a diagnostic at or above the fail threshold
(``fail_on``, so the report agrees with the exit code); its diagnostics are
the failure's text. Diagnostics below the threshold go to the case's
``system-out``. Written with ElementTree, so every string is escaped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import IO, TYPE_CHECKING

from netlint import __version__
from netlint.diagnostic import Diagnostic

if TYPE_CHECKING:
    from netlint.api import Result
    from netlint.config import Config

# Characters XML 1.0 cannot hold at all, even escaped (control characters, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _line(diag: Diagnostic) -> str:
    return _clean(f"{diag.path}:{diag.line}:{diag.column}: {diag.code} [{diag.severity.value}] {diag.message}")


def _counted(diagnostics: list[Diagnostic]) -> str:
    counts: dict[str, int] = {}
    for diag in diagnostics:
        counts[diag.severity.value] = counts.get(diag.severity.value, 0) + 1
    return ", ".join(f"{n} {level}{'' if n == 1 or level == 'info' else 's'}" for level, n in counts.items())


def _files(result: Result) -> list[str]:
    """The files the run reports on, plus any file a diagnostic names that was not in that list."""
    listed = list(result.reported_paths)
    extra = sorted({diag.path for diag in result.diagnostics} - set(listed))
    return listed + extra


def tree(result: Result, config: Config) -> ET.ElementTree[ET.Element]:
    by_path: dict[str, list[Diagnostic]] = {}
    for diag in result.diagnostics:
        by_path.setdefault(diag.path, []).append(diag)
    files = _files(result)
    suites = ET.Element("testsuites", name="netlint")
    suite = ET.SubElement(suites, "testsuite", name="netlint", hostname="netlint")
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="netlint.version", value=__version__)
    ET.SubElement(properties, "property", name="today", value=result.today.isoformat())
    ET.SubElement(properties, "property", name="fail_on", value=config.fail_on.value)
    failures = 0
    for path in files:
        real = _clean(result.path_text(path))  # (XML holds a tab or a line break in an attribute)
        case = ET.SubElement(suite, "testcase", classname=real, name=real, time="0")
        diags = by_path.get(path, [])
        failing = [d for d in diags if d.severity.rank >= config.fail_on.rank]
        passing = [d for d in diags if d.severity.rank < config.fail_on.rank]
        if failing:
            failures += 1
            failure = ET.SubElement(case, "failure", message=_counted(failing), type="netlint")
            failure.text = "\n".join(_line(d) for d in failing) + "\n"
        if passing:
            ET.SubElement(case, "system-out").text = "\n".join(_line(d) for d in passing) + "\n"
    counts = {"tests": str(len(files)), "failures": str(failures), "errors": "0", "skipped": "0", "time": "0"}
    suite.attrib.update(counts)
    suites.attrib.update({k: v for k, v in counts.items() if k != "skipped"})
    ET.indent(suites)
    return ET.ElementTree(suites)


def write(result: Result, stream: IO[str], config: Config) -> None:
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    tree(result, config).write(stream, encoding="unicode")
    stream.write("\n")
