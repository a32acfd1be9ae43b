"""kehoach backup / restore: the demo round-trips table by table and file by file; damage is refused."""

import hashlib
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> dict:
    """Every row of every table, and every uploaded file's digest."""
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the catalogue  # nosec B608
            tables[table] = sorted(repr(row) for row in cursor.fetchall())
    media = Path(settings.MEDIA_ROOT)
    files = {
        p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in media.rglob("*")
        if p.is_file()
    }
    return {"tables": tables, "files": files}


@pytest.fixture
def demo_with_files(db):
    from kehoach.demo.loader import run

    run(say=lambda *_: None)
    media = Path(settings.MEDIA_ROOT)
    (media / "evidence" / "2021").mkdir(parents=True, exist_ok=True)
    (media / "evidence" / "2021" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 bien ban hop\n" * 100)
    (media / "anh.png").write_bytes(bytes(range(256)) * 10)


def wipe():
    from django.contrib.auth import get_user_model

    from kehoach.plans.models import Plan

    Plan.objects.all().delete()
    get_user_model().objects.all().delete()
    for p in Path(settings.MEDIA_ROOT).rglob("*.pdf"):
        p.unlink()


def test_backup_wipe_restore_gives_identical_tables_and_files(demo_with_files, tmp_path):
    before = snapshot()
    assert sum(len(rows) for rows in before["tables"].values()) > 1000
    assert len(before["files"]) >= 2
    archive = tmp_path / "kehoach.tar"
    call_command("backup", str(archive))
    wipe()
    assert snapshot() != before
    call_command("restore", str(archive))
    after = snapshot()
    assert after["files"] == before["files"]
    for table, rows in before["tables"].items():
        assert after["tables"][table] == rows, table


def test_a_damaged_archive_is_refused_and_changes_nothing(demo_with_files, tmp_path):
    archive = tmp_path / "kehoach.tar"
    call_command("backup", str(archive))
    # Flip one byte inside the database member.
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.startswith("database"))
        offset = member.offset_data + member.size // 2
    data = bytearray(archive.read_bytes())
    data[offset] ^= 0xFF
    damaged = tmp_path / "damaged.tar"
    damaged.write_bytes(bytes(data))
    before = snapshot()
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("restore", str(damaged))
    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(archive.read_bytes()[:5000])
    with pytest.raises(CommandError):
        call_command("restore", str(truncated))
    assert snapshot() == before
