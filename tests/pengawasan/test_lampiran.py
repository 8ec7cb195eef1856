"""A monitoring/evaluation report goes to the Ketua TKKSD only with its attachments (Perwal 57/2023
Ps 88(1)–(2)); each missing one is named in the refusal, and nothing changes."""

from django.core.exceptions import ValidationError

import pytest

from kerjasama.models import Dokumen
from pengawasan import services
from pengawasan.models import KegiatanPengawasan
from tests.pengawasan.factories import (
    KegiatanPengawasanFactory,
    bagian_lengkap,
    baris_matrik,
    lampiran_lengkap,
)

LABEL = {
    "laporan_mitra": "Dokumen laporan mitra kerja sama",
    "berita_acara_pemantauan": "Berita acara tinjau lokasi",
    "daftar_hadir": "Daftar hadir peserta rapat",
    "notulensi": "Notulensi rapat",
    "berita_acara": "Berita acara rapat dan/atau berita acara tinjau lokasi",
    "matrik_evaluasi": "Matrik hasil evaluasi",
}


def _ajukan(k, by):
    return services.kegiatan_ajukan_laporan(kegiatan=k, by=by, ringkasan_laporan="Ringkasan.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kurang", "pesan"),
    [
        ("laporan_mitra", "Lampiran belum ada: Dokumen laporan mitra kerja sama (Perwal 57/2023 Pasal 88 ayat (1) huruf a)."),
        ("berita_acara", "Lampiran belum ada: Berita acara tinjau lokasi (Perwal 57/2023 Pasal 88 ayat (1) huruf b)."),
    ],
)
def test_laporan_pemantauan_ditolak_tanpa_lampiran(ks, pengguna, kurang, pesan):
    tkksd = pengguna["tkksd"]
    k = KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, jenis="pemantauan", dilaksanakan=True)
    assert k.tinjau_lokasi  # with a site visit, its berita acara is required (Ps 88(1) huruf b)
    lampiran_lengkap(k, by=tkksd, kecuali=(kurang,))
    with pytest.raises(ValidationError) as exc:
        _ajukan(k, tkksd)
    assert exc.value.message_dict["lampiran"] == [pesan]
    assert KegiatanPengawasan.objects.get(pk=k.pk).tahap == "dilaksanakan"


@pytest.mark.django_db
def test_pemantauan_tanpa_tinjau_lokasi_tidak_memerlukan_berita_acara(ks, pengguna):
    tkksd = pengguna["tkksd"]
    k = services.kegiatan_rencanakan(kerjasama=ks, by=tkksd, jenis="pemantauan", sifat="terjadwal")
    k = services.kegiatan_laksanakan(kegiatan=k, by=tkksd, tanggal_pelaksanaan=k.kerjasama.tanggal_penandatanganan,
                                     hasil="Analisa laporan.", analisa_laporan_mitra=True)
    lampiran_lengkap(k, by=tkksd, kecuali=("berita_acara",))
    assert _ajukan(k, tkksd).tahap == "laporan_diajukan"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kurang", "huruf"),
    [("laporan_mitra", "a"), ("daftar_hadir", "b"), ("notulensi", "c"), ("berita_acara", "d"), ("matrik_evaluasi", "e")],
)
def test_laporan_evaluasi_ditolak_tanpa_setiap_lampiran(ks, pengguna, kurang, huruf):
    tkksd = pengguna["tkksd"]
    k = KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, jenis="evaluasi", dilaksanakan=True)
    lampiran_lengkap(k, by=tkksd, kecuali=(kurang,))
    if kurang != "matrik_evaluasi":
        baris_matrik(k, by=tkksd)
    with pytest.raises(ValidationError) as exc:
        _ajukan(k, tkksd)
    assert exc.value.message_dict["lampiran"] == [
        f"Lampiran belum ada: {LABEL[kurang]} (Perwal 57/2023 Pasal 88 ayat (2) huruf {huruf})."]
    assert KegiatanPengawasan.objects.get(pk=k.pk).tahap == "dilaksanakan"


@pytest.mark.django_db
def test_laporan_evaluasi_tanpa_lampiran_menyebut_kelimanya(ks, pengguna):
    tkksd = pengguna["tkksd"]
    k = KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, jenis="evaluasi", dilaksanakan=True)
    with pytest.raises(ValidationError) as exc:
        _ajukan(k, tkksd)
    assert len(exc.value.message_dict["lampiran"]) == 5


