"""Two-factor login (TOTP, django-otp) and its rule: who must use it (docs/keamanan.md).

Required for the accounts whose act binds the city or who run every case: the Wali Kota, every
holder of a surat kuasa to sign for a case (object permission `tandatangani_kerjasama`, Perwal
57/2023 Ps 29(2), 45), the Sekretariat TKKSD, and staff/superuser accounts (the admin). Optional
for everybody else; once a user has set it up, it is asked of them too.
"""

import re
from io import BytesIO

from django.conf import settings
from django.db import transaction

from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kerjasama.constants import Peran
from kerjasama.models import KerjaSamaGroupObjectPermission, KerjaSamaUserObjectPermission
from kerjasama.permissions import PERM_TANDATANGANI

PERAN_WAJIB_2FA = (Peran.WALI_KOTA, Peran.SEKRETARIAT_TKKSD)
JUMLAH_KODE_PEMULIHAN = 10
NAMA_PERANGKAT = "Aplikasi autentikator"
NAMA_KODE_PEMULIHAN = "Kode pemulihan"


def wajib_2fa(user, *, tegakkan: bool | None = None) -> bool:
    """The rule of who must use two-factor login (while SIKSD_2FA_WAJIB, or `tegakkan`, is on)."""
    if tegakkan is None:
        tegakkan = ditegakkan()
    if not tegakkan or not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff or user.punya_peran(*PERAN_WAJIB_2FA):
        return True
    # Ps 29(2), 45: a surat kuasa lets its holder sign for the Wali Kota, so it weighs the same;
    # held directly or through a group, as kerjasama.permissions reads it.
    return (KerjaSamaUserObjectPermission.objects.filter(user_id=user.pk, permission__codename=PERM_TANDATANGANI).exists()
            or KerjaSamaGroupObjectPermission.objects.filter(group__user=user.pk,
                                                             permission__codename=PERM_TANDATANGANI).exists())


def punya_2fa(user) -> bool:
    # One query per request: an account with two-factor login always has a confirmed authenticator
    # (the recovery codes come with it), so the static device need not be asked.
    return user.is_authenticated and TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def ditegakkan() -> bool:
    """SIKSD_2FA_WAJIB: on in production and dev. Off (the test settings only) no second factor is asked
    at all, also not of accounts that set one up: seed_demo gives demo accounts one, and the suite's
    tests that sign in as them for other purposes must not need it."""
    return getattr(settings, "SIKSD_2FA_WAJIB", True)


def perlu_verifikasi(user) -> bool:
    """Whether this signed-in account must still prove its second factor in this session."""
    if not ditegakkan() or not user.is_authenticated or user.is_verified():
        return False
    return wajib_2fa(user) or punya_2fa(user)


def perangkat_totp_baru(*, pengguna) -> TOTPDevice:
    """An unconfirmed authenticator for the set-up page (replaces an earlier unconfirmed one)."""
    TOTPDevice.objects.filter(user=pengguna, confirmed=False).delete()
    return TOTPDevice.objects.create(user=pengguna, name=NAMA_PERANGKAT, confirmed=False)


def perangkat_totp_tertunda(pengguna) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=pengguna, confirmed=False).order_by("-id").first()


@transaction.atomic
def kode_pemulihan_buat(*, pengguna) -> list[str]:
    """New one-time recovery codes; earlier ones stop working. Shown to the user once."""
    perangkat, _ = StaticDevice.objects.get_or_create(user=pengguna, name=NAMA_KODE_PEMULIHAN,
                                                      defaults={"confirmed": True})
    perangkat.token_set.all().delete()
    kode = [StaticToken.random_token() for _ in range(JUMLAH_KODE_PEMULIHAN)]
    StaticToken.objects.bulk_create(StaticToken(device=perangkat, token=k) for k in kode)
    return kode


@transaction.atomic
def perangkat_totp_konfirmasi(*, pengguna, perangkat: TOTPDevice, kode: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows; the account's older authenticators are
    removed. Returns the new recovery codes, or None when the code is wrong."""
    perangkat = TOTPDevice.objects.select_for_update().get(pk=perangkat.pk, user=pengguna, confirmed=False)
    if not perangkat.verify_token(_bersihkan(kode)):
        return None
    TOTPDevice.objects.filter(user=pengguna, confirmed=True).delete()
    perangkat.confirmed = True
    perangkat.save(update_fields=["confirmed"])
    return kode_pemulihan_buat(pengguna=pengguna)


@transaction.atomic
def dua_faktor_hapus(*, pengguna) -> None:
    TOTPDevice.objects.filter(user=pengguna).delete()
    StaticDevice.objects.filter(user=pengguna).delete()


def _bersihkan(kode: str) -> str:
    return re.sub(r"[\s-]", "", kode or "").lower()


def kode_cocok(pengguna, kode: str):
    """The device that accepts `kode` (6 digits: the authenticator; otherwise a recovery code, used
    up on success), or None. Each device counts its own failures (django-otp throttling)."""
    kode = _bersihkan(kode)
    if not kode:
        return None
    with transaction.atomic():
        for perangkat in devices_for_user(pengguna, confirmed=True, for_verify=True):
            if isinstance(perangkat, TOTPDevice) != kode.isdigit():
                continue
            if perangkat.verify_token(kode):
                return perangkat
    return None


def sedang_ditunda(pengguna) -> bool:
    """Whether wrong codes have put the account's authenticator on hold for a moment (django-otp
    throttling: each failure doubles the wait), so that the user is told to wait, not that the code is wrong."""
    return any(not p.verify_is_allowed()[0] for p in devices_for_user(pengguna, confirmed=True))


def sesi_tandai_terverifikasi(request, perangkat) -> None:
    """Mark the session as having passed the second factor (django_otp.login) with a fresh session key."""
    from django_otp import login as otp_login

    request.session.cycle_key()
    otp_login(request, perangkat)


def qr_svg(teks: str) -> str:
    """The otpauth:// URL as an inline SVG QR code (the `qrcode` package: nothing from a CDN)."""
    import qrcode
    import qrcode.image.svg

    gambar = qrcode.make(teks, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    keluaran = BytesIO()
    gambar.save(keluaran)
    svg = keluaran.getvalue().decode()
    return svg[svg.index("<svg"):]


__all__ = ["DEVICE_ID_SESSION_KEY", "wajib_2fa", "perlu_verifikasi", "kode_cocok"]
