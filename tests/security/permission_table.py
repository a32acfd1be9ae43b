"""Expected outcomes of every route for every demo role, written once (tests/security/test_permission_matrix.py)."""

ROLES = ["anonymous", "noivu", "lanhdao", "tckh", "phuocdan", "phuochau", "vhtt", "admin"]
PAGES: dict[str, str] = {}
API: dict[str, str] = {}
SKIP_PAGES: dict[str, str] = {}
