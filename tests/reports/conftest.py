"""Fixtures of the reports tests: the whole demo, figures and parsed documents."""

import io

import pytest


@pytest.fixture
def viewer(org):
    """A read-only member (role "viewer") of Phòng Nội vụ."""
    from django.contrib.auth import get_user_model

    from kehoach.org.models import Membership, Role

    user = get_user_model().objects.create_user("xem", password="kehoach-demo")
    Membership.objects.create(user=user, unit=org["nv"], role=Role.VIEWER)
    return user


def open_docx(content: bytes):
    import docx

    return docx.Document(io.BytesIO(content))


def docx_text(document) -> str:
    """All text of a .docx, body paragraphs and table cells, in order enough for searching."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)
