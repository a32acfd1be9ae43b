"""Submit, review, lock, reopen, refresh, reminders, urging: the workflows."""

import datetime

import pytest
from django.core import mail

from kehoach.core.errors import Conflict, DomainError, Forbidden
from kehoach.core.models import AuditEntry
from kehoach.fulfilment.prefill import report_prefill
from kehoach.tracking import reminders, services
from kehoach.tracking.models import Deliverable, Reminder, UrgingNotice

from .helpers import at, get_deliverable, user


def test_submission_on_the_exclusive_due_date_is_late(deliverables):
    d = get_deliverable(deliverables, "phuocdan", "2021", "subplan")  # "trước ngày 26/01/2021"
    services.submit(d, user("phuocdan"), text="KH", now=at(2021, 1, 26))
    assert d.status == "late"


def test_submission_the_day_before_an_exclusive_due_date_is_on_time(deliverables):
    d = get_deliverable(deliverables, "phuocdan", "2021", "subplan")
    sub = services.submit(d, user("phuocdan"), text="KH", now=at(2021, 1, 25, 23))
    assert d.status == "submitted" and not sub.is_late


def test_inclusive_due_date_itself_is_on_time(deliverables):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    services.submit(d, user("phuocdan"), text="BC", now=at(2021, 6, 21, 16))
    assert d.status == "submitted"
    services.review(d, user("noivu"), decision="return", comment="Bổ sung số liệu")
    services.submit(d, user("phuocdan"), text="BC bổ sung", now=at(2021, 6, 22))
    assert d.status == "late"


def test_every_version_is_kept_and_numbered(deliverables):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    services.submit(d, user("phuocdan"), text="v1", now=at(2021, 6, 10))
    services.submit(d, user("phuocdan"), text="v2", now=at(2021, 6, 11))
    assert list(d.submissions.order_by("number").values_list("number", "text")) == [(1, "v1"), (2, "v2")]
    assert d.version == 3


def test_submit_and_review_are_audited(deliverables):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    services.submit(d, user("phuocdan"), text="x", now=at(2021, 6, 10))
    services.review(d, user("noivu"), decision="accept", comment="")
    verbs = set(
        AuditEntry.objects.filter(model="tracking.deliverable", object_id=str(d.pk)).values_list(
            "verb", flat=True
        )
    )
    assert {"Nộp", "Tiếp nhận"} <= verbs


def test_other_unit_cannot_submit(deliverables):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    with pytest.raises(Forbidden):
        services.submit(d, user("phuochau"), text="x")


def test_accepted_deliverable_cannot_be_resubmitted(deliverables):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    services.submit(d, user("phuocdan"), text="x", now=at(2021, 6, 10))
    services.review(d, user("noivu"), decision="accept")
    with pytest.raises(Conflict):
        services.submit(d, user("phuocdan"), text="y", now=at(2021, 6, 11))


def test_review_requires_a_pending_submission(deliverables):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    with pytest.raises(Conflict):
        services.review(d, user("noivu"), decision="accept")
    with pytest.raises(Forbidden):
        services.review(d, user("lanhdao"), decision="accept")
    with pytest.raises(DomainError):
        services.review(d, user("noivu"), decision="perhaps")


def test_lock_marks_unsubmitted_missed_and_reopen_lets_one_unit_submit(deliverables):
    services.lock_period(
        deliverables,
        "2021-H1",
        "Đã chốt số liệu 6 tháng",
        user=user("noivu"),
        today=datetime.date(2021, 7, 1),
    )
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    d.refresh_from_db()
    assert d.status == "missed" and d.locked
    with pytest.raises(Conflict, match="Đã chốt số liệu"):
        services.submit(d, user("phuocdan"), text="x", now=at(2021, 7, 2))
    with pytest.raises(Forbidden):
        services.reopen(d, user("phuocdan"), datetime.date(2021, 7, 10), today=datetime.date(2021, 7, 2))
    services.reopen(d, user("noivu"), datetime.date(2021, 7, 10), today=datetime.date(2021, 7, 2))
    d.refresh_from_db()
    assert d.status == "pending"
    services.submit(d, user("phuocdan"), text="x", now=at(2021, 7, 5))
    assert d.status == "late"
    other = get_deliverable(deliverables, "phuochau", "2021-H1")
    with pytest.raises(Conflict):
        services.submit(other, user("phuochau"), text="x", now=at(2021, 7, 5))


def test_lock_by_non_coordinator_is_forbidden(deliverables):
    with pytest.raises(Forbidden):
        services.lock_period(deliverables, "2021-H1", "x", user=user("phuocdan"))


