"""R rules: every topic and procedure is reviewed on time, by a clinician, against current evidence."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING

from netlint.rules._registry import at, rule
from netlint.rules.citations import cited, cites, parse_date, registry_trusted

if TYPE_CHECKING:
    from netlint.diagnostic import Diagnostic
    from netlint.index import Context
    from netlint.loader import Document

LAST = ("review", "last_reviewed")
DUE = ("review", "next_review_due")
BY = ("review", "reviewed_by")
CLINICAL = "clinical-reviewer"


@lru_cache(maxsize=4096)  # three rules ask, for each page, and pages share review dates
def months(count: int) -> str:
    """`1 month`, `36 months`: a number of months in a message."""
    return f"{count} month" if count == 1 else f"{count} months"


def add_months(day: datetime.date, count: int) -> datetime.date:
    """The same day ``count`` months later, clamped to that month's last day (Jan 31 + 1 = Feb 28 or 29)."""
    year, month = divmod(day.year * 12 + day.month - 1 + count, 12)
    if year > datetime.MAXYEAR:
        return datetime.date.max
    if year < datetime.MINYEAR:
        return datetime.date.min
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def review_dates(doc: Document) -> tuple[datetime.date | None, datetime.date | None]:
    """(last_reviewed, next_review_due) when readable as dates (read once per document)."""
    found: tuple[datetime.date | None, datetime.date | None] | None = doc.memo.get("review dates")
    if found is None:
        found = doc.memo["review dates"] = (parse_date(doc.get(LAST)), parse_date(doc.get(DUE)))
    return found


def overdue(
    last: datetime.date | None, due: datetime.date | None, today: datetime.date, max_age_months: int
) -> str | None:
    """Why a review is overdue: "due" (past next_review_due), "age" (last review too old), or None.

    One reason only: past next_review_due wins, because that is the date editors planned for.
    """
    if due is not None and today > due:
        return "due"
    limit = age_limit(last, today, max_age_months)
    if limit is not None and today > limit:
        return "age"
    return None


def age_limit(last: datetime.date | None, today: datetime.date, max_age_months: int) -> datetime.date | None:
    """The last day the page may go unreviewed by its age (``last_reviewed`` plus ``max_age_months``);
    None without a readable last review, or for one in the future (R001's), which sets no limit yet."""
    if last is None or last > today:
        return None
    return add_months(last, max_age_months)


def days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _review_docs(doc: Document) -> bool:
    return doc.kind in ("topic", "procedure")


