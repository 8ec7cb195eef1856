"""Safe methods are safe (issue 12 item 4): every GET of the permission matrix and every list page,
as every role, writes nothing — no audit row, no grant, no team, no notification, no row at all
(Django's rule; SameSite=Lax cookies ride along on a cross-site top-level GET).

Each request runs under a database execute wrapper that records every INSERT/UPDATE/DELETE; only
the session table (Django's own login bookkeeping) and django-axes' access log may be written."""

import re

from django.db import connection, transaction
from django.urls import reverse

import pytest

from .matriks import SEMUA
from .test_permission_matrix import DAFTAR, PENYEDIA, POLA, _klien

BOLEH_DITULIS = ("django_session", "axes_")
_TULIS = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)


class _Perekam:
    def __init__(self):
        self.tulisan: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        m = _TULIS.match(sql)
        if m and not m.group(2).lower().startswith(BOLEH_DITULIS):
            self.tulisan.append(f"{m.group(1).split()[0].upper()} {m.group(2)}")
        return execute(sql, params, many, context)


def _get(pola, user, url, data=None) -> tuple[int, list[str]]:
    klien = _klien(pola, user)  # login and token outside the recording
    perekam = _Perekam()
    sid = transaction.savepoint()
    try:
        with connection.execute_wrapper(perekam):
            r = klien.get(url, data or {})
    finally:
        transaction.savepoint_rollback(sid)
    return r.status_code, perekam.tulisan


GET_BEROBJEK = sorted(n for n in PENYEDIA if n in POLA)


@pytest.mark.django_db
@pytest.mark.parametrize("nama_url", GET_BEROBJEK)
def test_get_berobjek_tidak_menulis(nama_url, dunia):
    pola = POLA[nama_url]
    salah = []
    for permintaan in PENYEDIA[nama_url](dunia):
        if permintaan.metode != "get":
            continue
        url = reverse(nama_url, kwargs=permintaan.kwargs)
        for username in sorted(SEMUA):
            status, tulisan = _get(pola, dunia.pengguna[username], url, permintaan.isi())
            if tulisan:
                salah.append(f"GET {url} sebagai {username} ({status}) menulis: {sorted(set(tulisan))}")
    assert not salah, "\n".join(salah)


@pytest.mark.django_db
def test_get_daftar_tidak_menulis(dunia):
    salah = []
    for pola in DAFTAR:
        url = pola.rute.replace("^", "").replace("$", "")
        for username in sorted(SEMUA):
            status, tulisan = _get(pola, dunia.pengguna[username], url)
            if tulisan:
                salah.append(f"GET {url} sebagai {username} ({status}) menulis: {sorted(set(tulisan))}")
    assert not salah, "\n".join(salah)


@pytest.mark.django_db
def test_get_halaman_pengawasan_kasus_tanpa_tim_tidak_menulis(dunia):
    """The finding itself: a case whose supervision has not started has no team; opening its team page
    (or any other page of its supervision file) as any role formed the team, audited and granted access."""
    from tests.ksdd.factories import KasusKsddFactory

    kasus = KasusKsddFactory(by=dunia.pengguna["tkksd"], penyusunan_pks=True, perangkat_daerah=dunia.pd_dishub,
                             mitra=dunia.mitra_bogor)
    salah = []
    for nama in ("pengawasan:tim", "pengawasan:kerjasama"):
        if nama not in POLA:
            continue
        url = reverse(nama, kwargs={"pk": kasus.pk})
        for username in sorted(SEMUA):
            status, tulisan = _get(POLA[nama], dunia.pengguna[username], url)
            if tulisan:
                salah.append(f"GET {url} sebagai {username} ({status}) menulis: {sorted(set(tulisan))}")
    assert not salah, "\n".join(salah)
