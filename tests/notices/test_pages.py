"""Pages: the inbox and header badge, opening marks read, the coordinator's delivery status,
the truthful "sent" message, the home panel, and the numbered letter."""

import datetime
import io

import pytest
import time_machine
from docx import Document

from kehoach.notices.models import Notice, NoticeRecipient

from .conftest import urge


def test_inbox_badge_and_opening_marks_read(report_plan, web):
    notice = urge(report_plan)
    client = web("phuocdan")
    html = client.get("/notices/").content.decode()
    assert notice.title in html and "Chưa đọc" in html
    assert 'class="tag tag-bad"' in client.get("/").content.decode()  # unread badge in the header
    html = client.get(f"/notices/{notice.pk}/").content.decode()
    assert "Đề nghị nộp báo cáo 6 tháng" in html and "Báo cáo 6 tháng đầu năm 2021" in html
    assert "Tình trạng nhận theo đơn vị" not in html  # a unit does not see the others' status
    assert NoticeRecipient.objects.get(notice=notice, user__username="phuocdan").read_at is not None
    assert "Đã đọc" in client.get("/notices/").content.decode()


def test_another_units_notice_is_not_found_and_anonymous_signs_in(report_plan, org, web):
    notice = urge(report_plan, units=[org["phuocdan"]])
    assert web("phuochau").get(f"/notices/{notice.pk}/").status_code == 404
    assert web("phuochau").get(f"/notices/{notice.pk}/letter/").status_code == 404
    assert web(None).get("/notices/").status_code == 302
    assert web("phuochau").get("/notices/sent/").status_code == 404


def test_home_panel_lists_the_units_notices(report_plan, web):
    notice = urge(report_plan)
    html = web("phuochau").get("/").content.decode()
    assert "Thông báo" in html and notice.title in html


def test_coordinator_sees_per_unit_delivered_read_and_mail(report_plan, addresses, web):
    notice = urge(report_plan)
    web("phuocdan").get(f"/notices/{notice.pk}/")
    html = web("noivu").get(f"/notices/{notice.pk}/").content.decode()
    assert "Tình trạng nhận theo đơn vị" in html
    assert "3 đơn vị: 3 đã nhận trong ứng dụng, 1 đã đọc" in html
    assert "Không có địa chỉ thư" in html and "Chờ gửi thư" in html  # mail waits for the commit here
    sent = web("lanhdao").get("/notices/sent/").content.decode()
    assert notice.title in sent


@pytest.mark.django_db(transaction=True)  # real commits: the mail leaves before the message is written
@time_machine.travel(datetime.datetime(2021, 6, 25, 3, tzinfo=datetime.UTC), tick=False)
def test_followup_message_says_who_was_reached(report_plan, addresses, org, web, mailoutbox):
    r = web("noivu").post(
        f"/tracking/followup/?plan={report_plan.pk}",
        {
            "plan": report_plan.pk,
            "period": "2021-H1",
            "units": [org["phuocdan"].pk, org["phuochau"].pk, org["anhai"].pk],
            "text": "Đề nghị nộp báo cáo",
        },
        follow=True,
    )
    html = r.content.decode()
    assert (
        "tới 3 đơn vị: 3 đơn vị đã nhận trong ứng dụng, 2 đã gửi thư điện tử, 1 không có địa chỉ thư" in html
    ), html[html.find("<main") :][:3000]
    assert len(mailoutbox) == 2


def test_sent_notice_has_its_numbered_letter(report_plan, web):
    urge(report_plan, text="Lần 1")
    notice = urge(report_plan, text="Lần 2")
    r = web("phuocdan").get(f"/notices/{notice.pk}/letter/?format=docx")
    assert r.status_code == 200 and "so-02.docx" in r["Content-Disposition"]
    doc = Document(io.BytesIO(r.content))
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert any("02/UBND-NV" in c for c in cells), cells
    assert "Ủy ban nhân dân thị trấn Phước Dân" in cells and "25/06/2021" not in cells
    # The same letter whenever it is downloaded: it is built from what the notice recorded, so a
    # unit handing in later does not change it.
    from kehoach.tracking.models import Deliverable

    Deliverable.objects.filter(plan=report_plan).update(status="accepted")
    again = Document(io.BytesIO(web("noivu").get(f"/notices/{notice.pk}/letter/?format=docx").content))
    assert [p.text for p in again.paragraphs] == [p.text for p in doc.paragraphs]
    assert web("noivu").get(f"/notices/{notice.pk}/letter/?format=xls").status_code == 404


def test_inbox_queries_do_not_grow_with_notices(report_plan, web, django_assert_max_num_queries):
    client = web("phuocdan")
    urge(report_plan, text="1")
    with django_assert_max_num_queries(12) as ctx:
        client.get("/notices/")
    few = len(ctx.captured_queries)
    for i in range(5):
        urge(report_plan, text=f"Lần {i + 2}")
    with django_assert_max_num_queries(few):
        client.get("/notices/")
    assert Notice.objects.count() == 6


def test_home_panel_is_there_before_any_notice_and_lists_unread_first(report_plan, org, web):
    assert "Chưa có thông báo nào" in web("phuocdan").get("/").content.decode()
    older = urge(report_plan, units=[org["phuocdan"]], text="Lần 1")
    urge(report_plan, units=[org["phuocdan"]], text="Lần 2")
    client = web("phuocdan")
    client.get(f"/notices/{urge(report_plan, units=[org['phuocdan']], text='Lần 3').pk}/")  # read the newest
    html = client.get("/").content.decode()
    panel = html[html.index("notice-list") :]
    assert panel.index(older.title) < panel.index("Văn bản đôn đốc số 03")
