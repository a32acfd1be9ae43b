"""Delivering notices: in the app to every member of each addressed unit; e-mail only after
commit, at most once per unit, one failure policy (logged, retried by `kehoach remind`, shown)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from kehoach.core.errors import Forbidden
from kehoach.notices import selectors, services
from kehoach.notices.models import MailStatus, Notice, NoticeRecipient, NoticeUnit
from kehoach.tracking.models import UrgingNotice

from .conftest import OVERDUE_DAY, urge, user


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_urging_is_delivered_in_app_to_each_unit_and_each_member(report_plan, org, second_member):
    notice = urge(report_plan)
    assert notice.kind == "urging" and notice.number == 1 and notice.period == "2021-H1"
    codes = set(notice.unit_rows.values_list("unit__code", flat=True))
    assert codes == {"phuocdan", "phuochau", "anhai"}
    people = set(NoticeRecipient.objects.filter(notice=notice).values_list("user__username", flat=True))
    assert people == {"phuocdan", "pd-2", "phuochau", "cb-anhai"}
    assert selectors.unread_count(second_member) == 1
    # The letter snapshot names what each unit owed when it was sent.
    items = {u["unit"]: [i["title"] for i in u["items"]] for u in notice.letter}
    assert items["Ủy ban nhân dân thị trấn Phước Dân"] == ["Báo cáo 6 tháng đầu năm 2021"]


def test_units_chosen_by_the_coordinator_are_the_only_ones_urged(report_plan, org):
    notice = urge(report_plan, units=[org["phuocdan"]])
    assert list(notice.unit_rows.values_list("unit__code", flat=True)) == ["phuocdan"]
    assert UrgingNotice.objects.get().units.get().code == "phuocdan"


def test_rollback_after_send_urging_mails_nothing_and_retry_mails_once(
    report_plan, addresses, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        urge(report_plan)
        raise RuntimeError("something after the send fails: the whole request rolls back")
    assert callbacks == [] and mail.outbox == []
    assert not Notice.objects.exists() and not UrgingNotice.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        notice = urge(report_plan)  # the retry
    assert sorted(m.to[0] for m in mail.outbox) == [
        "phuocdan@ninhphuoc.example",
        "phuochau@ninhphuoc.example",
    ]
    assert "Báo cáo 6 tháng đầu năm 2021" in mail.outbox[0].body
    # Running the mail paths again (as `kehoach remind` does) sends nothing more.
    assert services.send_pending_mail() == 0
    assert services.send_pending_mail(notice.pk) == 0
    assert len(mail.outbox) == 2
    s = selectors.summary(notice)
    assert s == {
        "units": 3,
        "delivered": 3,
        "read": 0,
        "mailed": 2,
        "pending": 0,
        "failed": 0,
        "no_address": 1,
    }


def test_a_claimed_row_is_never_mailed_twice(report_plan, addresses):
    notice = urge(report_plan, units=[addresses["phuocdan"]])  # mail not sent: no commit in this test
    row = NoticeUnit.objects.get(notice=notice)
    assert row.mail_status == MailStatus.PENDING and mail.outbox == []
    assert services.mail_one(row.pk) is True
    assert services.mail_one(row.pk) is False
    row.refresh_from_db()
    assert len(mail.outbox) == 1 and row.mail_status == MailStatus.SENT and row.mailed_at is not None


def test_failed_mail_is_logged_shown_and_retried_by_remind_up_to_the_limit(
    report_plan, addresses, monkeypatch, caplog
):
    notice = urge(report_plan, units=[addresses["phuocdan"]])
    row = NoticeUnit.objects.get(notice=notice)

    def down(*args, **kwargs):
        raise ConnectionRefusedError("SMTP server refused the connection")

    monkeypatch.setattr("kehoach.notices.services.send_mail", down)
    assert services.mail_one(row.pk) is False
    row.refresh_from_db()
    assert row.mail_status == MailStatus.FAILED and row.mail_attempts == 1 and "refused" in row.mail_error
    assert "mail of notice" in caplog.text
    assert selectors.delivery(notice)[0].mail_label == "Gửi thư lỗi"
    for _ in range(5):  # the daily `kehoach remind` retries, but only up to the limit
        call_command("remind", "--today", "2021-06-26")
    row.refresh_from_db()
    assert row.mail_attempts == services.MAX_MAIL_ATTEMPTS and row.mail_status == MailStatus.FAILED

    monkeypatch.undo()
    row.mail_attempts = 1
    row.save()
    call_command("remind", "--today", "2021-06-27")  # the server is back: retried, sent once
    row.refresh_from_db()
    assert row.mail_status == MailStatus.SENT and len(mail.outbox) == 1


def test_opening_marks_read_once_and_others_cannot(report_plan, org):
    notice = urge(report_plan)
    first = datetime.datetime(2021, 6, 26, 2, tzinfo=datetime.UTC)
    services.mark_read(notice, user("phuocdan"), now=first)
    services.mark_read(notice, user("phuocdan"), now=first + datetime.timedelta(days=1))
    assert NoticeRecipient.objects.get(notice=notice, user__username="phuocdan").read_at == first
    with pytest.raises(Forbidden):
        services.mark_read(notice, user("vhtt"))
    rows = {r.unit_name: r for r in selectors.delivery(notice)}
    assert rows["Ủy ban nhân dân thị trấn Phước Dân"].read_by == [user("phuocdan").get_full_name()]
    assert not rows["Ủy ban nhân dân xã Phước Hậu"].read


def test_a_unit_without_accounts_is_not_called_delivered(report_plan, org):
    from kehoach.org.models import Membership

    Membership.objects.filter(unit=org["anhai"]).delete()
    notice = urge(report_plan)
    rows = {r.unit_name: r for r in selectors.delivery(notice)}
    assert rows["Ủy ban nhân dân xã An Hải"].delivered is False
    assert selectors.summary(notice)["delivered"] == 2


def test_reminders_are_notices_delivered_once(report_plan, addresses, django_capture_on_commit_callbacks):
    from kehoach.tracking.reminders import send_reminders

    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(datetime.date(2021, 6, 18)) == 3  # before due (21/06), in the app
    assert send_reminders(datetime.date(2021, 6, 19)) == 0
    assert Notice.objects.filter(kind="before_due").count() == 3
    assert selectors.unread_count(user("cb-anhai")) == 1  # no address, still reached in the app
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(OVERDUE_DAY) == 3
    assert Notice.objects.filter(kind="overdue").count() == 3 and len(mail.outbox) == 4


def test_radio_week_reminder_reaches_the_radio_centre_in_the_app(kh_plan, org):
    from kehoach.outputs.services import send_week_reminders

    sent = send_week_reminders(datetime.date(2021, 3, 5))
    assert len(sent) == 1
    notice = Notice.objects.get(kind="radio_week")
    assert notice.unit_rows.get().unit == org["vhtt"] and selectors.unread_count(user("vhtt")) == 1
    assert send_week_reminders(datetime.date(2021, 3, 6)) == [] and Notice.objects.count() == 1


def test_deliver_is_idempotent_on_its_key(org):
    kw = {"key": "test:1", "kind": "overdue", "title": "Quá hạn", "body": "x", "units": [org["phuocdan"]]}
    assert services.deliver(**kw) is not None
    assert services.deliver(**kw) is None
    assert NoticeRecipient.objects.count() == 1
