"""Sao lưu và phục hồi: the database and the uploaded files in one archive with a checksummed manifest.

Archive (a .tar file): ``manifest.json`` (format, created_at, engine, and the SHA-256 and size of
every other member), ``database.sqlite3`` (SQLite online backup API: consistent while the app
runs) or ``database.dump`` (``pg_dump -Fc``), and ``media/...`` (evidence and uploads).
Restore checks every checksum before touching anything, so a damaged or truncated archive
changes nothing.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 - pg_dump/pg_restore with argument lists, never a shell
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = "kehoach-backup/1"


class BackupError(Exception):
    """A backup that cannot be made, or an archive that must not be restored."""


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432)]
    args += ["-U", str(db.get("USER") or "postgres"), "-d", str(db["NAME"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    raise BackupError(f"Không tìm thấy {name} (cài gói postgresql-client).")


def _dump_database(workdir: Path) -> Path:
    if connection.vendor == "sqlite":
        target = workdir / "database.sqlite3"
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(dest)  # online, consistent copy
        finally:
            dest.close()
        return target
    if connection.vendor == "postgresql":
        target = workdir / "database.dump"
        args, env = _pg_env()
        subprocess.run(
            [_pg_tool("pg_dump"), "-Fc", "--no-owner", "-f", str(target), *args], env=env, check=True
        )  # nosec B603
        return target
    raise BackupError(f"Cơ sở dữ liệu {connection.vendor} chưa được hỗ trợ.")


def _file_problem(exc: OSError) -> str:
    """Why a path cannot be read or written, in Vietnamese (the OS's own text is English)."""
    if isinstance(exc, FileNotFoundError):
        return "không tìm thấy tệp hoặc thư mục"
    if isinstance(exc, IsADirectoryError):
        return "đây là một thư mục, không phải tệp"
    if isinstance(exc, PermissionError):
        return "không có quyền đọc/ghi"
    if isinstance(exc, NotADirectoryError):
        return "đường dẫn không phải thư mục"
    return "lỗi đọc/ghi tệp"


def make_backup(path: str | os.PathLike) -> dict:
    """Write the archive to ``path``; returns the manifest."""
    folder = Path(path).parent
    if not folder.is_dir():  # checked first: a dump of the whole database must not go to waste
        raise BackupError(f"Không ghi được bản sao lưu: không có thư mục {folder}.")
    try:
        return _write_backup(path)
    except OSError as exc:
        raise BackupError(f"Không ghi được bản sao lưu vào {path}: {_file_problem(exc)}.") from None


def _write_backup(path: str | os.PathLike) -> dict:
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        db_file = _dump_database(workdir)
        files = {db_file.name: db_file}
        if media.exists():
            for f in sorted(media.rglob("*")):
                if f.is_file():
                    files["media/" + f.relative_to(media).as_posix()] = f
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "engine": connection.vendor,
            "files": {
                name: {"sha256": _sha256_file(f), "size": f.stat().st_size} for name, f in files.items()
            },
        }
        partial = Path(str(path) + ".partial")
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            for name, f in files.items():
                tar.add(f, arcname=name, recursive=False)
        os.replace(partial, path)  # a crash never leaves a half-written archive under the real name
    return manifest


def verify(path: str | os.PathLike, into: Path) -> dict:
    """Extract to ``into`` and check the manifest; raise BackupError on any damage."""
    try:
        with tarfile.open(path, "r") as tar:
            names = tar.getnames()
            if "manifest.json" not in names:
                raise BackupError("Tệp sao lưu thiếu manifest.json.")
            tar.extractall(into, filter="data")  # "data" refuses absolute paths, links out, devices
    except OSError as exc:
        raise BackupError(f"Không đọc được tệp sao lưu {path}: {_file_problem(exc)}.") from None
    except (tarfile.TarError, EOFError):
        # tarfile's own text is English ("file could not be opened successfully").
        raise BackupError(
            f"Tệp {path} không phải bản sao lưu .tar hợp lệ (hỏng hoặc sai định dạng)."
        ) from None
    try:
        manifest = json.loads((into / "manifest.json").read_text())
    except ValueError:
        raise BackupError("manifest.json không hợp lệ.")
    if manifest.get("format") != FORMAT:
        raise BackupError("Không phải tệp sao lưu của Kehoach (định dạng lạ).")
    expected = manifest.get("files") or {}
    present = {n for n in names if (into / n).is_file()} - {"manifest.json"}
    if set(expected) != present:
        raise BackupError("Danh sách tệp trong bản sao lưu không khớp manifest.")
    for name, meta in expected.items():
        if _sha256_file(into / name) != meta["sha256"]:
            raise BackupError(f"Tệp {name} trong bản sao lưu bị hỏng (sai SHA-256).")
    if manifest.get("engine") != connection.vendor:
        raise BackupError(
            f"Bản sao lưu của {manifest.get('engine')}, không phục hồi vào {connection.vendor} được."
        )
    return manifest


def restore_backup(path: str | os.PathLike) -> dict:
    """Replace the database and the uploaded files by the archive's; nothing changes if it is damaged."""
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        manifest = verify(path, workdir)
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(workdir / "database.sqlite3")
            try:
                source.backup(connection.connection)  # page by page into the live file
            finally:
                source.close()
        else:
            args, env = _pg_env()
            connection.close()
            subprocess.run(  # nosec B603
                [
                    _pg_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    *args,
                    str(workdir / "database.dump"),
                ],
                env=env,
                check=True,
            )
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        if (workdir / "media").exists():
            shutil.copytree(workdir / "media", media)
        else:
            media.mkdir(parents=True, exist_ok=True)
    return manifest
