"""Nhập cán bộ từ tệp .xlsx: accounts by unit, checked in full before any is saved.

New accounts get an initial password, returned once (to print and hand over) and never stored in
clear; existing accounts (same username) are updated, so the same file can be imported again.
"""

import io
import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from kehoach.core.audit import record
from kehoach.core.errors import DomainError
from kehoach.core.validation import row_text_problem
from kehoach.org.models import Membership, Role, Unit
from kehoach.org.unit_import import _header_key, _text

HEADERS = {
    "username": "username",
    "ten dang nhap": "username",
    "full name": "full_name",
    "ho va ten": "full_name",
    "ho ten": "full_name",
    "unit code": "unit",
    "ma don vi": "unit",
    "role": "role",
    "vai tro": "role",
    "email": "email",
    "thu dien tu": "email",
}
TEMPLATE_HEADERS = ["username", "full name", "unit code", "role", "email"]
_ROLES = {_header_key(v): v for v in Role.values} | {_header_key(label): v for v, label in Role.choices}
_ROLES |= {"thuong truc": "coordinator", "lanh dao": "leader", "can bo": "officer", "tai chinh": "finance"}
# The short names people write in a sheet: the label without its bracket ("Cơ quan thường trực").
_ROLES |= {_header_key(label.split(" (")[0]): v for v, label in Role.choices}
_ROLES |= {"can bo dau moi": "officer", "can bo don vi": "officer", "lanh dao ubnd": "leader"}
MAX_ROWS = 5000
_NAME_MAX = 150  # User.first_name
_EMAIL_MAX = 254  # User.email


@dataclass
class Person:
    line: int
    username: str
    full_name: str
    unit: str
    role: str
    email: str = ""
    action: str = ""  # create | update

    @property
    def role_label(self) -> str:
        """The role as the page says it (never the code)."""
        return Role(self.role).label if self.role in Role.values else ""


@dataclass
class PeopleCheck:
    people: list[Person] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for p in self.people if p.action == "create")

    @property
    def updated(self) -> int:
        return sum(1 for p in self.people if p.action == "update")


def check_people(raw: bytes) -> PeopleCheck:
    """Read and check every row; says who will be created or updated, saves nothing."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # not a workbook
        raise DomainError("Không đọc được tệp: cần một tệp Excel .xlsx theo mẫu.") from exc
    lines = book.worksheets[0].iter_rows(values_only=True)
    columns = {i: HEADERS.get(_header_key(h)) for i, h in enumerate(next(lines, None) or ())}
    missing = {"username", "unit", "role"} - set(columns.values())
    if missing:
        raise DomainError("Tệp thiếu cột bắt buộc: " + ", ".join(sorted(missing)) + " (xem tệp mẫu).")
    result = PeopleCheck()
    units = set(Unit.objects.values_list("code", flat=True))
    existing = set(get_user_model().objects.values_list("username", flat=True))
    seen: dict[str, int] = {}
    for line, values in enumerate(lines, start=2):
        cells = {columns[i]: _text(v) for i, v in enumerate(values) if columns.get(i)}
        if not any(cells.values()):
            continue
        if len(result.people) >= MAX_ROWS:
            raise DomainError(f"Tệp có quá nhiều dòng: tối đa {MAX_ROWS} người một lần.")
        p = Person(
            line,
            cells.get("username", "").lower(),
            cells.get("full_name", ""),
            cells.get("unit", "").lower(),
            _ROLES.get(_header_key(cells.get("role", "")), ""),
            cells.get("email", ""),
        )
        err = result.errors
        if (
            not p.username
            or len(p.username) > 150
            or not all(c.isalnum() or c in "@.+-_" for c in p.username)
        ):
            err.append(f"Dòng {line}: tên đăng nhập “{p.username}” không hợp lệ (chữ không dấu, số, . - _).")
        elif p.username in seen:
            err.append(f"Dòng {line}: tên đăng nhập “{p.username}” đã có ở dòng {seen[p.username]}.")
        seen.setdefault(p.username, line)
        if p.unit not in units:
            err.append(f"Dòng {line}: không có đơn vị mã “{p.unit}” (nhập danh sách đơn vị trước).")
        if not p.role:
            err.append(f"Dòng {line}: vai trò “{cells.get('role', '')}” không có trong danh mục.")
        # The same text rule as every other path (core/validation.py), within the account's columns.
        for label, value, limit in (
            ("họ và tên", p.full_name, _NAME_MAX),
            ("thư điện tử", p.email, _EMAIL_MAX),
        ):
            if why := row_text_problem(value, label, limit):
                err.append(f"Dòng {line}: {why}")
        if p.email:
            try:
                validate_email(p.email)
            except ValidationError:
                err.append(f"Dòng {line}: thư điện tử “{p.email}” không hợp lệ.")
        p.action = "update" if p.username in existing else "create"
        result.people.append(p)
    if not result.people and not result.errors:
        raise DomainError("Tệp không có người nào.")
    return result


def initial_password() -> str:
    """Twelve easy-to-read characters (no 0/O, 1/l): typed once from a printed sheet."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


@transaction.atomic
def save_people(result: PeopleCheck, user=None, progress=None) -> list[tuple[Person, str]]:
    """Create or update every account; returns (person, initial password or "") to print once.

    ``progress(percent, message)`` is told after each person: hashing a password is the slow part.
    """
    if result.errors:
        raise DomainError("Tệp còn lỗi: chưa lưu gì.")
    User = get_user_model()
    units = {u.code: u for u in Unit.objects.all()}
    handed: list[tuple[Person, str]] = []
    for p in result.people:
        account, created = User.objects.get_or_create(username=p.username)
        password = ""
        if created:
            password = initial_password()
            account.set_password(password)
        account.first_name = p.full_name or account.first_name
        account.email = p.email or account.email
        account.save()
        unit = units[p.unit]
        Membership.objects.get_or_create(user=account, unit=unit, role=p.role)
        if p.role == Role.OFFICER and unit.focal_person_id is None:
            # Cán bộ đầu mối: reminders and notices of the unit go to this person's address.
            unit.focal_person = account
            unit.save(update_fields=["focal_person"])
        record(
            account,
            "create" if created else "update",
            {"unit": [None, p.unit], "role": [None, p.role]},
            verb="Nhập cán bộ từ tệp Excel",
            actor=user,
        )
        handed.append((p, password))
        if progress is not None:
            progress(
                100 * len(handed) / len(result.people), f"Đã lưu {len(handed)}/{len(result.people)} người"
            )
    return handed


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Cán bộ"
    sheet.append(TEMPLATE_HEADERS)
    sheet.append(["nguyenvana", "Nguyễn Văn A", "xa-vi-du", "officer", "nguyenvana@example.gov.vn"])
    roles = book.create_sheet("Vai trò")
    for value, label in Role.choices:
        roles.append([value, label])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
