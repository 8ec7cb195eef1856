"""Issue 14, partners: the report period defaults to the oldest overdue one, and the confirmation names the period and
whether it was late (Perwal 57/2023 Ps 87(1))."""

import datetime
import zoneinfo

import pytest

from kerjasama.constants import StatusTenggat
from kerjasama.models import Tenggat
from ksdd.dokumen_contoh import berkas_contoh
from tests.factories import PerjanjianLamaFactory

pytestmark = pytest.mark.django_db
JKT = zoneinfo.ZoneInfo("Asia/Jakarta")


def test_periode_bawaan_yang_terlambat_dan_konfirmasi_menyebut_periode(klien, pengguna, pd_dishub, mitra_bogor):
    lama = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                                 tanggal_penandatanganan=datetime.date(2025, 1, 2),
                                 tanggal_mulai=datetime.date(2025, 1, 2), tanggal_berakhir=datetime.date(2029, 1, 1))
    lewat = Tenggat.objects.create(aturan="laporan_mitra", dasar_hukum="Perwal 57/2023 Pasal 87 ayat (1)",
                                   judul="Laporan mitra semester ke-1", kerjasama=lama, mulai=datetime.date(2025, 1, 2),
                                   jatuh_tempo=datetime.datetime(2025, 7, 2, tzinfo=JKT), cara_hitung="kalender",
                                   status=StatusTenggat.LEWAT)
    c = klien(pengguna["mitra_bogor"])
    html = c.get(f"/pengawasan/kerjasama/{lama.pk}/laporan-mitra/").content.decode()
    pilihan = html.split('name="tenggat"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{lewat.pk}" selected>' in pilihan
    r = c.post(f"/pengawasan/kerjasama/{lama.pk}/laporan-mitra/",
               {"tenggat": str(lewat.pk), "kemajuan": "Berjalan.", "berkas": berkas_contoh("Laporan")}, follow=True)
    teks = r.content.decode()
    assert "Laporan diterima untuk periode 02-01-2025 s.d." in teks and "terlambat" in teks, teks[:3000]


def test_dasbor_mitra_hanya_kewajibannya_sendiri(klien, pengguna):
    r = klien(pengguna["mitra_bogor"]).get("/dasbor/")
    assert r.status_code == 302 and r.url == "/"


def test_halaman_publik_tanggal_dan_negara_berbahasa_indonesia(client, pengguna, pd_dishub):
    from tests.factories import MitraFactory

    seoul = MitraFactory(nama="Seoul Metropolitan Government", jenis="pemda_luar_negeri", negara="KR")
    PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=seoul, judul="Kota cerdas",
                          tanggal_penandatanganan=datetime.date(2025, 12, 5), tanggal_mulai=datetime.date(2025, 12, 5),
                          tanggal_berakhir=datetime.date(2028, 12, 4))
    html = client.get("/publik/").content.decode()
    assert "Korea Selatan" in html and "South Korea" not in html
    assert "5 Desember 2025" in html and "2025-12-05" not in html.split("<script", 1)[0]
    assert client.get("/publik/kerjasama.json").json()["kerjasama_aktif"][0]["tanggal_mulai"] == "2025-12-05"
