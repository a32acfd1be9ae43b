"""Demo history of 2021: every unit's communication outputs and a year of the radio centre's airings.

Deterministic (random.Random(2021)), idempotent (skips what exists), fast (bulk_create; the
audit log is not needed for demo history). The radio log keeps, on purpose, one week with no
airing (Tết, 2021-W06) and one with only airings under 10 minutes (2021-W31).
"""

import datetime
import random
from zoneinfo import ZoneInfo

from kehoach.core.audit import audited_bulk_create
from kehoach.outputs import summaries
from kehoach.outputs.models import TOPICS, Broadcast, Output, OutputForm, QuantityUnit

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NO_AIRING_WEEK = 6  # Tết Tân Sửu (12/02/2021)
SHORT_WEEK = 31  # only 7–8 minute airings

TITLES = {
    OutputForm.WEBSITE_ARTICLE: [
        "Kết quả thực hiện cơ chế một cửa, một cửa liên thông",
        "Công khai thủ tục hành chính lĩnh vực đất đai",
        "Hướng dẫn nộp hồ sơ trực tuyến mức độ 3, 4",
        "Đánh giá Chỉ số hài lòng SIPAS năm 2020",
    ],
    OutputForm.RADIO: ["Chuyên đề cải cách thủ tục hành chính", "Phóng sự: Bộ phận một cửa thân thiện"],
    OutputForm.TELEVISION: ["Phóng sự truyền hình về chính quyền điện tử"],
    OutputForm.PRESS: ["Bài viết đăng Báo Ninh Thuận về CCHC huyện"],
    OutputForm.LEAFLET: ["Tờ gấp thủ tục hành chính thường gặp", "Tờ gấp dịch vụ công trực tuyến"],
    OutputForm.POSTER: ["Băng rôn tuyên truyền CCHC", "Pa-nô quy trình một cửa"],
    OutputForm.TRAINING: [
        "Tập huấn nghiệp vụ CCHC cho công chức",
        "Bồi dưỡng kỹ năng giao tiếp tại bộ phận một cửa",
    ],
    OutputForm.CONFERENCE: [
        "Hội nghị quán triệt Kế hoạch CCHC năm 2021",
        "Lồng ghép CCHC trong hội nghị phổ biến pháp luật",
    ],
    OutputForm.SKIT: ["Tiểu phẩm “Một cửa thân thiện”"],
    OutputForm.LOUDSPEAKER: ["Tuyên truyền CCHC trên loa truyền thanh xã"],
    OutputForm.SOCIAL_MEDIA: ["Bài đăng trang Zalo của đơn vị về dịch vụ công"],
    OutputForm.OTHER: ["Tọa đàm về cải cách hành chính"],
}

# Forms each kind of unit typically uses.
FORMS_BY_KIND = {
    "office": [
        OutputForm.WEBSITE_ARTICLE,
        OutputForm.TRAINING,
        OutputForm.CONFERENCE,
        OutputForm.LEAFLET,
        OutputForm.SOCIAL_MEDIA,
    ],
    "service_unit": [
        OutputForm.RADIO,
        OutputForm.TELEVISION,
        OutputForm.SKIT,
        OutputForm.WEBSITE_ARTICLE,
        OutputForm.TRAINING,
    ],
    "front": [OutputForm.CONFERENCE, OutputForm.LEAFLET, OutputForm.OTHER],
    "mass_org": [OutputForm.CONFERENCE, OutputForm.LEAFLET, OutputForm.SOCIAL_MEDIA],
    "commune": [
        OutputForm.LOUDSPEAKER,
        OutputForm.LEAFLET,
        OutputForm.POSTER,
        OutputForm.CONFERENCE,
        OutputForm.WEBSITE_ARTICLE,
    ],
    "town": [
        OutputForm.LOUDSPEAKER,
        OutputForm.LEAFLET,
        OutputForm.POSTER,
        OutputForm.CONFERENCE,
        OutputForm.WEBSITE_ARTICLE,
    ],
    "peoples_committee": [OutputForm.WEBSITE_ARTICLE, OutputForm.CONFERENCE, OutputForm.PRESS],
}
SKIP = {"ubnd-tinh", "so-noi-vu"}


