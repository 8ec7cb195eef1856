"""Recording the initiative (Ps 52–58), the Ps 51 checklist and the penjajakan (Ps 59), the case's own
validation, and the stage machine's edges (a test per edge: can / cannot)."""

import datetime
import types

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from kerjasama import alur
from kerjasama import services as inti
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.models import RiwayatAudit
from ksdln import services
from ksdln.models import KasusKsdln
from tests.factories import MitraFactory, naskah_bertanda_tangan
from tests.ksdln.factories import jalan, muat, unggah

D = datetime.date


def item(pk=7, jenis="KSDPL"):
    """A stand-in for a pemetaan item (the attributes we read)."""
    return types.SimpleNamespace(pk=pk, judul_kasus="Promosi budaya ke Jepang", jenis_usulan=jenis,
                                 siklus=types.SimpleNamespace(tahun=2026))


def buat_kasus(pengguna, pd, mitra_bawaan, **kw):
    data = {"by": pengguna["tkksd"], "jenis": "KSDPL", "bentuk": "kota_kembar", "judul": "Kota bersaudara",
            "perangkat_daerah": pd, "sumber_prakarsa": "mitra", "mitra": kw.pop("mitra", mitra_bawaan), "objek": ["budaya"]}
    data.update(kw)
    return services.kasus_ksdln_buat(**data)


@pytest.mark.django_db
def test_prakarsa_daerah_tanpa_item_pemetaan_ditolak_pasal_58_3(pengguna, pd_dishub, ham):
    with pytest.raises(ValidationError) as exc:
        buat_kasus(pengguna, pd_dishub, ham, sumber_prakarsa="daerah")
    assert "Pasal 58 ayat (3)" in exc.value.message_dict["item_pemetaan"][0]
    assert not KasusKsdln.objects.exists()


@pytest.mark.django_db
def test_prakarsa_daerah_dengan_item_pemetaan(pengguna, pd_dishub, ham):
    kasus = buat_kasus(pengguna, pd_dishub, ham, sumber_prakarsa="daerah", item_pemetaan=item())
    assert (kasus.item_pemetaan_id, kasus.inisiatif, kasus.asal) == (7, "daerah", "pemetaan")
    assert kasus.rujukan_pemetaan == "Item pemetaan #7 tahun 2026: Promosi budaya ke Jepang"
    with pytest.raises(ValidationError, match="untuk KSDLL, bukan KSDPL"):
        buat_kasus(pengguna, pd_dishub, ham, sumber_prakarsa="daerah", item_pemetaan=item(8, "KSDLL"))


@pytest.mark.django_db
def test_pembuat_kasus_terdaftar_untuk_pemetaan(pengguna, pd_dishub, ham, jc):
    """Cross-app contract: pemetaan starts a KSDPL/KSDLL case from a set item through the registry."""
    kasus = alur.pembuat_kasus("KSDPL")(by=pengguna["pd_dishub"], judul="Dari pemetaan", perangkat_daerah=pd_dishub,
                                        mitra=ham, uraian="Uraian item.", item_pemetaan=item(), urusan="Kebudayaan")
    assert (kasus.tahap, kasus.jenis, kasus.sumber_prakarsa, kasus.item_pemetaan_id) == ("prakarsa", "KSDPL", "daerah", 7)
    # a candidate partner of the wrong kind is left to be confirmed during prakarsa, not refused
    lokal = MitraFactory(nama="Kota Bogor", jenis="daerah_lain")
    kasus = alur.pembuat_kasus("KSDLL")(by=pengguna["tkksd"], judul="Dari pemetaan 2", perangkat_daerah=pd_dishub,
                                        mitra=lokal, item_pemetaan=item(9, "KSDLL"))
    assert (kasus.jenis, kasus.mitra) == ("KSDLL", None)


