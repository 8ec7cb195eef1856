"""Whole cases walked through the stage machine of Perwal 57/2023 Ps 57, as the UI and the API drive
it (kerjasama.services.transisi_jalankan): a KSDPL sister city, a KSDLL "lainnya" and a KSDLL by
forwarding of central-government cooperation, from prakarsa to pelaksanaan and to the end."""

import datetime

from django.core.exceptions import ValidationError

import pytest
import time_machine

from kerjasama import services as inti
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.models import RiwayatAudit, Tenggat
from kerjasama.permissions import kerjasama_terlihat
from ksdln import services
from ksdln.constants import BAGIAN_KAJIAN, BAGIAN_LOI, BAGIAN_NASKAH, BAGIAN_RENCANA
from tests.factories import naskah_bertanda_tangan
from tests.ksdln.conftest import wib
from tests.ksdln.factories import KasusKsdlnFactory, bagian, jalan, muat, unggah

D = datetime.date


def _iso(d):
    return d.isoformat()


def sampai_loi(t, pengguna, kasus, tanggal_loi):
    """prakarsa → loi_ditandatangani (Ps 58–62). `t` is the time_machine traveller."""
    tkksd, pd, wk = pengguna["tkksd"], pengguna["pd_dishub"], pengguna["walikota"]
    jalan(kasus, "mulai_penjajakan", tkksd)
    services.penjajakan_catat(kasus=kasus, by=tkksd, cara="komunikasi", tanggal=D(2026, 1, 5),
                              catatan="Surat elektronik dan rapat daring dengan calon mitra.")
    services.penjajakan_catat(kasus=kasus, by=pd, cara="kunjungan_masuk", tanggal=D(2026, 1, 5),
                              catatan="Delegasi calon mitra berkunjung ke Bekasi; sepakat menindaklanjuti.")
    kajian = unggah(kasus, pd, "kajian")
    jalan(kasus, "lampirkan_kajian", pd, dokumen_kajian=kajian.pk, **bagian(BAGIAN_KAJIAN))
    jalan(kasus, "minta_tanggapan_menteri", tkksd, tanggal_surat="2026-01-05", nomor_surat="100/KS")
    t.move_to(wib(2026, 2, 2, 9))
    surat = unggah(kasus, tkksd, "surat_menteri")
    jalan(kasus, "catat_tanggapan_menteri", tkksd, tanggal_tanggapan="2026-02-02",
          tanggapan="Menteri menanggapi positif.", dokumen_surat_menteri=surat.pk)
    # Ps 61(1): and for the consultation with the minister for foreign affairs
    with pytest.raises(TransisiTidakTersedia, match="Pasal 61 ayat .1."):
        jalan(kasus, "tandatangani_loi", wk)
    jalan(kasus, "catat_konsultasi_menlu", tkksd, tanggal_permohonan="2026-01-05", tanggal_tanggapan="2026-02-02",
          tanggapan="Kemlu tidak berkeberatan.")
    # Ps 51: the LoI waits for the requirements checklist
    with pytest.raises(TransisiTidakTersedia, match="Pasal 51"):
        jalan(kasus, "tandatangani_loi", wk)
    for p in muat(kasus).persyaratan.all():
        services.persyaratan_konfirmasi(persyaratan=p, by=tkksd, terpenuhi=True, catatan=f"Diperiksa: {p.pasal}.")
    t.move_to(wib(2026, 2, 10, 9))
    loi = naskah_bertanda_tangan(kasus, "loi")
    jalan(kasus, "tandatangani_loi", wk, tempat_penandatanganan="Bekasi", tanggal_penandatanganan=_iso(tanggal_loi),
          berlaku_sampai=_iso(tanggal_loi.replace(year=tanggal_loi.year + 1)), dokumen_loi=loi.pk,
          **bagian(BAGIAN_LOI))


def susun_rencana(kasus, pengguna, nama="susun_rencana"):
    pd = pengguna["pd_dishub"]
    dok = unggah(kasus, pd, "rencana_kerja_sama")
    jalan(kasus, nama, pd, dokumen_rencana=dok.pk, **bagian(BAGIAN_RENCANA))


