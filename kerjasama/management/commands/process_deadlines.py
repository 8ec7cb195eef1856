import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kerjasama.services import tenggat_sweep

# A --now further ahead than this needs --paksa: a typo in the year would otherwise run years of legal
# clocks (deemed approvals, lapses, ended agreements) on real cases in one go.
NOW_MAKS_KE_DEPAN = datetime.timedelta(days=365)


class Command(BaseCommand):
    help = ("Sapu tenggat hukum yang jatuh tempo (yang dijalankan Celery beat). Idempoten: satu kali jalan "
            "mengerjakan semua yang jatuh tempo per --now (termasuk tenggat berantai); jalan kedua tidak berbuat apa pun.")

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Waktu sapuan, ISO 8601 (mis. 2026-12-31T23:59:59+07:00).")
        parser.add_argument("--paksa", action="store_true",
                            help="Izinkan --now lebih dari satu tahun setelah waktu sebenarnya.")
        parser.add_argument("--coba", action="store_true",
                            help="Uji coba: tampilkan apa yang akan dikerjakan, lalu batalkan semuanya (tanpa notifikasi).")

    def handle(self, *args, now=None, paksa=False, coba=False, **options):
        if now:
            try:
                moment = datetime.datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(f"--now bukan waktu ISO 8601 yang sah: {now}") from exc
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        else:
            moment = timezone.now()
        if moment > timezone.now() + NOW_MAKS_KE_DEPAN and not paksa:
            raise CommandError(
                f"--now {timezone.localtime(moment):%Y-%m-%d %H:%M %Z} lebih dari satu tahun setelah waktu sebenarnya; "
                "sapuan itu akan menjalankan tenggat hukum bertahun-tahun sekaligus. Tambahkan --paksa bila memang "
                "dimaksudkan, atau --coba untuk melihat dahulu apa yang akan dikerjakan.")
        if coba:
            # Everything in one transaction rolled back: notifications go out only on commit, so none is sent.
            with transaction.atomic():
                laporan = tenggat_sweep(now=moment)
                transaction.set_rollback(True)
            judul = "Uji coba sapuan tenggat (tidak ada yang disimpan)"
        else:
            laporan = tenggat_sweep(now=moment)
            judul = "Sapuan tenggat"
        self.stdout.write(f"{judul} per {timezone.localtime(moment):%Y-%m-%d %H:%M:%S %Z}: {len(laporan)} tindakan.")
        for baris in laporan:
            self.stdout.write(f"  - {baris}")