@pytest.fixture
def item_ksdpl(pd_dishub, ham):
    """A real item of a mapping list set by the Wali Kota (pemetaan app), proposing a KSDPL."""
    from tests.pemetaan.factories import (
        ItemRencanaFactory,
        ItemUsulanFactory,
        RekomendasiFactory,
        SiklusFactory,
    )

    siklus = SiklusFactory(ditetapkan=True)
    rek = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True)
    usulan = ItemUsulanFactory(rekomendasi=rek, jenis_usulan="KSDPL", kegiatan="Pertukaran budaya Bekasi–Hamamatsu",
                               program="Program Kebudayaan", urusan="Kebudayaan", calon_mitra="hamamatsu city",
                               jangka_waktu_bulan=36, ruang_lingkup="Pertukaran seni dan pemuda.")
    return ItemRencanaFactory(item_usulan=usulan, peringkat=1)


@pytest.mark.django_db
def test_dari_item_pemetaan_yang_ditetapkan(pengguna, item_ksdpl, ham):
    """With the real pemetaan app: the item is linked to the case, and our form's data completes it."""
    from pemetaan.selectors import item_rencana_tersedia

    assert item_ksdpl in list(item_rencana_tersedia(jenis="KSDPL"))
    kasus = services.kasus_ksdln_buat_dari_item(item=item_ksdpl, by=pengguna["tkksd"], bentuk="kota_kembar",
                                                objek=["budaya"])
    item_ksdpl.refresh_from_db()
    assert item_ksdpl.kerjasama_id == kasus.pk
    assert (kasus.jenis, kasus.bentuk, kasus.sumber_prakarsa, kasus.mitra) == ("KSDPL", "kota_kembar", "daerah", ham)
    assert kasus.item_pemetaan_id == item_ksdpl.pk and "Pertukaran budaya" in kasus.rujukan_pemetaan
    assert kasus.persyaratan.count() == 8
    assert not item_rencana_tersedia(jenis="KSDPL").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("kw", "field"), [
    ({"bentuk": "penerusan"}, "bentuk"),  # a KSDPL is never a forwarding (Ps 52)
    ({"jenis": "KSDLL", "bentuk": "kota_kembar"}, "bentuk"),  # a KSDLL is never a sister city (Ps 53)
    ({"jenis": "KSDLL", "bentuk": "lainnya", "sumber_prakarsa": "mitra"}, "sumber_prakarsa"),  # Ps 58(2)
    ({"objek": ["lainnya"]}, "objek_lainnya"),  # Ps 55(1)f needs saying
    ({"objek": ["ruang_angkasa"]}, "objek"),
    ({"jenis_lembaga": "nonprofit"}, "jenis_lembaga"),  # Ps 74 only for forwarding
    ({"jenis": "KSDLL", "bentuk": "penerusan", "sumber_prakarsa": "melalui_menteri"}, "jenis_lembaga"),
])
def test_validasi_prakarsa(pengguna, pd_dishub, ham, jc, kw, field):
    if kw.get("jenis") == "KSDLL":
        kw.setdefault("mitra", jc)
    with pytest.raises(ValidationError) as exc:
        buat_kasus(pengguna, pd_dishub, ham, **kw)
    assert field in exc.value.message_dict


@pytest.mark.django_db
def test_mitra_harus_luar_negeri_dan_sesuai_jenis(pengguna, pd_dishub, jc, mitra_bogor):
    with pytest.raises(ValidationError, match="Pemerintah daerah di luar negeri"):
        buat_kasus(pengguna, pd_dishub, jc)  # KSDPL with a foreign institution
    with pytest.raises(ValidationError, match="Pemerintah daerah di luar negeri"):
        buat_kasus(pengguna, pd_dishub, mitra_bogor)
    dalam_negeri = MitraFactory(nama="Pemda LN palsu", jenis="pemda_luar_negeri", negara="ID")
    with pytest.raises(ValidationError, match="di luar Indonesia"):
        buat_kasus(pengguna, pd_dishub, dalam_negeri)


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["pd_dishub", "ketua", "walikota", "dprd", "auditor", "mitra_bogor"])
def test_hanya_sekretariat_mencatat_prakarsa(pengguna, pd_dishub, ham, username):
    with pytest.raises(PermissionDenied):
        buat_kasus(pengguna, pd_dishub, ham, by=pengguna[username])