def dari_naskah_ke_pelaksanaan(t, pengguna, kasus, langsung=False):
    tkksd, wk = pengguna["tkksd"], pengguna["walikota"]
    t.move_to(wib(2026, 4, 20, 9))
    naskah = unggah(kasus, tkksd, "naskah")
    jalan(kasus, "kirim_naskah_gubernur", tkksd, dokumen_naskah=naskah.pk, tanggal_dikirim_gubernur="2026-04-20",
          **bagian(BAGIAN_NASKAH))
    assert muat(kasus).tahap == "menunggu_gubernur_naskah"
    if langsung:
        # Ps 68(3): five days (21–25 April) pass without the Gubernur's forwarding
        t.move_to(wib(2026, 4, 25, 23, 59, 59))
        with pytest.raises(TransisiTidakTersedia, match="Pasal 68 ayat \\(3\\)"):
            jalan(kasus, "kirim_langsung_menteri_naskah", tkksd, tanggal_dikirim_menteri="2026-04-25")
        t.move_to(wib(2026, 4, 26, 8))
        jalan(kasus, "kirim_langsung_menteri_naskah", wk, tanggal_dikirim_menteri="2026-04-26")
    else:
        t.move_to(wib(2026, 4, 24, 9))
        jalan(kasus, "catat_penerusan_gubernur_naskah", tkksd, tanggal_diteruskan_gubernur="2026-04-23")
    assert muat(kasus).tahap == "pembahasan_naskah"
    t.move_to(wib(2026, 6, 15, 9))
    jalan(kasus, "catat_pembahasan", tkksd, pembahasan=[
        {"jenis": "antar_kementerian", "tanggal": "2026-05-20", "tempat": "Kemendagri", "hasil": "Disepakati."},
        {"jenis": "dengan_mitra", "tanggal": "2026-06-10", "tempat": "Daring", "hasil": "Disepakati mitra."},
    ])
    t.move_to(wib(2026, 7, 20, 9))
    surat, disetujui = unggah(kasus, tkksd, "surat_menteri"), unggah(kasus, tkksd, "naskah", "Naskah disetujui")
    jalan(kasus, "catat_persetujuan_menteri", tkksd, tanggal_persetujuan="2026-07-20", dokumen_surat_menteri=surat.pk,
          dokumen_naskah=disetujui.pk, rencana_tempat_penandatanganan="Bekasi",
          rencana_tanggal_penandatanganan="2026-08-17", tanggal_pemberitahuan_menteri="2026-07-20")
    t.move_to(wib(2026, 8, 17, 9))
    ditandatangani = naskah_bertanda_tangan(kasus, "naskah")
    jalan(kasus, "tandatangani_naskah", wk, tanggal_penandatanganan="2026-08-17", tempat_penandatanganan="Bekasi",
          tanggal_mulai="2026-09-01", tanggal_berakhir="2031-08-31", dokumen_naskah_ditandatangani=ditandatangani.pk)
    kasus = muat(kasus)
    assert kasus.tahap == "pelaksanaan"
    terbuka = dict(Tenggat.objects.filter(kerjasama=kasus, status="terbuka", aturan__in=ATURAN_PELAKSANAAN)
                   .values_list("aturan", "jatuh_tempo"))
    assert terbuka == {
        "masa_berlaku_perjanjian": wib(2031, 8, 31, 23, 59, 59),
        "batas_permohonan_perpanjangan": wib(2031, 2, 28, 23, 59, 59),  # 31-08-2031 − 6 months (Ps 78(3))
        "laporan_tahunan_ksdln": wib(2027, 1, 7, 23, 59, 59),  # report on 2026 (Ps 80(2))
    }
    return kasus


ATURAN_PELAKSANAAN = ("masa_berlaku_perjanjian", "batas_permohonan_perpanjangan", "laporan_tahunan_ksdln")


