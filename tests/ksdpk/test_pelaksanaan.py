"""Pelaksanaan (Ps 46–48): the addendum and when it needs the DPRD (Ps 46(5): a burden on the public *and*
the Daerah — unlike KSDD's Ps 34(3), which names only the public), reports and the extension."""

import datetime

import pytest

from kerjasama.models import KerjaSamaGroupObjectPermission, RiwayatAudit
from ksdpk.models import PerubahanPksKsdpk
from tests.factories import ttd

from .conftest import D, iso
from .factories import KasusKsdpkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kasus(beku, pengguna, pd_dishub, pt):
    """A KSDPK walked to pelaksanaan; its PKS was signed ten days ago."""
    return KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt], pelaksanaan=True)


def _ajukan(klien_api, pengguna, kasus, *, masyarakat: bool, daerah: bool):
    pd = klien_api(pengguna["pd_dishub"])
    return pd.langkah(kasus.pk, "ajukan_perubahan", uraian="Menambah 200 SRP parkir motor.", alasan="Permintaan warga.",
                      beban_masyarakat=masyarakat, beban_daerah=daerah,
                      rancangan=pd.unggah(kasus.pk, "adendum", "Rancangan addendum"))


def _tandatangani(klien_api, pengguna, kasus, status=200):
    wali = klien_api(pengguna["walikota"])
    return wali.langkah(kasus.pk, "tandatangani_perubahan", status=status, nomor="ADD/1/2026",
                        naskah=ttd(kasus.pk, "adendum"),
                        tanggal_penandatanganan=iso(D(2026, 3, 2)))


def test_form_addendum_menanyakan_beban_masyarakat_dan_beban_daerah(kasus, pengguna, klien_api):
    obj = klien_api(pengguna["pd_dishub"]).baca(kasus.pk)
    [t] = [t for t in obj["transisi_tersedia"] if t["nama"] == "ajukan_perubahan"]
    isian = {i["nama"]: i for i in t["isian"]}
    assert "menambah_beban" not in isian
    assert isian["beban_masyarakat"]["label"] == "Perubahan menambah beban kepada masyarakat (Pasal 46 ayat (5))"
    assert isian["beban_daerah"]["tipe"] == "boolean" and t["label"] == "Ajukan perubahan (addendum) PKS"
    assert t["pasal"] == "Pasal 46 ayat (2)–(4)"


@pytest.mark.parametrize(("masyarakat", "daerah"), [(False, False), (True, False), (False, True)])
def test_addendum_tanpa_dprd_bila_tidak_membebani_masyarakat_dan_daerah(kasus, pengguna, klien_api, masyarakat, daerah):
    """Ps 46(5): a burden on only one of them does not need the DPRD (KSDD's Ps 34(3) would for the public)."""
    obj = _ajukan(klien_api, pengguna, kasus, masyarakat=masyarakat, daerah=daerah)
    assert obj["tahap"] == "pelaksanaan"
    klien_api(pengguna["tkksd"]).langkah(kasus.pk, "setujui_perubahan")
    p = PerubahanPksKsdpk.objects.get(kerjasama_id=kasus.pk)
    assert (p.status, p.beban_masyarakat, p.beban_daerah, p.menambah_beban) == ("penandatanganan", masyarakat, daerah, False)
    assert not KerjaSamaGroupObjectPermission.objects.filter(group__name="dprd", content_object_id=kasus.pk).exists()
    obj = _tandatangani(klien_api, pengguna, kasus)
    [baris] = obj["terkait"]["perubahan"]
    assert (baris["ke"], baris["status"], baris["nomor"]) == (1, "ditandatangani", "ADD/1/2026")


def test_addendum_yang_membebani_masyarakat_dan_daerah_perlu_persetujuan_dprd(kasus, pengguna, klien_api, halaman):
    _ajukan(klien_api, pengguna, kasus, masyarakat=True, daerah=True)
    dprd = klien_api(pengguna["dprd"])
    assert dprd.c.get(f"/api/v1/ksdpk/{kasus.pk}/").status_code == 404  # not before the DPRD yet
    klien_api(pengguna["tkksd"]).langkah(kasus.pk, "setujui_perubahan")
    assert PerubahanPksKsdpk.objects.get(kerjasama_id=kasus.pk).status == "persetujuan_dprd"
    assert _tandatangani(klien_api, pengguna, kasus, status=409)  # the Wali Kota waits for the DPRD
    obj = dprd.baca(kasus.pk)
    assert {t["nama"] for t in obj["transisi_tersedia"]} == {"setujui_perubahan_dprd", "tolak_perubahan_dprd"}
    dprd.langkah(kasus.pk, "setujui_perubahan_dprd", tanggal_diterima_dprd=iso(D(2026, 2, 23)),
                 tanggal_keputusan=iso(D(2026, 2, 27)), surat_dprd=dprd.unggah(kasus.pk, "surat_dprd", "Persetujuan DPRD"))
    obj = _tandatangani(klien_api, pengguna, kasus)
    [baris] = obj["terkait"]["perubahan"]
    assert (baris["status"], baris["menambah_beban"], baris["tanggal_diterima_dprd"]) == ("ditandatangani", True, "2026-02-23")
    assert RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="setujui_perubahan_dprd").dasar_hukum == "Pasal 46 ayat (5)"
    isi = halaman(pengguna["pd_dishub"]).get(f"/kerjasama/{kasus.pk}/").content.decode()
    assert "Menambah 200 SRP parkir motor." in isi and "(perlu persetujuan DPRD)" in isi