def test_refresh_marks_missed_only_after_grace(deliverables):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")  # due 21/06
    services.refresh_statuses(deliverables, datetime.date(2021, 7, 21))
    d.refresh_from_db()
    assert d.status == "pending"
    services.refresh_statuses(deliverables, datetime.date(2021, 7, 22))
    d.refresh_from_db()
    assert d.status == "missed"


def test_missed_deliverable_can_still_be_handed_in_late(deliverables):
    services.refresh_statuses(deliverables, datetime.date(2021, 8, 1))
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    services.submit(d, user("phuocdan"), text="muộn", now=at(2021, 8, 2))
    assert d.status == "late"


def test_prefill_without_outputs_app_is_zeros(deliverables):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    pre = report_prefill(d)
    assert pre["outputs"] >= 0 and isinstance(pre["by_form"], dict)


@pytest.fixture
def emails(org):
    for code in ("phuocdan", "phuochau"):
        u = org[code].focal_person
        u.email = f"{code}@ninhphuoc.example"
        u.save()
    return org


def test_reminders_are_sent_once_before_due_and_once_overdue(
    deliverables, emails, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    h1_units = Deliverable.objects.filter(plan=deliverables, period="2021-H1", kind="report").count()
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders.send_reminders(datetime.date(2021, 6, 18))
    # In the app to every unit whose H1 report (due 21/06) is open; mail only where an address exists.
    assert first == h1_units
    assert reminders.send_reminders(datetime.date(2021, 6, 19)) == 0
    assert len(mail.outbox) == 2 and "phuocdan@ninhphuoc.example" in {m.to[0] for m in mail.outbox}
    d = get_deliverable(deliverables, "phuochau", "2021-H1")
    services.submit(d, user("phuochau"), text="x", now=at(2021, 6, 20))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders(datetime.date(2021, 6, 23)) == h1_units - 1  # all but phuochau
    assert reminders.send_reminders(datetime.date(2021, 6, 24)) == 0
    assert Reminder.objects.filter(kind="overdue").count() == h1_units - 1
    assert len(mail.outbox) == 3 and mail.outbox[-1].to == ["phuocdan@ninhphuoc.example"]


def test_urging_notice_goes_to_late_units_only(deliverables, emails, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    done = get_deliverable(deliverables, "phuochau", "2021-H1")
    services.submit(done, user("phuochau"), text="x", now=at(2021, 6, 20))
    # The 2021-H1 documents also speak of the year's unit plans: phuochau sent its own late.
    subplan = get_deliverable(deliverables, "phuochau", "2021", kind="subplan")
    services.submit(subplan, user("phuochau"), text="x", now=at(2021, 2, 1))
    units = [emails["phuocdan"], emails["phuochau"]]
    with pytest.raises(Forbidden):
        reminders.send_urging(
            deliverables, user("phuocdan"), units, "2021-H1", "Đôn đốc", today=datetime.date(2021, 6, 25)
        )
    notice = reminders.send_urging(
        deliverables, user("noivu"), units, "2021-H1", "Đề nghị nộp báo cáo", today=datetime.date(2021, 6, 25)
    )
    assert notice.number == 1 and list(notice.units.values_list("code", flat=True)) == ["phuocdan"]
    # phuocdan owes its 2021-H1 report and its 2021 unit plan: one urging line for each.
    assert Reminder.objects.filter(kind="urging", notice=notice).count() == 2
    second = reminders.send_urging(
        deliverables, user("noivu"), units, "2021-H1", "Lần 2", today=datetime.date(2021, 6, 30)
    )
    assert second.number == 2 and UrgingNotice.objects.count() == 2
    with pytest.raises(DomainError):
        reminders.send_urging(
            deliverables,
            user("noivu"),
            [emails["phuochau"]],
            "2021-H1",
            "x",
            today=datetime.date(2021, 6, 30),
        )


def test_prefill_sums_the_units_logged_outputs_in_the_cutoff_window(deliverables, org):
    from kehoach.outputs.models import Output

    for day, n in (
        (datetime.date(2020, 12, 20), 2),
        (datetime.date(2021, 3, 1), 3),
        (datetime.date(2021, 6, 20), 7),
    ):
        Output.objects.create(
            unit=org["phuocdan"],
            plan=deliverables,
            date=day,
            form="website_article",
            quantity=n,
            title="Tin CCHC",
        )
    Output.objects.create(
        unit=org["phuochau"],
        plan=deliverables,
        date=datetime.date(2021, 3, 1),
        form="website_article",
        quantity=9,
        title="x",
    )
    pre = report_prefill(get_deliverable(deliverables, "phuocdan", "2021-H1"))
    # two outputs logged in 15/12/2020–14/06/2021; the one of 20/06 belongs to the next window
    assert pre["by_form"].get("website_article") == 2
    assert pre["window_start"] == "2020-12-15"
