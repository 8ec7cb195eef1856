"""Demo data (seed_demo): the demo's accounts that must use two-factor login get an authenticator
with one published secret, so that a newcomer can sign in as them (README, "Dua langkah di demo").
Never a secret of a real deployment: seed_demo is for the demo city only."""

from base64 import b32decode

from django_otp.plugins.otp_totp.models import TOTPDevice

from kerjasama.models import Pengguna

from .dua_faktor import NAMA_PERANGKAT, kode_pemulihan_buat, wajib_2fa

# Published in the README: add it to any authenticator app, or run `manage.py kode_2fa_demo`.
RAHASIA_DEMO = "SIKSDDEMOKOTABEKASIDEMOSIKSDDEMO"
KUNCI_DEMO = b32decode(RAHASIA_DEMO).hex()


def seed(ctx) -> None:
    akun = Pengguna.objects.filter(username__in=[*ctx.users, "admin"])
    for user in akun:
        # The rule with enforcement on, whatever this instance's setting: the demo shows the real flow.
        if not wajib_2fa(user, tegakkan=True):
            continue
        perangkat, dibuat = TOTPDevice.objects.update_or_create(
            user=user, name=NAMA_PERANGKAT, defaults={"key": KUNCI_DEMO, "confirmed": True})
        if dibuat:
            kode_pemulihan_buat(pengguna=user)
            ctx.log.append(f"verifikasi dua langkah demo untuk {user.username} (rahasia {RAHASIA_DEMO})")