@pytest.mark.django_db
def test_laporan_lengkap_diajukan_dan_pdf_laporan_serta_matrik_dihasilkan(ks, pengguna, django_capture_on_commit_callbacks):
    tkksd = pengguna["tkksd"]
    k = KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, jenis="evaluasi", dilaksanakan=True)
    lampiran_lengkap(k, by=tkksd)
    bagian_lengkap(k, by=tkksd)
    baris_matrik(k, by=tkksd)
    with django_capture_on_commit_callbacks(execute=True):
        k = _ajukan(k, tkksd)
    assert k.tahap == "laporan_diajukan" and k.diajukan_oleh == tkksd
    dihasilkan = Dokumen.objects.filter(pemilik_id=k.pk, versi__dihasilkan_sistem=True)
    assert set(dihasilkan.values_list("jenis", flat=True)) == {"laporan", "matrik_evaluasi"}
    for d in dihasilkan:
        assert d.kerjasama_id is None  # the team's papers are not filed where the partner reads
        assert d.versi_terakhir.berkas.read(4) == b"%PDF"
    from kerjasama.models import Notifikasi

    assert Notifikasi.objects.filter(penerima=pengguna["ketua"], judul__contains="menunggu Anda").count() == 1


@pytest.mark.django_db
def test_laporan_yang_dihasilkan_tidak_dihitung_sebagai_laporan_mitra(ks, pengguna):
    """After a report is returned, the generated report PDF (type `laporan`) must not stand in for
    the partner's report documents."""
    tkksd = pengguna["tkksd"]
    k = KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, jenis="pemantauan", dilaksanakan=True)
    lampiran_lengkap(k, by=tkksd)
    k = _ajukan(k, tkksd)
    k = services.kegiatan_kembalikan_laporan(kegiatan=k, by=pengguna["ketua"], alasan="Lengkapi analisa.")
    Dokumen.objects.filter(pemilik_id=k.pk, jenis="laporan", versi__dihasilkan_sistem=False).delete()
    with pytest.raises(ValidationError, match="Dokumen laporan mitra"):
        _ajukan(k, tkksd)


@pytest.mark.django_db
def test_laporan_mitra_yang_dianalisa_memenuhi_huruf_a(ks, pengguna, jam):
    from tests.pengawasan.factories import berkas_pdf

    tkksd = pengguna["tkksd"]
    jam(2026, 7, 1)
    lap = services.laporan_mitra_unggah(kerjasama=ks, by=pengguna["mitra_bogor"], kemajuan="Berjalan.",
                                        berkas=berkas_pdf())
    k = KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, jenis="pemantauan", dilaksanakan=True)
    lampiran_lengkap(k, by=tkksd, kecuali=("laporan_mitra",))
    services.kegiatan_laporan_mitra_atur(kegiatan=k, by=tkksd, laporan=[lap])
    assert _ajukan(k, tkksd).tahap == "laporan_diajukan"


@pytest.mark.django_db
def test_pemantauan_dengan_tinjau_lokasi_saja_cukup_berita_acara_tanpa_laporan_mitra(ks, pengguna):
    """Ps 85(2): monitoring through the partner's report *atau* a site visit. A monitoring done by site visit
    alone needs the berita acara tinjau lokasi (Ps 88(1) huruf b), not a partner report (it used to)."""
    tkksd = pengguna["tkksd"]
    k = services.kegiatan_rencanakan(kerjasama=ks, by=tkksd, jenis="pemantauan", sifat="saat_diperlukan",
                                     keterangan="Tinjau lokasi terminal.")
    k = services.kegiatan_laksanakan(kegiatan=k, by=tkksd, tanggal_pelaksanaan=ks.tanggal_penandatanganan,
                                     hasil="Terminal beroperasi.", tinjau_lokasi=True)
    with pytest.raises(ValidationError) as exc:
        _ajukan(k, tkksd)
    assert exc.value.message_dict["lampiran"] == [
        "Lampiran belum ada: Berita acara tinjau lokasi (Perwal 57/2023 Pasal 88 ayat (1) huruf b)."]
    lampiran_lengkap(k, by=tkksd, kecuali=("laporan_mitra",))
    assert _ajukan(k, tkksd).tahap == "laporan_diajukan"
