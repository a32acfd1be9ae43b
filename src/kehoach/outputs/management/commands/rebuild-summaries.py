"""``kehoach rebuild-summaries``: recount the daily summary of outputs from the outputs themselves."""

import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Tính lại bảng tổng hợp sản phẩm tuyên truyền theo ngày từ dữ liệu gốc "
        "(sau khi nạp dữ liệu hàng loạt ngoài ứng dụng, hoặc để đối chiếu)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=None, help="bí danh cơ sở dữ liệu (mặc định: nơi ghi)")

    def handle(self, *args, database, **options):
        from kehoach.outputs.summaries import rebuild

        t0 = time.monotonic()
        rows = rebuild(using=database)
        self.stdout.write(
            f"Đã tính lại {rows:,} dòng tổng hợp sau {time.monotonic() - t0:.1f} s.".replace(",", ".")
        )
