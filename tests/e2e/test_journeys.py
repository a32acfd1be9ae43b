"""In Chromium: the main journeys end to end, checking what a person sees and what the database holds.

1. A commune officer submits the 2021 annual report (figures pre-filled, check page, "Nộp").
2. The coordinator returns it with a comment, the officer resubmits, the coordinator accepts.
3. A budget estimate goes from the commune to finance (appraisal) to the leader (approval).
4. The radio centre logs an airing and the week turns "Đạt".
5. A citizen sends feedback, gets a code, looks it up; no personal data is shown.
6. Signing in with the keyboard only, starting from the "skip to content" link.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "kehoach-demo"
PHUOCDAN = "Ủy ban nhân dân thị trấn Phước Dân"


@pytest.fixture
def demo(db):
    from kehoach.demo.loader import run

    return run(say=lambda *_: None)


def sign_in(page, live_server, username):
    """Sign out whoever was signed in (fresh cookies), then sign in through the login form."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Việc của tôi"))).to_be_visible()


def annual_report(unit_code="phuocdan"):
    from kehoach.tracking.models import Deliverable

    return Deliverable.objects.get(unit__code=unit_code, kind="report", period="2021")


def deliverable_tag(page):
    """The status tag of the deliverable page ("Tình trạng" in the summary list)."""
    return page.locator("dl.summary dt", has_text="Tình trạng").locator("+ dd .tag").first


