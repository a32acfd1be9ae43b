"""Accent-insensitive procedure search, page and API."""

import pytest


@pytest.mark.django_db
def test_search_without_accents_finds_accented_names(procedures):
    from kehoach.public.models import Procedure

    assert [p.code for p in Procedure.objects.search("dat dai")] == ["1.001990"]
    assert [p.code for p in Procedure.objects.search("ĐẤT ĐAI")] == ["1.001990"]
    assert [p.code for p in Procedure.objects.search("khai sinh")] == ["1.001193"]
    assert Procedure.objects.search("xay dung nha").count() == 1


@pytest.mark.django_db
def test_procedures_page_searches_ignoring_accents(procedures, client):
    r = client.get("/public/procedures/", {"q": "dat dai"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Đăng ký đất đai lần đầu" in html
    assert "Đăng ký khai sinh" not in html


@pytest.mark.django_db
def test_procedures_page_has_an_empty_state(procedures, client):
    r = client.get("/public/procedures/", {"q": "khong co thu tuc nay"})
    assert "Không tìm thấy thủ tục" in r.content.decode()


@pytest.mark.django_db
def test_procedures_api_searches_ignoring_accents_without_login(procedures, client):
    r = client.get("/api/v1/public/procedures", {"q": "ho tich"})
    assert r.status_code == 200
    assert [p["code"] for p in r.json()] == ["1.001193"]
    assert client.get("/api/v1/public/procedures", {"level": "mars"}).status_code == 400
