"""Budget pages: list with totals, new estimate with line items, detail with role-specific forms."""

import pytest

from kehoach.budgets import services
from kehoach.budgets.models import Budget

pytestmark = pytest.mark.django_db


@pytest.fixture
def estimate(org, kh_plan):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="phuocdan")
    return services.create_estimate(
        user, kh_plan, org["phuocdan"], "state_budget", [("In tờ gấp", 5_000_000), ("Hội nghị", 10_500_000)]
    )


def items_post(**rows):
    data = {
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "50",
    }
    data.update(rows)
    return data


def test_list_shows_money_and_status_words(web, estimate):
    html = web("phuocdan").get("/budgets/").content.decode()
    assert "15.500.000 đ" in html
    assert "Chờ thẩm định" in html


def test_list_hides_other_units_estimates(web, estimate):
    html = web("phuochau").get("/budgets/").content.decode()
    assert "15.500.000 đ" not in html
    assert "Chưa có dự toán nào" in html


def test_another_units_detail_is_404(web, estimate):
    assert web("phuochau").get(f"/budgets/{estimate.pk}/").status_code == 404
    assert web("tckh").get(f"/budgets/{estimate.pk}/").status_code == 200


def test_anonymous_is_sent_to_sign_in(web, org):
    assert web(None).get("/budgets/").status_code == 302


def test_new_estimate_with_dotted_amounts(web, org, kh_plan):
    data = items_post(
        **{
            "items-0-description": "In tờ gấp",
            "items-0-amount": "5.000.000",
            "items-1-description": "Pa-nô",
            "items-1-amount": "3.500.000 đ",
        }
    )
    data.update(plan=kh_plan.pk, unit=org["phuocdan"].pk, source="state_budget", note="")
    r = web("phuocdan").post("/budgets/new/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    b = Budget.objects.get()
    assert b.total == 8_500_000 and b.items.count() == 2


def test_new_estimate_rejects_negative_and_fraction_and_keeps_input(web, org, kh_plan):
    data = items_post(
        **{
            "items-0-description": "In tờ gấp",
            "items-0-amount": "-5.000",
            "items-1-description": "Pa-nô",
            "items-1-amount": "1,5",
        }
    )
    data.update(plan=kh_plan.pk, unit=org["phuocdan"].pk, source="state_budget")
    r = web("phuocdan").post("/budgets/new/", data)
    assert r.status_code == 400
    html = r.content.decode()
    assert "error-summary" in html and "Pa-nô" in html
    assert not Budget.objects.exists()


def test_new_estimate_needs_a_line(web, org, kh_plan):
    data = items_post()
    data.update(plan=kh_plan.pk, unit=org["phuocdan"].pk, source="state_budget")
    r = web("phuocdan").post("/budgets/new/", data)
    assert r.status_code == 400 and "ít nhất một khoản chi" in r.content.decode()


def test_read_only_role_cannot_estimate(web, org, kh_plan):
    from django.contrib.auth import get_user_model

    from kehoach.org.models import Membership

    viewer = get_user_model().objects.create_user("xem", password="x")
    Membership.objects.create(user=viewer, unit=org["phuocdan"], role="viewer")
    assert web("xem").get("/budgets/new/").status_code == 403


def test_forms_shown_only_to_their_roles(web, estimate):
    url = f"/budgets/{estimate.pk}/"
    assert "Ghi nhận thẩm định" in web("tckh").get(url).content.decode()
    assert "Ghi nhận thẩm định" not in web("lanhdao").get(url).content.decode()
    assert "Ghi nhận thẩm định" not in web("phuocdan").get(url).content.decode()


def test_appraise_then_approve_through_pages(web, estimate):
    url = f"/budgets/{estimate.pk}/"
    r = web("tckh").post(
        url,
        {
            "action": "appraise",
            "d-amount": "15.000.000",
            "d-comment": "Đồng ý",
            "d-version": estimate.version,
        },
    )
    assert r.status_code == 302
    estimate.refresh_from_db()
    assert estimate.status == "appraised" and estimate.appraised_amount == 15_000_000
    assert (
        web("tckh")
        .post(url, {"action": "approve", "d-amount": "1", "d-version": estimate.version})
        .status_code
        == 403
    )
    html = web("lanhdao").get(url).content.decode()
    assert "Phê duyệt" in html and "15.000.000" in html
    data = {"action": "approve", "d-amount": "15.000.000", "d-comment": "", "d-version": estimate.version}
    assert web("lanhdao").post(url, data).status_code == 200  # the confirm step
    r = web("lanhdao").post(url, {**data, "step": "confirm"})
    assert r.status_code == 302
    estimate.refresh_from_db()
    assert estimate.status == "approved"


def test_return_then_revise_through_pages(web, estimate):
    url = f"/budgets/{estimate.pk}/"
    assert (
        web("tckh")
        .post(url, {"action": "return", "r-comment": "", "r-version": estimate.version})
        .status_code
        == 400
    )
    assert (
        web("tckh")
        .post(url, {"action": "return", "r-comment": "Tách đơn giá", "r-version": estimate.version})
        .status_code
        == 302
    )
    estimate.refresh_from_db()
    html = web("phuocdan").get(url).content.decode()
    assert "Bị trả lại" in html and "Tách đơn giá" in html
    data = {
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "50",
        "items-0-description": "In 2.000 tờ gấp",
        "items-0-amount": "5.000.000",
        "action": "revise",
        "version": estimate.version,
    }
    assert web("phuocdan").post(url, data).status_code == 302
    estimate.refresh_from_db()
    assert (estimate.status, estimate.total) == ("estimated", 5_000_000)


def test_list_query_count_does_not_grow_with_rows(web, org, kh_plan, django_assert_max_num_queries):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="admin")
    c = web("tckh")
    services.create_estimate(user, kh_plan, org["phuocdan"], "state_budget", [("a", 1)])
    c.get("/budgets/")
    with django_assert_max_num_queries(15) as few:
        c.get("/budgets/")
    for code in ("phuochau", "anhai", "phuochai", "phuocson", "vp", "tp", "nv", "vhtt"):
        services.create_estimate(user, kh_plan, org[code], "state_budget", [("a", 1), ("b", 2)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert c.get("/budgets/").status_code == 200


def test_home_panels_show_waiting_estimates(web, estimate):
    assert "Đang chờ bạn xử lý" in web("tckh").get("/").content.decode()
    assert "Không có dự toán nào chờ bạn xử lý" in web("lanhdao").get("/").content.decode()
