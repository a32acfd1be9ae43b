"""Resolving the names a document uses to units and groups: exact, alias, then fuzzy."""

from dataclasses import dataclass

from kehoach.importing.names import normalize_key
from kehoach.org.models import Alias, Unit, UnitGroup

FUZZY_THRESHOLD = 88.0


@dataclass
class Resolution:
    """What a name in a document refers to, and how sure we are (score 0–100)."""

    name: str
    unit: Unit | None = None
    group: UnitGroup | None = None
    score: float = 0.0
    method: str = "none"  # exact | alias | fuzzy | none

    @property
    def found(self) -> bool:
        return self.unit is not None or self.group is not None


class NameIndex:
    """All known names (units, groups, aliases) by key; built once per request or import."""

    def __init__(self):
        self.by_key: dict[str, tuple[str, object]] = {}
        for unit in Unit.objects.all():
            for name in (unit.name, unit.short_name):
                if name:
                    self.by_key.setdefault(normalize_key(name), ("exact", unit))
        for group in UnitGroup.objects.all():
            self.by_key.setdefault(normalize_key(group.name), ("exact", group))
        for alias in Alias.objects.select_related("unit", "group"):
            self.by_key.setdefault(alias.key, ("alias", alias.unit or alias.group))

    def resolve(self, name: str) -> Resolution:
        key = normalize_key(name or "")
        if not key:
            return Resolution(name=name)
        hit = self.by_key.get(key)
        if hit is None:
            from rapidfuzz import fuzz, process

            best = process.extractOne(key, list(self.by_key), scorer=fuzz.token_sort_ratio)
            if best is None or best[1] < FUZZY_THRESHOLD:
                return Resolution(name=name, score=best[1] if best else 0.0)
            method, target = "fuzzy", self.by_key[best[0]][1]
            score = float(best[1])
        else:
            method, target = hit
            score = 100.0
        if isinstance(target, Unit):
            return Resolution(name=name, unit=target, score=score, method=method)
        return Resolution(name=name, group=target, score=score, method=method)


def add_alias(target: Unit | UnitGroup, name: str) -> Alias | None:
    """Remember another spelling of a unit's or group's name (no-op when already known)."""
    key = normalize_key(name)
    if not key:
        return None
    field = "unit" if isinstance(target, Unit) else "group"
    alias, _ = Alias.objects.get_or_create(key=key, defaults={"name": name, field: target})
    return alias
