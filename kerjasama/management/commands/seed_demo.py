import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kerjasama.demo import DemoContext
from kerjasama.demo import seed as seed_inti


def _modul_demo():
    """Each installed app's `demo` module, in INSTALLED_APPS order (the core first; the dashboards,
    built on every other app, last). The core names no app above it (CONVENTIONS "Layers")."""
    for config in apps.get_app_configs():
        if config.name == "kerjasama":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        if hasattr(module, "seed"):
            yield module


class Command(BaseCommand):
    help = "Membuat kota demo: PD, mitra, satu pengguna per peran, dan kasus di berbagai tahap. Idempoten."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="demo-bekasi", help="Kata sandi semua pengguna demo.")
        parser.add_argument(
            "--izinkan-produksi", action="store_true", dest="izinkan_produksi",
            help="Jalankan juga pada pengaturan produksi atau bila DEBUG mati (berbahaya: membuat pengguna demo "
                 "dengan kata sandi yang diketahui umum).",
        )

    def handle(self, *args, password, izinkan_produksi=False, **options):
        alasan = alasan_menolak()
        if alasan and not izinkan_produksi:
            raise CommandError(
                f"seed_demo ditolak: {alasan}. Data demo membuat satu pengguna per peran dengan kata sandi yang "
                "diketahui umum, sehingga siapa pun dapat masuk sebagai Wali Kota atau Sekretariat TKKSD. "
                "Jalankan pada pengaturan pengembangan (DEBUG=1), atau tambahkan --izinkan-produksi bila Anda "
                "benar-benar menghendakinya (mis. server pelatihan)."
            )
        ctx = DemoContext(password=password)
        with transaction.atomic():
            seed_inti(ctx)
            for module in _modul_demo():
                module.seed(ctx)
        for baris in ctx.log:
            self.stdout.write(f"  + {baris}")
        self.stdout.write(self.style.SUCCESS(
            "Data demo siap. Pengguna (kata sandi: {}): {}".format(password, ", ".join(sorted(ctx.users)))
        ))


def alasan_menolak() -> str:
    """Why demo data must not go here, or "" (issue 12: seed_demo on production settings created demo
    users with the published password)."""
    modul = getattr(settings, "SETTINGS_MODULE", "") or ""
    if modul.rsplit(".", 1)[-1] == "production":
        return f"pengaturan yang aktif adalah pengaturan produksi ({modul})"
    if not settings.DEBUG:
        return "DEBUG tidak aktif (bukan lingkungan pengembangan)"
    return ""