def audit_transisi(kasus):
    # the case's own stage changes (other apps audit their own records on the case too)
    return list(RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, objek_id__isnull=True).exclude(ke_tahap="")
                .values_list("aksi", "dari_tahap", "ke_tahap"))


@pytest.mark.django_db
def test_ksdpl_kota_kembar_dari_prakarsa_sampai_pelaksanaan_dan_pengakhiran(pengguna, pd_dishub, ham):
    tkksd, dprd = pengguna["tkksd"], pengguna["dprd"]
    with time_machine.travel(wib(2026, 1, 5, 9), tick=False) as t:
        kasus = services.kasus_ksdln_buat(
            by=tkksd, jenis="KSDPL", bentuk="kota_kembar", judul="Kota bersaudara Bekasi–Hamamatsu",
            perangkat_daerah=pd_dishub, sumber_prakarsa="mitra", mitra=ham, objek=["budaya", "iptek"])
        assert kasus.tahap == "prakarsa" and kasus.nomor.startswith("KS/2026/KSDPL/")
        # Ps 51(1) five, (2) science and technology, (3) three for KSDPL
        assert kasus.persyaratan.count() == 9
        sampai_loi(t, pengguna, kasus, D(2026, 2, 10))
        assert Tenggat.objects.get(kerjasama=kasus, aturan="loi_masa_berlaku").jatuh_tempo == wib(2027, 2, 10, 23, 59, 59)
        susun_rencana(kasus, pengguna)
        # Ps 64(1): a KSDPL needs the DPRD; the route without it is not offered
        assert "ajukan_verifikasi" not in {x.name for x in inti.transisi_tersedia(muat(kasus), tkksd)}
        jalan(kasus, "ajukan_persetujuan_dprd", tkksd, tanggal_surat="2026-02-10")
        t.move_to(wib(2026, 2, 18, 9))
        # the DPRD now sees the case submitted to it
        assert kerjasama_terlihat(dprd).filter(pk=kasus.pk).exists()
        jalan(kasus, "catat_penerimaan_dprd", dprd, tanggal_diterima_dprd="2026-02-17")
        assert Tenggat.objects.get(kerjasama=kasus, aturan="dprd_45_hari").jatuh_tempo == wib(2026, 4, 3, 23, 59, 59)
        t.move_to(wib(2026, 3, 10, 9))
        surat = unggah(kasus, dprd, "surat_dprd")
        jalan(kasus, "setujui_dprd", dprd, tanggal_keputusan="2026-03-10", dokumen_surat_dprd=surat.pk)
        assert Tenggat.objects.get(kerjasama=kasus, aturan="dprd_45_hari").status == "terpenuhi"
        t.move_to(wib(2026, 3, 11, 9))
        jalan(kasus, "kirim_verifikasi_gubernur", tkksd, tanggal_dikirim_gubernur="2026-03-11")
        assert muat(kasus).batas_gubernur == wib(2026, 3, 16, 23, 59, 59)
        t.move_to(wib(2026, 3, 13, 9))
        jalan(kasus, "catat_penerusan_gubernur_verifikasi", tkksd, tanggal_diteruskan_gubernur="2026-03-13")
        assert Tenggat.objects.get(kerjasama=kasus, aturan="gubernur_5_hari_verifikasi").status == "terpenuhi"
        t.move_to(wib(2026, 4, 20, 8))
        surat = unggah(kasus, tkksd, "surat_menteri")
        jalan(kasus, "pertimbangan_lanjut_naskah", tkksd, tanggal_pertimbangan="2026-04-20",
              pertimbangan="Dapat dilanjutkan.", dokumen_surat_menteri=surat.pk)
        kasus = dari_naskah_ke_pelaksanaan(t, pengguna, kasus)
        t.move_to(wib(2027, 3, 1, 9))
        jalan(kasus, "akhiri", tkksd, alasan_pengakhiran="tujuan_tercapai", tanggal_selesai="2027-02-28",
              komentar="Tujuan kerja sama tercapai lebih awal.")
    kasus = muat(kasus)
    assert (kasus.tahap, kasus.alasan_pengakhiran, kasus.tanggal_selesai) == ("selesai", "tujuan_tercapai", D(2027, 2, 28))
    assert "Pasal 79 huruf b" in kasus.alasan_selesai
    assert [a[0] for a in audit_transisi(kasus)] == [
        "dibuat", "mulai_penjajakan", "lampirkan_kajian", "minta_tanggapan_menteri", "catat_tanggapan_menteri",
        "catat_konsultasi_menlu", "tandatangani_loi", "susun_rencana", "ajukan_persetujuan_dprd", "catat_penerimaan_dprd", "setujui_dprd",
        "kirim_verifikasi_gubernur", "catat_penerusan_gubernur_verifikasi", "pertimbangan_lanjut_naskah",
        "kirim_naskah_gubernur", "catat_penerusan_gubernur_naskah", "catat_pembahasan", "catat_persetujuan_menteri",
        "tandatangani_naskah", "akhiri",
    ]
    akhir = RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="akhiri")
    assert (akhir.oleh, akhir.dasar_hukum, akhir.komentar) == (
        tkksd, "Pasal 78 ayat (2), Pasal 79", "Tujuan kerja sama tercapai lebih awal.")
    ttd = RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="tandatangani_naskah")
    assert ttd.oleh == pengguna["walikota"] and ttd.dasar_hukum == "Pasal 71, Pasal 78 ayat (1)"
    # the clocks of a running cooperation are closed when it ends
    assert not Tenggat.objects.filter(kerjasama=kasus, status="terbuka",
                                      aturan__in=("masa_berlaku_perjanjian", "batas_permohonan_perpanjangan")).exists()


