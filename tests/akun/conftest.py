import time

import pytest
from django_otp.oath import TOTP


def kode_totp(perangkat, saat: float | None = None) -> str:
    """The code the user's authenticator app shows at `saat` (now by default)."""
    t = TOTP(perangkat.bin_key, perangkat.step, perangkat.t0, perangkat.digits, perangkat.drift)
    t.time = time.time() if saat is None else saat
    return f"{t.token():0{perangkat.digits}d}"


@pytest.fixture
def wajib_2fa(settings):
    """Two-factor enforcement as in production and dev (the test settings turn it off)."""
    settings.SIKSD_2FA_WAJIB = True


@pytest.fixture
def totp_untuk(db):
    """`totp_untuk(user)` → a confirmed authenticator for the user (as after the set-up page)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def _buat(user):
        return TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=True)

    return _buat
