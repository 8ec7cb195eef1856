import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kerjasama import cadangan


class Command(BaseCommand):
    help = (
        "Memulihkan basis data dan dokumen privat dari arsip `cadangkan`. Semua checksum SHA-256 diperiksa "
        "terhadap manifest sebelum apa pun diubah; basis data dan folder dokumen saat ini DIGANTI seluruhnya."
    )

    def add_arguments(self, parser):
        parser.add_argument("arsip", type=Path, help="Berkas siksd-cadangan-YYYYMMDD-HHMMSS.tar")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interaktif",
                            help="Jangan meminta konfirmasi.")
        parser.add_argument("--periksa-saja", action="store_true",
                            help="Hanya memeriksa arsip terhadap manifest; tidak mengubah apa pun.")

    def handle(self, *args, arsip, interaktif, periksa_saja, **options):
        with tempfile.TemporaryDirectory(prefix="siksd-pulihkan-") as folder:
            try:
                terperiksa = cadangan.periksa_dan_buka(arsip, Path(folder))
            except cadangan.GalatCadangan as exc:
                raise CommandError(str(exc)) from exc
            m = terperiksa.manifest
            self.stdout.write(f"Arsip sah: dibuat {m['dibuat']}, basis data {m['basis_data']}, "
                              f"{m['jumlah_dokumen']} dokumen, {len(m['berkas'])} berkas cocok dengan manifest.")
            if periksa_saja:
                return
            if interaktif:
                jawab = input("Basis data dan dokumen saat ini akan DIGANTI isi arsip ini. Ketik 'ya' untuk lanjut: ")
                if jawab.strip().lower() != "ya":
                    raise CommandError("Dibatalkan; tidak ada yang diubah.")
            try:
                cadangan.pulihkan(terperiksa)
            except cadangan.GalatCadangan as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS("Pemulihan selesai. Jalankan `manage.py migrate` bila kode lebih baru "
                                             "dari cadangan."))