def _quantity(rng: random.Random, form: str) -> tuple[int, str, int | None]:
    if form in (OutputForm.RADIO, OutputForm.TELEVISION, OutputForm.LOUDSPEAKER):
        return rng.randint(10, 30), QuantityUnit.MINUTES, None
    if form == OutputForm.LEAFLET:
        return rng.choice([200, 300, 500, 1000]), QuantityUnit.COPIES, None
    if form == OutputForm.POSTER:
        return rng.randint(2, 10), QuantityUnit.COPIES, None
    if form == OutputForm.TRAINING:
        return rng.randint(1, 2), QuantityUnit.SESSIONS, rng.randint(30, 120)
    if form == OutputForm.CONFERENCE:
        return 1, QuantityUnit.SESSIONS, rng.randint(40, 200)
    return rng.randint(1, 4), QuantityUnit.ITEMS, None


def _audiences(rng: random.Random, kind: str) -> list[str]:
    if kind in ("mass_org", "front"):
        return ["members", "citizens"]
    if kind in ("commune", "town"):
        return ["citizens"] + (["businesses"] if rng.random() < 0.3 else [])
    return ["officials"] + (["citizens"] if rng.random() < 0.5 else [])


def load_outputs(plan, units, rng: random.Random) -> int:
    if Output.objects.filter(plan=plan).exists():
        return 0
    activities = list(plan.activities.all())
    topic_codes = [c for c, _ in TOPICS]
    rows = []
    for code, unit in sorted(units.items()):
        if code in SKIP:
            continue
        forms = FORMS_BY_KIND.get(unit.kind, [OutputForm.WEBSITE_ARTICLE, OutputForm.CONFERENCE])
        for n in range(rng.randint(5, 10)):
            form = forms[n % len(forms)] if n < len(forms) else rng.choice(forms)
            day = datetime.date(2021, 1, 4) + datetime.timedelta(days=rng.randint(0, 360))
            qty, qunit, people = _quantity(rng, form)
            led = [a for a in activities if a.lead_unit_id == unit.pk]
            rows.append(
                Output(
                    unit=unit,
                    plan=plan,
                    activity=rng.choice(led) if led and rng.random() < 0.5 else None,
                    date=day,
                    form=form,
                    topics=sorted(rng.sample(topic_codes, rng.randint(1, 3)), key=topic_codes.index),
                    audiences=_audiences(rng, unit.kind),
                    quantity=qty,
                    quantity_unit=qunit,
                    participants=people,
                    title=rng.choice(TITLES[form]),
                    url=f"https://ninhphuoc.ninhthuan.gov.vn/tin-tuc/cchc-{code}-{n + 1}"
                    if form == OutputForm.WEBSITE_ARTICLE
                    else "",
                )
            )
    audited_bulk_create(Output, rows, batch_size=500)
    summaries.apply(added=rows)  # the daily summary counts the demo's outputs too
    return len(rows)


def load_broadcasts(plan, units, rng: random.Random) -> int:
    unit = units.get("vhtt")
    if unit is None or Broadcast.objects.filter(unit=unit, plan=plan).exists():
        return 0
    topics = [label.split(" (")[0] for _, label in TOPICS]
    rows = []
    for week in range(1, 53):
        if week == NO_AIRING_WEEK:
            continue
        monday = datetime.date.fromisocalendar(2021, week, 1)
        airings = 1 if rng.random() < 0.6 else 2
        for i in range(airings):
            day = monday + datetime.timedelta(days=rng.choice([1, 3, 5]) + i)
            at = datetime.datetime.combine(
                day, rng.choice([datetime.time(11, 15), datetime.time(18, 30)]), tzinfo=TZ
            )
            minutes = rng.randint(7, 8) if week == SHORT_WEEK else rng.randint(12, 20)
            rows.append(
                Broadcast(
                    unit=unit,
                    plan=plan,
                    aired_at=at,
                    minutes=minutes,
                    title=f"Chuyên mục Cải cách hành chính: {rng.choice(topics)}",
                )
            )
    audited_bulk_create(Broadcast, rows, batch_size=500)
    return len(rows)


def load(plan, units) -> None:
    rng = random.Random(2021)
    load_outputs(plan, units, rng)
    load_broadcasts(plan, units, random.Random(2021 * 7))
