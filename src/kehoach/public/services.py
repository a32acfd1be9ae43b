"""Workflows of the public side: receiving citizens' feedback (with abuse limits), routing, answering, publishing; news."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from kehoach.core import audit, permissions
from kehoach.core.errors import Conflict, DomainError, Forbidden
from kehoach.core.validation import clean_web_url
from kehoach.org.models import Unit
from kehoach.public.models import FEEDBACK_OPEN, Feedback, FeedbackStatus, NewsItem, Procedure
from kehoach.rules.workdays import add_working_days

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: codes are read over the phone
MIN_CONTENT = 10
MAX_CONTENT = 5000
_LINK_RE = re.compile(r"(https?://\S+|www\.\S+)", re.IGNORECASE)


class RateLimited(DomainError):
    """Too many posts from one address (429)."""

    status = 429


def answer_days() -> int:
    """Working days the administration has to answer (default 10)."""
    return int(getattr(settings, "KEHOACH_FEEDBACK_ANSWER_DAYS", 10))


def rate_limit() -> tuple[int, int]:
    """(posts, seconds) allowed per address: default 5 per 10 minutes."""
    return (
        int(getattr(settings, "KEHOACH_FEEDBACK_RATE_COUNT", 5)),
        int(getattr(settings, "KEHOACH_FEEDBACK_RATE_SECONDS", 600)),
    )


def hash_ip(ip: str) -> str:
    """A keyed hash of the sender's address: enough to count posts, useless to identify anyone."""
    return hmac.new(settings.SECRET_KEY.encode(), (ip or "").encode(), hashlib.sha256).hexdigest()


CODE_LENGTH = 10  # 32^10 ≈ 10^15 per year: guessing one code at the lookup throttle takes millennia


def new_code(year: int) -> str:
    """Mã tra cứu like "PA-2021-7KQ3XM9P2A": unguessable, no look-alike symbols (read over the phone)."""
    return f"PA-{year}-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


# --- spam guards of the public API (the web form has its own honeypot and signed render time) ---
_TOKEN_SALT = "kehoach.feedback-api"


def issue_form_token() -> str:
    """A signed, single-use form token: its age proves a person took a few seconds to write."""
    return signing.dumps({"t": int(time.time()), "n": secrets.token_urlsafe(9)}, salt=_TOKEN_SALT)


