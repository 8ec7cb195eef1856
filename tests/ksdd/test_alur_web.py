"""Both initiatives walked through the web pages, as the real roles, from the first stage to
pelaksanaan and to the end (Perwal 57/2023 Ps 21–35)."""

import datetime

from django.contrib.auth.models import Group

import pytest

from kerjasama import services
from kerjasama.models import KerjaSamaGroupObjectPermission, RiwayatAudit, Tenggat, VersiDokumen
from ksdd.models import KasusKsdd
from tests.factories import ttd

from .conftest import iso

pytestmark = pytest.mark.django_db
D = datetime.date


def test_prakarsa_daerah_dari_persiapan_sampai_selesai_lewat_halaman_web(beku, pengguna, web, pd_dishub, mitra_bogor):
    """Ps 22–31: DISHUB drafts, the TKKSD studies and offers, Bogor accepts, KB and PKS are signed
    without DPRD (Ps 27: no burden, funded in the APBD), and the case ends with its term (Ps 26(1))."""
    pd, tkksd, mitra, wali = (web(pengguna[u]) for u in ("pd_dishub", "tkksd", "mitra_bogor", "walikota"))

    r = pd.c.post("/ksdd/baru/", {
        "judul": "Angkutan umum terintegrasi Bekasi–Bogor", "sifat": "sukarela", "mitra": mitra_bogor.pk,
        "urusan": "Perhubungan", "program": "Penyelenggaraan lalu lintas", "kegiatan": "Trayek lintas daerah",
        "membebani_masyarakat_daerah": "tidak", "sudah_dianggarkan_apbd": "ya", "sumber_dana": "APBD 2026",
    })
    assert r.status_code == 302
    kasus = KasusKsdd.objects.get(judul="Angkutan umum terintegrasi Bekasi–Bogor")
    assert (kasus.tahap, kasus.perangkat_daerah, kasus.inisiatif) == ("persiapan", pd_dishub, "daerah")
    assert pd.get(f"/kerjasama/{kasus.pk}/").status_code == 200

    # Ps 22(1)–(3): the KAK goes to the TKKSD, comes back once for revision, then is accepted.
    kak = pd.unggah(kasus, "kak", "KAK angkutan umum")
    kasus = pd.langkah(kasus, "ajukan_kak", kak=kak)
    assert kasus.tahap == "kajian_tkksd"
    kasus = tkksd.langkah(kasus, "kembalikan_kak", komentar="Lengkapi kebutuhan armada.")
    assert kasus.tahap == "persiapan"
    kak = pd.unggah(kasus, "kak", "KAK angkutan umum revisi")
    kasus = pd.langkah(kasus, "ajukan_kak", kak=kak)
    kajian = tkksd.unggah(kasus, "kajian", "Kajian TKKSD")
    kasus = tkksd.langkah(kasus, "terima_kajian", kajian=kajian, tenaga_ahli="Dr. Ahli Transportasi")
    assert kasus.tahap == "penawaran"
    # Ps 22(4): the PD Pemrakarsa is now Anggota Tidak Tetap of the TKKSD for this case.
    assert KerjaSamaGroupObjectPermission.objects.filter(
        group=pd_dishub.grup, content_object_id=kasus.pk, permission__codename="anggota_tidak_tetap").exists()
    # Ps 23: a draft offer letter was generated from the case.
    draf = VersiDokumen.objects.get(dokumen__kerjasama=kasus, dokumen__jenis="surat_penawaran")
    assert draf.dihasilkan_sistem

    surat = tkksd.unggah(kasus, "surat_penawaran", "Surat penawaran bertanda tangan")
    kasus = tkksd.langkah(kasus, "kirim_penawaran", surat_penawaran=surat, nomor_surat="415.4/12/Ks",
                          tanggal_surat=iso(D(2026, 1, 5)), tanggal_dikirim=iso(D(2026, 1, 6)))
    assert kasus.tahap == "menunggu_jawaban"
    # Ps 24(1): the partner answers itself in the system.
    kasus = mitra.langkah(kasus, "mitra_menerima", tanggal_jawaban=iso(D(2026, 1, 20)))
    assert kasus.tahap == "penyusunan_kb"

    # Ps 24(2): the draft KB is returned once, then agreed.
    rancangan = pd.unggah(kasus, "kesepakatan_bersama", "Rancangan KB")
    kasus = pd.langkah(kasus, "ajukan_rancangan_kb", rancangan_kb=rancangan)
    kasus = tkksd.langkah(kasus, "kembalikan_rancangan_kb", komentar="Pasal kewajiban belum jelas.")
    assert kasus.tahap == "penyusunan_kb"
    kasus = pd.langkah(kasus, "ajukan_rancangan_kb", rancangan_kb=rancangan)
    kasus = tkksd.langkah(kasus, "setujui_rancangan_kb")
    assert kasus.tahap == "penandatanganan_kb"

    # Ps 25–27: the Wali Kota records both signatures; no DPRD approval needed, the case goes on.
    kb = ttd(kasus, "kesepakatan_bersama")
    kasus = wali.langkah(kasus, "tandatangani_kb", kesepakatan_bersama=kb, nomor_kb="KB/07/2026",
                         cara_penandatanganan="sirkuler", tanggal_penandatanganan=iso(D(2026, 2, 10)),
                         tanggal_mulai=iso(D(2026, 2, 10)), tanggal_berakhir=iso(D(2031, 2, 9)),
                         penandatangan_mitra="Wali Kota Bogor")
    assert kasus.tahap == "penyusunan_pks"
    cabang = RiwayatAudit.objects.get(kerjasama=kasus, aksi="tanpa_persetujuan_dprd")
    assert (cabang.oleh, cabang.dari_tahap, cabang.ke_tahap) == (None, "kb_ditandatangani", "penyusunan_pks")
    assert cabang.komentar.startswith("Persetujuan DPRD tidak diperlukan (Pasal 27)")
    halaman = pd.get(f"/kerjasama/{kasus.pk}/").content.decode()
    assert "Persetujuan DPRD tidak diperlukan (Pasal 27)" in halaman
    assert not pd.get(f"/kerjasama/{kasus.pk}/").context["kasus"].perubahan_terbuka()

    # Ps 28–29: PKS drafted, agreed, signed by the Wali Kota.
    rancangan_pks = pd.unggah(kasus, "pks", "Rancangan PKS")
    kasus = pd.langkah(kasus, "ajukan_rancangan_pks", rancangan_pks=rancangan_pks)
    kasus = tkksd.langkah(kasus, "setujui_rancangan_pks")
    pks = ttd(kasus, "pks")
    kasus = wali.langkah(kasus, "tandatangani_pks", pks=pks, nomor_pks="PKS/11/2026",
                         tanggal_penandatanganan=iso(D(2026, 3, 1)), tanggal_mulai=iso(D(2026, 3, 1)),
                         tanggal_berakhir=iso(D(2028, 2, 29)), penandatangan_mitra="Wali Kota Bogor")
    assert kasus.tahap == "pelaksanaan"
    assert (kasus.tanggal_penandatanganan, kasus.tanggal_mulai, kasus.tanggal_berakhir) == (
        D(2026, 3, 1), D(2026, 3, 1), D(2028, 2, 29))
    assert kasus.penandatangan_pks == pengguna["walikota"] and not kasus.atas_dasar_surat_kuasa
    tenggat = Tenggat.objects.get(kerjasama=kasus, aturan="masa_berlaku_perjanjian", status="terbuka")

    # Ps 31: the action plan.
    rencana = pd.unggah(kasus, "rencana_aksi", "Rencana aksi 2026")
    kasus = pd.langkah(kasus, "lampirkan_rencana_aksi", rencana_aksi=rencana)
    assert kasus.rencana_aksi_id == rencana

    # Ps 26(1): the sweep ends the cooperation after its last day.
    laporan = services.tenggat_sweep(now=tenggat.jatuh_tempo + datetime.timedelta(seconds=1))
    assert any("masa_berlaku_perjanjian" in baris for baris in laporan)
    kasus.refresh_from_db()
    assert (kasus.tahap, kasus.tanggal_selesai) == ("selesai", D(2028, 2, 29))
    akhir = RiwayatAudit.objects.get(kerjasama=kasus, aksi="berakhir_masa_berlaku")
    assert (akhir.oleh, akhir.dari_tahap, akhir.ke_tahap) == (None, "pelaksanaan", "selesai")
    tahap = set(RiwayatAudit.objects.filter(kerjasama=kasus, objek_id=None).values_list("ke_tahap", flat=True))
    assert "persetujuan_dprd" not in tahap


