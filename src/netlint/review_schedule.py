"""The review schedule behind `netlint review`: every topic and procedure's review dates, soonest first."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from netlint.config import Config
from netlint.diagnostic import printable
from netlint.index import REGISTRY_KINDS, ProjectIndex
from netlint.loader import Document
from netlint.rules.citations import parse_date
from netlint.rules.review import DUE, LAST, age_limit, months, overdue

OVERDUE, DUE_SOON, OK, UNKNOWN = "overdue", "due soon", "ok", "unknown"
STATUSES = (OVERDUE, DUE_SOON, OK, UNKNOWN)


@dataclass(frozen=True)
class ScheduleEntry:
    """One page's review dates and where it stands today."""

    id: str
    kind: str
    path: str
    last_reviewed: str | None
    next_review_due: str | None
    days_left: int | None  # until the deadline; negative once it has passed
    status: str  # one of STATUSES; "unknown" when next_review_due cannot be read
    note: str | None = None
    # The date a review is needed by: the earlier of next_review_due and the age limit (last_reviewed
    # plus review.max_age_months), as R002 has it. Days left, status and sorting all go by it.
    deadline: datetime.date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "path": self.path,
            "last_reviewed": self.last_reviewed,
            "next_review_due": self.next_review_due,
            "review_by": self.deadline.isoformat() if self.deadline is not None else None,
            "days_left": self.days_left,
            "status": self.status,
            "note": self.note,
        }


def schedule(
    index: ProjectIndex, config: Config, today: datetime.date, within: int | None = None
) -> list[ScheduleEntry]:
    """Every topic and procedure, soonest deadline first; with ``within``, only those due within that many days.

    Documents that fail their schema (a mistyped kind included) are listed with whatever can be read;
    one whose due date cannot be read has status "unknown", is listed last, and is always kept by
    ``within`` (it needs attention).
    """
    # A page whose kind is missing or mistyped ("procedur") is still a page whose review is due.
    pages = [doc for doc in index.documents if doc.kind not in REGISTRY_KINDS]
    entries = [_entry(doc, config, today) for doc in pages]
    if within is not None:
        entries = due_within(entries, within)
    # (Unknown ones last, as said: the age limit alone can date one whose next_review_due is unreadable.)
    return sorted(
        entries,
        key=lambda e: (e.status == UNKNOWN, e.deadline is None, e.deadline or datetime.date.max, e.id, e.path),
    )


def due_within(entries: list[ScheduleEntry], within: int) -> list[ScheduleEntry]:
    """The entries overdue, due within ``within`` days, or whose due date cannot be read, in their order."""
    return [e for e in entries if e.status in (OVERDUE, UNKNOWN) or (e.days_left or 0) <= within]


def _entry(doc: Document, config: Config, today: datetime.date) -> ScheduleEntry:
    raw_last, raw_due = doc.get(LAST), doc.get(DUE)
    last, due = parse_date(raw_last), parse_date(raw_due)
    max_age = config.review_max_age_months
    limit = age_limit(last, today, max_age)
    reason = overdue(last, due, today, max_age)
    deadlines = [day for day in (due, limit) if day is not None]
    deadline = min(deadlines) if deadlines else None
    days_left = (deadline - today).days if deadline is not None and due is not None else None
    if reason is not None:
        status = OVERDUE
    elif days_left is None or last is None:  # without a readable last review, its age limit is unknown too
        status = UNKNOWN
    elif days_left <= config.review_warn_days:
        status = DUE_SOON
    else:
        status = OK
    notes = []
    if reason == "age":
        notes.append(f"last review more than {months(max_age)} ago")
    elif reason is None and due is not None and deadline is not None and deadline < due:
        notes.append(f"review needed by {deadline}: {months(max_age)} after the last review, before next_review_due")
    if last is not None and last > today:
        notes.append("last_reviewed is in the future")
    for name, raw, parsed in (("last_reviewed", raw_last, last), ("next_review_due", raw_due, due)):
        if parsed is None:
            notes.append(f"no {name}" if raw is None else f"{name} is not a date")
    if doc.broken:
        notes.append("YAML error, read in part: run netlint validate")
    elif not doc.valid:
        notes.append("fails validation: run netlint validate")
    return ScheduleEntry(
        id=doc.id or doc.stem,
        kind=doc.kind or "?",
        path=doc.path,
        last_reviewed=raw_last if isinstance(raw_last, str) else None,
        next_review_due=raw_due if isinstance(raw_due, str) else None,
        days_left=days_left,
        status=status,
        note="; ".join(notes) or None,
        deadline=deadline,
    )


def counts(entries: list[ScheduleEntry]) -> dict[str, int]:
    """How many entries have each status."""
    out = dict.fromkeys(STATUSES, 0)
    for entry in entries:
        out[entry.status] += 1
    return out


def summary(entries: list[ScheduleEntry], warn_days: int, *, hidden: int = 0, within: int | None = None) -> str:
    """`2 overdue, 1 due within 60 days, 8 ok` (and `, 1 unknown` when some dates cannot be read).

    With ``within`` the entries are what it kept, every one of them overdue, unknown or due within
    ``within`` days, and the ``hidden`` pages it left out are counted in the same window:
    `1 overdue, 2 due within 30 days; 8 more not due within 30 days` (one window, not also warn_days').
    """
    n = counts(entries)
    if within is None:
        text = f"{n[OVERDUE]} overdue, {n[DUE_SOON]} due within {days(warn_days)}, {n[OK]} ok"
    else:
        text = f"{n[OVERDUE]} overdue, {n[DUE_SOON] + n[OK]} due within {days(within)}"
    text += f", {n[UNKNOWN]} unknown" if n[UNKNOWN] else ""
    if within is not None and hidden:
        text += f"; {hidden} more not due within {days(within)}"
    return text


def days(count: int) -> str:
    """`1 day`, `30 days`."""
    return f"{count} day" if count == 1 else f"{count} days"


def table(entries: list[ScheduleEntry]) -> list[str]:
    """The entries as an aligned text table with a header row."""
    header = ["ID", "KIND", "LAST REVIEWED", "NEXT DUE", "DAYS LEFT", "STATUS"]
    rows = [
        [
            e.id,
            e.kind,
            e.last_reviewed or "-",
            e.next_review_due or "-",
            "-" if e.days_left is None else str(e.days_left),
            e.status,
        ]
        for e in entries
    ]
    if any(e.note for e in entries):
        header.append("NOTE")
        for row, entry in zip(rows, entries, strict=True):
            row.append(entry.note or "")
    # Ids and dates come from content: a control character in them must not reach the terminal or a CI log.
    rows = [[printable(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {header.index("DAYS LEFT")}
    lines = []
    for row in [header, *rows]:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines
