"""In Chromium, a person's first day (issue 13): each demo role signs in and its home opens with
its waiting work, counted and linked; axe-core finds no serious or critical violation on the
role's main pages; the unit tasks fit a 360 px phone without sideways scrolling.

Screenshots (desktop 1366×768 and a 360 px phone) of each home and each changed form go to
``KEHOACH_SCREENS`` (default /work/screens/firstday when it exists, else the test's tmp folder).
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.shots import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "kehoach-demo"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 360, "height": 740}

#: role -> (a counted link its home must show: data-count value, heading it sits under)
HOMES = {
    "noivu": [("review", "Việc cần xử lý"), ("late", "Việc cần xử lý"), ("problems", "Việc cần xử lý")],
    "lanhdao": [("budgets", "Dự toán chờ phê duyệt"), ("reports", "Tóm tắt trong một phút")],
    "tckh": [("budgets", "Dự toán chờ thẩm định")],
    "phuocdan": [("owed", "Việc phải nộp của đơn vị"), ("rank", "Xếp hạng thi đua của đơn vị")],
    "vhtt": [("airings", "Phát sóng")],
}

#: role -> its main pages for axe-core (and the phone width check for unit tasks)
MAIN_PAGES = {
    "noivu": ["/", "/tracking/review/", "/tracking/followup/"],
    "lanhdao": ["/", "/dashboard/leader/", "/budgets/"],
    "tckh": ["/", "/budgets/"],
    "phuocdan": ["/", "/tracking/", "/outputs/new/"],
    "vhtt": ["/", "/outputs/broadcasts/"],
}
PHONE_TASKS = {"phuocdan": ["/", "/tracking/", "/outputs/new/"], "vhtt": ["/", "/outputs/broadcasts/"]}


def screens_dir(tmp_path) -> Path:
    default = "/work/screens/firstday" if Path("/work/screens").is_dir() else str(tmp_path)
    path = Path(os.environ.get("KEHOACH_SCREENS", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


def sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("Việc của tôi"))).to_be_visible()


def serious(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def no_sideways_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def demo(db):
    from kehoach.demo.loader import run

    return run(say=lambda *_: None)


def test_each_role_home_counts_and_links_its_waiting_work(page, live_server, demo, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    shots = screens_dir(tmp_path)
    problems = []
    for username, expected in HOMES.items():
        page.set_viewport_size(DESKTOP)
        sign_in(page, live_server, username)
        # The role's work is on top: the first panel is the role's own.
        first_heading = page.locator("main section.panel h2").first
        expect(first_heading).to_contain_text(expected[0][1])
        for key, _heading in expected:
            link = page.locator(f"main a[data-count='{key}']").first
            expect(link).to_be_visible()
            expect(link).to_have_text(re.compile(r"\d"))
            href = link.get_attribute("href")
            if href.startswith("#"):
                continue
            answer = page.request.get(live_server.url + href)
            assert answer.status == 200, f"{username}: {key} links to {href} ({answer.status})"
        screenshot(page, shots / f"home-{username}-1366.png", full_page=True)
        page.set_viewport_size(PHONE)
        page.reload()
        screenshot(page, shots / f"home-{username}-360.png", full_page=True)
        page.set_viewport_size(DESKTOP)
        for path in MAIN_PAGES[username]:
            page.goto(live_server.url + path)
            found = serious(axe.run(page))
            if found:
                problems.append(f"{username} {path}: {found}")
        for path in PHONE_TASKS.get(username, []):
            page.set_viewport_size(PHONE)
            page.goto(live_server.url + path)
            if not no_sideways_scroll(page):
                problems.append(f"{username} {path}: scrolls sideways at 360 px")
            name = path.strip("/").replace("/", "-") or "home"
            screenshot(page, shots / f"task-{username}-{name}-360.png", full_page=True)
            page.set_viewport_size(DESKTOP)
    assert not problems, "\n".join(problems)


def test_review_count_follows_htmx_actions_and_fits_a_phone(page, live_server, demo, tmp_path):
    shots = screens_dir(tmp_path)
    sign_in(page, live_server, "noivu")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/tracking/review/")
    count = page.locator("#review-count")
    before = int(count.inner_text())
    assert before > 0
    assert no_sideways_scroll(page), "the review queue scrolls sideways at 390 px"
    row = page.locator("tbody tr").first
    row.get_by_role("button", name="Tiếp nhận").click()
    expect(row.get_by_role("status")).to_contain_text("Đã tiếp nhận")
    expect(count).to_have_text(str(before - 1))
    screenshot(page, shots / "review-queue-390.png", full_page=True)


def test_short_airing_is_warned_before_it_is_saved(page, live_server, demo, tmp_path):
    """The broadcast form is above the grid, defaults to today 19:00 and the rule's minutes; an
    8-minute airing is not saved until the person confirms it will not count; the error summary
    takes the focus."""
    from kehoach.outputs.models import Broadcast

    shots = screens_dir(tmp_path)
    sign_in(page, live_server, "vhtt")
    page.goto(f"{live_server.url}/outputs/broadcasts/")
    form_top = page.locator("#ghi-nhan").bounding_box()["y"]
    grid_top = page.get_by_role("heading", name="Lịch tuần").bounding_box()["y"]
    assert form_top < grid_top, "the form must come before the 53-week grid"
    expect(page.get_by_label("Thời điểm phát sóng")).to_have_value(re.compile(r"^\d\d/\d\d/\d{4} 19:00$"))
    screenshot(page, shots / "form-broadcast-1366.png", full_page=False)
    page.set_viewport_size(PHONE)
    assert no_sideways_scroll(page), "the broadcasts page scrolls sideways at 360 px"
    screenshot(page, shots / "form-broadcast-360.png", full_page=False)
    page.set_viewport_size(DESKTOP)
    n = Broadcast.objects.count()
    page.get_by_label("Thời điểm phát sóng").fill("19/04/2021 19:00")
    page.get_by_label("Thời lượng (phút)").fill("8")
    page.get_by_role("button", name="Lưu lượt phát sóng").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("không được tính")
    assert Broadcast.objects.count() == n
    screenshot(page, shots / "form-broadcast-warning-1366.png", full_page=False)
    page.get_by_label(re.compile("Tôi biết lượt này ngắn hơn")).check()
    page.get_by_role("button", name="Lưu lượt phát sóng").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi nhận lượt phát sóng")
    assert Broadcast.objects.count() == n + 1
