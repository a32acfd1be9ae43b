"""A person's first day (issue 13), page level: each role's home opens with its work, counted
with the one-truth selectors and linked; drafts stay out of homes; forms take dd/mm/yyyy with a
hint, no empty "---------" where a value is required, the period lock takes the Vietnamese label;
an airing shorter than the rule is not saved without a confirmation."""

import datetime
import re

import pytest
import time_machine

from kehoach.plans.models import Plan, PlanStatus
from kehoach.tracking import selectors
from kehoach.tracking.models import Deliverable

DAY = datetime.datetime(2021, 7, 15, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


def count(html: str, key: str) -> int:
    m = re.search(rf'data-count="{key}"><span class="big">(\d+)', html)
    assert m, f"no counted link {key!r} on the page"
    return int(m.group(1))


@pytest.fixture
def plan(plan):
    """The seed plan with its deliverables generated (what issuing it does in the app)."""
    from kehoach.tracking.services import generate_deliverables

    generate_deliverables(plan, today=datetime.date(2021, 1, 25))
    return plan


@pytest.fixture
def handed_in(plan, org):
    """Phước Dân hands in its 6-month report on time; the others owe theirs."""
    from django.contrib.auth import get_user_model

    from kehoach.tracking import services

    d = Deliverable.objects.get(plan=plan, unit=org["phuocdan"], kind="report", period="2021-H1")
    user = get_user_model().objects.get(username="phuocdan")
    services.submit(
        d,
        user,
        text="Báo cáo 6 tháng",
        version=d.version,
        now=datetime.datetime(2021, 6, 10, 9, 0, tzinfo=DAY.tzinfo),
    )
    return d


def test_coordinator_home_counts_the_review_queue_and_late_units(web, plan, handed_in):
    with time_machine.travel(DAY, tick=False):
        html = web("noivu").get("/").content.decode()
        from django.contrib.auth import get_user_model

        noivu = get_user_model().objects.get(username="noivu")
        assert count(html, "review") == selectors.review_queue(noivu, plan).count() == 1
        late_units = selectors.overdue(plan, DAY.date()).values("unit_id").distinct().count()
        assert count(html, "late") == late_units > 0
    assert f'href="/tracking/review/?plan={plan.pk}" data-count="review"' in html
    # The coordinator's work comes first on the page.
    assert html.index("Việc cần xử lý") < html.index("Nhiệm vụ đơn vị chủ trì")


def test_unit_home_puts_the_returned_item_with_its_reason_on_top(web, plan, handed_in):
    from django.contrib.auth import get_user_model

    from kehoach.tracking import services

    noivu = get_user_model().objects.get(username="noivu")
    handed_in.refresh_from_db()
    with time_machine.travel(DAY, tick=False):
        services.review(
            handed_in,
            noivu,
            decision="return",
            comment="Thiếu số liệu lớp tập huấn",
            version=handed_in.version,
        )
        html = web("phuocdan").get("/").content.decode()
    assert count(html, "returned") == 1
    reason = html.index("Thiếu số liệu lớp tập huấn")
    assert html.index("Bị trả lại") < reason < html.index("Còn lại")
    assert "còn " in html or "quá hạn " in html  # days left beside each item owed


def test_leader_and_finance_homes_open_with_budgets_waiting(web, plan):
    for user, heading in (("lanhdao", "Dự toán chờ phê duyệt"), ("tckh", "Dự toán chờ thẩm định")):
        html = web(user).get("/").content.decode()
        first = re.search(r"<h2[^>]*>([^<]+)", html).group(1)
        assert first.strip() == heading
        assert count(html, "budgets") == 0
    assert "Tóm tắt trong một phút" in web("lanhdao").get("/").content.decode()


def test_leader_sees_no_link_to_the_coordinators_review_queue(web, plan):
    html = web("lanhdao").get(f"/tracking/?plan={plan.pk}").content.decode()
    assert "/tracking/review/" not in html
    assert web("lanhdao").get(f"/tracking/review/?plan={plan.pk}").status_code == 404
    assert "/tracking/review/" in web("noivu").get(f"/tracking/?plan={plan.pk}").content.decode()


def test_drafts_never_appear_in_a_units_home(web, plan, org):
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    html = web("phuocdan").get("/").content.decode()
    assert "Báo cáo 6 tháng đầu năm 2021" not in html
    assert f"/tracking/{Deliverable.objects.filter(plan=plan).first().pk}/" not in html


def test_radio_centre_home_logs_todays_airing_in_one_click(web, kh_plan, org):
    from kehoach.outputs.models import Broadcast

    with time_machine.travel(DAY, tick=False):
        client = web("vhtt")
        html = client.get("/").content.decode()
        assert "Phát sóng tuần này" in html
        assert count(html, "airings") == 0
        assert 'value="15/07/2021 19:00"' in html
        action = re.search(r'<form method="post" action="([^"]+)" class="quick-log"', html).group(1)
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
        fields.update({"aired_at": "15/07/2021 19:00", "minutes": "10"})
        resp = client.post(action.replace("&amp;", "&"), fields)
        assert resp.status_code == 302
        assert Broadcast.objects.filter(unit=org["vhtt"], minutes=10).count() == 1
        assert count(client.get("/").content.decode(), "airings") == 1


def test_short_airing_needs_a_confirmation_before_it_is_saved(web, kh_plan, org):
    from kehoach.outputs.models import Broadcast

    client = web("vhtt")
    data = {"unit": org["vhtt"].pk, "aired_at": "19/04/2021 19:00", "minutes": "8", "title": "CCHC"}
    resp = client.post(f"/outputs/broadcasts/?plan={kh_plan.pk}", data)
    assert resp.status_code == 400
    body = resp.content.decode()
    assert "không được tính" in body and 'type="checkbox" name="short_ok"' in body
    assert Broadcast.objects.count() == 0
    resp = client.post(f"/outputs/broadcasts/?plan={kh_plan.pk}", {**data, "short_ok": "on"})
    assert resp.status_code == 302
    assert Broadcast.objects.get().minutes == 8


def test_broadcast_form_comes_first_with_dd_mm_yyyy_and_19h_default(web, kh_plan):
    with time_machine.travel(DAY, tick=False):
        body = web("vhtt").get("/outputs/broadcasts/").content.decode()
    assert body.index('id="ghi-nhan"') < body.index("Lịch tuần")
    assert re.search(r'name="aired_at" value="15/07/2021 19:00"', body)
    assert 'type="datetime-local"' not in body and "ví dụ 19/04/2021 19:00" in body
    assert 'name="minutes" value="10"' in body


@pytest.mark.parametrize("url", ["/outputs/new/", "/outputs/broadcasts/", "/outputs/import/"])
def test_forms_type_dates_as_text_and_offer_no_empty_choice_where_required(web, kh_plan, url):
    body = web("vhtt").get(url).content.decode()
    assert 'type="date"' not in body and 'type="datetime-local"' not in body
    assert "---------" not in body


def test_output_date_defaults_to_today_in_dd_mm_yyyy(web, kh_plan):
    with time_machine.travel(DAY, tick=False):
        body = web("vhtt").get("/outputs/new/").content.decode()
    assert 'name="date" value="15/07/2021"' in body and "Ngày/tháng/năm" in body


def test_period_lock_is_a_select_of_labels_and_takes_the_vietnamese_label(web, plan):
    client = web("noivu")
    body = client.get(f"/tracking/followup/?plan={plan.pk}").content.decode()
    assert '<option value="2021-H1"' in body and "6 tháng đầu năm 2021</option>" in body
    resp = client.post(
        "/tracking/followup/lock/",
        {"plan": plan.pk, "period": "6 tháng đầu năm 2021", "reason": "Hết hạn tổng hợp"},
        follow=True,
    )
    assert "Đã khóa kỳ 6 tháng đầu năm 2021" in resp.content.decode()
    assert Deliverable.objects.filter(plan=plan, period="2021-H1", locked=True).exists()


def test_coordinator_home_counts_units_that_have_not_read_an_urging_notice(web, plan, org):
    """Sent to two units; one member of one unit opens it: one unit still has not read it."""
    from django.contrib.auth import get_user_model

    from kehoach.notices.models import NoticeRecipient
    from kehoach.tracking.reminders import send_urging

    noivu = get_user_model().objects.get(username="noivu")
    with time_machine.travel(DAY, tick=False):
        notice = send_urging(plan, noivu, [org["phuocdan"].pk, org["phuochau"].pk], "2021-H1", "Đề nghị nộp.")
        html = web("noivu").get("/").content.decode()
        assert count(html, "unread") == 2
        first = NoticeRecipient.objects.filter(unit_row__unit=org["phuocdan"]).first()
        first.read_at = DAY
        first.save()
        assert count(web("noivu").get("/").content.decode(), "unread") == 1
    assert notice is not None