@pytest.mark.django_db
def test_ksdll_lainnya_dianggap_disetujui_dikembalikan_menteri_langsung_ke_menteri_dan_berakhir(pengguna, pd_dishub, jc):
    """KSDLL "lainnya" (Ps 53 huruf b): the DPRD is silent for 45 days (Ps 65(3)), the Menteri asks to fix
    the Rencana (Ps 67(2)a), the Gubernur does not forward the draft (Ps 68(3)), and the term ends (Ps 78(1))."""
    tkksd, dprd = pengguna["tkksd"], pengguna["dprd"]
    with time_machine.travel(wib(2026, 1, 5, 9), tick=False) as t:
        kasus = services.kasus_ksdln_buat(
            by=tkksd, jenis="KSDLL", bentuk="lainnya", judul="Peningkatan kapasitas manajemen transportasi",
            perangkat_daerah=pd_dishub, sumber_prakarsa="melalui_menteri", mitra=jc, objek=["kemampuan_teknis"])
        assert kasus.persyaratan.count() == 5  # Ps 51(1) only: no KSDPL items, no science item
        sampai_loi(t, pengguna, kasus, D(2026, 2, 10))
        susun_rencana(kasus, pengguna)
        jalan(kasus, "ajukan_persetujuan_dprd", tkksd, tanggal_surat="2026-02-10")
        jalan(kasus, "catat_penerimaan_dprd", dprd, tanggal_diterima_dprd="2026-02-10")
        # 45 days: 11 February … 27 March 2026 (Friday); deemed approved once it ends
        inti.tenggat_sweep(now=wib(2026, 3, 28, 0, 0, 1))
        kasus = muat(kasus)
        assert (kasus.tahap, kasus.keputusan_dprd) == ("verifikasi", "dianggap_disetujui")
        t.move_to(wib(2026, 3, 30, 9))
        jalan(kasus, "kirim_verifikasi_gubernur", tkksd, tanggal_dikirim_gubernur="2026-03-30")
        jalan(kasus, "catat_penerusan_gubernur_verifikasi", tkksd, tanggal_diteruskan_gubernur="2026-03-30")
        t.move_to(wib(2026, 4, 8, 9))
        surat = unggah(kasus, tkksd, "surat_menteri")
        jalan(kasus, "pertimbangan_perbaiki_rencana", tkksd, tanggal_pertimbangan="2026-04-08",
              pertimbangan="Perjelas sumber pembiayaan.", dokumen_surat_menteri=surat.pk)
        kasus = muat(kasus)
        assert kasus.tahap == "penyusunan_rencana" and kasus.rencana_perlu_perbaikan
        # Ps 67(2)a: not resubmitted before the Rencana is fixed
        with pytest.raises(TransisiTidakTersedia, match="diperbaiki"):
            jalan(kasus, "ajukan_persetujuan_dprd", tkksd, tanggal_surat="2026-04-08")
        susun_rencana(kasus, pengguna, nama="perbarui_rencana")
        jalan(kasus, "ajukan_persetujuan_dprd", tkksd, tanggal_surat="2026-04-08")
        assert muat(kasus).keputusan_dprd == ""  # a new request, a new decision
        t.move_to(wib(2026, 4, 10, 9))
        jalan(kasus, "catat_penerimaan_dprd", dprd, tanggal_diterima_dprd="2026-04-10")
        surat = unggah(kasus, dprd, "surat_dprd")
        jalan(kasus, "setujui_dprd", dprd, tanggal_keputusan="2026-04-10", dokumen_surat_dprd=surat.pk)
        jalan(kasus, "kirim_verifikasi_gubernur", tkksd, tanggal_dikirim_gubernur="2026-04-10")
        t.move_to(wib(2026, 4, 13, 9))
        jalan(kasus, "catat_penerusan_gubernur_verifikasi", tkksd, tanggal_diteruskan_gubernur="2026-04-13")
        t.move_to(wib(2026, 4, 20, 8))
        surat = unggah(kasus, tkksd, "surat_menteri")
        jalan(kasus, "pertimbangan_lanjut_naskah", tkksd, tanggal_pertimbangan="2026-04-20",
              pertimbangan="Lanjutkan.", dokumen_surat_menteri=surat.pk)
        kasus = dari_naskah_ke_pelaksanaan(t, pengguna, kasus, langsung=True)
        # the letter to the Menteri was generated as PDF and recorded with the step
        surat = kasus.dokumen.get(judul__startswith="Surat langsung kepada Menteri")
        assert surat.versi.first().tipe_konten == "application/pdf" and surat.versi.first().dihasilkan_sistem
        # Ps 78(1): the term ends without extension → the sweep ends the cooperation
        inti.tenggat_sweep(now=wib(2031, 9, 1, 0, 0, 1))
    kasus = muat(kasus)
    assert (kasus.tahap, kasus.alasan_pengakhiran, kasus.tanggal_selesai) == ("selesai", "masa_berlaku", D(2031, 8, 31))
    aksi = [a[0] for a in audit_transisi(kasus)]
    assert aksi.count("anggap_disetujui_dprd") == 1 and aksi.count("setujui_dprd") == 1
    assert aksi[-2:] == ["tandatangani_naskah", "berakhir_masa_berlaku"]
    sistem = RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="anggap_disetujui_dprd")
    assert sistem.oleh is None and "Pasal 65 ayat (3)" in sistem.komentar


