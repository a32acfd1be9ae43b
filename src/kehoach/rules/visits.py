"""Lần xem trước: where "what changed since your last visit" starts.

A visit is a run of looks at the home with no gap longer than ``gap``. Reloading the page during a
visit keeps the same window (the counts do not drop to zero on a refresh); a look after a longer
gap starts a new visit whose window begins at the last look of the previous one.
"""

import datetime

#: A pause longer than this starts a new visit.
VISIT_GAP = datetime.timedelta(hours=1)


def next_visit(
    since: datetime.datetime | None,
    seen_at: datetime.datetime | None,
    now: datetime.datetime,
    gap: datetime.timedelta = VISIT_GAP,
) -> tuple[datetime.datetime | None, datetime.datetime]:
    """(window start, last look) after a look at ``now``; window start ``None`` = first visit ever."""
    if seen_at is None:
        return None, now
    if now < seen_at:  # a clock set back: keep what was known, never a window in the future
        return since, seen_at
    if now - seen_at > gap:
        return seen_at, now
    return since, now
