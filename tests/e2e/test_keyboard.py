"""In Chromium, with the keyboard only: a commune submits its annual report, the coordinator
accepts it, finance appraises an estimate and the leader approves it.

Only Tab, Shift+Tab, Enter and Space move and act (text is typed into the field that has the
focus). At every stop the focused element must show a visible focus ring (an outline or a shadow
of at least 2 px), so a person who cannot use a mouse always sees where they are.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "kehoach-demo"
LIMIT = 250  # tab stops before giving up: a page that needs more is a finding in itself

#: What the focused element is, and whether its focus can be seen.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: "body", visible: true, name: ""};
  const s = getComputedStyle(el);
  const ring = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow && s.boxShadow !== "none";
  const label = (el.labels && el.labels.length) ? el.labels[0].innerText : "";
  const name = (el.getAttribute("aria-label") || label || el.innerText || el.value || "").trim();
  const row = el.closest("[id^=row-]");
  return {tag: el.tagName.toLowerCase(), type: el.type || "", name: name.replace(/\\s+/g, " "),
          href: el.getAttribute("href") || "", row: row ? row.id : "", visible: ring || shadow};
}"""


def tab_to(page, want, *, back: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element satisfies ``want``; every stop must show
    its focus."""
    for _ in range(LIMIT):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = page.evaluate(FOCUS)
        assert now["visible"], f"focus is not visible on {now}"
        if want(now):
            return now
    raise AssertionError(f"not reached with the keyboard in {LIMIT} tab stops")


def named(text: str, tag: str | None = None):
    return lambda f: f["name"].startswith(text) and (tag is None or f["tag"] == tag)


def type_into(page, label: str, text: str) -> None:
    tab_to(page, named(label))
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def sign_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    type_into(page, "Tên đăng nhập", username)
    type_into(page, "Mật khẩu", PASSWORD)
    tab_to(page, named("Đăng nhập", "button"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name=re.compile("Việc của tôi"))).to_be_visible()


@pytest.fixture
def demo(db):
    from kehoach.demo.loader import run

    return run(say=lambda *_: None)


def test_submit_and_review_with_the_keyboard_only(page, live_server, demo):
    from kehoach.tracking.models import Deliverable

    report = Deliverable.objects.get(unit__code="phuocdan", kind="report", period="2021")

    # The commune officer: Việc phải nộp → Báo cáo năm 2021 → fill → Tiếp tục → Nộp
    sign_in(page, live_server, "phuocdan")
    tab_to(page, named("Việc phải nộp", "a"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Việc phải nộp")
    tab_to(page, lambda f: f["href"] == f"/tracking/{report.pk}/")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Báo cáo năm 2021")
    type_into(page, "Nội dung, trích yếu văn bản nộp", "Báo cáo số 25/BC-UBND về tuyên truyền CCHC")
    type_into(page, "Kết quả đạt được", "Đã đăng 6 tin bài, phát 40 buổi trên loa.")
    tab_to(page, named("Tiếp tục", "button"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kiểm tra lại trước khi nộp")
    tab_to(page, lambda f: f["tag"] == "button" and f["name"] == "Nộp")
    page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_contain_text("trễ hạn")
    report.refresh_from_db()
    assert report.status == "late" and report.submissions.count() == 1

    # The coordinator: the home's counted link → the review queue → "Tiếp nhận" on that row
    sign_in(page, live_server, "noivu")
    tab_to(page, lambda f: f["href"].startswith("/tracking/review/"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hàng chờ tiếp nhận")
    tab_to(page, lambda f: f["row"] == f"row-{report.pk}" and f["name"] == "Tiếp nhận")
    page.keyboard.press("Enter")
    expect(page.locator(f"#row-{report.pk}").get_by_role("status")).to_have_text("Đã tiếp nhận.")
    report.refresh_from_db()
    assert report.status == "accepted"
    # Focus is not lost after the row is replaced in place: the next Tab still lands somewhere visible.
    tab_to(page, lambda f: f["tag"] != "body")


def test_appraise_and_approve_a_budget_with_the_keyboard_only(page, live_server, demo):
    from kehoach.budgets.models import Budget

    budget = Budget.objects.filter(status="estimated").order_by("pk").first()
    assert budget is not None
    link = f"/budgets/{budget.pk}/"

    # Finance: Kinh phí → the estimate → Số thẩm định → Ghi nhận thẩm định
    sign_in(page, live_server, "tckh")
    tab_to(page, lambda f: f["href"] == link)  # the home lists the estimates waiting for appraisal
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Thẩm định")).to_be_visible()
    type_into(page, "Số thẩm định (đồng)", "1.000.000")
    type_into(page, "Ý kiến", "Đủ điều kiện, giảm theo định mức.")
    tab_to(page, named("Ghi nhận thẩm định", "button"))
    page.keyboard.press("Enter")
    tag = page.locator("dl.summary dt", has_text="Trạng thái").locator("+ dd .tag")
    expect(tag).to_have_text("Đã thẩm định, chờ phê duyệt")
    budget.refresh_from_db()
    assert (budget.status, budget.appraised_amount) == ("appraised", 1_000_000)

    # The leader: the home's list → the estimate → Số phê duyệt → check page → Xác nhận phê duyệt
    sign_in(page, live_server, "lanhdao")
    tab_to(page, lambda f: f["href"] == link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Phê duyệt")).to_be_visible()
    type_into(page, "Số phê duyệt (đồng)", "1.000.000")
    tab_to(page, named("Tiếp tục: kiểm tra trước khi phê duyệt", "button"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kiểm tra trước khi phê duyệt")
    # Shift+Tab works too: from the end of the page back to the confirming button.
    tab_to(page, named("Xác nhận phê duyệt", "button"))
    page.keyboard.press("Tab")
    tab_to(page, named("Xác nhận phê duyệt", "button"), back=True)
    page.keyboard.press("Space")
    expect(tag).to_have_text("Đã phê duyệt")
    budget.refresh_from_db()
    assert (budget.status, budget.approved_amount) == ("approved", 1_000_000)
