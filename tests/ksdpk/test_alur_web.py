"""Both initiatives walked through the web pages, as the real roles, from the first stage to pelaksanaan
and to the end (Perwal 57/2023 Ps 37–50)."""

import datetime

import pytest

from kerjasama import services as inti
from kerjasama.models import KerjaSamaGroupObjectPermission, Kewajiban, RiwayatAudit, Tenggat, VersiDokumen
from ksdd.dokumen_contoh import berkas_contoh
from ksdpk.models import CalonMitra, KasusKsdpk
from tests.factories import ttd

from .conftest import D, iso
from .factories import item_ksdpk

pytestmark = pytest.mark.django_db


def test_prakarsa_daerah_dari_persiapan_sampai_selesai_lewat_halaman_web(beku, pengguna, halaman, pd_dishub, pt, kadishub,
                                                                         django_capture_on_commit_callbacks):
    """Ps 37–46: DISHUB drafts KAK and feasibility study, the TKKSD studies them, the PD sends the offer, the
    only candidate qualifies and is chosen, the TKKSD drafts the KB, the Wali Kota and the third party sign
    it, the DPRD approves (Ps 43), the PKS is signed under a surat kuasa (Ps 45(2)); the term ends it."""
    pd, tkksd, wali, dprd, mitra = (halaman(pengguna[u]) for u in ("pd_dishub", "tkksd", "walikota", "dprd", "mitra_pt"))
    kepala = halaman(kadishub)

    # Ps 38(1): the KAK rests on the mapping; the form opens from DISHUB's item of the set list, with its data.
    item = item_ksdpk(pd_dishub, kegiatan="Park and ride Stasiun Bekasi", ruang_lingkup="Lahan parkir Stasiun Bekasi",
                      mitra=pt)
    form = pd.get(f"/ksdpk/baru/?item={item.pk}")
    assert form.status_code == 200 and form.context["form"].initial["item_pemetaan"] == item.pk
    assert form.context["form"].initial["calon_mitra"] == [pt.pk] and "Pasal 38 ayat (1)" in form.content.decode()
    isian = {
        "judul": "Park and ride Stasiun Bekasi", "jenis_ksdpk": "pengelolaan_aset", "objek": "Lahan parkir Stasiun Bekasi",
        "dasar_hukum": "PP 28/2020 tentang Pengelolaan Barang Milik Daerah", "calon_mitra": [pt.pk], "nilai": "4800000000",
        "pendapatan_daerah": "600000000", "lokasi": "Stasiun Bekasi", "lintang": "-6.236100", "bujur": "106.999600",
        "jangka_waktu_bulan": "36", "membebani_masyarakat_daerah": "ya", "sudah_dianggarkan_apbd": "ya",
        "sumber_dana": "Investasi mitra",
    }
    r = pd.post("/ksdpk/baru/", {**isian, "item_pemetaan": str(item.pk)})
    assert r.status_code == 302, r.content.decode()[-2000:]
    kasus = KasusKsdpk.objects.get(judul="Park and ride Stasiun Bekasi")
    item.refresh_from_db()
    assert (item.kerjasama_id, kasus.asal) == (kasus.pk, "pemetaan")
    assert (kasus.tahap, kasus.perangkat_daerah, kasus.inisiatif, kasus.mitra) == ("persiapan", pd_dishub, "daerah", None)
    assert [c.mitra for c in kasus.calon.all()] == [pt]
    assert mitra.get(f"/kerjasama/{kasus.pk}/").status_code == 404  # a candidate does not see the Daerah's file
    halaman_kasus = pd.get(f"/kerjasama/{kasus.pk}/").content.decode()
    assert "Persiapan (KAK dan studi kelayakan)" in halaman_kasus and "Pasal 38 ayat (1)–(2)" in halaman_kasus

    # Ps 38(1)–(2): a KAK alone is refused with the reason; with the feasibility study it goes to the TKKSD.
    kak = pd.unggah(kasus, "kak", "KAK park and ride")
    tolak = pd.langkah(kasus, "ajukan_kak", status=400, kak=kak)
    assert "Studi kelayakan wajib dilampirkan bersama KAK (Perwal 57/2023 Pasal 38 ayat (1)–(2))" in tolak.content.decode()
    studi = pd.unggah(kasus, "studi_kelayakan", "Studi kelayakan park and ride")
    kasus = pd.langkah(kasus, "ajukan_kak", kak=kak, studi_kelayakan=studi)
    assert (kasus.tahap, kasus.studi_kelayakan_id) == ("kajian_tkksd", studi)
    # Ps 38(3)–(5): returned once for revision, then accepted; the PD becomes Anggota Tidak Tetap.
    kasus = tkksd.langkah(kasus, "kembalikan_kak", komentar="Proyeksi pendapatan belum ada.")
    assert kasus.tahap == "persiapan"
    kasus = pd.langkah(kasus, "ajukan_kak", kak=kak, studi_kelayakan=studi)
    kasus = tkksd.langkah(kasus, "terima_kajian", kajian=tkksd.unggah(kasus, "kajian", "Kajian TKKSD"),
                          tenaga_ahli="Konsultan perparkiran")
    assert kasus.tahap == "penawaran"
    assert KerjaSamaGroupObjectPermission.objects.filter(group=pd_dishub.grup, content_object_id=kasus.pk,
                                                         permission__codename="anggota_tidak_tetap").exists()

    # Ps 39(1): the PD (not the Sekretariat) sends the offer, signed by the Wali Kota, with KAK and study.
    assert tkksd.get(f"/kerjasama/{kasus.pk}/transisi/kirim_penawaran/").status_code == 403
    surat = pd.unggah(kasus, "surat_penawaran", "Surat penawaran bertanda tangan")
    kasus = pd.langkah(kasus, "kirim_penawaran", surat_penawaran=surat, nomor_surat="415.4/20/Ks",
                       tanggal_surat=iso(D(2025, 10, 1)), tanggal_dikirim=iso(D(2025, 10, 2)))
    kasus = tkksd.langkah(kasus, "mitra_menerima", tanggal_jawaban=iso(D(2025, 10, 20)))
    assert kasus.tahap == "pemilihan_mitra"

    # Ps 39(2): one candidate qualifies; no scoring is needed, the TKKSD decides with its reason.
    calon = CalonMitra.objects.get(kerjasama=kasus)
    r = tkksd.post(f"/ksdpk/{kasus.pk}/calon/", {"aksi": "kualifikasi", "calon": calon.pk, "memenuhi_syarat": "ya",
                                                 "tanggal_jawaban": iso(D(2025, 10, 20))})
    assert r.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        kasus = tkksd.langkah(kasus, "tetapkan_mitra", mitra_terpilih=pt.pk, tanggal_keputusan=iso(D(2025, 10, 25)),
                              alasan="Satu-satunya calon yang memenuhi syarat.")
    assert (kasus.tahap, kasus.mitra, kasus.tanggal_pemilihan) == ("penyusunan_kb", pt, D(2025, 10, 25))
    assert kasus.berita_acara_pemilihan.jenis == "berita_acara"
    assert mitra.get(f"/kerjasama/{kasus.pk}/").status_code == 200  # the chosen partner now sees its cooperation
    assert pengguna["mitra_pt"].notifikasi.filter(judul__contains="ditetapkan sebagai mitra").exists()

    # Ps 40: the TKKSD drafts the KB (not the PD) and agrees it with the third party.
    assert pd.get(f"/kerjasama/{kasus.pk}/transisi/ajukan_rancangan_kb/").status_code == 403
    kasus = tkksd.langkah(kasus, "ajukan_rancangan_kb", rancangan_kb=tkksd.unggah(kasus, "kesepakatan_bersama", "Rancangan KB"))
    kasus = tkksd.langkah(kasus, "setujui_rancangan_kb")
    # Ps 41–42: signed by the Wali Kota and the head of the third party; five years at most.
    kb = ttd(kasus, "kesepakatan_bersama")
    ttd_kb = {"kesepakatan_bersama": kb, "nomor_kb": "KB/3/2026", "cara_penandatanganan": "bersama",
              "tanggal_penandatanganan": iso(D(2025, 11, 10)), "tanggal_mulai": iso(D(2025, 11, 10)),
              "penandatangan_mitra": "Direktur Utama PT Lain"}
    terlalu_lama = wali.langkah(kasus, "tandatangani_kb", status=400, **ttd_kb, tanggal_berakhir=iso(D(2030, 11, 10)))
    assert "paling lama 5 tahun (Perwal 57/2023 Pasal 42 ayat (1))" in terlalu_lama.content.decode()
    kasus = wali.langkah(kasus, "tandatangani_kb", **ttd_kb, tanggal_berakhir=iso(D(2030, 11, 9)))
    # Ps 43: it burdens the public and the Daerah, so the DPRD must approve.
    assert kasus.tahap == "persetujuan_dprd" and "Pasal 43" in kasus.alasan_dprd
    kasus = dprd.langkah(kasus, "setujui_dprd", tanggal_diterima_dprd=iso(D(2025, 11, 12)), tanggal_keputusan=iso(D(2025, 12, 1)),
                         surat_dprd=dprd.unggah(kasus, "surat_dprd", "Persetujuan DPRD"))
    assert kasus.tahap == "penyusunan_pks"

    # Ps 44: the PD drafts the PKS, the TKKSD discusses it with the third party.
    kasus = pd.langkah(kasus, "ajukan_rancangan_pks", rancangan_pks=pd.unggah(kasus, "pks", "Rancangan PKS"))
    kasus = tkksd.langkah(kasus, "setujui_rancangan_pks")
    # Ps 45(2): the Wali Kota delegates the signature to the head of DISHUB by surat kuasa.
    assert kepala.get(f"/kerjasama/{kasus.pk}/transisi/tandatangani_pks/").status_code in (403, 404)
    kasus = wali.langkah(kasus, "beri_surat_kuasa", penerima_kuasa=kadishub.pk, surat_kuasa=ttd(kasus, "surat_kuasa"),
                         nomor_surat_kuasa="SK/7/2026", tanggal_surat_kuasa=iso(D(2026, 1, 5)))
    kasus = kepala.langkah(kasus, "tandatangani_pks", pks=ttd(kasus, "pks"),
                           nomor_pks="PKS/9/2026", tanggal_penandatanganan=iso(D(2026, 1, 6)),
                           tanggal_mulai=iso(D(2026, 1, 6)), tanggal_berakhir=iso(D(2029, 1, 5)),
                           penandatangan_mitra="Direktur Utama PT Lain")
    assert kasus.tahap == "pelaksanaan" and kasus.atas_dasar_surat_kuasa and kasus.penandatangan_pks == kadishub

    # The obligations of each side, which supervision evaluates (Ps 85(4) huruf a).
    r = pd.post(f"/ksdpk/{kasus.pk}/kewajiban/", {
        "daerah": "Menyerahkan lahan | Pasal 5 PKS", "mitra": "Membangun gedung parkir | Pasal 7 PKS\nMenyetor kontribusi"})
    assert r.status_code == 302
    assert list(Kewajiban.objects.filter(kerjasama_id=kasus.pk).values_list("pihak", "uraian", "dasar")) == [
        ("daerah", "Menyerahkan lahan", "Pasal 5 PKS"), ("mitra", "Membangun gedung parkir", "Pasal 7 PKS"),
        ("mitra", "Menyetor kontribusi", "")]
    isi = mitra.get(f"/kerjasama/{kasus.pk}/").content.decode()
    assert "Membangun gedung parkir" in isi and "atas dasar surat kuasa (Pasal 45 ayat (2))" in isi

    # Ps 42(1): the sweep ends the cooperation after its last day.
    tenggat = Tenggat.objects.get(kerjasama=kasus, aturan="masa_berlaku_perjanjian", status="terbuka")
    inti.tenggat_sweep(now=tenggat.jatuh_tempo + datetime.timedelta(seconds=1))
    kasus.refresh_from_db()
    assert (kasus.tahap, kasus.tanggal_selesai) == ("selesai", D(2029, 1, 5))
    akhir = RiwayatAudit.objects.get(kerjasama=kasus, aksi="berakhir_masa_berlaku")
    assert (akhir.oleh, akhir.dari_tahap, akhir.ke_tahap, akhir.dasar_hukum) == (
        None, "pelaksanaan", "selesai", "Pasal 26 ayat (1), Pasal 42 ayat (1), Pasal 78 ayat (1)")
    tahap = set(RiwayatAudit.objects.filter(kerjasama=kasus, objek_id=None).values_list("ke_tahap", flat=True))
    assert {"pemilihan_mitra", "persetujuan_dprd", "penyusunan_pks"} <= tahap


