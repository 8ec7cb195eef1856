from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kerjasama.fidelitas import BERKAS_DOKUMEN, render


class Command(BaseCommand):
    help = "Tulis docs/fidelitas-hukum.md (Pasal → kode → uji) dari kutipan Pasal di kode dan uji."

    def add_arguments(self, parser):
        parser.add_argument("--periksa", action="store_true", help="Hanya periksa bahwa berkas mutakhir (gagal bila tidak).")

    def handle(self, *args, periksa=False, **options):
        akar = Path(settings.BASE_DIR)
        berkas = akar / BERKAS_DOKUMEN
        isi = render(akar)
        if periksa:
            if not berkas.exists() or berkas.read_text(encoding="utf-8") != isi:
                raise CommandError(f"{BERKAS_DOKUMEN} tidak mutakhir: jalankan `python manage.py tabel_fidelitas`.")
            self.stdout.write(f"{BERKAS_DOKUMEN} mutakhir.")
            return
        berkas.write_text(isi, encoding="utf-8")
        self.stdout.write(f"{BERKAS_DOKUMEN} ditulis.")
