import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kerjasama.services import tenggat_sweep


class Command(BaseCommand):
    help = "Sapu tenggat hukum yang jatuh tempo (yang dijalankan Celery beat). Idempoten."

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Waktu sapuan, ISO 8601 (mis. 2026-12-31T23:59:59+07:00).")

    def handle(self, *args, now=None, **options):
        if now:
            try:
                moment = datetime.datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(f"--now bukan waktu ISO 8601 yang sah: {now}") from exc
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        else:
            moment = timezone.now()
        laporan = tenggat_sweep(now=moment)
        self.stdout.write(f"Sapuan tenggat per {timezone.localtime(moment):%Y-%m-%d %H:%M:%S %Z}: {len(laporan)} tindakan.")
        for baris in laporan:
            self.stdout.write(f"  - {baris}")
