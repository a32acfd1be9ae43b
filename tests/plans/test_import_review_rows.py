"""Kiểm tra trước khi lưu: the reviewer adds, splits and merges rows, and sees the doubtful cells first."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kehoach.plans.models import Plan

from .test_import_web import SEED, form_values

DOUBTFUL = (
    "ỦY BAN NHÂN DÂN\nHUYỆN NINH PHƯỚC\nSố: 7/KH-UBND\nNinh Phước, ngày 05 tháng 01 năm 2025\n"
    "KẾ HOẠCH\nTuyên truyền năm 2025\nI. MỤC ĐÍCH\n1. Nâng cao nhận thức.\nPHỤ LỤC\n"
    "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
    "1\tTuyên truyền trên đài\tPhòng Văn hóa và Thông tin\tPhòng Nội vụ\tQuý I/2025\n"
    "2\tTập huấn cho cán bộ\t\tPhòng Nội vụ\tKhi có yêu cầu\n"
).encode()


def start(client, data=SEED, name="19-KH-UBND.txt"):
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content.decode()[:500]
    url = response["Location"]
    return url, client.get(url)


def post_op(client, url, review, op, **changes):
    data = form_values(review.content.decode())
    data.update(changes)
    data["op"] = op
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    return client.get(url)


def test_split_row_gives_two_rows_with_the_same_lead(web):
    client = web("noivu")
    url, review = start(client)
    after = post_op(client, url, review, "split:0", **{"act-0-content": "Tuyên truyền trên đài\n- In tờ rơi"})
    acts = after.context["activities"]
    assert acts.total_form_count() == 8
    first, second = acts.forms[0].initial, acts.forms[1].initial
    assert (first["content"], second["content"]) == ("Tuyên truyền trên đài", "- In tờ rơi")
    assert first["lead"] == second["lead"] and second["no"].endswith(".b")
    assert not Plan.objects.exists()  # nothing saved by editing rows


def test_merge_row_with_the_next_joins_content_and_widens_time(web):
    client = web("noivu")
    url, review = start(client)
    before = review.context["activities"]
    c0, c1 = before.forms[0].initial["content"], before.forms[1].initial["content"]
    after = post_op(client, url, review, "merge:0")
    acts = after.context["activities"]
    assert acts.total_form_count() == 6
    assert acts.forms[0].initial["content"] == f"{c0} {c1}"


def test_add_row_then_saving_requires_its_content(web):
    client = web("noivu")
    url, review = start(client)
    after = post_op(client, url, review, "add")
    assert after.context["activities"].total_form_count() == 8
    data = form_values(after.content.decode())
    response = client.post(url, data)  # saving with the new row empty
    assert response.status_code == 400 and "Nội dung không được để trống" in response.content.decode()
    data["act-7-content"] = "Tổng kết công tác tuyên truyền"
    data["act-7-lead"] = "Phòng Nội vụ"
    response = client.post(url, data)
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.activities.count() == 8


def test_row_edits_typed_before_a_split_are_kept(web):
    client = web("noivu")
    url, review = start(client)
    after = post_op(client, url, review, "split:0", **{"act-3-lead": "Phòng Tư pháp huyện"})
    assert after.context["activities"].forms[4].initial["lead"] == "Phòng Tư pháp huyện"


def test_doubtful_rows_are_listed_first_with_their_reasons(web):
    client = web("noivu")
    _, review = start(client, DOUBTFUL, "kh.txt")
    html = review.content.decode()
    doubtful = review.context["doubtful"]
    assert [d["form"].initial["content"] for d in doubtful] == ["Tập huấn cho cán bộ"]
    assert "Lấy cơ quan chủ trì của dòng trên" in html and 'id="doubtful"' in html
    assert "doubt-lead" in html and "doubt-timeframe" in html
    assert html.index('id="doubtful"') < html.index('id="act-0"')


def test_product_is_its_own_field_and_is_saved(web):
    client = web("noivu")
    text = (
        DOUBTFUL.decode()
        .replace("\tThời gian\n", "\tThời gian\tSản phẩm\n")
        .replace("Quý I/2025\n", "Quý I/2025\tTin, bài phát thanh\n")
    )
    url, review = start(client, text.encode(), "kh.txt")
    data = form_values(review.content.decode())
    assert data["act-0-product"] == "Tin, bài phát thanh" and "Tin, bài" not in data["act-0-content"]
    data["act-1-lead"] = "Phòng Nội vụ"
    data["act-1-tf_text"] = "Quý II/2025"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    first = Plan.objects.get().activities.order_by("id").first()
    assert first.product == "Tin, bài phát thanh"