@pytest.mark.django_db
@pytest.mark.parametrize(("jenis", "objek", "jumlah"), [
    ("KSDPL", ["budaya"], 8), ("KSDPL", ["iptek"], 9), ("KSDLL", ["budaya"], 5), ("KSDLL", ["iptek", "olahraga"], 6),
])
def test_daftar_persyaratan_pasal_51_menurut_jenis_dan_objek(pengguna, pd_dishub, ham, jc, jenis, objek, jumlah):
    kw = {"jenis": jenis, "objek": objek}
    if jenis == "KSDLL":
        kw.update(bentuk="lainnya", mitra=jc, sumber_prakarsa="melalui_menteri")
    kasus = buat_kasus(pengguna, pd_dishub, ham, **kw)
    kode = list(kasus.persyaratan.values_list("kode", flat=True))
    assert len(kode) == jumlah
    assert ("alih_iptek" in kode) == ("iptek" in objek)
    assert ("kesetaraan" in kode) == (jenis == "KSDPL")


@pytest.mark.django_db
def test_konfirmasi_persyaratan_dengan_bukti_per_butir(buat, pengguna):
    kasus = buat()
    tkksd = pengguna["tkksd"]
    p = kasus.persyaratan.get(kode="hubungan_diplomatik")
    with pytest.raises(ValidationError, match="Sertakan bukti"):
        services.persyaratan_konfirmasi(persyaratan=p, by=tkksd, terpenuhi=True)
    with pytest.raises(PermissionDenied):
        services.persyaratan_konfirmasi(persyaratan=p, by=pengguna["pd_dishub"], terpenuhi=True, catatan="x")
    dok = unggah(kasus, tkksd, "lainnya", "Daftar negara sahabat Kemlu")
    p = services.persyaratan_konfirmasi(persyaratan=p, by=tkksd, terpenuhi=True, dokumen=dok.pk)
    assert p.terpenuhi and p.dokumen == dok and p.dikonfirmasi_oleh == tkksd and p.dikonfirmasi_pada
    audit = RiwayatAudit.objects.get(aksi="persyaratan_dikonfirmasi")
    assert audit.dasar_hukum == "Perwal 57/2023 Pasal 51 ayat (1) huruf a" and audit.data["dokumen"] == dok.pk
    # a document of another case is refused
    lain = buat()
    dok_lain = unggah(lain, tkksd, "lainnya")
    p2 = kasus.persyaratan.get(kode="urusan_pemerintahan_daerah")
    with pytest.raises(ValidationError, match="tidak ditemukan pada kerja sama ini"):
        services.persyaratan_konfirmasi(persyaratan=p2, by=tkksd, terpenuhi=True, dokumen=dok_lain.pk)
    # withdrawing needs a reason
    with pytest.raises(ValidationError, match="mengapa"):
        services.persyaratan_konfirmasi(persyaratan=p, by=tkksd, terpenuhi=False)


@pytest.mark.django_db
def test_persyaratan_dibekukan_setelah_loi(buat, pengguna):
    kasus = buat(loi_ditandatangani=True)
    p = kasus.persyaratan.first()
    with pytest.raises(TransisiTidakTersedia, match="setelah Pernyataan Kehendak"):
        services.persyaratan_konfirmasi(persyaratan=p, by=pengguna["tkksd"], terpenuhi=False, catatan="ubah")


@pytest.mark.django_db
def test_mengubah_objek_menyesuaikan_persyaratan(buat, pengguna):
    kasus = buat(objek=["budaya"])
    assert not kasus.persyaratan.filter(kode="alih_iptek").exists()
    kasus = services.kasus_ksdln_ubah(kasus=kasus, by=pengguna["tkksd"], objek=["budaya", "iptek"])
    assert kasus.persyaratan.filter(kode="alih_iptek").exists()
    assert RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, aksi="prakarsa_diubah").count() == 1


