"""Supervision forms: one who reads the file but may not act gets 403 whatever the form holds — not a
redirect with the form's errors (spec README "Actors and roles"; found by the permission matrix,
tests/pengawasan/matriks.py)."""

import pytest

from pengawasan.models import AnggotaTimPengawasan
from tests.pengawasan.factories import KegiatanPengawasanFactory

pytestmark = pytest.mark.django_db


def test_ubah_anggota_dengan_isian_salah_403_bagi_selain_sekretariat(klien, pengguna, ks):
    """Perwal 75/2021 Ps 8(1)–(2): the Sekretariat sets the team."""
    a = AnggotaTimPengawasan.objects.filter(tim__kerjasama=ks, kedudukan="anggota_tetap").first()
    url = f"/pengawasan/anggota/{a.pk}/ubah/"
    data = {f"a{a.pk}-pengguna": "999999"}
    for nama in ("ketua", "pd_dishub", "auditor"):
        assert klien(pengguna[nama]).post(url, data).status_code == 403, nama
    assert klien(pengguna["tkksd"]).post(url, data).status_code == 302


def test_lampiran_tanpa_berkas_403_bagi_yang_bukan_tim(klien, pengguna, ks):
    """Perwal 57/2023 Ps 88, Perwal 75/2021 Ps 8(3): the team attaches its papers."""
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], ketua=pengguna["ketua"])
    url = f"/pengawasan/kegiatan/{k.pk}/lampiran/"
    for nama in ("ketua", "pd_dishub", "walikota", "auditor"):
        assert klien(pengguna[nama]).post(url, {"jenis": "berita_acara"}).status_code == 403, nama
    assert klien(pengguna["tkksd"]).post(url, {"jenis": "berita_acara"}).status_code == 302