def submit_annual_report(page, live_server, *, copies, results):
    """As the signed-in commune officer: Việc phải nộp → Báo cáo năm 2021 → fill → check → Nộp."""
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Việc phải nộp").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Việc phải nộp")
    page.get_by_role("link", name="Báo cáo năm 2021", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Báo cáo năm 2021")
    page.get_by_label("Số tờ gấp, tài liệu phát hành").fill(str(copies))
    page.get_by_label("Nội dung, trích yếu văn bản nộp").fill(
        "Báo cáo số 25/BC-UBND về công tác tuyên truyền CCHC"
    )
    page.get_by_label("Kết quả đạt được").fill(results)
    page.get_by_label("Tồn tại, hạn chế").fill("Thời lượng phát thanh trên loa truyền thanh còn ít.")
    page.get_by_label("Đề xuất, kiến nghị").fill("Đề nghị hỗ trợ kinh phí in tờ gấp.")
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Kiểm tra lại trước khi nộp")
    summary = page.locator("dl.summary")
    expect(summary).to_contain_text("Số tờ gấp, tài liệu phát hành")
    expect(summary.locator("dt", has_text="Số tờ gấp, tài liệu phát hành").locator("+ dd")).to_have_text(
        str(copies)
    )
    expect(summary).to_contain_text(results)
    expect(summary).to_contain_text("đã quá hạn, lần nộp này sẽ ghi nhận là nộp trễ hạn")
    page.get_by_role("button", name="Nộp", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Báo cáo năm 2021")
    expect(page.get_by_role("status")).to_contain_text("trễ hạn")
    expect(deliverable_tag(page)).to_have_text("Nộp trễ hạn")


def test_commune_officer_submits_the_annual_report(page, live_server, demo):
    before = annual_report()
    assert before.status in ("pending", "missed")
    sign_in(page, live_server, "phuocdan")

    # The figures are pre-filled from the unit's logged outputs (the same numbers the service computes).
    from kehoach.fulfilment.prefill import report_prefill

    prefill = report_prefill(before)
    page.goto(f"{live_server.url}/tracking/{before.pk}/")
    expect(page.get_by_label("Tổng số sản phẩm tuyên truyền")).to_have_value(str(prefill["outputs"]))
    expect(page.get_by_label("Số tờ gấp, tài liệu phát hành")).to_have_value(str(prefill["copies"]))
    expect(page.get_by_label("Thời lượng phát thanh (phút)")).to_have_value(str(prefill["radio_minutes"]))
    assert prefill["outputs"] > 0 and prefill["copies"] > 0
    page.goto(f"{live_server.url}/")

    submit_annual_report(page, live_server, copies=prefill["copies"] + 13, results="Đã đăng 6 tin bài.")

    d = annual_report()
    assert d.status == "late"
    sub = d.submissions.order_by("-number").first()
    assert sub.is_late
    assert sub.figures["copies"] == prefill["copies"] + 13  # the changed figure
    assert sub.figures["outputs"] == prefill["outputs"]  # the untouched pre-filled figure
    assert sub.results == "Đã đăng 6 tin bài."
    assert sub.proposals == "Đề nghị hỗ trợ kinh phí in tờ gấp."

    # The task list shows the new status as a word.
    page.goto(f"{live_server.url}/tracking/")
    row = page.locator("tbody tr", has=page.get_by_role("link", name="Báo cáo năm 2021", exact=True))
    expect(row.locator(".tag").first).to_have_text("Nộp trễ hạn")


def test_coordinator_returns_then_accepts_a_resubmission(page, live_server, demo):
    sign_in(page, live_server, "phuocdan")
    submit_annual_report(page, live_server, copies=520, results="Lần nộp thứ nhất.")
    d = annual_report()

    # The coordinator returns it with a comment, in place.
    sign_in(page, live_server, "noivu")
    page.goto(f"{live_server.url}/tracking/review/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hàng chờ tiếp nhận")
    row = page.locator(f"#row-{d.pk}")
    expect(row).to_contain_text(PHUOCDAN)
    expect(row.locator(".tag").first).to_have_text("Nộp trễ hạn")
    row.get_by_label("Ý kiến (bắt buộc khi trả lại)").fill("Bổ sung số liệu hội nghị, tập huấn.")
    row.get_by_role("button", name="Trả lại").click()
    row = page.locator(f"#row-{d.pk}")
    expect(row.get_by_role("status")).to_have_text("Đã trả lại cho đơn vị.")
    expect(row.locator(".tag").first).to_have_text("Bị trả lại")
    expect(page).to_have_url(re.compile(r"/tracking/review/$"))  # in place, no page load
    d.refresh_from_db()
    assert d.status == "returned"
    assert d.submissions.get(number=1).review_comment == "Bổ sung số liệu hội nghị, tập huấn."

    # The officer sees why, resubmits (the form keeps the last figures).
    sign_in(page, live_server, "phuocdan")
    page.goto(f"{live_server.url}/tracking/{d.pk}/")
    expect(deliverable_tag(page)).to_have_text("Bị trả lại")
    expect(page.get_by_text("Bổ sung số liệu hội nghị, tập huấn.")).to_be_visible()
    expect(page.get_by_role("heading", name="Nộp lại")).to_be_visible()
    expect(page.get_by_label("Số tờ gấp, tài liệu phát hành")).to_have_value("520")
    page.get_by_label("Số hội nghị").fill("2")
    page.get_by_label("Kết quả đạt được").fill("Lần nộp thứ hai, đã bổ sung số liệu.")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_role("button", name="Nộp", exact=True).click()
    expect(deliverable_tag(page)).to_have_text("Nộp trễ hạn")
    d.refresh_from_db()
    assert d.status == "late"
    assert d.submissions.count() == 2

    # The coordinator accepts it, in place.
    sign_in(page, live_server, "noivu")
    page.goto(f"{live_server.url}/tracking/review/")
    row = page.locator(f"#row-{d.pk}")
    row.get_by_role("button", name="Tiếp nhận").click()
    row = page.locator(f"#row-{d.pk}")
    expect(row.get_by_role("status")).to_have_text("Đã tiếp nhận.")
    expect(row.locator(".tag").first).to_have_text("Đã tiếp nhận")
    d.refresh_from_db()
    assert d.status == "accepted"
    assert d.submissions.get(number=2).review_decision == "accepted"

    # The officer sees it accepted and can no longer submit.
    sign_in(page, live_server, "phuocdan")
    page.goto(f"{live_server.url}/tracking/{d.pk}/")
    expect(deliverable_tag(page)).to_have_text("Đã tiếp nhận")
    expect(page.get_by_role("button", name="Tiếp tục")).to_have_count(0)


def test_return_without_a_comment_is_explained_in_place(page, live_server, demo):
    sign_in(page, live_server, "phuocdan")
    submit_annual_report(page, live_server, copies=510, results="Nộp để thử trả lại.")
    d = annual_report()
    sign_in(page, live_server, "noivu")
    page.goto(f"{live_server.url}/tracking/review/")
    row = page.locator(f"#row-{d.pk}")
    row.get_by_role("button", name="Trả lại").click()
    expect(page.locator(f"#row-{d.pk}").get_by_role("alert")).to_contain_text(
        "Cần ghi lý do trả lại", timeout=5_000
    )
    d.refresh_from_db()
    assert d.status == "late"


def test_return_without_a_comment_is_refused_on_the_deliverable_page(page, live_server, demo):
    """The plain (no htmx) review form on the deliverable page: the refusal is shown and nothing changes."""
    sign_in(page, live_server, "phuocdan")
    submit_annual_report(page, live_server, copies=510, results="Nộp để thử trả lại.")
    d = annual_report()
    sign_in(page, live_server, "noivu")
    page.goto(f"{live_server.url}/tracking/{d.pk}/")
    page.get_by_role("button", name="Trả lại").click()
    expect(page.get_by_text("Cần ghi lý do trả lại để đơn vị biết cần sửa gì.")).to_be_visible()
    d.refresh_from_db()
    assert d.status == "late"
    assert d.submissions.get().review_decision == ""


def budget_tag(page):
    return page.locator("dl.summary dt", has_text="Trạng thái").locator("+ dd .tag")


def test_budget_estimate_is_appraised_then_approved(page, live_server, demo):
    from kehoach.budgets.models import Budget

    sign_in(page, live_server, "phuocdan")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Kinh phí").click()
    page.get_by_role("link", name="Lập dự toán").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lập dự toán kinh phí")
    expect(page.get_by_label("Đơn vị lập dự toán")).to_contain_text(PHUOCDAN)
    page.get_by_label("Nguồn kinh phí").select_option(label="Ngân sách nhà nước")
    page.get_by_label("Nội dung chi 1", exact=True).fill("In 500 tờ gấp CCHC")
    page.get_by_label("Số tiền 1", exact=True).fill("3.500.000")
    page.get_by_label("Nội dung chi 2", exact=True).fill("Hội nghị tuyên truyền tại khu phố")
    page.get_by_label("Số tiền 2", exact=True).fill("1.200.000")
    page.get_by_role("button", name="Gửi thẩm định").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Dự toán kinh phí")
    expect(budget_tag(page)).to_have_text("Chờ thẩm định")
    expect(page.locator("dl.summary")).to_contain_text("4.700.000 đ")
    expect(page.get_by_role("button", name="Phê duyệt")).to_have_count(0)
    expect(page.get_by_role("button", name="Ghi nhận thẩm định")).to_have_count(0)
    budget = Budget.objects.filter(unit__code="phuocdan").latest("pk")
    assert budget.status == "estimated"
    assert budget.total == 4_700_000
    assert sorted(budget.items.values_list("amount", flat=True)) == [1_200_000, 3_500_000]
    url = f"{live_server.url}/budgets/{budget.pk}/"

    # Finance appraises: it sees the appraisal form, not the approval form.
    sign_in(page, live_server, "tckh")
    page.goto(url)
    expect(page.get_by_role("heading", name="Thẩm định")).to_be_visible()
    expect(page.get_by_role("button", name="Phê duyệt")).to_have_count(0)
    # The estimate stands beside an empty amount box: finance types its own figure.
    expect(page.locator('[data-figure="total"]')).to_have_text("4.700.000 đ")
    amount = page.get_by_label("Số thẩm định (đồng)")
    expect(amount).to_have_value("")
    amount.fill("4.500.000")
    page.get_by_label("Ý kiến").fill("Giảm chi phí hội nghị.")
    page.get_by_role("button", name="Ghi nhận thẩm định").click()
    expect(budget_tag(page)).to_have_text("Đã thẩm định, chờ phê duyệt")
    expect(page.locator("dl.summary")).to_contain_text("4.500.000 đ")
    budget.refresh_from_db()
    assert (budget.status, budget.appraised_amount) == ("appraised", 4_500_000)

    # The commune officer still never sees a decision form.
    sign_in(page, live_server, "phuocdan")
    page.goto(url)
    expect(budget_tag(page)).to_have_text("Đã thẩm định, chờ phê duyệt")
    expect(page.get_by_role("heading", name="Phê duyệt")).to_have_count(0)
    expect(page.get_by_role("button", name="Phê duyệt")).to_have_count(0)

    # The leader approves.
    sign_in(page, live_server, "lanhdao")
    page.goto(url)
    expect(page.get_by_role("heading", name="Phê duyệt")).to_be_visible()
    # Not pre-filled: the leader types the amount beside the figures, then confirms on a check page.
    expect(page.locator('[data-figure="appraised"]')).to_have_text("4.500.000 đ")
    expect(page.get_by_label("Số phê duyệt (đồng)")).to_have_value("")
    page.get_by_label("Số phê duyệt (đồng)").fill("4.500.000")
    page.get_by_role("button", name="Tiếp tục: kiểm tra trước khi phê duyệt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kiểm tra trước khi phê duyệt")
    budget.refresh_from_db()
    assert budget.status == "appraised"
    page.get_by_role("button", name="Xác nhận phê duyệt").click()
    expect(budget_tag(page)).to_have_text("Đã phê duyệt")
    expect(page.get_by_role("button", name="Phê duyệt")).to_have_count(0)
    budget.refresh_from_db()
    assert (budget.status, budget.approved_amount) == ("approved", 4_500_000)

    sign_in(page, live_server, "phuocdan")
    page.goto(f"{live_server.url}/budgets/")
    row = page.locator("tbody tr", has=page.locator(f'a[href="/budgets/{budget.pk}/"]'))
    expect(row.locator(".tag")).to_have_text("Đã phê duyệt")
    expect(row).to_contain_text("4.500.000 đ")


def test_commune_officer_cannot_post_an_approval(page, live_server, demo):
    """Even a hand-made POST from a commune officer is refused and changes nothing."""
    from kehoach.budgets.models import Budget

    budget = Budget.objects.filter(status="appraised").first()
    assert budget is not None
    sign_in(page, live_server, "phuocdan")
    resp = page.request.post(
        f"{live_server.url}/budgets/{budget.pk}/",
        form={"action": "approve", "d-amount": "1", "d-version": str(budget.version)},
        headers={"X-CSRFToken": _csrf(page)},
    )
    assert resp.status in (403, 404)
    budget.refresh_from_db()
    assert budget.status == "appraised"


def _csrf(page):
    return next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")


def test_radio_centre_logs_an_airing_and_the_week_turns_compliant(page, live_server, demo):
    from kehoach.outputs.models import Broadcast

    sign_in(page, live_server, "vhtt")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Phát sóng").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Phát sóng chuyên mục cải cách hành chính")
    week = page.locator("ul.weeks li", has=page.locator("strong", has_text=re.compile(r"^Tuần 31$")))
    expect(week.locator(".tag")).to_have_text("Không đạt")  # only airings under 10 minutes that week
    before = Broadcast.objects.filter(unit__code="vhtt").count()

    page.get_by_label("Thời điểm phát sóng").fill("2021-08-04T09:00")
    page.get_by_label("Thời lượng (phút)").fill("12")
    page.get_by_label("Tên chương trình, chuyên mục").fill("Chuyên mục CCHC: dịch vụ công trực tuyến")
    page.get_by_role("button", name="Lưu lượt phát sóng").click()

    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận lượt phát sóng.")
    expect(week.locator(".tag")).to_have_text("Đạt")
    expect(week).to_contain_text("1 lượt đạt")
    assert Broadcast.objects.filter(unit__code="vhtt").count() == before + 1
    b = Broadcast.objects.filter(unit__code="vhtt").latest("pk")
    assert b.minutes == 12
    assert b.aired_at.astimezone().strftime("%Y-%m-%d") in ("2021-08-04",)


def test_citizen_sends_feedback_and_looks_it_up(page, live_server, demo, settings):
    from kehoach.public.models import Feedback

    # The anti-bot minimum time between showing and sending the form is its own unit test
    # (tests/public); here it is off, so the journey needs no sleep.
    settings.KEHOACH_FEEDBACK_MIN_SECONDS = 0

    name, phone = "Nguyễn Thị Lan", "0912345678"
    page.goto(f"{live_server.url}/public/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Công khai kế hoạch cải cách hành chính")
    page.locator("main").get_by_role(
        "link", name="Gửi phản ánh, kiến nghị"
    ).click()  # jumps to the form on the page
    expect(page).to_have_url(re.compile(r"/public/#phan-anh$"))
    page.get_by_label("Nội dung phản ánh, kiến nghị").fill(
        "Hồ sơ đăng ký khai sinh nộp tại bộ phận một cửa thị trấn đã quá hạn trả kết quả 5 ngày."
    )
    page.get_by_label("Hoặc ghi tên thủ tục").fill("Đăng ký khai sinh")
    page.get_by_label("Họ và tên (không bắt buộc)").fill(name)
    page.get_by_label("Số điện thoại hoặc thư điện tử (không bắt buộc)").fill(phone)
    expect(page.locator("input[name=website]")).to_have_value("")  # the honeypot stays empty
    page.get_by_role("button", name="Gửi phản ánh").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Đã gửi phản ánh")
    code = page.locator("p.code").inner_text().strip()
    assert re.fullmatch(r"PA-\d{4}-[A-Z0-9]+", code), code
    fb = Feedback.objects.get(code=code)
    assert (fb.name, fb.contact) == (name, phone)

    # Later: look it up with the code alone.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/public/feedback/lookup/")
    page.get_by_label("Mã tra cứu").fill(code)
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_role("heading", name=f"Phản ánh {code}")).to_be_visible()
    expect(page.locator("dl.summary")).to_contain_text("Đăng ký khai sinh")
    html = page.content()
    assert name not in html
    assert phone not in html
    assert "Nguyễn Thị" not in html

    # A wrong code is explained.
    page.get_by_label("Mã tra cứu").fill("PA-2021-KHONGCO")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_role("alert")).to_contain_text("Không tìm thấy phản ánh có mã này")


