"""Demo public data: ~20 procedures, 6 CCHC news items from different units in 2021, 5 feedback items in various states."""

import datetime
import random
from zoneinfo import ZoneInfo

from kehoach.core.audit import audited_bulk_create
from kehoach.public.models import Feedback, FeedbackStatus, NewsItem, Procedure, search_key
from kehoach.public.services import CODE_ALPHABET, answer_days, hash_ip
from kehoach.rules.workdays import add_working_days

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# code, name, field, level, unit code
PROCEDURES = [
    ("1.001990", "Đăng ký đất đai, tài sản gắn liền với đất lần đầu", "Đất đai", "huyen", "tnmt"),
    (
        "1.002255",
        "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với hộ gia đình, cá nhân",
        "Đất đai",
        "huyen",
        "tnmt",
    ),
    (
        "1.004227",
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        "Đất đai",
        "huyen",
        "tnmt",
    ),
    ("1.003003", "Hòa giải tranh chấp đất đai", "Đất đai", "xa", None),
    ("1.009994", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Xây dựng", "huyen", "ktht"),
    ("1.009995", "Cấp giấy phép sửa chữa, cải tạo công trình", "Xây dựng", "huyen", "ktht"),
    ("1.010007", "Cấp giấy phép di dời công trình", "Xây dựng", "huyen", "ktht"),
    ("1.001193", "Đăng ký khai sinh", "Hộ tịch", "xa", None),
    ("1.000894", "Đăng ký kết hôn", "Hộ tịch", "xa", None),
    ("1.000656", "Đăng ký khai tử", "Hộ tịch", "xa", None),
    ("2.000908", "Cấp bản sao trích lục hộ tịch", "Hộ tịch", "huyen", "tp"),
    ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực", "xa", None),
    ("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực", "huyen", "tp"),
    (
        "2.001035",
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
        "Chứng thực",
        "xa",
        None,
    ),
    ("2.000720", "Đăng ký thành lập hộ kinh doanh", "Kinh doanh", "huyen", "tckh"),
    ("2.000575", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "Kinh doanh", "huyen", "tckh"),
    ("2.000683", "Chấm dứt hoạt động hộ kinh doanh", "Kinh doanh", "huyen", "tckh"),
    (
        "1.001612",
        "Giải quyết trợ cấp xã hội hàng tháng đối với đối tượng bảo trợ xã hội",
        "Bảo trợ xã hội",
        "huyen",
        "ldtbxh",
    ),
    ("1.005412", "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm", "Bảo trợ xã hội", "xa", None),
    (
        "1.008950",
        "Cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất nông nghiệp",
        "Nông nghiệp",
        "huyen",
        "nnptnt",
    ),
    ("1.004443", "Thủ tục tiếp công dân tại cấp huyện", "Tiếp công dân", "huyen", "thanhtra"),
]

# unit code, title, summary, day
NEWS = [
    (
        "nv",
        "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2021",
        "UBND huyện ban hành Kế hoạch số 19/KH-UBND về tuyên truyền CCHC năm 2021 với 7 nhiệm vụ trọng tâm.",
        datetime.date(2021, 1, 27),
    ),
    (
        "vhtt",
        "Ra mắt chuyên mục “Cải cách hành chính” trên sóng truyền thanh huyện",
        "Chuyên mục phát sóng hằng tuần vào 17 giờ thứ Năm, mỗi lần 15 phút.",
        datetime.date(2021, 3, 18),
    ),
    (
        "tp",
        "Lồng ghép nội dung CCHC vào kế hoạch phổ biến, giáo dục pháp luật năm 2021",
        "Hội đồng phối hợp PBGDPL huyện bổ sung nội dung cải cách hành chính vào các hội nghị tuyên truyền pháp luật.",
        datetime.date(2021, 3, 30),
    ),
    (
        "vp",
        "Hội nghị trao đổi kinh nghiệm duy trì hệ thống quản lý chất lượng ISO",
        "Văn phòng HĐND-UBND tổ chức hội nghị cho cán bộ các phòng, ban và UBND các xã, thị trấn.",
        datetime.date(2021, 6, 10),
    ),
    (
        "phuocdan",
        "Thị trấn Phước Dân tiếp nhận hồ sơ trực tuyến mức độ 3, 4",
        "Bộ phận một cửa thị trấn hướng dẫn người dân nộp hồ sơ hộ tịch, chứng thực qua Cổng dịch vụ công.",
        datetime.date(2021, 8, 16),
    ),
    (
        "nv",
        "Tập huấn nghiệp vụ cải cách hành chính cho cán bộ, công chức",
        "Hơn 120 cán bộ, công chức làm công tác CCHC của huyện và các xã tham dự lớp tập huấn.",
        datetime.date(2021, 11, 5),
    ),
]

# content, procedure code, status, routed to, answer, day
FEEDBACK = [
    (
        "Hồ sơ đăng ký biến động đất đai của tôi nộp từ tháng 3 nhưng đến nay chưa có kết quả, đề nghị kiểm tra.",
        "1.004227",
        FeedbackStatus.PUBLISHED,
        "tnmt",
        "Phòng Tài nguyên và Môi trường đã kiểm tra: hồ sơ thiếu bản vẽ sơ đồ thửa đất; bộ phận một cửa đã liên hệ bổ sung và trả kết quả ngày 20/05/2021.",
        datetime.date(2021, 4, 12),
    ),
    (
        "Đề nghị niêm yết rõ mức phí chứng thực bản sao tại bộ phận một cửa xã Phước Hậu.",
        "2.000815",
        FeedbackStatus.PUBLISHED,
        "phuochau",
        "UBND xã Phước Hậu đã niêm yết bảng phí, lệ phí chứng thực tại bộ phận một cửa từ ngày 02/07/2021.",
        datetime.date(2021, 6, 21),
    ),
    (
        "Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ yêu cầu nhiều giấy tờ không có trong danh mục công bố.",
        "1.009994",
        FeedbackStatus.ANSWERED,
        "ktht",
        "Phòng Kinh tế và Hạ tầng tiếp thu; đã chấn chỉnh công chức tiếp nhận, chỉ yêu cầu thành phần hồ sơ theo danh mục công bố.",
        datetime.date(2021, 9, 8),
    ),
    (
        "Tôi muốn hỏi đăng ký khai sinh cho con có thể nộp trực tuyến được không và cần giấy tờ gì?",
        "1.001193",
        FeedbackStatus.ROUTED,
        "phuocdan",
        "",
        datetime.date(2021, 11, 22),
    ),
    (
        "Đề nghị kéo dài giờ tiếp nhận hồ sơ vào sáng thứ Bảy để người đi làm có thể nộp hồ sơ.",
        None,
        FeedbackStatus.RECEIVED,
        None,
        "",
        datetime.date(2021, 12, 14),
    ),
]


def load(plan, units) -> None:
    """Idempotent: procedures by code, news by title, feedback by content."""
    rng = random.Random(2021)
    have = set(Procedure.objects.values_list("code", flat=True))
    audited_bulk_create(
        Procedure,
        [
            Procedure(
                code=code,
                name=name,
                field=field,
                level=level,
                unit=units.get(unit) if unit else None,
                updated_on=datetime.date(2021, 1 + rng.randrange(12), 1 + rng.randrange(28)),
                url=f"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}",
                search=search_key(f"{code} {name} {field}"),
            )
            for code, name, field, level, unit in PROCEDURES
            if code not in have
        ],
    )
    titles = set(NewsItem.objects.values_list("title", flat=True))
    audited_bulk_create(
        NewsItem,
        [
            NewsItem(
                unit=units[code],
                title=title,
                summary=summary,
                body=summary
                + "\n\nThực hiện Kế hoạch số 19/KH-UBND ngày 25/01/2021 của UBND huyện Ninh Phước.",
                published_at=datetime.datetime(day.year, day.month, day.day, 8, 30, tzinfo=TZ),
                is_published=True,
            )
            for code, title, summary, day in NEWS
            if title not in titles
        ],
    )
    contents = set(Feedback.objects.values_list("content", flat=True))
    procs = {p.code: p for p in Procedure.objects.all()}
    rows = []
    for n, (content, proc, status, routed, answer, day) in enumerate(FEEDBACK):
        if content in contents:
            continue
        received = datetime.datetime(day.year, day.month, day.day, 9, 15, tzinfo=TZ)
        answered = received + datetime.timedelta(days=6) if answer else None
        rows.append(
            Feedback(
                code=f"PA-{day.year}-" + "".join(rng.choice(CODE_ALPHABET) for _ in range(6)),
                content=content,
                procedure=procs.get(proc) if proc else None,
                name=["Nguyễn Văn An", "Trần Thị Bình", "", "Lê Văn Cường", ""][n],
                contact=["0905 123 456", "", "", "cuong@example.vn", ""][n],
                received_at=received,
                status=status,
                routed_to=units.get(routed) if routed else None,
                due_date=add_working_days(day, answer_days()),
                answer=answer,
                answered_at=answered,
                is_published=status == FeedbackStatus.PUBLISHED,
                ip_hash=hash_ip(f"demo-{n}"),
            )
        )
    audited_bulk_create(Feedback, rows)