def test_prakarsa_pihak_ketiga_lewat_halaman_web_sampai_pelaksanaan_lalu_diakhiri(beku, pengguna, halaman, pd_dishub, pt,
                                                                                 django_capture_on_commit_callbacks):
    """Ps 49–50: the third party applies online with its feasibility study; the TKKSD studies it with related
    parties, accepts it and assigns DISHUB; the case continues from the KB (Ps 40–45, no DPRD by Ps 43) and
    the Sekretariat later ends it with a reason."""
    pd, tkksd, wali, mitra = (halaman(pengguna[u]) for u in ("pd_dishub", "tkksd", "walikota", "mitra_pt"))

    assert mitra.get("/ksdpk/permohonan/baru/").status_code == 200
    r = mitra.post("/ksdpk/permohonan/baru/", {
        "judul": "Reklame digital di halte", "jenis_ksdpk": "investasi", "objek": "Papan reklame digital pada 40 halte",
        "nilai": "3500000000", "pendapatan_daerah": "400000000", "lokasi": "Jl. Ahmad Yani", "jangka_waktu_bulan": "60",
        "bentuk_hukum": "Perseroan Terbatas", "nib": "9120001112223", "npwp": "01.111.222.3-407.000",
        "nama_perwakilan": "Rina Kusuma", "studi_kelayakan": berkas_contoh("Studi kelayakan reklame", "studi.pdf"),
    })
    assert r.status_code == 302, r.content.decode()[-2000:]
    kasus = KasusKsdpk.objects.get(judul="Reklame digital di halte")
    assert (kasus.tahap, kasus.inisiatif, kasus.mitra, kasus.perangkat_daerah) == ("kajian_tkksd", "mitra", pt, None)
    assert kasus.studi_kelayakan.jenis == "studi_kelayakan"
    pt.refresh_from_db()
    assert (pt.nib, pt.nama_perwakilan) == ("9120001112223", "Rina Kusuma")  # the applicant's details are kept
    assert mitra.get(f"/kerjasama/{kasus.pk}/").status_code == 200
    assert pd.get(f"/kerjasama/{kasus.pk}/").status_code == 404  # no PD assigned yet
    audit = RiwayatAudit.objects.get(kerjasama=kasus, aksi="permohonan_diajukan")
    assert (audit.oleh, audit.dasar_hukum) == (pengguna["mitra_pt"], "Pasal 50 ayat (1)")

    # Ps 50(2)–(3): studied with related parties and experts, accepted, DISHUB assigned.
    form = tkksd.get(f"/kerjasama/{kasus.pk}/transisi/terima_tawaran_mitra/").content.decode()
    assert "Pihak terkait dan/atau tenaga ahli" in form and "Pasal 50 ayat (2)–(3)" in form
    with django_capture_on_commit_callbacks(execute=True):
        kasus = tkksd.langkah(kasus, "terima_tawaran_mitra", perangkat_daerah=pd_dishub.pk,
                              kajian=tkksd.unggah(kasus, "kajian", "Kajian permohonan"),
                              tenaga_ahli="Dinas Bina Marga; ahli periklanan luar ruang")
    assert (kasus.tahap, kasus.perangkat_daerah, kasus.tenaga_ahli) == (
        "penyusunan_kb", pd_dishub, "Dinas Bina Marga; ahli periklanan luar ruang")
    assert pd.get(f"/kerjasama/{kasus.pk}/").status_code == 200
    assert pengguna["mitra_pt"].notifikasi.filter(judul__contains="permohonan kerja sama diterima").exists()

    # The TKKSD sets the Ps 43 answers it studied (not the applicant's to give), then the KB (Ps 40–42).
    r = tkksd.post(f"/ksdpk/{kasus.pk}/ubah/", {
        "judul": kasus.judul, "jenis_ksdpk": "investasi", "objek": kasus.objek, "nilai": "3500000000",
        "dasar_hukum": "UU 25/2007 tentang Penanaman Modal", "membebani_masyarakat_daerah": "tidak",
        "sudah_dianggarkan_apbd": "ya"})
    assert r.status_code == 302
    kasus = tkksd.langkah(kasus, "ajukan_rancangan_kb", rancangan_kb=tkksd.unggah(kasus, "kesepakatan_bersama", "Rancangan KB"))
    kasus = tkksd.langkah(kasus, "setujui_rancangan_kb")
    kasus = wali.langkah(kasus, "tandatangani_kb", kesepakatan_bersama=ttd(kasus, "kesepakatan_bersama"),
                         nomor_kb="KB/4/2026", cara_penandatanganan="bersama", tanggal_penandatanganan=iso(D(2026, 2, 2)),
                         tanggal_mulai=iso(D(2026, 2, 2)), tanggal_berakhir=iso(D(2031, 2, 1)),
                         penandatangan_mitra="Direktur Utama")
    assert kasus.tahap == "penyusunan_pks"  # Ps 43: no burden, funded
    assert mitra.get(f"/ksdpk/{kasus.pk}/ubah/").status_code == 403
    assert tkksd.post(f"/ksdpk/{kasus.pk}/ubah/", {"judul": "x", "jenis_ksdpk": "investasi", "objek": "x"}).status_code == 409
    kasus = pd.langkah(kasus, "ajukan_rancangan_pks", rancangan_pks=pd.unggah(kasus, "pks", "Rancangan PKS"))
    kasus = tkksd.langkah(kasus, "setujui_rancangan_pks")
    kasus = wali.langkah(kasus, "tandatangani_pks", pks=ttd(kasus, "pks"), nomor_pks="PKS/4/2026",
                         tanggal_penandatanganan=iso(D(2026, 3, 1)), tanggal_mulai=iso(D(2026, 3, 1)),
                         tanggal_berakhir=iso(D(2031, 2, 28)), penandatangan_mitra="Direktur Utama")
    assert kasus.tahap == "pelaksanaan"
    assert Tenggat.objects.filter(kerjasama=kasus, aturan="masa_berlaku_perjanjian", status="terbuka").exists()

    kasus = tkksd.langkah(kasus, "akhiri", tanggal_selesai=iso(D(2026, 3, 2)), komentar="Disepakati para pihak.")
    assert kasus.tahap == "selesai"
    assert VersiDokumen.objects.filter(dokumen__kerjasama=kasus, dokumen__jenis="studi_kelayakan").count() == 1


