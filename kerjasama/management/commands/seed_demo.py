import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from kerjasama.demo import DemoContext
from kerjasama.demo import seed as seed_inti

APPS = ("pemetaan", "ksdd", "ksdpk", "ksdln", "pengawasan", "kerjasama.dasbor", "akun")


class Command(BaseCommand):
    help = "Membuat kota demo: PD, mitra, satu pengguna per peran, dan kasus di berbagai tahap. Idempoten."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="demo-bekasi", help="Kata sandi semua pengguna demo.")

    def handle(self, *args, password, **options):
        ctx = DemoContext(password=password)
        with transaction.atomic():
            seed_inti(ctx)
            for app in APPS:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                module.seed(ctx)
        for baris in ctx.log:
            self.stdout.write(f"  + {baris}")
        self.stdout.write(self.style.SUCCESS(
            "Data demo siap. Pengguna (kata sandi: {}): {}".format(password, ", ".join(sorted(ctx.users)))
        ))
