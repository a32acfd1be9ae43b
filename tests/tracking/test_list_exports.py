"""Xuất Excel on the lists that lacked it (issue 13 item 5): budgets, broadcasts, review queue,
problems. Each answers an .xlsx of the rows the page shows, filters kept, and the page links to it."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from kehoach.budgets.services import create_estimate
from kehoach.core.export import XLSX
from kehoach.outputs.models import Broadcast
from kehoach.tracking.followup import raise_problem

pytestmark = pytest.mark.django_db


def _rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(r) for r in book.active.iter_rows(values_only=True)]


def _user(name):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=name)


def test_budget_list_exports_its_rows_with_the_status_filter(web, org, kh_plan):
    create_estimate(_user("phuocdan"), kh_plan, org["phuocdan"], "state_budget", [("In tờ rơi", 1_200_000)])
    client = web("noivu")
    assert "format=xlsx" in client.get("/budgets/").content.decode()
    rows = _rows(client.get(f"/budgets/?plan={kh_plan.pk}&format=xlsx"))
    assert rows[0][0] == "Đơn vị" and len(rows) == 2
    assert rows[1][0] == org["phuocdan"].name and rows[1][4] == 1_200_000
    assert len(_rows(client.get(f"/budgets/?plan={kh_plan.pk}&status=approved&format=xlsx"))) == 1


def test_broadcast_list_exports_the_airings(web, org, kh_plan):
    aired = timezone.make_aware(datetime.datetime(2021, 3, 3, 19, 0))
    Broadcast.objects.create(unit=org["vhtt"], plan=kh_plan, aired_at=aired, minutes=12, title="CCHC tuần 9")
    client = web("vhtt")
    assert "format=xlsx" in client.get(f"/outputs/broadcasts/?plan={kh_plan.pk}").content.decode()
    rows = _rows(client.get(f"/outputs/broadcasts/?plan={kh_plan.pk}&format=xlsx"))
    assert rows[1][0] == org["vhtt"].name and rows[1][2] == 12 and rows[1][3] == "CCHC tuần 9"
    assert rows[1][1] == datetime.datetime(2021, 3, 3, 19, 0)


def test_review_queue_exports_without_a_plan_parameter(web, org, deliverables):
    client = web("noivu")
    assert "format=xlsx" in client.get("/tracking/review/").content.decode()
    rows = _rows(client.get("/tracking/review/?format=xlsx"))
    assert rows[0] == ["Đơn vị", "Mục", "Việc phải nộp", "Kỳ", "Hạn nộp", "Nộp lúc", "Trạng thái"]


def test_problems_export_keeps_the_status_filter(web, org, kh_plan):
    raise_problem(
        kh_plan, org["phuocdan"], _user("phuocdan"), kind="problem", title="Thiếu loa", content="Loa hỏng"
    )
    client = web("noivu")
    assert "format=xlsx" in client.get(f"/tracking/problems/?plan={kh_plan.pk}").content.decode()
    rows = _rows(client.get(f"/tracking/problems/?plan={kh_plan.pk}&format=xlsx"))
    assert rows[1][0] == org["phuocdan"].name and rows[1][2] == "Thiếu loa"
    assert len(_rows(client.get(f"/tracking/problems/?plan={kh_plan.pk}&status=closed&format=xlsx"))) == 1


def test_export_of_another_units_records_is_scoped(web, org, kh_plan):
    create_estimate(_user("phuocdan"), kh_plan, org["phuocdan"], "state_budget", [("In tờ rơi", 1_200_000)])
    assert len(_rows(web("phuochau").get(f"/budgets/?plan={kh_plan.pk}&format=xlsx"))) == 1


def test_audit_feedback_and_notices_export(web, org, kh_plan):
    client = web("noivu")
    for url in ("/audit/", "/public/staff/feedback/", "/notices/"):
        assert "format=xlsx" in client.get(url).content.decode(), url
        rows = _rows(client.get(url + "?format=xlsx"))
        assert rows[0][0], url
    create_estimate(_user("phuocdan"), kh_plan, org["phuocdan"], "state_budget", [("In tờ rơi", 1_200_000)])
    audit_rows = _rows(client.get("/audit/?format=xlsx"))
    assert len(audit_rows) > 1 and audit_rows[0][1] == "Người thực hiện"
