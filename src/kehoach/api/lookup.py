"""Fetching one record for the API the way the contract asks: 404 when it does not exist,
403 when it exists but belongs to a unit the user may not see."""

from django.shortcuts import get_object_or_404

from kehoach.core.errors import Forbidden


def get_visible_or_403(queryset, pk: int, user, message: str):
    """``queryset`` carries the select_related the caller needs; its model has ``objects.for_user``."""
    obj = get_object_or_404(queryset, pk=pk)
    if not queryset.model.objects.for_user(user).filter(pk=pk).exists():
        raise Forbidden(message)
    return obj