@rule("R001", "review-in-future", severity="error", scope="document")
def review_in_future(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a `last_reviewed` date after today.

    ## Why it matters
    A review that has not happened yet cannot vouch for the page, and a future date hides the page from
    every overdue check until that date.

    ## Example
    ```yaml
    review:
      last_reviewed: 2027-08-08   # today is 2026-11-26
    ```

    ## Use instead
    ```yaml
    review:
      last_reviewed: 2025-08-08   # the day the review actually happened
    ```

    ## Options
    "Today" is the system date, `--today YYYY-MM-DD` or `NETLINT_TODAY`.
    """
    last, _ = review_dates(doc)
    if _review_docs(doc) and last is not None and last > ctx.today:
        message = f"last_reviewed {last} is in the future (today is {ctx.today}); write the day the review happened"
        yield at("R001", doc, LAST, message)


@rule("R002", "review-overdue", severity="error", scope="document")
def review_overdue(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a page whose review is overdue. That is: today is after `next_review_due` (reported there),
    or the last review was more than `review.max_age_months` months ago (reported at `last_reviewed`). A review
    exactly `max_age_months` months old is still allowed; one day more is not. When both apply, only
    the missed `next_review_due` is reported; R003 is never reported for a page that is already overdue.

    ## Why it matters
    Treatment advice changes. A patient page past its review date may no longer match current care,
    and quality marks such as the PIF TICK and NHS standards require a review at least every three years.

    ## Example
    ```yaml
    review:
      last_reviewed: 2023-01-10
      next_review_due: 2025-01-01    # today is 2026-11-26
    ```

    ## Use instead
    Review the page against its sources, then record it:
    ```yaml
    review:
      last_reviewed: 2026-11-20
      next_review_due: 2028-11-20
    ```

    ## Options
    `[review] max_age_months` (default 36) in netlint.toml. "Today" is the system date, `--today` or
    `NETLINT_TODAY`. `netlint review` lists every page's review dates, soonest first.
    """
    if not _review_docs(doc):
        return
    last, due = review_dates(doc)
    max_age = ctx.config.review_max_age_months
    reason = overdue(last, due, ctx.today, max_age)
    if reason == "due" and due is not None:
        late = (ctx.today - due).days
        message = f"review overdue: next review was due on {due} ({days(late)} ago); review the page and set new dates"
        yield at("R002", doc, DUE, message)
    elif reason == "age" and last is not None:
        limit = add_months(last, max_age)
        message = (
            f"review overdue: last reviewed on {last}, more than {months(max_age)} ago "
            f"(it was last allowed on {limit}); review the page and set new dates"
        )
        yield at("R002", doc, LAST, message)


@rule("R003", "review-due-soon", severity="warning", scope="document")
def review_due_soon(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Warns when `next_review_due` is today or within the next `review.warn_days` days. Not reported when
    the review is already overdue (R002). When the age limit (`last_reviewed` plus
    `review.max_age_months`) comes before `next_review_due` (which R004 reports), the warning is for
    the age limit, at `last_reviewed`, since R002 will report the page overdue the day after it.

    ## Why it matters
    Reviews by clinicians take weeks to organise: a warning ahead of time keeps the page from lapsing.

    ## Example
    ```yaml
    review:
      next_review_due: 2026-12-20    # today is 2026-11-26: due in 24 days
    ```

    ## Use instead
    Plan the review; once done, record the new `last_reviewed` and `next_review_due` dates.

    ## Options
    `[review] warn_days` (default 60) in netlint.toml; `warn_days = 0` warns only on the due date.
    """
    if not _review_docs(doc):
        return
    last, due = review_dates(doc)
    max_age = ctx.config.review_max_age_months
    if due is None or overdue(last, due, ctx.today, max_age):
        return
    # The age limit, when it comes first (R004 then reports the due date as too late), is the review's
    # deadline: R002 reports the page overdue the day after it, so the warning ahead of time is for it.
    limit = age_limit(last, ctx.today, max_age)
    if limit is not None and limit < due:
        left = (limit - ctx.today).days
        if 0 <= left <= ctx.config.review_warn_days:
            when = "today" if left == 0 else f"in {days(left)}"
            message = (
                f"review due soon: last reviewed on {last}, the page must be reviewed by {limit} ({when}), "
                f"{months(max_age)} later; plan the review"
            )
            yield at("R003", doc, LAST, message)
        return
    left = (due - ctx.today).days
    if 0 <= left <= ctx.config.review_warn_days:
        when = "today" if left == 0 else f"in {days(left)}"
        yield at("R003", doc, DUE, f"review due soon: next review is due on {due} ({when}); plan the review")


@rule("R004", "review-interval", severity="error", scope="document")
def review_interval(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a `next_review_due` that is not after `last_reviewed`, or too long after it. "Too long" is
    more than `review.max_age_months` months; exactly that many months is allowed.

    ## Why it matters
    The next review date is the promise made to readers about how fresh the page is. A date before the
    last review is a typo; a date beyond the maximum age would let the page lapse without any warning.

    ## Example
    ```yaml
    review:
      last_reviewed: 2025-08-08
      next_review_due: 2029-08-08    # 48 months later
    ```

    ## Use instead
    ```yaml
    review:
      last_reviewed: 2025-08-08
      next_review_due: 2028-08-08    # at most 36 months later
    ```

    ## Options
    `[review] max_age_months` (default 36) in netlint.toml.
    """
    if not _review_docs(doc):
        return
    last, due = review_dates(doc)
    if last is None or due is None:
        return
    max_age = ctx.config.review_max_age_months
    limit = add_months(last, max_age)
    if due <= last:
        yield at("R004", doc, DUE, f"next_review_due {due} is not after last_reviewed {last}; set a later date")
    elif due > limit:
        message = f"next_review_due {due} is more than {months(max_age)} after last_reviewed {last} (latest: {limit})"
        yield at("R004", doc, DUE, message)


@rule("R005", "unknown-reviewer", severity="error", scope="document")
def unknown_reviewer(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports an id in `reviewed_by` that is not in the contributors file. A "did you mean" suggestion is
    given when a registered id is close.

    ## Why it matters
    Readers and auditors must be able to see who vouched for a page; an unregistered reviewer cannot be
    checked, and a typo may hide that no clinician reviewed the page.

    ## Example
    ```yaml
    review:
      reviewed_by: [acs-content-team, asko]   # and so R006: no clinical reviewer is recognised
    ```

    ## Use instead
    ```yaml
    review:
      reviewed_by: [acs-content-team, asco]
    ```

    ## Options
    None. When the contributors file itself cannot be read (a Y error), this rule stays quiet until it can.
    """
    if not _review_docs(doc) or not registry_trusted(ctx.index, "contributors"):
        return
    reviewers = doc.get(BY)
    for i, ident in enumerate(reviewers if isinstance(reviewers, list) else []):
        if isinstance(ident, str) and ident not in ctx.index.contributors:
            from netlint.closest import close_match  # only for an unknown reviewer

            close = close_match(ident, ctx.index.contributors, 0.7)
            hint = f" (did you mean '{close}'?)" if close else "; add them to the contributors file or fix the id"
            yield at("R005", doc, (*BY, i), f"reviewer '{ident}' is not in the contributors file{hint}")


def _clinicians(ctx: Context) -> frozenset[str]:
    """The ids whose (first) contributor record has the clinical-reviewer role, found once per run."""
    found: frozenset[str] | None = ctx.index.memo.get("R006 clinicians")
    if found is None:
        found = ctx.index.memo["R006 clinicians"] = frozenset(
            ident for ident, entries in ctx.index.contributors.items() if _clinical(entries[0].data)
        )
    return found


def _clinical(contributor: dict[str, object]) -> bool:
    """Whether a contributor has the clinical-reviewer role (the record may fail its schema: never trust its shape)."""
    roles = contributor.get("roles")
    return isinstance(roles, list) and CLINICAL in roles


@rule("R006", "no-clinical-reviewer", severity="error", scope="document")
def no_clinical_reviewer(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a `reviewed_by` list in which no contributor has the role `clinical-reviewer`. An id that is
    not in the contributors file (R005) is no clinical reviewer either: until it is added there with that
    role, nothing shows that a clinician reviewed the page, and the message names it.

    ## Why it matters
    Patient information must be checked by a qualified clinician, not only by editors; the review box on
    the published page names who did it.

    ## Example
    ```yaml
    review:
      reviewed_by: [acs-content-team]     # roles: [author, editor]
    ```

    ## Use instead
    ```yaml
    review:
      reviewed_by: [acs-content-team, asco]   # asco has roles: [clinical-reviewer]
    ```

    ## Options
    None. Roles are set in the contributors file.
    """
    if not _review_docs(doc) or not registry_trusted(ctx.index, "contributors"):
        return
    reviewers = doc.get(BY)
    ids = {ident for ident in (reviewers if isinstance(reviewers, list) else []) if isinstance(ident, str)}
    if not _clinicians(ctx).isdisjoint(ids):
        return
    unknown = sorted(ids.difference(ctx.index.contributors))
    clinicians = sorted(_clinicians(ctx))  # by the first record of each id, as the check above (N002 the others)
    hint = f" (clinical reviewers: {', '.join(clinicians[:5])})" if clinicians else ""
    message = f"no clinical reviewer in reviewed_by: add a contributor with the role clinical-reviewer{hint}"
    if unknown:
        named = ", ".join(f"'{ident}'" for ident in unknown[:5])
        message += f"; {named} {'is' if len(unknown) == 1 else 'are'} not in the contributors file"
    yield at("R006", doc, BY, message)


@rule("R007", "review-predates-evidence", severity="error", scope="document")
def review_predates_evidence(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """## What it does
    Reports a cited source whose `accessed` date is after the document's `last_reviewed`. The review
    then happened before the evidence it relies on was consulted. Reported once per source, at its first
    citation in the document.

    ## Why it matters
    When a source is re-checked or replaced after the review, the text it supports has not been reviewed
    against it: the review date then overstates how well the page was checked.

    ## Example
    ```yaml
    # sources.yaml: accessed: 2025-09-01
    review:
      last_reviewed: 2025-08-08
    ```

    ## Use instead
    Review the page against the source again and record the new date:
    ```yaml
    review:
      last_reviewed: 2025-09-15
    ```

    ## Options
    None.
    """
    if not _review_docs(doc):
        return
    last, _ = review_dates(doc)
    if last is None:
        return
    accessed_on = _accessed_dates(ctx)
    if max(map(accessed_on.get, cited(doc), repeat(datetime.date.min)), default=datetime.date.min) <= last:
        return  # the usual case: no source was read after the review
    reported: set[str] = set()
    for path, ident in cites(doc):
        accessed = accessed_on.get(ident)
        if ident in reported or accessed is None or accessed <= last:
            continue
        reported.add(ident)
        message = (
            f"source '{ident}' was accessed on {accessed}, after this page's last review on {last}: "
            "review the page against it and update last_reviewed"
        )
        yield at("R007", doc, path, message)


def _accessed_dates(ctx: Context) -> dict[str, datetime.date]:
    """Each registered source's readable `accessed` date (the first entry of an id), read once per run."""
    found: dict[str, datetime.date] | None = ctx.index.memo.get("R007 accessed")
    if found is None:
        found = ctx.index.memo["R007 accessed"] = {}
        for ident, entries in ctx.index.sources.items():
            day = parse_date(entries[0].data.get("accessed"))
            if day is not None:
                found[ident] = day
    return found
