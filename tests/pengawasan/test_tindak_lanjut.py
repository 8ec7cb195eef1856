"""Each recommendation of the evaluation matrix (Perwal 57/2023 Ps 85(7) huruf a–h) leads to its
follow-up once the Ketua TKKSD accepts the evaluation report, and is tracked until closed."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from kerjasama import alur
from kerjasama import services as inti
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.models import Dokumen, KerjaSama, Notifikasi, PerjanjianLama, RiwayatAudit
from pengawasan import services
from pengawasan.constants import Rekomendasi
from pengawasan.models import TindakLanjut
from tests.pengawasan.factories import KegiatanPengawasanFactory

SEMUA = tuple(Rekomendasi.values)


@pytest.fixture
def tanpa_pembuat_kasus(monkeypatch):
    # The kind apps register their case creators concurrently; these tests decide which exist.
    monkeypatch.setattr(alur, "_PEMBUAT_KASUS", {})


@pytest.fixture
def evaluasi(ks, pengguna, tanpa_pembuat_kasus, pdf_cepat, django_capture_on_commit_callbacks):
    inti.kewajiban_atur(kerjasama=ks, by=pengguna["tkksd"], daftar=[
        {"pihak": "mitra", "uraian": "Menyediakan armada pengumpan", "dasar": "PKS Pasal 6"},
        {"pihak": "daerah", "uraian": "Menyediakan lahan terminal", "dasar": "PKS Pasal 5"},
    ])
    with django_capture_on_commit_callbacks(execute=True):
        return KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], ketua=pengguna["ketua"], jenis="evaluasi",
                                         rekomendasi=SEMUA, diterima=True)


def _tl(ks, jenis) -> TindakLanjut:
    return TindakLanjut.objects.get(kerjasama=ks, jenis=jenis)


@pytest.mark.django_db
def test_setiap_baris_matrik_membuka_tindak_lanjut_terbuka(ks, evaluasi):
    assert evaluasi.tahap == "diterima"
    assert TindakLanjut.objects.filter(kerjasama=ks).count() == 8
    for tl in TindakLanjut.objects.filter(kerjasama=ks):
        assert tl.status == "terbuka"
        assert tl.batas_waktu == datetime.date(2026, 2, 19)  # 30 days after acceptance (20-01-2026)
        assert tl.uraian == "Tagih laporan dan kewajiban mitra"
    audit = RiwayatAudit.objects.filter(kerjasama=ks, aksi="tindak_lanjut_dibuka")
    assert audit.count() == 8
    assert audit.filter(dasar_hukum="Perwal 57/2023 Pasal 85 ayat (7) huruf g").count() == 1


@pytest.mark.django_db
def test_a_perpanjangan_menjadi_tugas_pada_berkas_kerja_sama(ks, evaluasi):
    tl = _tl(ks, "perpanjangan")
    assert tl.tautan == f"/kerjasama/{ks.pk}/"
    assert "perpanjangan jangka waktu" in tl.catatan and "31-01-2030" in tl.catatan


@pytest.mark.django_db
def test_b_penyusunan_baru_tanpa_aplikasi_jenisnya_menjadi_tugas(ks, evaluasi):
    tl = _tl(ks, "penyusunan_baru")
    assert tl.objek is None
    assert "Belum ada aplikasi yang dapat memulai kerja sama jenis KSDD" in tl.catatan


@pytest.mark.django_db
def test_b_penyusunan_baru_membuka_kasus_baru_lewat_pembuat_kasus(ks, pengguna, monkeypatch):
    dibuat = []

    def pembuat(*, by, judul, perangkat_daerah, mitra=None, uraian="", item_pemetaan=None, **data):
        kasus = inti.kerjasama_buat(model=PerjanjianLama, by=by, tahap="pelaksanaan", judul=judul, jenis="KSDD",
                                    perangkat_daerah=perangkat_daerah, mitra=mitra, uraian=uraian)
        dibuat.append(kasus)
        return kasus

    monkeypatch.setattr(alur, "_PEMBUAT_KASUS", {"KSDD": pembuat})
    KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], ketua=pengguna["ketua"], jenis="evaluasi",
                              rekomendasi=("penyusunan_baru",), diterima=True)
    tl = _tl(ks, "penyusunan_baru")
    assert len(dibuat) == 1
    baru = dibuat[0]
    assert isinstance(tl.objek, KerjaSama) and tl.objek.pk == baru.pk
    assert tl.tautan == f"/kerjasama/{baru.pk}/"
    assert baru.judul == "Terminal perbatasan (penyusunan baru)" and baru.mitra_id == ks.mitra_id


@pytest.mark.django_db
def test_c_addendum_menjadi_tugas(ks, evaluasi):
    assert "addendum" in _tl(ks, "addendum").catatan


@pytest.mark.django_db
def test_d_menagih_kewajiban_menyebut_kewajiban_mitra_yang_belum_dipenuhi(ks, evaluasi):
    tl = _tl(ks, "menagih_kewajiban")
    assert "Menyediakan armada pengumpan" in tl.catatan
    assert "lahan" not in tl.catatan


@pytest.mark.django_db
def test_e_kewajiban_pemda_untuk_pd_penanggung_jawab(ks, evaluasi, pengguna, pd_dishub):
    tl = _tl(ks, "kewajiban_pemda")
    assert tl.perangkat_daerah == pd_dishub
    assert Notifikasi.objects.filter(penerima=pengguna["pd_dishub"], judul__contains="Melaksanakan kewajiban").exists()


@pytest.mark.django_db
def test_f_mengakhiri_menawarkan_langkah_akhiri_dan_selesai_saat_kerja_sama_berakhir(ks, evaluasi, pengguna, jam):
    tl = _tl(ks, "mengakhiri")
    assert tl.tautan == f"/kerjasama/{ks.pk}/transisi/akhiri/"
    jam(2026, 3, 2)
    inti.transisi_jalankan(kasus=PerjanjianLama.objects.get(pk=ks.pk), nama="akhiri", by=pengguna["tkksd"],
                           data={"tanggal_selesai": "2026-03-02", "komentar": "Rekomendasi evaluasi."})
    tl.refresh_from_db()
    assert tl.status == "selesai"
    assert "Kerja sama berakhir" in tl.hasil
    # the other follow-ups stay open: a claim on the partner survives the termination
    assert _tl(ks, "menagih_kewajiban").status == "terbuka"


@pytest.mark.django_db
def test_g_surat_teguran_menghasilkan_pdf_untuk_mitra(ks, pengguna, tanpa_pembuat_kasus):
    KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], ketua=pengguna["ketua"], jenis="evaluasi",
                              rekomendasi=("surat_teguran",), diterima=True)
    tl = _tl(ks, "surat_teguran")
    dokumen = tl.objek
    assert isinstance(dokumen, Dokumen)
    assert dokumen.jenis == "surat_keluar" and dokumen.kerjasama_id is None and dokumen.pemilik == tl
    versi = dokumen.versi_terakhir
    assert versi.dihasilkan_sistem and versi.tipe_konten == "application/pdf"
    isi = versi.berkas.read()
    assert isi.startswith(b"%PDF") and versi.ukuran == len(isi) > 2000  # a real WeasyPrint document
    assert tl.tautan == f"/kerjasama/dokumen/versi/{versi.pk}/unduh/"
    assert "surat teguran" in tl.catatan


@pytest.mark.django_db
def test_g_surat_teguran_tidak_terlihat_oleh_mitra_tetapi_oleh_staf(ks, evaluasi, pengguna, klien):
    versi = _tl(ks, "surat_teguran").objek.versi_terakhir
    assert klien(pengguna["mitra_bogor"]).get(f"/kerjasama/dokumen/versi/{versi.pk}/unduh/").status_code == 404
    assert klien(pengguna["auditor"]).get(f"/kerjasama/dokumen/versi/{versi.pk}/unduh/").status_code == 200


@pytest.mark.django_db
def test_h_proses_hukum_menjadi_tugas_bagian_hukum(ks, evaluasi):
    assert "Bagian Hukum" in _tl(ks, "proses_hukum").catatan


@pytest.mark.django_db
def test_registri_aplikasi_jenis_menggantikan_bawaan(ks, pengguna, monkeypatch, tanpa_pembuat_kasus):
    monkeypatch.setattr(services, "_TINDAK_LANJUT", dict(services._TINDAK_LANJUT))

    @services.daftar_tindak_lanjut("kerjasama.perjanjianlama", "perpanjangan")
    def buka_perpanjangan(*, tindak_lanjut, kasus, by):
        tindak_lanjut.objek_tipe_id = None
        tindak_lanjut.tautan = f"/kerjasama/{kasus.pk}/transisi/ajukan_perpanjangan/"
        tindak_lanjut.catatan = "Perpanjangan dibuka."

    KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], ketua=pengguna["ketua"], jenis="evaluasi",
                              rekomendasi=("perpanjangan",), diterima=True)
    tl = _tl(ks, "perpanjangan")
    assert tl.catatan == "Perpanjangan dibuka." and tl.tautan.endswith("ajukan_perpanjangan/")


@pytest.mark.django_db
def test_penangan_yang_gagal_tidak_menggagalkan_penerimaan(ks, pengguna, monkeypatch, tanpa_pembuat_kasus):
    monkeypatch.setattr(services, "_TINDAK_LANJUT", dict(services._TINDAK_LANJUT))

    def gagal(*, tindak_lanjut, kasus, by):
        tindak_lanjut.catatan = "setengah jalan"
        inti.audit_catat(kerjasama=kasus, aksi="tidak_boleh_tersisa")
        raise TransisiTidakTersedia("Adendum tidak tersedia pada tahap ini.")

    services.daftar_tindak_lanjut("kerjasama.perjanjianlama", "addendum", gagal)
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], ketua=pengguna["ketua"], jenis="evaluasi",
                                  rekomendasi=("addendum",), diterima=True)
    assert k.tahap == "diterima"
    tl = _tl(ks, "addendum")
    assert tl.status == "terbuka"
    assert "Adendum tidak tersedia pada tahap ini." in tl.catatan and "setengah jalan" not in tl.catatan
    assert not RiwayatAudit.objects.filter(aksi="tidak_boleh_tersisa").exists()


def test_registri_menolak_rekomendasi_yang_tidak_ada_di_pasal_85_ayat_7():
    with pytest.raises(ValueError):
        services.daftar_tindak_lanjut("*", "denda", lambda **kw: None)


@pytest.mark.django_db
def test_tindak_lanjut_diubah_sekretariat_dan_ditutup_penanggung_jawab(ks, evaluasi, pengguna, jam):
    tl = _tl(ks, "menagih_kewajiban")
    with pytest.raises(PermissionDenied):
        services.tindak_lanjut_ubah(tindak_lanjut=tl, by=pengguna["pd_dishub"], batas_waktu=datetime.date(2026, 3, 1))
    with pytest.raises(ValidationError):
        services.tindak_lanjut_ubah(tindak_lanjut=tl, by=pengguna["tkksd"], batas_waktu=datetime.date(2026, 3, 1),
                                    penanggung_jawab=pengguna["mitra_bogor"])
    services.tindak_lanjut_ubah(tindak_lanjut=tl, by=pengguna["tkksd"], batas_waktu=datetime.date(2026, 3, 1),
                                penanggung_jawab=pengguna["pd_dishub"])
    with pytest.raises(ValidationError, match="Uraikan hasil"):
        services.tindak_lanjut_tutup(tindak_lanjut=tl, by=pengguna["pd_dishub"], hasil=" ")
    with pytest.raises(PermissionDenied):
        services.tindak_lanjut_tutup(tindak_lanjut=tl, by=pengguna["pd_disbudpar"], hasil="Selesai")
    tl = services.tindak_lanjut_tutup(tindak_lanjut=tl, by=pengguna["pd_dishub"], hasil="Mitra telah melunasi.")
    assert tl.status == "selesai" and tl.diselesaikan_oleh == pengguna["pd_dishub"]
    with pytest.raises(TransisiTidakTersedia):
        services.tindak_lanjut_tutup(tindak_lanjut=tl, by=pengguna["tkksd"], hasil="Lagi")
    assert RiwayatAudit.objects.filter(objek_id=tl.pk, aksi="tindak_lanjut_selesai").count() == 1


@pytest.mark.django_db
def test_rekomendasi_belum_dibuka_sebelum_ketua_menerima(ks, pengguna):
    KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], jenis="evaluasi", laporan_diajukan=True)
    assert not TindakLanjut.objects.filter(kerjasama=ks).exists()