@pytest.mark.django_db
def test_ubah_prakarsa_hanya_awal_dan_mengganti_akses_mitra(buat, pengguna, pd_dishub):
    from kerjasama.permissions import dapat_melihat
    from tests.factories import PenggunaFactory

    kasus = buat()
    lama_user = PenggunaFactory(username="wakil_hamamatsu", peran=["mitra"], mitra=kasus.mitra)
    baru = MitraFactory(nama="Osaka City", jenis="pemda_luar_negeri", negara="JP")
    baru_user = PenggunaFactory(username="wakil_osaka", peran=["mitra"], mitra=baru)
    assert dapat_melihat(lama_user, kasus)
    kasus = services.kasus_ksdln_ubah(kasus=kasus, by=pengguna["tkksd"], mitra=baru)
    for u in (lama_user, baru_user):
        u.__dict__.pop("_siksd_izin", None)
    assert dapat_melihat(baru_user, kasus) and not dapat_melihat(lama_user, kasus)
    lanjut = buat(loi_ditandatangani=True)
    with pytest.raises(TransisiTidakTersedia):
        services.kasus_ksdln_ubah(kasus=lanjut, by=pengguna["tkksd"], judul="Baru")


@pytest.mark.django_db
def test_penjajakan_dicatat_pada_tahapnya(buat, pengguna):
    kasus = buat()
    with pytest.raises(TransisiTidakTersedia, match="tahap penjajakan"):
        services.penjajakan_catat(kasus=kasus, by=pengguna["tkksd"], cara="komunikasi", tanggal=D(2026, 1, 5), catatan="x")
    jalan(kasus, "mulai_penjajakan", pengguna["tkksd"])
    with pytest.raises(PermissionDenied):
        services.penjajakan_catat(kasus=kasus, by=pengguna["pd_disbudpar"], cara="komunikasi", tanggal=D(2026, 1, 5),
                                  catatan="PD lain")
    with pytest.raises(ValidationError, match="masa depan"):
        services.penjajakan_catat(kasus=kasus, by=pengguna["pd_dishub"], cara="komunikasi",
                                  tanggal=datetime.date.today() + datetime.timedelta(days=2), catatan="x")
    # Ps 60: no kajian before an exploration was recorded
    with pytest.raises(TransisiTidakTersedia, match="Pasal 59 ayat .2."):
        jalan(kasus, "lampirkan_kajian", pengguna["pd_dishub"])
    services.penjajakan_catat(kasus=kasus, by=pengguna["pd_dishub"], cara="kunjungan_keluar", tanggal=D(2026, 1, 5),
                              catatan="Kunjungan ke Hamamatsu.")
    assert muat(kasus).kegiatan_penjajakan.count() == 1


@pytest.mark.django_db
def test_mulai_penjajakan_perlu_mitra_dan_objek(pengguna, pd_dishub):
    kasus = services.kasus_ksdln_buat(by=pengguna["tkksd"], jenis="KSDPL", bentuk="lainnya", judul="Tanpa mitra",
                                      perangkat_daerah=pd_dishub, sumber_prakarsa="daerah", item_pemetaan=item())
    with pytest.raises(ValidationError) as exc:
        jalan(kasus, "mulai_penjajakan", pengguna["tkksd"])
    assert set(exc.value.message_dict) == {"mitra", "objek"}
    assert muat(kasus).tahap == "prakarsa"


@pytest.mark.django_db
@pytest.mark.parametrize(("trait", "nama", "pengguna_benar", "pengguna_salah"), [
    ({}, "mulai_penjajakan", "tkksd", "pd_dishub"),
    ({"tanggapan_diterima": True}, "tandatangani_loi", "walikota", "tkksd"),
    ({"loi_ditandatangani": True}, "susun_rencana", "pd_dishub", "pd_disbudpar"),
    ({"penyusunan_rencana": True}, "ajukan_persetujuan_dprd", "tkksd", "dprd"),
    # Ps 65(2): the Sekretariat may also record the receipt (from the Setwan's tanda terima); a PD may not.
    ({"persetujuan_dprd": True}, "catat_penerimaan_dprd", "dprd", "pd_dishub"),
    ({"verifikasi": True}, "kirim_verifikasi_gubernur", "tkksd", "walikota"),
    ({"pelaksanaan": True}, "akhiri", "tkksd", "walikota"),
])
def test_siapa_dapat_mengambil_langkah(buat, pengguna, trait, nama, pengguna_benar, pengguna_salah):
    kasus = buat(**trait)
    assert nama in {t.name for t in inti.transisi_tersedia(kasus, pengguna[pengguna_benar])}
    assert nama not in {t.name for t in inti.transisi_tersedia(kasus, pengguna[pengguna_salah])}
    with pytest.raises(PermissionDenied):
        jalan(kasus, nama, pengguna[pengguna_salah])


