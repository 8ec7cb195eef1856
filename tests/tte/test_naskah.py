"""Naskah dinas (issue 13 items 5–6): each generated document type rendered and checked with pypdf: letterhead
per signatory, the signatory's name and NIP, no page holding only a signature block or only tembusan, table rows
never split and header rows repeated; terbilang, the berita acara's opening, numbering per year."""

import datetime
import io

import pytest

from tte import naskah
from tte.models import FormatNomorSurat, Pejabat

pytestmark = pytest.mark.django_db

PANJANG = ["Sehubungan dengan pelaksanaan kerja sama daerah antara Pemerintah Kota Bekasi dan mitra, bersama ini "
           "kami sampaikan hal-hal yang perlu ditindaklanjuti oleh para pihak sesuai ketentuan yang berlaku."] * 9


def _halaman(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def wali_kota():
    return Pejabat.objects.create(nama="TRI ADHIANTO", jabatan="WALI KOTA BEKASI", kop=Pejabat.Kop.WALI_KOTA,
                                  mulai=datetime.date(2025, 1, 1))


@pytest.fixture
def sekda():
    return Pejabat.objects.create(nama="JUNAEDI", nip="196805121990031008", pangkat_golongan="Pembina Utama (IV/e)",
                                  jabatan="SEKRETARIS DAERAH", kop=Pejabat.Kop.SETDA, mulai=datetime.date(2025, 1, 1))


def _penutup_utuh(halaman: list[str], *, nama: str, paragraf: str, tembusan: str = ""):
    """The page with the signatory's name also holds the last paragraph (and the tembusan)."""
    i = next(n for n, h in enumerate(halaman) if nama in h)
    assert paragraf[:60] in halaman[i]
    if tembusan:
        assert tembusan in halaman[i]


@pytest.mark.parametrize("n_paragraf", [3, 9, 14])
def test_surat_dinas_kop_mengikuti_penandatangan_dan_penutup_tidak_sendirian(wali_kota, sekda, n_paragraf):
    akhir = "Demikian kami sampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."
    for pejabat, kop in ((wali_kota, "WALI KOTA BEKASI"), (sekda, "SEKRETARIAT DAERAH")):
        pdf = naskah.render_naskah("dokumen/surat_dinas.html", pejabat=pejabat, kode="ABCD234567", url="http://x/v/",
                                   konteks={"nomor": "000.3/1/Kerja Sama/2026", "hal": "Undangan", "tujuan": "Wali Kota Bogor",
                                            "paragraf": PANJANG[:n_paragraf], "paragraf_terakhir": akhir,
                                            "tanggal_teks": "5 Desember 2026",
                                            "tembusan": ["Ketua TKKSD", "Kepala Bagian Kerja Sama"]})
        halaman = _halaman(pdf)
        assert halaman[0].startswith(kop) or kop in halaman[0][:120]
        assert pejabat.nama in halaman[-1]
        if pejabat.nip:
            assert f"NIP {pejabat.nip}" in halaman[-1]
        _penutup_utuh(halaman, nama=pejabat.nama, paragraf=akhir, tembusan="Kepala Bagian Kerja Sama")
        assert "ABCD234567" in halaman[-1]


def test_berita_acara_pembuka_dengan_kata_dan_rupiah_terbilang(sekda):
    pembuka = naskah.pembuka_berita_acara(datetime.date(2026, 12, 7))
    assert pembuka == "Pada hari ini Senin tanggal tujuh bulan Desember tahun dua ribu dua puluh enam"
    pdf = naskah.render_naskah("dokumen/berita_acara.html", pejabat=sekda, kode="BA12345678", konteks={
        "judul": "PENANDATANGANAN KESEPAKATAN BERSAMA", "nomor": "000.3/2/Kerja Sama/2026", "pembuka": pembuka,
        "tempat_acara": "Ruang Rapat Wali Kota", "acara": "penandatanganan", "paragraf": PANJANG[:12],
        "nilai": naskah.rupiah(1_250_000_000), "paragraf_terakhir": "Demikian berita acara ini dibuat.",
        "tanggal_teks": "7 Desember 2026"})
    teks = " ".join(_halaman(pdf))
    assert "Pada hari ini Senin tanggal tujuh bulan Desember" in teks
    assert "Rp1.250.000.000,00 (satu miliar dua ratus lima puluh juta rupiah)" in teks
    _penutup_utuh(_halaman(pdf), nama="JUNAEDI", paragraf="Demikian berita acara ini dibuat.")


def test_daftar_baris_tidak_terpotong_dan_kepala_tabel_berulang(sekda):
    kolom = ["No", "Judul kerja sama", "Mitra", "Tahap", "Berakhir"]
    baris = [[str(i), f"Kerja sama pengelolaan layanan publik terpadu nomor {i} antara Kota Bekasi dan mitra daerah "
              f"dengan ruang lingkup yang panjang baris{i}akhir", "Kota Bogor", "Pelaksanaan", "31-12-2027"]
             for i in range(1, 41)]
    pdf = naskah.render_naskah("dokumen/daftar.html", pejabat=sekda, kode="DF12345678", konteks={
        "judul": "DAFTAR KERJA SAMA DAERAH", "nomor": "-", "kolom": kolom, "baris": baris,
        "paragraf_terakhir": "", "tanggal_teks": "5 Desember 2026"})
    halaman = _halaman(pdf)
    assert len(halaman) > 1
    for i in range(1, 41):
        pemilik = [h for h in halaman if f"baris{i}akhir" in h]
        assert len(pemilik) == 1 and f"nomor {i} antara" in pemilik[0]  # the row's text is on one page
    for h in halaman:
        if any(f"baris{i}akhir" in h for i in range(1, 41)):
            assert "Judul kerja sama" in h  # the header row repeats
    assert "JUNAEDI" in halaman[-1] and "baris40akhir" in halaman[-1]


def test_terbilang():
    assert naskah.terbilang(0) == "nol"
    assert naskah.terbilang(11) == "sebelas"
    assert naskah.terbilang(115) == "seratus lima belas"
    assert naskah.terbilang(1001) == "seribu satu"
    assert naskah.terbilang(2026) == "dua ribu dua puluh enam"
    assert naskah.terbilang(1_250_000) == "satu juta dua ratus lima puluh ribu"


def test_nomor_surat_per_tahun():
    FormatNomorSurat.objects.create(kode="surat-keluar", nama="Surat keluar", kode_klasifikasi="000.3",
                                    unit="Kerja Sama", pola="{klasifikasi}/{urut}/{unit}/{tahun}")
    assert naskah.nomor_surat_berikut("surat-keluar", tanggal=datetime.date(2026, 5, 1)) == "000.3/1/Kerja Sama/2026"
    assert naskah.nomor_surat_berikut("surat-keluar", tanggal=datetime.date(2026, 6, 1)) == "000.3/2/Kerja Sama/2026"
    assert naskah.nomor_surat_berikut("surat-keluar", tanggal=datetime.date(2027, 1, 2)) == "000.3/1/Kerja Sama/2027"


@pytest.mark.parametrize("n_paragraf", [4, 11, 16])
def test_surat_pengantar_kop_dan_penutup_mengikuti_aturan(n_paragraf):
    """The generic letter every app extends (templates/dokumen/base_surat.html): letterhead by the signatory, the
    signature block keeps the paragraph before it and the tembusan."""
    from kerjasama.pdf import render_pdf

    for penandatangan, kop, bukan in (
        ({"kop": "wali_kota", "jabatan": "WALI KOTA BEKASI", "nama": "TRI ADHIANTO"}, "WALI KOTA BEKASI", "SEKRETARIAT DAERAH"),
        ({"kop": "setda", "jabatan": "SEKRETARIS DAERAH", "nama": "JUNAEDI", "nip": "196805121990031008"},
         "SEKRETARIAT DAERAH", None),
    ):
        pdf = render_pdf("dokumen/surat_pengantar.html", {
            "perihal": "Penyampaian naskah", "kepada": ["Wali Kota Bogor"], "isi": PANJANG[:n_paragraf],
            "penandatangan": penandatangan, "tembusan": ["Ketua TKKSD", "Kepala Bagian Kerja Sama"],
            "tanggal": datetime.date(2026, 12, 7)})
        halaman = _halaman(pdf)
        assert kop in halaman[0][:150]
        if bukan:
            assert bukan not in halaman[0]
        i = next(n for n, h in enumerate(halaman) if penandatangan["nama"] in h)
        assert "ditindaklanjuti oleh para pihak" in halaman[i]  # not alone: the last paragraph is with it
        assert "Kepala Bagian Kerja Sama" in halaman[i]  # tembusan stay with it
        if penandatangan.get("nip"):
            assert f"NIP. {penandatangan['nip']}" in halaman[i]


@pytest.mark.parametrize(("penandatangan", "jenis"), [
    ({"jabatan": "WALI KOTA BEKASI", "nama": ""}, "wali_kota"),  # as the apps' letters pass it (surat penawaran)
    ({"jabatan": "Plt. Wali Kota Bekasi"}, "wali_kota"),
    ({"jabatan": "a.n. WALI KOTA BEKASI SEKRETARIS DAERAH"}, "setda"),  # surat teguran: a.n., signed by the Sekda
    ({"jabatan": "SEKRETARIS DAERAH"}, "setda"),
    ({"kop": "setda", "jabatan": "WALI KOTA BEKASI"}, "setda"),  # the register's word wins
    (None, "setda"),
])
def test_kop_mengikuti_penandatangan_sebenarnya(penandatangan, jenis):
    assert naskah.jenis_kop(penandatangan) == jenis


def test_kop_dari_pengguna_menurut_data_pejabat(pengguna, wali_kota):
    wali_kota.pengguna = pengguna["walikota"]
    wali_kota.save()
    assert naskah.jenis_kop(pengguna["walikota"]) == "wali_kota"
    assert naskah.jenis_kop(pengguna["tkksd"]) == "setda"


def test_surat_penawaran_wali_kota_berkop_wali_kota(pengguna, pd_dishub, mitra_bogor):
    """Ps 23: the offer letter is the Wali Kota's: his letterhead, not the Setda's (issue 13 item 5)."""
    from kerjasama.domestik_services import surat_penawaran_hasilkan
    from tests.ksdd.factories import KasusKsddFactory

    kasus = KasusKsddFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, penawaran=True)
    versi = surat_penawaran_hasilkan(kasus=kasus, by=pengguna["tkksd"])
    halaman = _halaman(versi.berkas.open("rb").read())
    assert "WALI KOTA BEKASI" in halaman[0][:150] and "SEKRETARIAT DAERAH" not in halaman[0][:150]


def test_keputusan_pemetaan_berkop_wali_kota(pengguna):
    """Ps 17–18: the Keputusan Wali Kota on the programme list carries the Wali Kota's letterhead."""
    from pemetaan.services import _hasilkan_dokumen
    from tests.pemetaan.factories import SiklusFactory

    versi = _hasilkan_dokumen(SiklusFactory(berita_acara=True), pengguna["tkksd"], "rancangan_keputusan")
    halaman = _halaman(versi.berkas.open("rb").read())
    assert "SEKRETARIAT DAERAH" not in halaman[0][:150] and "WALI KOTA BEKASI" in halaman[0][:60]
