"""Bad input answers 400 in Indonesian, never 500 (issue 12 item 7): out-of-range numbers and ids in
every filter of every list page and API list, as the Sekretariat (who sees everything)."""

from django.db import transaction
from django.test import Client

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from .test_permission_matrix import DAFTAR, PENYEDIA, POLA

BESAR = str(2**70)
PARAMETER = [
    {"tahun": "-1"}, {"tahun": BESAR}, {"tahun": "99999"},
    {"perangkat_daerah": BESAR}, {"mitra": BESAR}, {"kerjasama": BESAR}, {"siklus": BESAR},
    {"perangkat_daerah": "-5"}, {"mitra": "0"}, {"kerjasama": "-1"}, {"siklus": "abc"},
    {"kegiatan": BESAR}, {"rekomendasi": BESAR}, {"berakhir_dalam_hari": BESAR}, {"page": BESAR}, {"halaman": BESAR},
]


def _klien(pola, user):
    if pola.api:
        c = APIClient(raise_request_exception=False)
        token, _ = Token.objects.get_or_create(user=user)
        c.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return c
    c = Client(raise_request_exception=False)
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_saringan_di_luar_jangkauan_tidak_500(dunia):
    salah = []
    for pola in DAFTAR:
        url = pola.rute.replace("^", "").replace("$", "")
        klien = _klien(pola, dunia.pengguna["tkksd"])
        for params in PARAMETER:
            r = klien.get(url, params)
            if r.status_code >= 500:
                salah.append(f"GET {url} {params}: {r.status_code}")
    assert not salah, "\n".join(salah)


@pytest.mark.django_db
def test_saringan_api_id_di_luar_64_bit_400_berbahasa_indonesia(dunia):
    c = _klien(type("P", (), {"api": True})(), dunia.pengguna["tkksd"])
    for url, param in (("/api/v1/kerjasama/", "perangkat_daerah"), ("/api/v1/kerjasama/", "mitra"),
                       ("/api/v1/tenggat/", "kerjasama"), ("/api/v1/pemetaan/rekomendasi/", "siklus"),
                       ("/api/v1/pengawasan/kegiatan/", "kerjasama")):
        r = c.get(url, {param: BESAR})
        assert r.status_code == 400, (url, param, r.status_code)
        assert "di luar jangkauan" in str(r.json()[param]), r.json()
    r = c.get("/api/v1/kerjasama/", {"tahun": "-1"})
    assert r.status_code == 400


@pytest.mark.django_db
def test_halaman_pembinaan_tahun_tidak_sah_400(dunia):
    c = _klien(type("P", (), {"api": False})(), dunia.pengguna["tkksd"])
    for tahun in ("-1", BESAR, "99999", "abc"):
        for url in ("/pengawasan/pembinaan/", "/pengawasan/pembinaan/per-pd/"):
            r = c.get(url, {"tahun": tahun})
            assert r.status_code == 400, (url, tahun, r.status_code)
            assert "Tahun tidak sah" in r.content.decode()


BUKAN_OBJEK = ["[1, 2]", '"abc"', "null", "3", "true"]
# Writes that read no body at all (the item says everything): whatever is sent is ignored, never parsed.
TANPA_BADAN = {"pemetaan-siklus-mulai-kasus": "membuat kasus dari item; tidak membaca badan permintaan"}


@pytest.mark.django_db
@pytest.mark.parametrize("nama_url", sorted(n for n in PENYEDIA if n in POLA and POLA[n].api))
def test_badan_json_bukan_objek_400(nama_url, dunia):
    """Every API write, by someone allowed to do it: a JSON body that is not an object is a 400 with the
    reason in Indonesian, never a 500."""
    from django.urls import reverse

    salah = []
    for permintaan in PENYEDIA[nama_url](dunia):
        if permintaan.metode == "get" or not permintaan.berwenang:
            continue
        url = reverse(nama_url, kwargs=permintaan.kwargs)
        user = dunia.pengguna[sorted(permintaan.berwenang)[0]]
        for badan in BUKAN_OBJEK:
            sid = transaction.savepoint()
            try:
                r = getattr(_klien(POLA[nama_url], user), permintaan.metode)(url, badan, content_type="application/json")
            finally:
                transaction.savepoint_rollback(sid)
            if r.status_code == 415 or (nama_url in TANPA_BADAN and r.status_code < 300):
                continue  # a files-only endpoint refuses JSON altogether; a body-less one ignores it
            if r.status_code != 400 or "harus berupa objek" not in r.content.decode():
                salah.append(f"{permintaan.metode.upper()} {url} {badan}: {r.status_code} {r.content[:200]!r}")
    assert not salah, "\n".join(salah)
