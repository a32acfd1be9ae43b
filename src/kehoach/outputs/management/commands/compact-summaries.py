"""``kehoach compact-summaries``: fold the daily summary of outputs, one row a key (the worker does it every minute)."""

import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Gộp các dòng của bảng tổng hợp sản phẩm tuyên truyền theo ngày (mỗi khóa một dòng); "
        "tiến trình tác vụ nền làm việc này mỗi phút."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=None, help="bí danh cơ sở dữ liệu (mặc định: nơi ghi)")

    def handle(self, *args, database, **options):
        from kehoach.outputs.summaries import compact

        t0 = time.monotonic()
        folded, _top = compact(0, using=database)
        self.stdout.write(
            f"Đã gộp {folded:,} khóa tổng hợp sau {time.monotonic() - t0:.1f} s.".replace(",", ".")
        )
