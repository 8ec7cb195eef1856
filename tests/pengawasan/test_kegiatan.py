"""The activity's stage machine: direncanakan → dilaksanakan → laporan diajukan → diterima Ketua
TKKSD (Perwal 57/2023 Ps 85(2)–(5), Ps 88). One test per edge, who may take it, and the audit."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from kerjasama import services as inti
from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia
from kerjasama.models import RiwayatAudit
from pengawasan import services
from pengawasan.models import KegiatanPengawasan, PenilaianKewajiban
from tests.pengawasan.factories import KegiatanPengawasanFactory, lampiran_lengkap

D = datetime.date


def _laksanakan(k, by, **kw):
    data = {"tanggal_pelaksanaan": D(2026, 1, 19), "hasil": "Hasil.", "analisa_laporan_mitra": True}
    data.update(kw)
    return services.kegiatan_laksanakan(kegiatan=k, by=by, **data)


@pytest.mark.django_db
def test_can_laksanakan_dan_audit_mencatat_dari_ke(ks, pengguna):
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"])
    k = _laksanakan(k, pengguna["tkksd"], komentar="Tinjauan dokumen.")
    assert k.tahap == "dilaksanakan" and k.tanggal_pelaksanaan == D(2026, 1, 19)
    audit = RiwayatAudit.objects.get(kerjasama=ks, aksi="kegiatan_laksanakan")
    assert (audit.oleh, audit.dari_tahap, audit.ke_tahap) == (pengguna["tkksd"], "direncanakan", "dilaksanakan")
    assert audit.objek == k and audit.komentar == "Tinjauan dokumen."
    assert audit.dasar_hukum == "Perwal 57/2023 Pasal 85 ayat (2) dan (4)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("isian", "field", "pesan"),
    [
        ({"tanggal_pelaksanaan": D(2026, 1, 21)}, "tanggal_pelaksanaan", "masa depan"),
        ({"tanggal_pelaksanaan": D(2026, 1, 14)}, "tanggal_pelaksanaan", "sebelum penandatanganan (15-01-2026)"),
        ({"hasil": " "}, "hasil", "Uraikan hasil"),
        ({"analisa_laporan_mitra": False, "tinjau_lokasi": False}, "analisa_laporan_mitra", "Pasal 85 ayat (2)"),
    ],
)
def test_cannot_laksanakan_pemantauan_dengan_isian_salah(ks, pengguna, isian, field, pesan):
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"])
    with pytest.raises(ValidationError) as exc:
        _laksanakan(k, pengguna["tkksd"], **isian)
    assert pesan in " ".join(exc.value.message_dict[field])
    assert KegiatanPengawasan.objects.get(pk=k.pk).tahap == "direncanakan"
    assert not RiwayatAudit.objects.filter(aksi="kegiatan_laksanakan").exists()


@pytest.mark.django_db
def test_evaluasi_memerlukan_fgd_dan_penilaian_setiap_kewajiban_mitra(ks, pengguna):
    inti.kewajiban_atur(kerjasama=ks, by=pengguna["tkksd"], daftar=[
        {"pihak": "mitra", "uraian": "Membangun halte", "dasar": "PKS Pasal 4"},
        {"pihak": "mitra", "uraian": "Melapor tiap semester", "dasar": "PKS Pasal 9"},
        {"pihak": "daerah", "uraian": "Menyediakan lahan", "dasar": "PKS Pasal 3"},
    ])
    halte, lapor, lahan = ks.kewajiban.order_by("pihak", "urutan")[1], ks.kewajiban.order_by("pihak", "urutan")[2], \
        ks.kewajiban.get(pihak="daerah")
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], jenis="evaluasi")
    with pytest.raises(ValidationError) as exc:
        _laksanakan(k, pengguna["tkksd"], penilaian={halte.pk: ("dipenuhi", "")})
    pesan = exc.value.message_dict
    assert "Pasal 85 ayat (4)" in pesan["fgd"][0] and "peserta" in pesan
    assert pesan["penilaian"] == [
        "Nilai pelaksanaan kewajiban mitra: Melapor tiap semester (PKS Pasal 9) (Perwal 57/2023 Pasal 85 ayat (4) huruf a)."]
    k = _laksanakan(k, pengguna["tkksd"], fgd=True, peserta="Mitra dan Dishub",
                    penilaian={halte.pk: ("dipenuhi", ""), lapor.pk: ("tidak_dipenuhi", "Terlambat"),
                               lahan.pk: ("sebagian", "")})
    assert set(PenilaianKewajiban.objects.filter(kegiatan=k).values_list("uraian", "status")) == {
        ("Membangun halte", "dipenuhi"), ("Melapor tiap semester", "tidak_dipenuhi"), ("Menyediakan lahan", "sebagian")}
    # The assessment keeps the obligation's text even when the case's list is later replaced.
    inti.kewajiban_atur(kerjasama=ks, by=pengguna["tkksd"], daftar=[])
    assert PenilaianKewajiban.objects.filter(kegiatan=k, kewajiban__isnull=True).count() == 3


@pytest.mark.django_db
def test_cannot_laksanakan_dua_kali_409(ks, pengguna):
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], dilaksanakan=True)
    with pytest.raises(TransisiTidakTersedia):
        _laksanakan(k, pengguna["tkksd"])


@pytest.mark.django_db
def test_tahap_yang_berubah_sementara_itu_409(ks, pengguna):
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"])
    basi = KegiatanPengawasan.objects.get(pk=k.pk)
    _laksanakan(k, pengguna["tkksd"])
    with pytest.raises(KonflikTransisi):
        services.kegiatan_batalkan(kegiatan=basi, by=pengguna["tkksd"], alasan="x", tahap_diharapkan="direncanakan")


@pytest.mark.django_db
def test_can_ajukan_lalu_ketua_terima(ks, pengguna):
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], laporan_diajukan=True)
    assert k.tahap == "laporan_diajukan"
    k = services.kegiatan_terima_laporan(kegiatan=k, by=pengguna["ketua"], catatan="Baik.")
    assert k.tahap == "diterima" and k.diterima_oleh == pengguna["ketua"] and k.catatan_ketua == "Baik."
    assert RiwayatAudit.objects.filter(objek_id=k.pk, aksi__in=[
        "kegiatan_laksanakan", "kegiatan_ajukan_laporan", "kegiatan_terima_laporan"]).count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("siapa", ["tkksd", "pengawas", "pd_dishub", "auditor"])
def test_cannot_terima_laporan_selain_ketua_tkksd(ks, pengguna, anggota, siapa):
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], laporan_diajukan=True)
    with pytest.raises(PermissionDenied):
        services.kegiatan_terima_laporan(kegiatan=k, by=pengguna[siapa])


@pytest.mark.django_db
def test_ketua_mengembalikan_laporan_dengan_alasan(ks, pengguna):
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], laporan_diajukan=True)
    with pytest.raises(ValidationError, match="Alasan wajib"):
        services.kegiatan_kembalikan_laporan(kegiatan=k, by=pengguna["ketua"], alasan=" ")
    k = services.kegiatan_kembalikan_laporan(kegiatan=k, by=pengguna["ketua"], alasan="Lengkapi foto.")
    assert k.tahap == "dilaksanakan"
    assert RiwayatAudit.objects.get(aksi="kegiatan_kembalikan_laporan").komentar == "Lengkapi foto."
    # …and it can be submitted again, with new versions of the generated report.
    k = services.kegiatan_ajukan_laporan(kegiatan=k, by=pengguna["tkksd"], ringkasan_laporan="Diperbaiki.")
    from kerjasama.models import Dokumen

    laporan = Dokumen.objects.filter(pemilik_id=k.pk, jenis="laporan", versi__dihasilkan_sistem=True).distinct().get()
    assert laporan.versi.count() == 2


@pytest.mark.django_db
def test_batalkan_hanya_kegiatan_saat_diperlukan(ks, pengguna):
    terjadwal = services.kegiatan_rencanakan(kerjasama=ks, by=pengguna["tkksd"], jenis="pemantauan", sifat="terjadwal")
    with pytest.raises(PermissionDenied):
        services.kegiatan_batalkan(kegiatan=terjadwal, by=pengguna["tkksd"], alasan="Tidak perlu")
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"])
    assert services.kegiatan_batalkan(kegiatan=k, by=pengguna["tkksd"], alasan="Digabung.").tahap == "dibatalkan"


@pytest.mark.django_db
def test_anggota_tim_bertindak_pengawas_lain_tidak(ks, ks_lain, pengguna, anggota):
    k = KegiatanPengawasanFactory(kerjasama=ks, by=anggota, dilaksanakan=True)
    lampiran_lengkap(k, by=anggota)
    assert services.kegiatan_ajukan_laporan(kegiatan=k, by=anggota, ringkasan_laporan="R.").tahap == "laporan_diajukan"
    # Not a member of ks_lain's team: cannot even see it, so cannot act.
    with pytest.raises(PermissionDenied):
        services.kegiatan_rencanakan(kerjasama=ks_lain, by=anggota, jenis="pemantauan", sifat="terjadwal")


@pytest.mark.django_db
@pytest.mark.parametrize("siapa", ["pd_dishub", "auditor", "mitra_bogor", "walikota"])
def test_cannot_merencanakan_selain_sekretariat_atau_tim(ks, pengguna, siapa):
    with pytest.raises(PermissionDenied):
        services.kegiatan_rencanakan(kerjasama=ks, by=pengguna[siapa], jenis="pemantauan", sifat="saat_diperlukan",
                                     keterangan="x")


@pytest.mark.django_db
def test_lampiran_dan_matrik_terkunci_setelah_diajukan(ks, pengguna):
    from tests.pengawasan.factories import baris_matrik, berkas_pdf

    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], jenis="evaluasi", laporan_diajukan=True)
    with pytest.raises(TransisiTidakTersedia):
        services.lampiran_unggah(kegiatan=k, by=pengguna["tkksd"], jenis="notulensi", berkas=berkas_pdf())
    with pytest.raises(TransisiTidakTersedia):
        baris_matrik(k, by=pengguna["tkksd"])


@pytest.mark.django_db
def test_matrik_hanya_untuk_evaluasi(ks, pengguna):
    from tests.pengawasan.factories import baris_matrik

    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"])
    with pytest.raises(ValidationError, match="hanya untuk kegiatan evaluasi"):
        baris_matrik(k, by=pengguna["tkksd"])
