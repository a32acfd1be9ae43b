"""The public start page and plan page: no sign-in, light, the seed plan and its progress."""

import re

import pytest

TITLE = "Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021"


@pytest.mark.django_db
def test_public_page_answers_without_login_and_shows_the_plan(plan, client):
    r = client.get("/public/")
    assert r.status_code == 200
    html = r.content.decode()
    assert TITLE in html
    assert "Tiến độ chung = trung bình cộng tiến độ" in html
    assert "chưa cập nhật tiến độ tính 0%" in html
    for label in [
        "Chưa bắt đầu",
        "Đang thực hiện trong hạn",
        "Quá hạn",
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
    ]:
        assert label in html


@pytest.mark.django_db
def test_public_page_is_light_and_needs_no_script(plan, client):
    r = client.get("/public/")
    assert len(r.content) < 100 * 1024
    assert b"<script" not in r.content


@pytest.mark.django_db
def test_public_plan_page_lists_the_appendix_with_states(plan, client):
    r = client.get(f"/public/plans/{plan.pk}/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Cập nhật các thủ tục hành chính lên trang thông tin điện tử" in html
    assert len(re.findall(r'class="tag tag-', html)) >= 7


@pytest.mark.django_db
def test_progress_is_the_plain_mean_with_unupdated_activities_at_zero(plan, client):
    import datetime

    from kehoach.public.selectors import public_plans

    acts = list(plan.activities.order_by("order"))
    acts[0].progress = 100
    acts[0].completed_on = datetime.date(2021, 3, 1)
    acts[0].save()
    acts[1].progress = 40
    acts[1].save()
    (p,) = public_plans(datetime.date(2021, 6, 1))
    assert p["progress"] == round(140 / len(acts))
    states = {s["code"]: s for s in p["states"]}
    assert states["done_on_time"]["count"] == 1
    assert sum(s["count"] for s in p["states"]) == len(acts)


@pytest.mark.django_db
def test_draft_or_private_plan_is_not_public(plan, client):
    plan.is_public = False
    plan.save()
    assert TITLE not in client.get("/public/").content.decode()
    assert client.get(f"/public/plans/{plan.pk}/").status_code == 404


@pytest.mark.django_db
def test_public_plans_api_gives_states_and_formula(plan, client):
    r = client.get("/api/v1/public/plans")
    assert r.status_code == 200
    (p,) = r.json()
    assert p["title"] == TITLE
    assert "0%" in p["formula"]
    assert {s["code"] for s in p["states"]} == {
        "not_started",
        "in_progress",
        "overdue",
        "done_on_time",
        "done_late",
    }
    assert len(p["activities"]) == 7


@pytest.mark.django_db
def test_public_page_query_count_does_not_grow_with_news(plan, client, django_assert_max_num_queries):
    from kehoach.public.models import NewsItem

    client.get("/public/")  # warm caches (holidays, content types)
    with django_assert_max_num_queries(12) as ctx:
        client.get("/public/")
    baseline = len(ctx.captured_queries)
    for i in range(10):
        NewsItem.objects.create(unit=plan.issuer, title=f"Tin {i}", summary="s")
    with django_assert_max_num_queries(baseline):
        client.get("/public/")


@pytest.mark.django_db
def test_news_item_page_and_unpublished_item_is_hidden(org, client):
    from kehoach.public.models import NewsItem

    shown = NewsItem.objects.create(unit=org["nv"], title="Tin công khai", body="Nội dung")
    hidden = NewsItem.objects.create(unit=org["nv"], title="Tin nháp", is_published=False)
    assert client.get(f"/public/news/{shown.pk}/").status_code == 200
    assert client.get(f"/public/news/{hidden.pk}/").status_code == 404