def test_prakarsa_daerah_lain_dengan_dprd_dan_surat_kuasa_lewat_halaman_web(
        beku, pengguna, web, pd_dishub, mitra_bogor, kadishub, django_capture_on_commit_callbacks):
    """Ps 35(3): Bogor offers with a draft KB; the TKKSD names DISHUB; DPRD approval is needed (Ps 27: the
    funding is not yet in the APBD); the Wali Kota gives a surat kuasa to the head of DISHUB, who signs
    the PKS (Ps 29(2)); the Sekretariat later terminates the cooperation with a reason."""
    pd, tkksd, wali, dprd = (web(pengguna[u]) for u in ("pd_dishub", "tkksd", "walikota", "dprd"))
    kepala = web(kadishub)

    from ksdd.dokumen_contoh import berkas_contoh

    r = tkksd.c.post("/ksdd/tawaran-mitra/", {
        "judul": "Pengelolaan sampah regional", "sifat": "sukarela", "mitra": mitra_bogor.pk, "urusan": "Lingkungan hidup",
        "membebani_masyarakat_daerah": "tidak", "sudah_dianggarkan_apbd": "tidak", "nomor_surat": "658/45-Ks",
        "tanggal_surat": iso(D(2026, 2, 2)), "surat_penawaran": berkas_contoh("Surat Bogor", "surat.pdf"),
        "rancangan_kb": berkas_contoh("Rancangan KB Bogor", "kb.pdf"),
    })
    assert r.status_code == 302, r.content.decode()[:2000]
    kasus = KasusKsdd.objects.get(judul="Pengelolaan sampah regional")
    assert (kasus.tahap, kasus.inisiatif, kasus.perangkat_daerah) == ("kajian_tkksd", "mitra", None)
    assert pd.get(f"/kerjasama/{kasus.pk}/").status_code == 404  # no PD assigned yet

    kajian = tkksd.unggah(kasus, "kajian", "Kajian tawaran Bogor")
    kasus = tkksd.langkah(kasus, "terima_tawaran_mitra", perangkat_daerah=pd_dishub.pk, kajian=kajian)
    assert (kasus.tahap, kasus.perangkat_daerah) == ("penyusunan_kb", pd_dishub)
    assert pd.get(f"/kerjasama/{kasus.pk}/").status_code == 200

    kasus = pd.langkah(kasus, "ajukan_rancangan_kb", rancangan_kb=kasus.rancangan_kb_id)
    kasus = tkksd.langkah(kasus, "setujui_rancangan_kb")
    assert dprd.get(f"/kerjasama/{kasus.pk}/").status_code == 404  # not before the DPRD
    kb = ttd(kasus, "kesepakatan_bersama")
    kasus = wali.langkah(kasus, "tandatangani_kb", kesepakatan_bersama=kb, nomor_kb="KB/2/2026",
                         cara_penandatanganan="bersama", tanggal_penandatanganan=iso(D(2026, 2, 20)),
                         tanggal_mulai=iso(D(2026, 2, 20)), tanggal_berakhir=iso(D(2029, 2, 19)),
                         penandatangan_mitra="Wali Kota Bogor")
    assert kasus.tahap == "persetujuan_dprd"
    assert "belum teranggarkan" in kasus.alasan_dprd
    assert dprd.get(f"/kerjasama/{kasus.pk}/").status_code == 200
    assert "belum teranggarkan" in dprd.get(f"/kerjasama/{kasus.pk}/").content.decode()

    surat_dprd = dprd.unggah(kasus, "surat_dprd", "Persetujuan DPRD")
    kasus = dprd.langkah(kasus, "setujui_dprd", tanggal_diterima_dprd=iso(D(2026, 2, 23)),
                         tanggal_keputusan=iso(D(2026, 2, 27)), surat_dprd=surat_dprd)
    assert (kasus.tahap, kasus.tanggal_diterima_dprd) == ("penyusunan_pks", D(2026, 2, 23))

    rancangan = pd.unggah(kasus, "pks", "Rancangan PKS")
    kasus = pd.langkah(kasus, "ajukan_rancangan_pks", rancangan_pks=rancangan)
    kasus = tkksd.langkah(kasus, "kembalikan_rancangan_pks", komentar="Lampiran rencana aksi belum ada.")
    kasus = pd.langkah(kasus, "ajukan_rancangan_pks", rancangan_pks=rancangan)
    kasus = tkksd.langkah(kasus, "setujui_rancangan_pks")

    # Before the surat kuasa the head of DISHUB may not sign.
    assert kepala.c.get(f"/kerjasama/{kasus.pk}/transisi/tandatangani_pks/").status_code == 403
    kuasa = ttd(kasus, "surat_kuasa")
    with django_capture_on_commit_callbacks(execute=True):
        kasus = wali.langkah(kasus, "beri_surat_kuasa", penerima_kuasa=kadishub.pk, surat_kuasa=kuasa,
                             nomor_surat_kuasa="SK/01/2026", tanggal_surat_kuasa=iso(D(2026, 3, 1)))
    assert kasus.tahap == "penandatanganan_pks"
    # Copy to the Ketua TKKSD and the Bagian Kerja Sama (Ps 29(2)).
    assert pengguna["ketua"].notifikasi.filter(judul__contains="Tembusan surat kuasa").exists()
    assert pengguna["tkksd"].notifikasi.filter(judul__contains="Tembusan surat kuasa").exists()
    assert kadishub.notifikasi.filter(judul__contains="Menunggu tindakan Anda").exists()
    pks = ttd(kasus, "pks")
    kasus = kepala.langkah(kasus, "tandatangani_pks", pks=pks, nomor_pks="PKS/3/2026",
                           tanggal_penandatanganan=iso(D(2026, 3, 2)), tanggal_mulai=iso(D(2026, 3, 2)),
                           tanggal_berakhir=iso(D(2029, 3, 1)), penandatangan_mitra="Wali Kota Bogor")
    assert kasus.tahap == "pelaksanaan"
    assert kasus.penandatangan_pks == kadishub and kasus.atas_dasar_surat_kuasa
    assert "atas dasar surat kuasa" in pd.get(f"/kerjasama/{kasus.pk}/").content.decode()

    kasus = tkksd.langkah(kasus, "akhiri", tanggal_selesai=iso(D(2026, 3, 2)), komentar="Disepakati para pihak.")
    assert kasus.tahap == "selesai"
    assert Group.objects.get(name="dprd")  # the DPRD group exists for the grant above
