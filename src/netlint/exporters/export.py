"""`netlint export`: the validation gate, then the bundle, the HTML site and the manifest, swapped in atomically."""

from __future__ import annotations

import datetime
import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netlint.api import Result, validate
from netlint.config import Config
from netlint.diagnostic import Severity, plural
from netlint.exporters import FORMATS, ExportError, NotExportable, atomic, json_bundle, manifest

Renderer = Callable[[dict[str, Any], Path, tuple[str, str]], None]  # (bundle, folder, what the sizes are of)
DEFAULT_OUT = "dist"
BUNDLE = "json/bundle.json"


class BundleInvalid(Exception):
    """netlint built a bundle its own schema rejects: a bug in netlint (exit 2)."""


@dataclass
class Outcome:
    """What an export did: the validation result, and whether (and what) it wrote."""

    result: Result
    out: Path
    formats: tuple[str, ...]
    written: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)

    @property
    def warnings(self) -> int:
        return self.result.counts()["warning"]

    def summary(self, shown: str) -> str:
        """`Exported 1 topic and 10 procedures to dist (json, html): 15 files, 2 warnings.`"""
        topics, procedures = self.counts.get("topics", 0), self.counts.get("procedures", 0)
        return (
            f"Exported {plural(topics, 'topic')} and {plural(procedures, 'procedure')} to {shown} "
            f"({', '.join(self.formats)}): {plural(len(self.files) + 1, 'file')}, {plural(self.warnings, 'warning')}."
        )


def out_folder(config: Config, out: Path | None) -> Path:
    """The absolute --out folder: as given (relative to the working folder), else `dist` in the project root.

    Its parent is resolved, not the folder itself: an --out that is a symbolic link stays one, for
    :func:`netlint.exporters.atomic.check_target` to refuse (a link committed as `dist` must not send
    the export, which replaces its --out as a whole, anywhere else).
    """
    given = Path(os.path.normpath(Path.cwd() / (config.root / DEFAULT_OUT if out is None else out)))
    return given.parent.resolve() / given.name if given.name else given.resolve()


def settings_read(config: Config) -> list[tuple[Path, str]]:
    """What netlint reads besides content, each with what it is: never an --out, nor inside one."""
    found: list[tuple[Path, str]] = []
    if config.source is not None:
        found.append((config.source, "netlint's configuration"))
    baseline = config.baseline_path()
    if baseline is not None:
        found.append((baseline, f"the baseline {config.source.name if config.source else 'the configuration'} names"))
    if config.schema_dir is not None:
        found.append((config.schema_dir, "the project's schema folder"))
    return found


def html_renderer() -> Renderer:
    """`netlint.exporters.html_site.render`, or ExportError when this installation has no HTML exporter."""
    try:
        html_site = importlib.import_module("netlint.exporters.html_site")
    except ModuleNotFoundError as error:
        if error.name != "netlint.exporters.html_site":
            raise
        raise ExportError("the HTML exporter is not available in this installation; use --format json") from None
    render: Renderer = html_site.render
    return render


def _unusable(config: Config, result: Result) -> list[str]:
    """What keeps content that passed the configured checks out of a bundle, before it is built.

    A file that could not be read as a document at all (its Y003, Y004 or Y006 hidden by the
    configuration) would silently be left out; and with a project's own schemas, a document they
    accept may still lack what the bundle carries: it must also match netlint's own schema.
    """
    from netlint import schemas

    read = {doc.path for doc in result.documents}
    problems = [
        f"{path}: cannot be read as a content document; fix it (the configuration hides the error that reports it)"
        for path in result.checked_paths
        if path not in read
    ]
    if config.schema_dir is not None:
        bundled = schemas.bundled_schema_dir()
        for doc in result.documents:
            if doc.valid and doc.kind in schemas.KINDS:
                for diag in schemas.validate(doc, str(doc.kind), bundled)[:3]:
                    problems.append(
                        f"{diag.path}:{diag.line}:{diag.column}: S003 {diag.message} (the project's schema allows "
                        "it, but the bundle needs what netlint's own schema asks for; the configuration hides S003)"
                    )
    return problems


def run(
    config: Config,
    today: datetime.date,
    *,
    out: Path | None = None,
    formats: Sequence[str] = (),
    force: bool = False,
) -> Outcome:
    """Validate the whole project; without errors, write the export to ``out`` atomically.

    Returns an Outcome with ``written=False`` when error-level diagnostics stopped it
    (nothing is written then). Raises ExportError for an --out that must not be
    replaced, NotExportable for content the bundle cannot represent, BundleInvalid when
    the bundle fails its own schema, and OSError for I/O failures; in every such case
    the previous export is left as it was.
    """
    chosen = tuple(fmt for fmt in FORMATS if fmt in formats) or FORMATS
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ExportError(f"unknown export format {', '.join(unknown)}: use {' or '.join(FORMATS)}")
    render = html_renderer() if "html" in chosen else None
    target = out_folder(config, out)
    settings = settings_read(config)
    configured = config.source is not None
    atomic.check_target(
        target, root=config.root, content=config.content_dir, force=force, settings=settings, configured=configured
    )

    result = validate(config, today)
    outcome = Outcome(result, target, chosen)
    if result.fails(Severity.ERROR):
        return outcome
    unusable = _unusable(config, result)
    if unusable:
        raise NotExportable(unusable)
    bundle = json_bundle.build(result.documents, today)
    problems = json_bundle.check(bundle)
    if problems:
        raise BundleInvalid(
            "internal error: the bundle does not match schema/bundle.schema.json ("
            + "; ".join(problems[:5])
            + "); please report it"
        )
    outcome.counts = manifest.counts(bundle)
    digest = manifest.content_sha256(config.root, result.checked_paths)
    bundle_bytes = json_bundle.dumps(bundle)  # serialised before any renderer sees the dict

    with atomic.staging(target) as folder:
        # Checked again now that this export holds the folder's lock.
        atomic.check_target(
            target, root=config.root, content=config.content_dir, force=force, settings=settings, configured=configured
        )
        if "json" in chosen:
            atomic.write_file(folder, BUNDLE, bundle_bytes)
        if render is not None:
            (folder / "html").mkdir()
            render(bundle, folder / "html", config.subject_names)
        outcome.files = manifest.listing(folder)
        record = manifest.build(
            export_date=today,
            content_digest=digest,
            counts=outcome.counts,
            warnings=outcome.warnings,
            files=outcome.files,
        )
        atomic.write_file(folder, manifest.MANIFEST, json_bundle.dumps(record))
    outcome.written = True
    return outcome
