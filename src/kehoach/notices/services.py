"""Delivering notices: in the app first, e-mail as an extra channel.

One failure policy for every mail the app sends (urging notices, due/overdue reminders, radio-week
reminders):

- the notice and its recipient rows are written in the caller's transaction; the mail is sent only
  after that transaction commits (``transaction.on_commit``), so a rollback sends nothing;
- each addressed unit is mailed at most once: its row is claimed (``pending``/``failed`` →
  ``sending``) in a small transaction of its own before the mail leaves, then marked ``sent``;
- a failure is logged and recorded on the row (``failed``, with the error); ``kehoach remind``
  retries failed rows up to :data:`MAX_MAIL_ATTEMPTS` attempts in all; the status is shown to the
  coordinator on the notice's page and in the API.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from kehoach.core.audit import record
from kehoach.core.errors import Forbidden
from kehoach.notices.models import MailStatus, Notice, NoticeRecipient, NoticeUnit
from kehoach.org.models import Membership, Unit

log = logging.getLogger(__name__)

#: Attempts in all (the first one after commit, then retries by ``kehoach remind``).
MAX_MAIL_ATTEMPTS = 3


def unit_address(unit: Unit) -> str:
    """Where a unit's mail goes: its focal person's address, else the unit's own (one rule for all mail)."""
    person = unit.focal_person if unit.focal_person_id else None
    return (person.email if person is not None and person.email else "") or unit.email or ""


def deliver(
    *,
    key: str,
    kind: str,
    title: str,
    body: str,
    units: Iterable[Unit],
    plan=None,
    period: str = "",
    number: int | None = None,
    letter: list | None = None,
    sent_by=None,
    now=None,
) -> Notice | None:
    """Gửi thông báo: deliver a notice in the app to ``units`` and each of their members.

    Idempotent on ``key`` (e.g. ``"reminder:overdue:42"``): a second call with the same key
    delivers nothing and returns ``None``. Runs in the caller's transaction; e-mail to the units
    that have an address is queued for after the commit.
    """
    units = sorted({u.pk: u for u in units}.values(), key=lambda u: (u.sort_order, u.name))
    now = now or timezone.now()
    try:
        with transaction.atomic():  # a savepoint: a duplicate key must not spoil the caller's work
            notice = Notice.objects.create(
                key=key,
                kind=kind,
                plan=plan,
                period=period,
                number=number,
                title=title[:300],
                body=body,
                letter=letter or [],
                sent_at=now,
                sent_by=sent_by if getattr(sent_by, "is_authenticated", False) else None,
            )
    except IntegrityError:
        return None
    rows = []
    for unit in units:
        email = unit_address(unit)
        rows.append(
            NoticeUnit(
                notice=notice,
                unit=unit,
                email=email,
                mail_status=MailStatus.PENDING if email else MailStatus.NO_ADDRESS,
            )
        )
    NoticeUnit.objects.bulk_create(rows)
    by_unit = {r.unit_id: r for r in NoticeUnit.objects.filter(notice=notice)}
    recipients: dict[int, NoticeRecipient] = {}
    members = (
        Membership.objects.filter(unit_id__in=by_unit, user__is_active=True)
        .order_by("unit__sort_order", "id")
        .values_list("unit_id", "user_id")
    )
    for unit_id, user_id in members:
        # A person in two addressed units gets the notice once (under the first unit).
        recipients.setdefault(
            user_id,
            NoticeRecipient(notice=notice, unit_row=by_unit[unit_id], user_id=user_id, delivered_at=now),
        )
    NoticeRecipient.objects.bulk_create(recipients.values())
    record(
        notice,
        "action",
        {"units": [None, sorted(by_unit)], "recipients": [None, len(recipients)]},
        verb="Gửi thông báo",
        actor=sent_by,
    )
    if any(r.mail_status == MailStatus.PENDING for r in rows):
        transaction.on_commit(partial(send_pending_mail, notice_id=notice.pk))
    return notice


# --- reading -----------------------------------------------------------------------------------


@transaction.atomic
def mark_read(notice: Notice, user, now=None) -> NoticeRecipient:
    """Đã đọc: the first opening is kept (``read_at`` never moves once set)."""
    row = NoticeRecipient.objects.select_for_update().filter(notice=notice, user=user).first()
    if row is None:
        raise Forbidden("Thông báo này không gửi cho bạn.")
    if row.read_at is None:
        row.read_at = now or timezone.now()
        row.save(update_fields=["read_at"])
    return row


@transaction.atomic
def mark_all_read(user, now=None) -> int:
    """Đánh dấu tất cả đã đọc."""
    return NoticeRecipient.objects.filter(user=user, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )


# --- e-mail ------------------------------------------------------------------------------------


def _mail_text(row: NoticeUnit) -> tuple[str, str]:
    notice = row.notice
    body = notice.body
    items = next((u["items"] for u in notice.letter if u.get("unit_id") == row.unit_id), [])
    if items:
        lines = "\n".join(f"- {i['title']} (hạn {i['due_label']}, {i['label'].lower()})" for i in items)
        body = f"{body}\n\nViệc chưa hoàn thành của đơn vị:\n{lines}"
    return f"[Kehoach] {notice.title}", f"{body}\n\nXem trong Kehoach: mục Thông báo.\n"


def _claim(row_id: int) -> NoticeUnit | None:
    """Take a row for sending in its own small transaction, so it is mailed at most once."""
    with transaction.atomic():
        row = (
            NoticeUnit.objects.select_for_update()
            .filter(
                pk=row_id,
                mail_status__in=[MailStatus.PENDING, MailStatus.FAILED],
                mail_attempts__lt=MAX_MAIL_ATTEMPTS,
            )
            .first()
        )
        if row is None:
            return None
        row.mail_status = MailStatus.SENDING
        row.mail_attempts += 1
        row.save(update_fields=["mail_status", "mail_attempts"])
    return row


def mail_one(row_id: int) -> bool:
    """Send one unit's mail if it is still owed; ``True`` when it left now."""
    row = _claim(row_id)
    if row is None:
        return False
    row = NoticeUnit.objects.select_related("notice").get(pk=row.pk)
    subject, body = _mail_text(row)
    try:
        send_mail(subject, body, None, [row.email])
    except Exception as exc:  # any transport failure: the same policy for every mail path
        log.warning(
            "mail of notice %s to %s failed (attempt %s): %s",
            row.notice_id,
            row.email,
            row.mail_attempts,
            exc,
        )
        NoticeUnit.objects.filter(pk=row.pk).update(mail_status=MailStatus.FAILED, mail_error=str(exc)[:500])
        return False
    NoticeUnit.objects.filter(pk=row.pk).update(
        mail_status=MailStatus.SENT, mailed_at=timezone.now(), mail_error=""
    )
    return True


def send_pending_mail(notice_id: int | None = None) -> int:
    """Send every mail still owed (of one notice, or all): pending rows and failed ones with
    attempts left. Called after commit by :func:`deliver` and by ``kehoach remind`` (the retry)."""
    rows = NoticeUnit.objects.filter(
        mail_status__in=[MailStatus.PENDING, MailStatus.FAILED], mail_attempts__lt=MAX_MAIL_ATTEMPTS
    )
    if notice_id is not None:
        rows = rows.filter(notice_id=notice_id)
    return sum(mail_one(pk) for pk in list(rows.order_by("id").values_list("pk", flat=True)))