def test_permohonan_ditolak_dengan_alasan_dan_pemohon_diberi_tahu(beku, pengguna, halaman, pt,
                                                                 django_capture_on_commit_callbacks):
    """Ps 50(2): the TKKSD may refuse an application; the reason is required and the applicant is told it."""
    tkksd, mitra = halaman(pengguna["tkksd"]), halaman(pengguna["mitra_pt"])
    r = mitra.post("/ksdpk/permohonan/baru/", {"judul": "Parkir elektronik", "jenis_ksdpk": "pelayanan_publik",
                                               "objek": "Mesin parkir", "studi_kelayakan": berkas_contoh("Studi", "s.pdf")})
    assert r.status_code == 302
    kasus = KasusKsdpk.objects.get(judul="Parkir elektronik")
    tanpa_alasan = tkksd.langkah(kasus, "tolak_tawaran_mitra", status=400)
    assert "komentar" in tanpa_alasan.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        kasus = tkksd.langkah(kasus, "tolak_tawaran_mitra", komentar="Lokasi yang dimohon sudah dikerjasamakan.")
    assert kasus.tahap == "ditolak_daerah" and kasus.tanggal_selesai == D(2026, 3, 2)
    kabar = pengguna["mitra_pt"].notifikasi.get(judul__contains="tidak dapat diterima")
    assert "Lokasi yang dimohon sudah dikerjasamakan." in kabar.pesan
    assert "Permohonan pihak ketiga ditolak" in mitra.get(f"/kerjasama/{kasus.pk}/").content.decode()
