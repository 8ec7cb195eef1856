"""Print the current two-factor code of a demo account (README): for a newcomer without an
authenticator app. Works only for accounts whose authenticator holds the published demo secret."""

from django.core.management.base import BaseCommand, CommandError

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from akun.demo import KUNCI_DEMO


class Command(BaseCommand):
    help = "Menampilkan kode verifikasi dua langkah saat ini untuk akun demo (rahasia demo yang dipublikasikan)."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="tkksd")

    def handle(self, *args, username, **options):
        perangkat = TOTPDevice.objects.filter(user__username=username, confirmed=True, key=KUNCI_DEMO).first()
        if perangkat is None:
            raise CommandError(f"Akun {username!r} tidak memakai rahasia demo; kode hanya ada di aplikasi autentikator pemiliknya.")
        t = TOTP(perangkat.bin_key, perangkat.step, perangkat.t0, perangkat.digits, perangkat.drift)
        self.stdout.write(f"{t.token():0{perangkat.digits}d}")
