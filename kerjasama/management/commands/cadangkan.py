from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kerjasama import cadangan


class Command(BaseCommand):
    help = (
        "Mencadangkan basis data (pg_dump untuk PostgreSQL; salinan konsisten untuk SQLite) dan seluruh dokumen "
        "privat (PRIVATE_MEDIA_ROOT) ke satu arsip bertanggal dengan manifest checksum SHA-256, lalu menghapus "
        "arsip lama menurut kebijakan retensi (harian/mingguan/bulanan)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tujuan", type=Path, default=None,
                            help="Folder arsip (bawaan: SIKSD_CADANGAN_DIR atau var/cadangan).")
        parser.add_argument("--simpan-harian", type=int, default=7, help="Jumlah hari terakhir yang disimpan (7).")
        parser.add_argument("--simpan-mingguan", type=int, default=4,
                            help="Jumlah minggu terakhir yang disimpan, satu arsip per minggu (4).")
        parser.add_argument("--simpan-bulanan", type=int, default=6,
                            help="Jumlah bulan terakhir yang disimpan, satu arsip per bulan (6).")
        parser.add_argument("--tanpa-retensi", action="store_true", help="Jangan menghapus arsip lama.")

    def handle(self, *args, tujuan, simpan_harian, simpan_mingguan, simpan_bulanan, tanpa_retensi, **options):
        tujuan = tujuan or cadangan.folder_bawaan()
        try:
            arsip = cadangan.buat_cadangan(tujuan)
        except cadangan.GalatCadangan as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Cadangan dibuat: {arsip} ({arsip.stat().st_size / 1e6:.1f} MB)"))
        if not tanpa_retensi:
            for lama in cadangan.terapkan_retensi(tujuan, simpan_harian, simpan_mingguan, simpan_bulanan):
                self.stdout.write(f"  retensi: {lama.name} dihapus")
