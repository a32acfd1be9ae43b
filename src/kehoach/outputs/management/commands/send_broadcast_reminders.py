import datetime

from django.core.management.base import BaseCommand, CommandError

from kehoach.core.audit import acting_as_system


class Command(BaseCommand):
    help = "Nhắc Trung tâm VH-TT&TT khi tuần hiện tại (từ thứ Sáu) chưa đạt yêu cầu phát sóng chuyên mục CCHC. Chạy hằng ngày."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày coi là hôm nay (yyyy-mm-dd), mặc định: hôm nay.")

    def handle(self, *args, **options):
        from kehoach.outputs.services import send_week_reminders

        today = None
        if options.get("date"):
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date phải có dạng yyyy-mm-dd")
        with acting_as_system():
            sent = send_week_reminders(today)
        self.stdout.write(f"Đã gửi {len(sent)} lời nhắc phát sóng.")
