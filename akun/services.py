"""Writes about accounts: API tokens and "keluar dari semua perangkat" (docs/keamanan.md).

API tokens are DRF's own `authtoken.Token` (one per account), given an expiry by
`autentikasi.TokenBerbatasWaktu`: the suite and every client create and send them as before
(`Authorization: Token <key>`, interfaces.md), and nothing else had to learn a new token model.
"""

from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from rest_framework.authtoken.models import Token


def masa_berlaku_token() -> timedelta:
    return timedelta(hours=settings.SIKSD_TOKEN_MASA_BERLAKU_JAM)


def token_kedaluwarsa_pada(token: Token) -> datetime:
    return token.created + masa_berlaku_token()


def token_kedaluwarsa(token: Token) -> bool:
    return token_kedaluwarsa_pada(token) <= timezone.now()


@transaction.atomic
def token_terbitkan(*, pengguna) -> Token:
    """A fresh token; the account's previous token (if any) stops working now (rotation)."""
    Token.objects.filter(user=pengguna).delete()
    return Token.objects.create(user=pengguna)


def token_cabut(*, pengguna) -> int:
    return Token.objects.filter(user=pengguna).delete()[0]


SESSION_ENGINE_TERDAFTAR = ("django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db")


def sesi_akhiri_semua(*, pengguna, kecuali_kunci: str | None = None) -> int:
    """End every browser session of the account. Sessions are found in the database (SESSION_ENGINE
    db or cached_db, checked by akun.checks) and deleted through the engine, so that a cached copy
    goes too."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    jumlah = 0
    for sesi in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if sesi.session_key == kecuali_kunci:
            continue
        if str(sesi.get_decoded().get("_auth_user_id")) == str(pengguna.pk):
            store(session_key=sesi.session_key).delete()
            jumlah += 1
    return jumlah


@transaction.atomic
def keluar_semua_perangkat(*, pengguna) -> dict:
    """"Keluar dari semua perangkat": the API token and every session of the account end now."""
    return {"token": token_cabut(pengguna=pengguna), "sesi": sesi_akhiri_semua(pengguna=pengguna)}


@transaction.atomic
def pengguna_bahasa_ubah(*, pengguna, bahasa: str):
    """The user's interface language (issue 14). Audited like the other personal settings; documents and
    letters are not affected (they stay Indonesian)."""
    from django.core.exceptions import ValidationError

    from kerjasama.models import Pengguna
    from kerjasama.services import audit_catat

    if bahasa not in dict(settings.LANGUAGES):
        raise ValidationError({"bahasa": "Bahasa tidak dikenal."})
    user = Pengguna.objects.select_for_update().get(pk=pengguna.pk)
    lama = user.bahasa
    if lama == bahasa:
        return user
    user.bahasa = bahasa
    user.save(update_fields=["bahasa"])
    pengguna.bahasa = bahasa
    audit_catat(aksi="bahasa_antarmuka_diubah", oleh=pengguna, objek=user,
                komentar=f"Bahasa antarmuka: {user.get_bahasa_display()}.", data={"dari": lama, "ke": bahasa})
    return user
