"""Small personas for the security tests: two plain accounts and an admin, no organisation needed."""

import pytest

PASSWORD = "kehoach-demo"


@pytest.fixture
def accounts(db):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    made = {
        "vpub": User.objects.create_user("vpub", "vpub@example.vn", PASSWORD),
        "vhtt": User.objects.create_user("vhtt", "vhtt@example.vn", PASSWORD),
        "admin": User.objects.create_superuser("admin", "admin@example.vn", PASSWORD),
    }
    return made
