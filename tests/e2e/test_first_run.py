"""In Chromium, from an EMPTY database (no demo): an administrator sets up a real province.

Sign in → Thiết lập ban đầu → the organisation (Ủy ban nhân dân tỉnh Khánh Hòa) → 100+ units from
an .xlsx → 100+ people from an .xlsx, initial passwords shown once to print → the first plan
(the signed text of 19/KH-UBND, its names mapped to the province's units and groups), saved as a
draft, then issued → the first reminders, previewed then sent. Each step is photographed at 1280
and 360 px into the folder the test prints ($KEHOACH_ARTIFACTS, else a temporary folder).

The clock is 18/06/2021 (the plan's year), so that the plan's first reports fall due this week.
"""

import datetime
import os
import re
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from tests.e2e import firstrun_data as data
from tests.e2e.shots import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-quan-tri-2021"
SEED = Path(__file__).resolve().parents[2] / "src" / "kehoach" / "data" / "seed_19_KH-UBND_2021.txt"
#: How the province maps the names of a district's plan (substring of the name → option label).
MAPPING = [
    ("chính trị - xã hội", "Các tổ chức chính trị - xã hội"),
    ("các xã", "Ủy ban nhân dân các xã, phường"),
    ("Phòng, ban", "Các sở, ban, ngành"),
    ("liên quan", "Các cơ quan, đơn vị liên quan"),
    ("Nội vụ", "Sở Nội vụ tỉnh Khánh Hòa"),
    ("Tư pháp", "Sở Tư pháp tỉnh Khánh Hòa"),
    ("Tài chính", "Sở Tài chính tỉnh Khánh Hòa"),
    ("Trung tâm chính trị", "Trường Chính trị tỉnh"),
    ("HĐND-UBND", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("Văn hóa", "Đài Phát thanh và Truyền hình Khánh Hòa"),
    ("Mặt trận", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
]


@pytest.fixture
def shots():
    """Where the screenshots go, printed so a person can look at them after the run."""
    out = Path(os.environ.get("KEHOACH_ARTIFACTS") or tempfile.mkdtemp(prefix="kehoach-"))
    out = out / "firstrun"
    out.mkdir(parents=True, exist_ok=True)
    print(f"\nScreenshots of the first run: {out}")
    return out


@pytest.fixture
def empty_db(db):
    """Only an administrator account: no unit, no plan, no demo."""
    from django.contrib.auth import get_user_model

    from kehoach.org.models import Unit
    from kehoach.plans.models import Plan

    assert not Unit.objects.exists() and not Plan.objects.exists()
    get_user_model().objects.create_superuser("quantri", "quantri@khanhhoa.gov.vn", PASSWORD)


def snap(page, shots: Path, name: str) -> None:
    """The step as seen on a desktop (1280) and on a phone (360), top of the page; nothing wider."""
    page.wait_for_load_state("load")  # a screenshot taken mid-navigation fails in Chromium
    for width, height in ((1280, 800), (360, 740)):
        page.set_viewport_size({"width": width, "height": height})
        screenshot(page, shots / f"{name}-{width}.png")
        if width == 360:
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"{name}: sideways scroll"
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_province_is_set_up_in_the_browser_from_an_empty_database(
    page, live_server, empty_db, shots, tmp_path
):
    from kehoach.org.models import Membership, Unit
    from kehoach.plans.models import Plan
    from kehoach.tracking.models import Deliverable, Reminder

    units_file = tmp_path / "don-vi-khanh-hoa.xlsx"
    units_file.write_bytes(data.units_xlsx())
    people_file = tmp_path / "can-bo-khanh-hoa.xlsx"
    people_file.write_bytes(data.people_xlsx())
    assert len(data.units()) >= 100 and len(data.people()) >= 100
    url = live_server.url
    clock = datetime.datetime(2021, 6, 18, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

    with time_machine.travel(clock, tick=True):
        # 0. Sign in: the home offers the first run
        page.goto(f"{url}/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill("quantri")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_role("heading", name="Bắt đầu: thiết lập tổ chức")).to_be_visible()
        snap(page, shots, "01-home")
        page.get_by_role("link", name="Thiết lập ban đầu").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Thiết lập ban đầu")
        snap(page, shots, "02-checklist")

        # 1. The organisation: preview (what will change), then save
        page.get_by_role("link", name="Tổ chức (UBND tỉnh hoặc huyện)").click()
        page.get_by_label("Cấp").select_option("province")
        page.get_by_label("Tên cơ quan").fill(data.TOP[1])
        page.get_by_label("Mã").fill(data.TOP[0])
        page.get_by_role("button", name="Xem trước").click()
        expect(page.get_by_role("status")).to_contain_text("Tạo đơn vị cấp trên cùng")
        expect(page.get_by_role("status")).to_contain_text("Ủy ban nhân dân các xã, phường")
        snap(page, shots, "03-organisation-preview")
        page.get_by_role("button", name="Lưu").click()
        expect(page.get_by_text("Đã lưu tổ chức")).to_be_visible()

        # 2. Units from the .xlsx: what will change, then "Lưu"
        page.get_by_role("main").get_by_role("link", name="Đơn vị", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Nhập danh sách đơn vị")
        page.get_by_label("Tệp danh sách đơn vị (.xlsx)").set_input_files(str(units_file))
        page.get_by_role("button", name="Xem trước").click()
        expect(page.get_by_text(f"{len(data.units())} đơn vị mới, 0 đơn vị cập nhật")).to_be_visible()
        snap(page, shots, "04-units-preview")
        page.get_by_role("button", name="Lưu danh sách đơn vị").click()
        expect(page.get_by_text(f"Đã lưu: {len(data.units())} đơn vị mới")).to_be_visible()
        snap(page, shots, "05-units-saved")
        assert Unit.objects.filter(parent__code=data.TOP[0]).count() == len(data.units())

        # 3. People from the .xlsx; the initial passwords are shown once, to print
        page.goto(f"{url}/units/setup/")
        page.get_by_role("link", name="Cán bộ").click()
        page.get_by_label("Tệp danh sách cán bộ (.xlsx)").set_input_files(str(people_file))
        page.get_by_role("button", name="Xem trước").click()
        expect(page.get_by_role("button", name="Lưu và in mật khẩu ban đầu")).to_be_visible()
        snap(page, shots, "06-people-preview")
        page.get_by_role("button", name="Lưu và in mật khẩu ban đầu").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Đã lưu danh sách cán bộ")
        passwords = page.locator("table tbody td code")
        expect(passwords).to_have_count(len(data.people()))
        first_password = passwords.first.inner_text()
        assert re.fullmatch(r"[a-z2-9]{12}", first_password)
        snap(page, shots, "07-people-passwords")
        assert Membership.objects.values("user").distinct().count() == len(data.people())
        assert Unit.objects.get(code="kh-p-nha-trang").focal_person.username == "cb-p-nha-trang"

        # 4. The first plan: read the signed text, map its names, save as a draft, then issue it
        page.goto(f"{url}/units/setup/")
        page.get_by_role("link", name="Kế hoạch đầu tiên").click()
        page.get_by_label("Tệp văn bản kế hoạch").set_input_files(str(SEED))
        page.get_by_role("button", name="Đọc văn bản").click()
        expect(
            page.get_by_role("heading", name=re.compile("Kiểm tra kế hoạch trước khi lưu"))
        ).to_be_visible()
        page.get_by_label("Cơ quan ban hành").select_option(label=data.TOP[1])
        mapped = map_names(page)
        assert mapped, "a district's plan read by a province has names to map"
        snap(page, shots, "08-plan-review")
        page.get_by_role("button", name="Lưu kế hoạch").click()
        expect(page.get_by_text(re.compile("Đã lưu kế hoạch 19/KH-UBND"))).to_be_visible()
        plan = Plan.objects.get(number="19/KH-UBND")
        assert plan.status == "draft" and not Deliverable.objects.exists()
        assert plan.activities.count() == 7
        snap(page, shots, "09-plan-draft")
        page.get_by_role("button", name="Ban hành (giao việc cho đơn vị)").click()
        expect(page.get_by_text(re.compile(r"Đã ban hành; đã sinh \d+ việc phải nộp"))).to_be_visible()
        plan.refresh_from_db()
        assert plan.status == "issued"
        communes = Deliverable.objects.filter(unit__kind__in=["commune", "ward", "special_zone"])
        assert communes.values("unit").distinct().count() == 65  # "UBND các xã, thị trấn" → every commune
        snap(page, shots, "10-plan-issued")

        # 5. The first reminders: who will be reminded, then send (once)
        page.goto(f"{url}/units/setup/")
        page.get_by_role("link", name="Nhắc việc đầu tiên").click()
        rows = page.locator("table tbody tr")
        expect(rows.first).not_to_contain_text("Không có việc nào cần nhắc")
        expect(page.locator("table")).to_contain_text("@khanhhoa.gov.vn")
        snap(page, shots, "11-reminders-preview")
        page.get_by_role("button", name="Gửi nhắc việc").click()
        expect(page.get_by_text(re.compile(r"Đã gửi [1-9]\d* lời nhắc"))).to_be_visible()
        sent = Reminder.objects.count()
        assert sent > 0 and not Reminder.objects.filter(to_email="").exists()
        snap(page, shots, "12-reminders-sent")
        page.get_by_role("button", name="Gửi nhắc việc").click()
        expect(page.get_by_text("Đã gửi 0 lời nhắc")).to_be_visible()
        assert Reminder.objects.count() == sent  # a second click sends nothing twice

        # 6. A focal person signs in with the printed password and finds the reminder
        page.context.clear_cookies()
        page.goto(f"{url}/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(data.people()[0][0])
        page.get_by_label("Mật khẩu").fill(first_password)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_role("heading", name=re.compile("Việc của tôi|Đổi mật khẩu"))).to_be_visible()
        snap(page, shots, "13-first-sign-in")


def map_names(page) -> list[tuple[str, str]]:
    """Answer every "which unit is this?" question of the review page; returns what was chosen."""
    chosen, missing = [], []
    for select in page.locator("select[name^='map-']").all():
        label = page.locator(f"label[for='{select.get_attribute('id')}']").inner_text().strip()
        target = next((t for key, t in MAPPING if key.lower() in label.lower()), None)
        if target is None:
            missing.append(label)
            continue
        select.select_option(label=target)
        chosen.append((label, target))
    assert not missing, f"no mapping for {missing}"
    return chosen


def test_with_a_worker_the_import_shows_progress_then_the_preview_in_place(
    page, live_server, empty_db, settings, tmp_path
):
    """Jobs wait for a worker (the database queue): the box polls, then the preview replaces it."""
    from kehoach.jobs.models import Job
    from kehoach.jobs.services import run_job
    from kehoach.org.models import Unit

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    Unit.objects.create(code=data.TOP[0], name=data.TOP[1], kind="peoples_committee")
    units_file = tmp_path / "don-vi.xlsx"
    units_file.write_bytes(data.units_xlsx())
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/units/import/")
    page.get_by_label("Tệp danh sách đơn vị (.xlsx)").set_input_files(str(units_file))
    page.get_by_role("button", name="Xem trước").click()
    box = page.locator("#import-job")
    expect(box).to_contain_text("Đang chờ xử lý")
    expect(box.locator("progress")).to_be_visible()
    url = page.url
    run_job(Job.objects.get().pk)  # what `kehoach worker` does
    expect(page.get_by_text(f"{len(data.units())} đơn vị mới")).to_be_visible()
    expect(box).to_have_count(0)
    assert page.url == url  # in place: no page load
    page.get_by_role("button", name="Lưu danh sách đơn vị").click()
    expect(page.locator("#import-job")).to_contain_text("Lưu danh sách đơn vị")
    run_job(Job.objects.filter(status="queued").get().pk)
    expect(page.get_by_text(f"Đã lưu: {len(data.units())} đơn vị mới")).to_be_visible()
    assert Unit.objects.count() == len(data.units()) + 1
