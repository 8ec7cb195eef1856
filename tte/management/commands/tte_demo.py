"""`manage.py tte_demo --passphrase …`: the demo CA, a certificate for each demo signatory (walikota, pd_dishub,
ketua) and the officials register, for demo and test installations only."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kerjasama.models import Pengguna
from tte.demo import PEJABAT_DEMO, register_demo, sertifikat_demo


class Command(BaseCommand):
    help = "Buat CA demo, sertifikat penandatangan demo (PKCS#12) dan daftar pejabat demo."

    def add_arguments(self, parser):
        parser.add_argument("--passphrase", required=True, help="Passphrase yang membuka sertifikat demo.")
        parser.add_argument("--folder", default=None, help="Folder sertifikat (bawaan: SIKSD_TTE_P12_DIR).")
        parser.add_argument("--izinkan-produksi", action="store_true")

    def handle(self, *args, **opts):
        if not settings.DEBUG and not opts["izinkan_produksi"]:
            raise CommandError("CA demo bukan untuk produksi (DEBUG mati). Gunakan sertifikat dari CA Pemda atau BSrE; "
                               "tambahkan --izinkan-produksi hanya untuk instalasi uji.")
        users = {u.username: u for u in Pengguna.objects.filter(username__in=list(PEJABAT_DEMO))}
        register_demo(users, mulai=timezone.localdate().replace(month=1, day=1))
        dibuat = sertifikat_demo(users, passphrase=opts["passphrase"], folder=opts["folder"])
        self.stdout.write(f"Sertifikat dibuat: {', '.join(dibuat) or '(tidak ada yang baru)'}; folder "
                          f"{opts['folder'] or settings.SIKSD_TTE_P12_DIR}.")