@pytest.mark.django_db
def test_transisi_gagal_tidak_meninggalkan_setengah_jalan(buat, pengguna):
    """A refused LoI (validity over a year) leaves no stage change, no audit, no deadline."""
    from ksdln.constants import BAGIAN_LOI
    from tests.ksdln.factories import bagian

    kasus = buat(tanggapan_diterima=True)
    dok = naskah_bertanda_tangan(kasus, "loi")
    hari = kasus.tanggal_tanggapan_menteri
    with pytest.raises(ValidationError):
        jalan(kasus, "tandatangani_loi", pengguna["walikota"], tempat_penandatanganan="Bekasi",
              tanggal_penandatanganan=hari.isoformat(), berlaku_sampai=hari.replace(year=hari.year + 2).isoformat(),
              dokumen_loi=dok.pk, **bagian(BAGIAN_LOI))
    kasus = muat(kasus)
    assert (kasus.tahap, kasus.berlaku_sampai, kasus.loi) == ("tanggapan_diterima", None, {})
    assert not kasus.tenggat.filter(aturan="loi_masa_berlaku").exists()
    assert not RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, aksi="tandatangani_loi").exists()
    # the uploaded document stays (nothing is lost)
    assert kasus.dokumen.filter(pk=dok.pk).exists()


@pytest.mark.django_db
def test_setiap_tahap_dan_langkah_menyebut_pasal(buat):
    kasus = buat()
    for t in alur.tahapan("ksdln.kasusksdln"):
        assert t.akhir or t.pasal.startswith("Pasal"), t.kode
    for t in kasus.get_all_tahap_transitions():
        assert t.custom["pasal"].startswith("Pasal"), t.name
    kode = [t.kode for t in alur.tahapan("ksdln.kasusksdln")]
    assert kode == ["prakarsa", "penjajakan", "kajian", "menunggu_tanggapan_menteri", "tanggapan_diterima",
                    "loi_ditandatangani", "penyusunan_rencana", "persetujuan_dprd", "verifikasi",
                    "menunggu_gubernur_verifikasi", "menunggu_pertimbangan_menteri", "penyusunan_naskah",
                    "menunggu_gubernur_naskah", "pembahasan_naskah", "menunggu_persetujuan_menteri", "penandatanganan",
                    "pelaksanaan", "selesai", "ditolak_dprd"]


@pytest.mark.django_db
def test_dprd_menolak_dengan_alasan_tahap_akhir(buat, pengguna):
    kasus = buat(persetujuan_dprd=True)
    jalan(kasus, "catat_penerimaan_dprd", pengguna["dprd"], tanggal_diterima_dprd=kasus.tanggal_permohonan_dprd.isoformat())
    surat = unggah(kasus, pengguna["dprd"], "surat_dprd")
    with pytest.raises(ValidationError) as exc:
        jalan(kasus, "tolak_dprd", pengguna["dprd"], tanggal_keputusan=kasus.tanggal_permohonan_dprd.isoformat(),
              dokumen_surat_dprd=surat.pk)
    assert "komentar" in exc.value.message_dict
    jalan(kasus, "tolak_dprd", pengguna["dprd"], tanggal_keputusan=kasus.tanggal_permohonan_dprd.isoformat(),
          dokumen_surat_dprd=surat.pk, komentar="Belum sesuai prioritas daerah.")
    kasus = muat(kasus)
    assert (kasus.tahap, kasus.keputusan_dprd) == ("ditolak_dprd", "ditolak")
    assert inti.transisi_tersedia(kasus, pengguna["tkksd"]) == []
    assert kasus.tenggat.get(aturan="dprd_45_hari").status == "terpenuhi"