def check_form_token(token: str) -> str:
    """The token's nonce; refuses a forged, expired (24 h), too fresh or already used token (400)."""
    min_seconds = int(getattr(settings, "KEHOACH_FEEDBACK_MIN_SECONDS", 3))
    try:
        data = signing.loads(token or "", salt=_TOKEN_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        raise DomainError("Mã biểu mẫu (form_token) không hợp lệ hoặc đã hết hạn; hãy lấy mã mới.")
    if time.time() - int(data.get("t", 0)) < min_seconds:
        raise DomainError("Bạn gửi quá nhanh; hãy kiểm tra nội dung rồi gửi lại.")
    if not cache.add(f"kehoach:feedback-token:{data.get('n')}", 1, timeout=24 * 3600):
        raise DomainError("Mã biểu mẫu (form_token) đã được dùng; hãy lấy mã mới.")
    return str(data.get("n"))


def take_slot(key: str, count: int, seconds: int, message: str) -> None:
    """Count one use of ``key``; RateLimited (429) beyond ``count`` within ``seconds``."""
    key = f"kehoach:slot:{key}"
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        used = 1
    if used > count:
        raise RateLimited(message)


def content_fingerprint(text: str) -> str:
    """The same complaint pasted again (any spacing or case) has the same fingerprint."""
    normal = " ".join(text.casefold().split())
    return hashlib.sha256(normal.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return (code or "").strip().upper()


def check_content(content: str) -> str:
    """Length 10–5000 characters, and not mostly links (the usual spam)."""
    text = (content or "").strip()
    if len(text) < MIN_CONTENT:
        raise DomainError(f"Nội dung phản ánh quá ngắn: cần ít nhất {MIN_CONTENT} ký tự.")
    if len(text) > MAX_CONTENT:
        raise DomainError(f"Nội dung phản ánh quá dài: tối đa {MAX_CONTENT} ký tự.")
    links = _LINK_RE.findall(text)
    link_chars = sum(len(x) for x in links)
    if links and (link_chars * 2 > len(text) or len(links) > 3):
        raise DomainError("Nội dung chủ yếu là đường dẫn; hãy mô tả vướng mắc bằng lời.")
    return text


def _take_rate_slot(ip_hash: str, trusted: bool = False) -> None:
    """Count a post from this address; refuse beyond the limit within the window.

    ``trusted``: the post carries a valid single-use form token (a person filled a form), so an
    office of many people behind one address gets six times the budget."""
    count, seconds = rate_limit()
    count = count * 6 if trusted else count
    key = f"kehoach:feedback:{ip_hash}"
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        used = 1
    if used > count:
        minutes = max(1, seconds // 60)
        raise RateLimited(
            f"Bạn đã gửi quá {count} phản ánh trong {minutes} phút. Vui lòng thử lại sau ít phút."
        )


def submit_feedback(
    *,
    content: str,
    procedure: Procedure | int | str | None = None,
    procedure_text: str = "",
    name: str = "",
    contact: str = "",
    ip: str = "",
    now: datetime.datetime | None = None,
    trusted: bool = False,
) -> Feedback:
    """Receive a citizen's feedback: validate, rate-limit by address, give it a code and a due date."""
    text = check_content(content)
    name = (name or "").strip()
    contact = (contact or "").strip()
    if len(name) > 120:
        raise DomainError("Họ tên quá dài (tối đa 120 ký tự).")
    if len(contact) > 200:
        raise DomainError("Thông tin liên hệ quá dài (tối đa 200 ký tự).")
    proc = None
    if isinstance(procedure, Procedure):
        proc = procedure
    elif procedure not in (None, ""):
        # The public may send a procedure's id, its code, or just its name in words.
        value = str(procedure).strip()
        proc = Procedure.objects.filter(code__iexact=value).first()
        if proc is None and value.isdigit():
            proc = Procedure.objects.filter(pk=int(value)).first()
        if proc is None:
            procedure_text = procedure_text or value
    procedure_text = (procedure_text or "").strip()[:300]
    ip_hash = hash_ip(ip)
    _take_rate_slot(ip_hash, trusted)
    now = now or timezone.now()
    received = timezone.localtime(now).date()
    for _ in range(5):
        try:
            with transaction.atomic():
                return Feedback.objects.create(
                    code=new_code(received.year),
                    content=text,
                    procedure=proc,
                    procedure_text=procedure_text,
                    name=name,
                    contact=contact,
                    received_at=now,
                    due_date=add_working_days(received, answer_days()),
                    ip_hash=ip_hash,
                )
        except IntegrityError:  # a code collision: draw again
            continue
    raise Conflict("Không tạo được mã tra cứu; vui lòng gửi lại.")


def lookup(code: str) -> Feedback | None:
    """The feedback with this tracking code, or None."""
    code = normalise_code(code)
    if not code or len(code) > 24:
        return None
    return Feedback.objects.filter(code=code).select_related("routed_to").first()


def _locked(feedback: Feedback) -> Feedback:
    return Feedback.objects.select_for_update().get(pk=feedback.pk)


def route(feedback: Feedback, user, unit: Unit | int) -> Feedback:
    """Chuyển xử lý: the desk sends open feedback to the unit that must answer it."""
    if not permissions.is_feedback_desk(user):
        raise Forbidden(
            "Chỉ bộ phận tiếp nhận (Phòng Nội vụ, Văn phòng HĐND-UBND) được chuyển xử lý phản ánh."
        )
    unit_obj = unit if isinstance(unit, Unit) else Unit.objects.filter(pk=unit).first()
    if unit_obj is None:
        raise DomainError("Đơn vị xử lý không tồn tại.")
    with transaction.atomic():
        fb = _locked(feedback)
        if fb.status not in FEEDBACK_OPEN:
            raise Conflict(
                f"Phản ánh đang ở trạng thái “{fb.get_status_display()}”, không chuyển xử lý được."
            )
        fb.routed_to = unit_obj
        fb.status = FeedbackStatus.ROUTED
        fb.save()
        audit.record(fb, "action", {"routed_to": [None, unit_obj.pk]}, verb="chuyển xử lý")
    return fb


def answer(feedback: Feedback, user, text: str, publish: bool = False) -> Feedback:
    """Trả lời: the routed unit (or the desk) writes the answer; the desk may publish it at once."""
    text = (text or "").strip()
    if len(text) < 5:
        raise DomainError("Nội dung trả lời quá ngắn.")
    if len(text) > 10000:
        raise DomainError("Nội dung trả lời quá dài (tối đa 10.000 ký tự).")
    with transaction.atomic():
        fb = _locked(feedback)  # routing is read under the lock: it may have changed since the caller read it
        if not permissions.can_answer_feedback(user, fb):
            raise Forbidden("Phản ánh này không được chuyển cho đơn vị của bạn.")
        if fb.status not in (*FEEDBACK_OPEN, FeedbackStatus.ANSWERED):
            raise Conflict(f"Phản ánh đang ở trạng thái “{fb.get_status_display()}”, không trả lời được.")
        fb.answer = text
        fb.answered_by = user
        fb.answered_at = timezone.now()
        fb.status = FeedbackStatus.ANSWERED
        fb.save()
        audit.record(fb, "action", {}, verb="trả lời")
    if publish:
        fb = publish_answer(fb, user)
    return fb


def publish_answer(feedback: Feedback, user) -> Feedback:
    """Công khai trả lời: the desk makes the answer visible on the lookup page."""
    if not permissions.is_feedback_desk(user):
        raise Forbidden("Chỉ bộ phận tiếp nhận được công khai trả lời.")
    with transaction.atomic():
        fb = _locked(feedback)
        if fb.status != FeedbackStatus.ANSWERED:
            raise Conflict("Chỉ công khai được phản ánh đã có trả lời.")
        fb.is_published = True
        fb.status = FeedbackStatus.PUBLISHED
        fb.save()
        audit.record(fb, "action", {}, verb="công khai trả lời")
    return fb


def reject(feedback: Feedback, user, reason: str) -> Feedback:
    """Không xử lý (spam, not about a procedure): the reason is shown to the sender on lookup."""
    if not permissions.is_feedback_desk(user):
        raise Forbidden("Chỉ bộ phận tiếp nhận được từ chối phản ánh.")
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise DomainError("Cần nêu lý do không xử lý.")
    with transaction.atomic():
        fb = _locked(feedback)
        if fb.status not in FEEDBACK_OPEN:
            raise Conflict(f"Phản ánh đang ở trạng thái “{fb.get_status_display()}”, không từ chối được.")
        fb.status = FeedbackStatus.REJECTED
        fb.answer = reason
        fb.answered_by = user
        fb.answered_at = timezone.now()
        fb.is_published = True
        fb.save()
        audit.record(fb, "action", {}, verb="không xử lý")
    return fb


def publish_news(
    user,
    *,
    unit: Unit | int,
    title: str,
    summary: str = "",
    body: str = "",
    url: str = "",
    published_at: datetime.datetime | None = None,
    is_published: bool = True,
) -> NewsItem:
    """Đăng tin CCHC for a unit the user acts for."""
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    if not permissions.can_act_for(user, unit_id):
        raise Forbidden("Bạn không đăng tin thay cho đơn vị này được.")
    title = (title or "").strip()
    if not title:
        raise DomainError("Cần nhập tiêu đề tin.")
    url = clean_web_url(url, "Đường dẫn bài gốc")
    with transaction.atomic():
        return NewsItem.objects.create(
            unit_id=unit_id,
            title=title[:300],
            summary=(summary or "").strip()[:600],
            body=body or "",
            url=url or "",
            published_at=published_at or timezone.now(),
            is_published=is_published,
            created_by=user,
        )
