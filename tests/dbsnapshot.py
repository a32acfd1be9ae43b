"""Build the organisation, the plan and the demo once per test session; restore them in each test.

Loading the demo's organisation, accounts and plan goes through the importer, the name resolver
and audited saves: hundreds of milliseconds per test, seconds for the whole demo. Instead each
xdist worker builds every state once, at session start, inside a transaction it rolls back, and
keeps the rows in memory. A test that asks for the state gets the rows back with one INSERT per
table and batch, inside its own transaction (rolled back after the test like any other data), so
every test still starts from exactly the same database and may change it freely.

Rows are inserted raw: no ``save()``, no signals, no ``auto_now`` (the dated progress history and
audit entries come back exactly as built). The primary keys are the built ones, so on PostgreSQL
the sequences are moved past them afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.test.utils import override_settings

#: Tables filled by migrations, or never part of a built state.
SKIP = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _models() -> list[type[models.Model]]:
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped and meta.label_lower not in SKIP:
            found.append(model)
    return found


@dataclass
class Snapshot:
    """The rows of every table once a state was built, and what the builder returned (as keys)."""

    rows: list[tuple[type[models.Model], list[models.Model]]] = field(default_factory=list)
    result: object = None

    @classmethod
    def capture(cls, result: object = None) -> Snapshot:
        rows = []
        for model in _models():
            objs = list(model._base_manager.order_by("pk"))
            if objs:
                rows.append((model, objs))
        return cls(rows=rows, result=result)

    def restore(self) -> None:
        """Insert the rows into the current (empty) database, inside the caller's transaction (or
        one of its own for transactional tests: foreign keys are checked at commit, not per table)."""
        with transaction.atomic():
            self._insert_all()

    def _insert_all(self) -> None:
        for model, objs in self.rows:
            fields = [f for f in model._meta.local_concrete_fields]
            size = connection.ops.bulk_batch_size(fields, objs) or len(objs)
            for start in range(0, len(objs), size):
                model._base_manager._insert(objs[start : start + size], fields=fields, raw=True)
        if connection.vendor == "postgresql":
            # Explicit ids do not move the sequences: set them past the restored rows.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [m for m, _ in self.rows]):
                    cursor.execute(sql)


class _Rollback(Exception):
    pass


def build(builder: Callable[[], object], keep: Callable[[object], object] = lambda r: r) -> Snapshot:
    """Run ``builder`` in a transaction, capture the tables and ``keep(result)``, then roll back."""
    snapshot = None
    try:
        with override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
            result = builder()
            snapshot = Snapshot.capture(keep(result))
            raise _Rollback
    except _Rollback:
        pass
    assert snapshot is not None
    return snapshot
