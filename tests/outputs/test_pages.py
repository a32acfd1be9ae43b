"""Pages: the outputs log, adding one, the broadcast calendar, and the home panel."""

import datetime

import pytest
from django.utils import timezone

from kehoach.outputs.models import Broadcast, Output

pytestmark = pytest.mark.django_db


def make_output(unit, **kw):
    data = {
        "unit": unit,
        "date": datetime.date(2021, 4, 1),
        "form": "website_article",
        "title": "Bài viết CCHC",
        "topics": ["procedures"],
        "audiences": ["citizens"],
    }
    data.update(kw)
    return Output.objects.create(**data)


def test_commune_sees_only_its_own_outputs(web, org):
    make_output(org["phuocdan"], title="Bài của Phước Dân")
    make_output(org["phuochau"], title="Bài của Phước Hậu")
    html = web("phuocdan").get("/outputs/").content.decode()
    assert "Bài của Phước Dân" in html
    assert "Bài của Phước Hậu" not in html
    assert "01/04/2021" in html  # dd/mm/yyyy


def test_coordinator_sees_every_unit(web, org):
    make_output(org["phuocdan"], title="Bài của Phước Dân")
    make_output(org["phuochau"], title="Bài của Phước Hậu")
    html = web("noivu").get("/outputs/").content.decode()
    assert "Bài của Phước Dân" in html and "Bài của Phước Hậu" in html


def test_empty_log_says_what_to_do(web, org):
    html = web("phuocdan").get("/outputs/").content.decode()
    assert "Chưa có sản phẩm tuyên truyền nào" in html


def test_anonymous_is_sent_to_sign_in(web, org):
    assert web(None).get("/outputs/").status_code == 302
    assert web(None).get("/outputs/broadcasts/").status_code == 302


def test_list_filters_by_form(web, org):
    make_output(org["phuocdan"], title="Một bài viết")
    make_output(org["phuocdan"], form="leaflet", title="Một tờ gấp", quantity=300, quantity_unit="copies")
    html = web("phuocdan").get("/outputs/?form=leaflet").content.decode()
    assert "Một tờ gấp" in html and "Một bài viết" not in html


def test_add_output_page_saves_and_redirects(web, org):
    c = web("phuocdan")
    r = c.post(
        "/outputs/new/",
        {
            "unit": org["phuocdan"].pk,
            "date": "2021-05-02",
            "form": "training",
            "title": "Lớp tập huấn CCHC",
            "topics": ["procedures", "digital_government"],
            "audiences": ["officials"],
            "quantity": 2,
            "participants": 60,
        },
    )
    assert r.status_code == 302
    o = Output.objects.get()
    assert (o.quantity_unit, o.participants, o.topics) == (
        "sessions",
        60,
        ["procedures", "digital_government"],
    )


def test_add_output_with_errors_keeps_input_and_lists_errors(web, org):
    r = web("phuocdan").post(
        "/outputs/new/",
        {
            "unit": org["phuocdan"].pk,
            "date": "31/02/2021",
            "form": "leaflet",
            "title": "Tờ gấp giữ lại",
            "quantity": -3,
        },
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "error-summary" in html and "Tờ gấp giữ lại" in html
    assert not Output.objects.exists()


def test_cannot_add_for_another_unit_through_the_page(web, org):
    r = web("phuocdan").post(
        "/outputs/new/",
        {"unit": org["phuochau"].pk, "date": "2021-05-02", "form": "leaflet", "title": "x", "quantity": 1},
    )
    assert r.status_code == 400  # the other unit is not a choice
    assert not Output.objects.exists()


def test_deleting_another_units_output_is_404(web, org):
    o = make_output(org["phuochau"])
    assert web("phuocdan").post(f"/outputs/{o.pk}/delete/").status_code == 404
    assert web("phuochau").post(f"/outputs/{o.pk}/delete/").status_code == 302
    assert not Output.objects.exists()


def test_outputs_list_query_count_does_not_grow_with_rows(web, org, kh_plan, django_assert_max_num_queries):
    from kehoach.plans.models import Activity

    act = Activity.objects.create(plan=kh_plan, no="1", content="x", lead_unit=org["nv"])
    c = web("noivu")
    for i in range(3):
        make_output(org["phuocdan"], title=f"a{i}", activity=act, plan=kh_plan)
    c.get("/outputs/")  # warm caches (sessions, content types)
    with django_assert_max_num_queries(12) as few:
        c.get("/outputs/")
    for i in range(40):
        make_output(org["phuochau"], title=f"b{i}", activity=act, plan=kh_plan)
    with django_assert_max_num_queries(len(few.captured_queries)):
        r = c.get("/outputs/")
    assert r.status_code == 200


def test_broadcast_calendar_shows_failing_reason_and_compliant_week(web, org, kh_plan):
    tz = timezone.get_current_timezone()
    Broadcast.objects.create(
        unit=org["vhtt"],
        plan=kh_plan,
        aired_at=datetime.datetime(2021, 3, 3, 18, 30, tzinfo=tz),
        minutes=12,
        title="CCHC",
    )
    Broadcast.objects.create(
        unit=org["vhtt"],
        plan=kh_plan,
        aired_at=datetime.datetime(2021, 3, 10, 18, 30, tzinfo=tz),
        minutes=8,
        title="CCHC ngắn",
    )
    html = web("noivu").get("/outputs/broadcasts/").content.decode()
    assert "Tuần 09" in html and "Đạt" in html
    assert "Chỉ có 1 lượt dưới 10 phút" in html
    assert "Không có lượt phát sóng nào" in html
    assert "Dưới thời lượng yêu cầu" in html
    # Only the radio centre gets the entry form.
    assert "Ghi nhận lượt phát sóng" not in html
    assert "Ghi nhận lượt phát sóng" in web("vhtt").get("/outputs/broadcasts/").content.decode()


def test_radio_centre_logs_a_broadcast_from_the_page(web, org, kh_plan):
    r = web("vhtt").post(
        "/outputs/broadcasts/",
        {"unit": org["vhtt"].pk, "aired_at": "2021-03-03T18:30", "minutes": 15, "title": "Chuyên mục CCHC"},
    )
    assert r.status_code == 302
    b = Broadcast.objects.get()
    assert b.plan == kh_plan and b.minutes == 15
    assert timezone.localtime(b.aired_at).hour == 18


def test_commune_cannot_post_a_broadcast_from_the_page(web, org, kh_plan):
    assert (
        web("phuocdan")
        .post(
            "/outputs/broadcasts/",
            {"unit": org["vhtt"].pk, "aired_at": "2021-03-03T18:30", "minutes": 15, "title": "x"},
        )
        .status_code
        == 404
    )
    assert not Broadcast.objects.exists()


def test_home_panel_lists_recent_outputs(web, org):
    make_output(org["phuocdan"], title="Bài trên trang chủ")
    html = web("phuocdan").get("/").content.decode()
    assert "Sản phẩm tuyên truyền gần đây" in html and "Bài trên trang chủ" in html