@pytest.mark.django_db
def test_ksdll_penerusan_nonprofit_melewati_dprd(pengguna, pd_dishub, nonprofit):
    """KSDLL by forwarding (Ps 53 huruf a, Ps 73–76): no DPRD (Ps 64(1)); a non-profit partner must hold
    its Izin Prinsip and Izin Operasional (Ps 76(2)a) before the Rencana goes to the Menteri."""
    tkksd = pengguna["tkksd"]
    with time_machine.travel(wib(2026, 1, 5, 9), tick=False) as t:
        kasus = services.kasus_ksdln_buat(
            by=tkksd, jenis="KSDLL", bentuk="penerusan", jenis_lembaga="nonprofit",
            judul="Penyediaan air bersih kawasan padat", perangkat_daerah=pd_dishub,
            sumber_prakarsa="melalui_menteri", mitra=nonprofit, objek=["lainnya"], objek_lainnya="Air bersih")
        sampai_loi(t, pengguna, kasus, D(2026, 2, 10))
        susun_rencana(kasus, pengguna)
        tersedia = {x.name for x in inti.transisi_tersedia(muat(kasus), tkksd)}
        assert "ajukan_verifikasi" in tersedia and "ajukan_persetujuan_dprd" not in tersedia
        with pytest.raises(TransisiTidakTersedia, match="tidak memerlukan persetujuan DPRD"):
            jalan(kasus, "ajukan_persetujuan_dprd", tkksd, tanggal_surat="2026-02-10")
        with pytest.raises(ValidationError, match="Izin Prinsip dan Izin Operasional"):
            jalan(kasus, "ajukan_verifikasi", tkksd)
        for jenis, nomor in (("izin_prinsip", "IP-01/2025"), ("izin_operasional", "IO-07/2025")):
            services.izin_lembaga_catat(kasus=kasus, by=tkksd, jenis=jenis, nomor=nomor, tanggal=D(2025, 11, 3),
                                        penerbit="Kementerian Luar Negeri")
        jalan(kasus, "ajukan_verifikasi", tkksd)
        kasus = muat(kasus)
        assert kasus.tahap == "verifikasi" and kasus.keputusan_dprd == ""
        jalan(kasus, "kirim_verifikasi_gubernur", tkksd, tanggal_dikirim_gubernur="2026-02-10")
        t.move_to(wib(2026, 2, 12, 9))
        jalan(kasus, "catat_penerusan_gubernur_verifikasi", tkksd, tanggal_diteruskan_gubernur="2026-02-12")
        t.move_to(wib(2026, 4, 20, 8))
        surat = unggah(kasus, tkksd, "surat_menteri")
        jalan(kasus, "pertimbangan_lanjut_naskah", tkksd, tanggal_pertimbangan="2026-04-20",
              pertimbangan="Lanjutkan.", dokumen_surat_menteri=surat.pk)
        kasus = dari_naskah_ke_pelaksanaan(t, pengguna, kasus)
    aksi = [a[0] for a in audit_transisi(kasus)]
    assert "ajukan_persetujuan_dprd" not in aksi and "ajukan_verifikasi" in aksi
    assert not Tenggat.objects.filter(kerjasama=kasus, aturan="dprd_45_hari").exists()
    # the DPRD never had the case before it
    assert not kerjasama_terlihat(pengguna["dprd"]).filter(pk=kasus.pk).exists()