def test_addendum_ditolak_dprd_lalu_addendum_baru_dapat_diajukan(kasus, pengguna, klien_api):
    _ajukan(klien_api, pengguna, kasus, masyarakat=True, daerah=True)
    klien_api(pengguna["tkksd"]).langkah(kasus.pk, "setujui_perubahan")
    dprd = klien_api(pengguna["dprd"])
    dprd.langkah(kasus.pk, "tolak_perubahan_dprd", tanggal_diterima_dprd=iso(D(2026, 2, 23)),
                 tanggal_keputusan=iso(D(2026, 2, 27)), surat_dprd=dprd.unggah(kasus.pk, "surat_dprd", "Penolakan"),
                 komentar="Membebani APBD.")
    p = PerubahanPksKsdpk.objects.get(kerjasama_id=kasus.pk)
    assert (p.status, p.catatan) == ("ditolak_dprd", "Membebani APBD.")
    obj = _ajukan(klien_api, pengguna, kasus, masyarakat=False, daerah=False)
    assert [b["ke"] for b in obj["terkait"]["perubahan"]] == [1, 2]


def test_laporan_dan_perpanjangan_lima_tahun(kasus, pengguna, klien_api):
    """Ps 48 (Ps 33 mutatis mutandis) and Ps 42: the shared reports and extension, with KSDPK's Pasal."""
    pd = klien_api(pengguna["pd_dishub"])
    obj = pd.langkah(kasus.pk, "sampaikan_laporan_internal", periode_awal=iso(D(2026, 2, 20)), periode_akhir=iso(D(2026, 3, 1)),
                     ringkasan="Gedung parkir mulai dibangun.", laporan=pd.unggah(kasus.pk, "laporan", "Laporan internal"))
    assert obj["terkait"]["laporan"][0]["jenis"] == "internal"
    assert RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="sampaikan_laporan_internal").dasar_hukum == (
        "Pasal 48 jo. Pasal 33 ayat (1)")
    # Ps 42(1) caps the KB, not the PKS's extension: a longer new term is accepted (this test used to assert the
    # refusal of five years and a day); only an end before the start is refused.
    mulai = kasus.tanggal_berakhir.replace(day=1)
    rencana = pd.unggah(kasus.pk, "rencana_aksi", "Rencana tindak")
    r = pd.langkah(kasus.pk, "ajukan_perpanjangan", status=400, pemohon="daerah", rencana_tindak=rencana,
                   tahapan=[{"uraian": "Evaluasi", "waktu": "2029"}], tanggal_mulai=iso(mulai),
                   tanggal_berakhir=iso(mulai - datetime.timedelta(days=1)))
    assert "tidak boleh sebelum" in str(r)
    obj = pd.langkah(kasus.pk, "ajukan_perpanjangan", pemohon="daerah", rencana_tindak=rencana,
                     tahapan=[{"uraian": "Evaluasi", "waktu": "2029"}], tanggal_mulai=iso(mulai),
                     tanggal_berakhir=iso(mulai.replace(year=mulai.year + 20)))
    assert obj["terkait"]["perpanjangan"][0]["tanggal_berakhir"] == iso(mulai.replace(year=mulai.year + 20))


def test_bacaan_ps46_ayat5_ditampilkan_pada_isian_perubahan(kasus, pengguna, klien_api):
    """Ps 46(5): our literal reading ("masyarakat dan Daerah": both) is shown on the amendment form's fields."""
    obj = klien_api(pengguna["pd_dishub"]).baca(kasus.pk)
    [t] = [t for t in obj["transisi_tersedia"] if t["nama"] == "ajukan_perubahan"]
    bantuan = {i["nama"]: i.get("bantuan", "") for i in t["isian"]}
    assert "Pasal 46 ayat (5)" in bantuan["beban_masyarakat"] and "DAN" in bantuan["beban_daerah"]
