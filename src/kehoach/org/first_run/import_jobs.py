"""Nhập dữ liệu chạy nền: the units, people and plan imports run as jobs (tác vụ nền) with progress.

An upload is kept once under ``media/imports/<user>/<sha256>`` and the job carries only its path,
so the same file sent twice by the same person while its job runs finds that job (the job
queue's dedupe key: a second click never starts a second job). Each job returns plain data; a
refusal (``DomainError``) is returned as ``{"error", "status"}`` so the page keeps its 4xx.

The page polls ``org:import_job`` (htmx, each second) and the box finishes in place: the preview
of what will change, the saved counts, the initial passwords (shown once, then wiped from the
job row), or, for a plan, the review page.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from kehoach.core.errors import DomainError
from kehoach.jobs import services as jobs

#: What each step is called on the page.
TITLES = {
    "units_check": "Kiểm tra danh sách đơn vị",
    "units_save": "Lưu danh sách đơn vị",
    "people_check": "Kiểm tra danh sách cán bộ",
    "people_save": "Lưu danh sách cán bộ",
    "plan_read": "Đọc văn bản kế hoạch",
    "outputs_save": "Nhập sản phẩm tuyên truyền từ Excel",
}


def keep_upload(user, raw: bytes, suffix: str) -> str:
    """Store the uploaded bytes once (by content) and return their storage path."""
    sha = hashlib.sha256(raw).hexdigest()
    name = f"imports/{user.pk}/{sha}{suffix}"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(raw))
    return name


def _read(path: str) -> bytes:
    if not path.startswith("imports/") or ".." in path:
        raise DomainError("Tệp tải lên không hợp lệ.")
    try:
        with default_storage.open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise DomainError("Tệp tải lên không còn, xin chọn lại tệp.") from None


def start(user, step: str, **kwargs):
    """Queue (or find the running) job of ``step``; returns the Job."""
    job, _created = jobs.start_call(user, globals()[step], title=TITLES[step], step=step, **kwargs)
    return job


def _refusal(exc: DomainError) -> dict:
    return {"error": exc.message, "status": exc.status}


# --- the jobs (run by the worker, or inline) ---------------------------------------------------


def units_check(path: str, step: str = "", progress=None) -> dict:
    from kehoach.org import unit_import

    try:
        raw = _read(path)
        progress and progress(10, "Đang đọc tệp")
        result, _none = unit_import.import_units(raw, save=False)
    except DomainError as exc:
        return _refusal(exc)
    return {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "errors": result.errors,
        "changes": [
            {
                "row": {"line": c.row.line, "code": c.row.code, "name": c.row.name, "parent": c.row.parent},
                "action": c.action,
                "fields": c.fields,
            }
            for c in result.changes
        ],
    }


def units_save(path: str, user=None, step: str = "", progress=None) -> dict:
    from kehoach.org import unit_import

    try:
        progress and progress(10, "Đang kiểm tra lại trước khi lưu")
        result, outcome = unit_import.import_units(_read(path), user=user)
    except DomainError as exc:
        return _refusal(exc)
    if outcome["errors"]:
        return {"error": "Tệp còn lỗi: chưa lưu gì.", "status": 400, "errors": result.errors}
    return {"created": outcome["created"], "updated": outcome["updated"]}


def people_check(path: str, step: str = "", progress=None) -> dict:
    from kehoach.org import people_import

    try:
        progress and progress(10, "Đang đọc tệp")
        result = people_import.check_people(_read(path))
    except DomainError as exc:
        return _refusal(exc)
    return {
        "created": result.created,
        "updated": result.updated,
        "errors": result.errors,
        "people": [
            {
                "line": p.line,
                "username": p.username,
                "full_name": p.full_name,
                "unit": p.unit,
                "role_label": p.role_label,
                "action": p.action,
            }
            for p in result.people
        ],
    }


def people_save(path: str, user=None, step: str = "", progress=None) -> dict:
    """Saving people is the slow step (a password hash each): progress is reported per person."""
    from kehoach.org import people_import

    try:
        checked = people_import.check_people(_read(path))
        handed = people_import.save_people(checked, user=user, progress=progress)
    except DomainError as exc:
        return _refusal(exc)
    # The passwords stay in the job row only until the page shows them (``take_passwords``).
    return {
        "handed": [
            {"full_name": p.full_name, "unit": p.unit, "username": p.username, "password": password}
            for p, password in handed
        ]
    }


def plan_read(path: str, filename: str, year: int | None = None, user=None, step: str = "", progress=None):
    from kehoach.plans import import_service

    try:
        progress and progress(10, "Đang đọc văn bản")
        doc = import_service.read_document(user, _read(path), filename, year)
    except DomainError as exc:
        return _refusal(exc)
    return {
        "data": doc.data,
        "source_name": doc.source_name,
        "source_sha256": doc.source_sha256,
        "source_text": doc.source_text,
    }


def outputs_save(
    path: str, unit_id: int, plan_id: int | None = None, user=None, step: str = "", progress=None
) -> dict:
    """Nhập sản phẩm tuyên truyền: every row checked, then all saved or none (``import_outputs``)."""
    from kehoach.org.models import Unit
    from kehoach.outputs import spreadsheet
    from kehoach.plans.models import Plan

    try:
        unit = Unit.objects.get(pk=unit_id)
        plan = Plan.objects.get(pk=plan_id) if plan_id else None
        progress and progress(10, "Đang kiểm tra từng dòng")
        saved, row_errors = spreadsheet.import_outputs(user, unit, plan, _read(path))
    except (Unit.DoesNotExist, Plan.DoesNotExist):
        return {"saved": 0, "row_errors": [[0, "Không tìm thấy đơn vị hoặc kế hoạch."]]}
    except DomainError as exc:
        return {"saved": 0, "row_errors": [[0, exc.message]]}
    return {"saved": saved, "row_errors": [list(e) for e in row_errors]}


def take_passwords(job) -> list[dict]:
    """The initial passwords of a finished people import, once: they are wiped as they are read."""
    from kehoach.jobs.models import Job

    data = job.result_data or {}
    handed = data.get("handed") or []
    if any(h.get("password") for h in handed):
        wiped = [dict(h, password="", shown=bool(h.get("password"))) for h in handed]
        Job.objects.filter(pk=job.pk).update(result_data={"handed": wiped, "passwords_shown": True})
    return handed
