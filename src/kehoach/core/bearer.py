"""Mã truy cập API: the bearer token of a request, its user and the user's memberships, in one query.

Every API request with a token asks this first (``api.auth.BearerAuth``, and the Idempotency-Key
check before it). Through the ORM it was two queries (the token with its user, then the
memberships with their units that every permission check reads) whose compilation cost more CPU
than anything else on the write path (issue 11: a third of the app's CPU a write). Here it is one
statement, written once per database vendor and model layout, whose rows are turned into model
instances the way the ORM does (``Model.from_db`` after the fields' converters). Revocation stays
immediate: nothing is cached between requests. ``ApiToken.objects.by_secret`` is the same lookup
through the ORM, and a test holds the two equal.

Core sits below org: the membership and unit models are reached through the user's reverse
relation, as ``core.permissions`` does, never imported.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from kehoach.core import permissions
from kehoach.core.models import ApiToken


@dataclass
class _Reader:
    """One model's columns in the joined row: where they start, and how each is converted."""

    model: Any
    attnames: list[str]
    converters: list[tuple[list, Any]]

    def build(self, row: tuple, start: int, conn) -> Any:
        values = list(row[start : start + len(self.attnames)])
        for i, (funcs, expression) in enumerate(self.converters):
            for func in funcs:
                values[i] = func(values[i], expression, conn)
        return self.model.from_db(conn.alias, self.attnames, values)


def _reader(model, alias: str, conn) -> _Reader:
    fields = model._meta.concrete_fields
    converters = []
    for field in fields:
        col = field.get_col(alias)
        converters.append((conn.ops.get_db_converters(col) + col.get_db_converters(conn), col))
    return _Reader(model, [f.attname for f in fields], converters)


_PLANS: dict[str, tuple[str, list[_Reader]]] = {}


def _plan(conn) -> tuple[str, list[_Reader]]:
    """The SQL and the four readers (token, user, membership, unit) for this connection's vendor."""
    plan = _PLANS.get(conn.vendor)
    if plan is not None:
        return plan
    user_model = get_user_model()
    membership: Any = user_model._meta.get_field("memberships").related_model
    unit: Any = membership._meta.get_field("unit").related_model
    q = conn.ops.quote_name
    readers = [
        _reader(ApiToken, "t", conn),
        _reader(user_model, "u", conn),
        _reader(membership, "m", conn),
        _reader(unit, "un", conn),
    ]
    columns = ", ".join(
        f"{alias}.{q(field.column)}"
        for alias, model in (("t", ApiToken), ("u", user_model), ("m", membership), ("un", unit))
        for field in model._meta.concrete_fields
    )
    pk = q(user_model._meta.pk.column)
    sql = (
        f"SELECT {columns} FROM {q(ApiToken._meta.db_table)} t "  # nosec B608: our own model metadata
        f"INNER JOIN {q(user_model._meta.db_table)} u ON u.{pk} = t.{q('user_id')} "
        f"LEFT JOIN {q(membership._meta.db_table)} m ON m.{q('user_id')} = u.{pk} "
        f"LEFT JOIN {q(unit._meta.db_table)} un ON un.{q(unit._meta.pk.column)} = m.{q('unit_id')} "
        f"WHERE t.{q('key_hash')} = %s AND t.{q('revoked_at')} IS NULL "
        f"AND (t.{q('expires_at')} IS NULL OR t.{q('expires_at')} > %s) "
        f"ORDER BY m.{q(membership._meta.pk.column)}"
    )
    _PLANS[conn.vendor] = plan = (sql, readers)
    return plan


def find_token(key: str, now: datetime.datetime | None = None) -> ApiToken | None:
    """The token in force whose secret is ``key`` (``token.user`` loaded, and the user's memberships
    with their units ready for ``core.permissions``), or None: one query."""
    sql, (tokens, users, memberships, units) = _plan(connection)
    now = now or timezone.now()
    with connection.cursor() as cur:
        cur.execute(sql, [ApiToken.hash(key), connection.ops.adapt_datetimefield_value(now)])
        rows = cur.fetchall()
    if not rows:
        return None
    token = tokens.build(rows[0], 0, connection)
    at_user = len(tokens.attnames)
    at_membership = at_user + len(users.attnames)
    at_unit = at_membership + len(memberships.attnames)
    user = users.build(rows[0], at_user, connection)
    token.user = user
    held = []
    for row in rows:
        if row[at_membership] is None:  # no membership at all: the LEFT JOIN's empty row
            continue
        m = memberships.build(row, at_membership, connection)
        m.user = user
        m.unit = units.build(row, at_unit, connection)
        held.append(m)
    permissions.remember_memberships(user, held)
    return token