@pytest.mark.django_db
def test_penerusan_mitra_pembangunan_wajib_lampiran_pasal_75(pengguna, pd_dishub, jc):
    """Ps 75(2): with an international organisation or development partner, the Rencana carries a KAK,
    a statement of willingness, and a feasibility study when the activity uses regional assets."""
    tkksd = pengguna["tkksd"]
    kasus = KasusKsdlnFactory(by=tkksd, perangkat_daerah=pd_dishub, mitra=jc, jenis="KSDLL", bentuk="penerusan",
                              jenis_lembaga="mitra_pembangunan", sumber_prakarsa="melalui_menteri",
                              penyusunan_rencana=True)
    with pytest.raises(ValidationError) as exc:
        jalan(kasus, "ajukan_verifikasi", tkksd, menggunakan_aset_daerah="ya")
    assert set(exc.value.message_dict) == {"dokumen_kak", "dokumen_pernyataan_kesediaan", "dokumen_studi_kelayakan"}
    kak, kesediaan = unggah(kasus, tkksd, "kak"), unggah(kasus, tkksd, "surat_keluar", "Pernyataan kesediaan")
    studi = unggah(kasus, tkksd, "studi_kelayakan")
    jalan(kasus, "ajukan_verifikasi", tkksd, menggunakan_aset_daerah="ya", dokumen_kak=kak.pk,
          dokumen_pernyataan_kesediaan=kesediaan.pk, dokumen_studi_kelayakan=studi.pk)
    assert muat(kasus).tahap == "verifikasi"
