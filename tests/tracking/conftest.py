"""Tracking fixtures.

``plan`` is the seed plan from the importer when it is available; until then (the importer is
built in parallel) the same plan is saved from a hand-read extract of its section V duties, so
these tests exercise tracking with the exact duties the seed plan gives.
"""

import pytest

SEED_DUTIES = {
    "document": {
        "kind": "KẾ HOẠCH",
        "number": "19/KH-UBND",
        "issued_on": "2021-01-25",
        "issuer": "Ủy ban nhân dân huyện Ninh Phước",
        "title": "Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021",
        "year": 2021,
    },
    "activities": [],
    "duties": [
        {
            "section": "V.1.a",
            "who": ["Các Phòng, ban", "Ủy ban nhân dân các xã, thị trấn"],
            "text": "Xây dựng kế hoạch tuyên truyền cải cách hành chính năm 2021 của cơ quan, đơn vị, địa phương trước ngày 26/01/2021 gửi về Ủy ban nhân dân huyện (thông qua Phòng Nội vụ)",
            "due": {"date": "2021-01-26", "inclusive": False},
            "recurrence": [],
            "report_to": "Phòng Nội vụ",
        },
        {
            "section": "V.1.a",
            "who": ["Các Phòng, ban", "Ủy ban nhân dân các xã, thị trấn"],
            "text": "Định kỳ 06 tháng, một năm báo cáo tình hình, kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính của cơ quan, đơn vị gửi về Phòng Nội vụ để tổng hợp",
            "due": None,
            "recurrence": [{"every": "6 months"}, {"every": "year"}],
            "report_to": "Phòng Nội vụ",
        },
        {
            "section": "V.1.đ",
            "who": ["Trung tâm văn hóa thể thao và truyền thanh huyện"],
            "text": "Thiết lập và duy trì chuyên mục phát sóng định kỳ về cải cách hành chính mỗi tuần ít nhất một lần, thời lượng phát sóng mỗi lần ít nhất 10 phút",
            "due": None,
            "recurrence": [{"every": "week", "min_count": 1, "min_minutes": 10}],
            "report_to": None,
        },
        {
            "section": "V.1.b",
            "who": ["Phòng Nội vụ"],
            "text": "Theo dõi, kiểm tra, đôn đốc các cơ quan, đơn vị xây dựng, tổ chức thực hiện Kế hoạch",
            "due": None,
            "recurrence": [],
            "report_to": None,
        },
    ],
}


def _importer_ready() -> bool:
    try:
        from kehoach.importing import parse_bytes  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture
def plan(org):
    """Plan 19/KH-UBND, issued (from the importer, or the hand-read extract)."""
    if _importer_ready():
        from kehoach.demo.loader import load_plan

        return load_plan(org)
    from kehoach.plans.models import PlanStatus
    from kehoach.plans.services import save_imported_plan

    return save_imported_plan(SEED_DUTIES, status=PlanStatus.ISSUED, issuer=org["ubnd"])


@pytest.fixture
def deliverables(plan):
    """The plan with its deliverables generated."""
    from kehoach.tracking.services import generate_deliverables

    generate_deliverables(plan)
    return plan


@pytest.fixture
def tracking_demo(plan, org):
    """The plan with the tracking demo year loaded."""
    from kehoach.core.audit import acting_as
    from kehoach.tracking import demo

    with acting_as(None):
        demo.load(plan, org)
    return plan
