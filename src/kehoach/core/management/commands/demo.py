from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the Ninh Phước demo (organisation, Plan 19/KH-UBND, accounts, a year of work). Safe to run twice."

    def handle(self, *args, **options):
        from kehoach.demo.loader import run

        plan = run(say=lambda m: self.stdout.write(m))
        self.stdout.write(
            self.style.SUCCESS(f"Xong: kế hoạch {plan.number} (id {plan.pk}). Mật khẩu mẫu: kehoach-demo")
        )
