"""Refused uploads (từ chối văn bản): garbage is not a plan (422), a document over the caps is 413,
a parse that runs out of time is refused; in every case nothing is saved, in the API and on the page."""

from __future__ import annotations

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kehoach.importing import DocumentTooLarge, limits, parse_bytes
from kehoach.plans.models import Plan

URL = "/api/v1/plans/import"
NOT_A_PLAN = [
    ("rac.txt", bytes([0x8F, 0x13, 0xE2, 0x7A, 0x01, 0xC4, 0x5D, 0xB9, 0x66, 0x2F])),
    ("thu.txt", "Xin chào các bạn.\nHôm nay trời đẹp, chúng ta đi chơi.\n".encode()),
    ("trang.txt", b"\n \n" * 30_000 + b"x\n"),  # the 80 KB blank-line file of the issue
]


def api_post(client, name, data):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize(("name", "data"), NOT_A_PLAN)
def test_api_refuses_garbage_with_422_and_saves_nothing(api, name, data):
    response = api_post(api("noivu"), name, data)
    assert response.status_code == 422, response.content
    assert "Không nhận ra kế hoạch" in response.json()["detail"]
    assert not Plan.objects.exists()


def test_api_answers_413_over_the_caps(api, monkeypatch):
    monkeypatch.setattr(limits, "MAX_LINES", 5)
    seed = os.path.dirname(__file__) + "/../importing/data/seed_ninh_phuoc_2021.txt"
    with open(seed, "rb") as fh:
        response = api_post(api("noivu"), "seed.txt", fh.read())
    assert response.status_code == 413
    assert "quá lớn" in response.json()["detail"]
    assert not Plan.objects.exists()


def test_api_refuses_a_parse_that_runs_out_of_time(api, monkeypatch):
    from kehoach.importing import parser
    from kehoach.plans import import_session

    def endless(blocks, year=None):
        while True:  # stands for a parse slower than the limit
            pass

    monkeypatch.setattr(parser, "build", endless)
    monkeypatch.setattr(import_session, "PARSE_TIME_LIMIT", 0.2)
    response = api_post(api("noivu"), "ke-hoach.txt", "KẾ HOẠCH\nThử\n".encode())
    assert response.status_code == 413
    assert "giây" in response.json()["detail"]
    assert not Plan.objects.exists()


@pytest.mark.parametrize(("name", "data"), NOT_A_PLAN[:2])
def test_upload_page_refuses_garbage_with_422(web, name, data):
    response = web("noivu").post("/plans/import/", {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 422
    assert "Không nhận ra kế hoạch" in response.content.decode()
    assert not Plan.objects.exists()


def test_time_limit_is_restored_after_parsing():
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(DocumentTooLarge):
        parse_bytes(b"KE HOACH\n" + b"x" * (limits.MAX_LINE_CHARS + 1), "a.txt", time_limit=5)
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