def test_sign_in_with_the_keyboard_only(page, live_server, demo):
    page.goto(f"{live_server.url}/accounts/login/")
    first = page.evaluate(
        """() => {
          const sel = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]';
          const all = [...document.querySelectorAll(sel)].filter(
            (el) => el.tabIndex >= 0 && !el.disabled && !el.closest('[aria-hidden=true]'));
          return all.length ? {cls: all[0].className, text: all[0].textContent.trim(), href: all[0].getAttribute('href')} : null;
        }"""
    )
    assert first == {"cls": "skip", "text": "Bỏ qua, đến nội dung chính", "href": "#main"}

    # The login page puts the focus in "Tên đăng nhập" (autofocus). From the top of the document
    # (focus moved back to <body>), the first Tab reaches the skip link, which then shows on screen.
    page.evaluate(
        """() => { document.activeElement.blur(); document.body.tabIndex = -1; document.body.focus();
                   document.body.removeAttribute('tabindex'); }"""
    )
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Bỏ qua, đến nội dung chính"
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0  # shown on screen while focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("noivu")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("Việc của tôi"))).to_be_visible()
    from kehoach.org.models import Unit

    expect(page.locator("header .who")).to_contain_text(Unit.objects.get(code="nv").display_name)


def test_submitted_figures_are_shown_with_their_vietnamese_labels(page, live_server, demo):
    sign_in(page, live_server, "phuocdan")
    submit_annual_report(page, live_server, copies=520, results="Đã đăng 6 tin bài.")
    figures = page.locator("#lan-1 dl.summary")
    expect(figures).to_contain_text("Số tờ gấp, tài liệu phát hành", timeout=2_000)
    expect(figures.locator("dt", has_text=re.compile(r"^[a-z_]+$"))).to_have_count(0)
