"""Phạm vi xem theo đơn vị: the one ``for_user`` of every model whose rows belong to a unit.

Pages, the API, exports and dashboards start from ``Model.objects.for_user(user)``; who sees which
unit's rows is decided here from ``core.permissions``, once. A model says which field names its unit
(``unit_field``) and who sees every unit (``sees_all``); everything else is shared.
"""

from __future__ import annotations

from django.db import models

from kehoach.core import permissions


class UnitScopedQuerySet(models.QuerySet):
    """Rows of the user's own units; coordinators and leaders (``sees_all``) see every unit's.

    Anonymous users see nothing.
    """

    #: The foreign key naming the unit a row belongs to.
    unit_field = "unit"

    def sees_all(self, user) -> bool:
        """Who sees every unit's rows (override to widen, e.g. to the finance office)."""
        return permissions.sees_everything(user)

    def for_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        if self.sees_all(user):
            return self
        return self.filter(**{f"{self.unit_field}_id__in": permissions.unit_ids(user)})


class SignedInQuerySet(models.QuerySet):
    """Rows every signed-in member of the organisation may read (published figures, communication
    work); anonymous users see nothing. Writing is scoped separately (``writable_by``)."""

    def for_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self

    def writable_by(self, user):
        """Rows the user may change: their own units' (coordinators see but do not edit others')."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        unit_field = getattr(self, "unit_field", "unit")
        return self.filter(**{f"{unit_field}_id__in": permissions.unit_ids(user, permissions.ACTING_ROLES)})
