"""The rules each step enforces, one test per edge (CONVENTIONS: test_can_… / test_cannot_…)."""

import datetime

from django.core.exceptions import ValidationError

import pytest

from kerjasama.models import KerjaSamaGroupObjectPermission, RiwayatAudit
from kerjasama.permissions import dapat_melihat
from kerjasama.validators import akhir_jangka_tahun, validasi_masa_berlaku
from ksdd import services
from ksdd.models import KasusKsdd
from tests.factories import MitraFactory, ttd

from .conftest import iso
from .factories import KasusKsddFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def buat(pengguna, pd_dishub, mitra_bogor):
    def _buat(**kw):
        kw.setdefault("by", pengguna["pd_dishub"])
        kw.setdefault("perangkat_daerah", None if kw.get("tawaran_mitra") else pd_dishub)
        kw.setdefault("mitra", mitra_bogor)
        return KasusKsddFactory(**kw)

    return _buat


def ttd_kb(rest, pengguna, kasus, mulai, berakhir, status=200):
    wali = rest(pengguna["walikota"])
    kb = ttd(kasus.pk, "kesepakatan_bersama")
    return wali.langkah(kasus.pk, "tandatangani_kb", status=status, kesepakatan_bersama=kb, nomor_kb="KB/1",
                        cara_penandatanganan="bersama", tanggal_penandatanganan=iso(mulai), tanggal_mulai=iso(mulai),
                        tanggal_berakhir=iso(berakhir), penandatangan_mitra="Wali Kota Bogor")


# --- Ps 26(1): at most five years ---------------------------------------------------------------

def test_cannot_sign_kb_for_five_years_and_one_day(beku, pengguna, rest, buat):
    """Ps 26(1): from 1 March 2026, five years end on 28 February 2031; 1 March 2031 is one day too many."""
    kasus = buat(penandatanganan_kb=True)
    galat = ttd_kb(rest, pengguna, kasus, D(2026, 3, 1), D(2031, 3, 1), status=400)
    assert "Pasal 26 ayat (1)" in galat["tanggal_berakhir"][0]
    assert "28-02-2031" in galat["tanggal_berakhir"][0]
    kasus.refresh_from_db()
    assert kasus.tahap == "penandatanganan_kb" and kasus.kb_tanggal_mulai is None
    assert not RiwayatAudit.objects.filter(kerjasama=kasus, aksi="tandatangani_kb").exists()


def test_can_sign_kb_for_exactly_five_years(beku, pengguna, rest, buat):
    kasus = buat(penandatanganan_kb=True)
    obj = ttd_kb(rest, pengguna, kasus, D(2026, 3, 1), D(2031, 2, 28))
    assert obj["kb_tanggal_berakhir"] == "2031-02-28"


def test_kb_from_29_february_may_end_on_28_february_five_years_later():
    """Ps 26(1), one reading of "paling lama N tahun" (kerjasama.validators.akhir_jangka_tahun): five years from
    29-02-2028 run to the day before 29-02-2033, which does not exist: up to 28-02-2033; 01-03-2033 is too many."""
    assert akhir_jangka_tahun(D(2028, 2, 29), 5) == D(2033, 2, 28)  # was 27-02-2033
    validasi_masa_berlaku(D(2028, 2, 29), D(2033, 2, 28))
    with pytest.raises(ValidationError, match="28-02-2033"):
        validasi_masa_berlaku(D(2028, 2, 29), D(2033, 3, 1))


def test_pks_is_not_capped_at_five_years_and_may_outlast_its_kb_with_a_warning(beku, pengguna, rest, buat, client):
    """Ps 26(1) caps the KB only; Ps 28–29 set no term for the PKS (the regulation wins over spec README's
    "term ≤ 5 years" for every agreement; this test used to assert the refusal). The case page warns."""
    kasus = buat(penandatanganan_pks=True)
    wali = rest(pengguna["walikota"])
    obj = wali.langkah(kasus.pk, "tandatangani_pks", pks=ttd(kasus.pk, "pks"), nomor_pks="P/1",
                       tanggal_penandatanganan=iso(D(2026, 3, 2)), tanggal_mulai=iso(D(2026, 3, 2)),
                       tanggal_berakhir=iso(D(2046, 3, 1)), penandatangan_mitra="Wali Kota Bogor")
    assert obj["tahap"] == "pelaksanaan" and obj["tanggal_berakhir"] == "2046-03-01"
    kasus.refresh_from_db()
    assert kasus.kb_tanggal_berakhir < kasus.tanggal_berakhir
    assert "melampaui Kesepakatan Bersama" in kasus.peringatan_masa
    client.force_login(pengguna["tkksd"])
    halaman = client.get(f"/kerjasama/{kasus.pk}/").content.decode()
    assert 'data-testid="peringatan-masa"' in halaman and "melampaui Kesepakatan Bersama" in halaman


def test_cannot_sign_pks_ending_before_it_starts(beku, pengguna, rest, buat):
    kasus = buat(penandatanganan_pks=True)
    wali = rest(pengguna["walikota"])
    galat = wali.langkah(kasus.pk, "tandatangani_pks", status=400, pks=ttd(kasus.pk, "pks"), nomor_pks="P/1",
                         tanggal_penandatanganan=iso(D(2026, 3, 2)), tanggal_mulai=iso(D(2026, 3, 2)),
                         tanggal_berakhir=iso(D(2026, 3, 1)), penandatangan_mitra="Wali Kota Bogor")
    assert "tidak boleh sebelum" in galat["tanggal_berakhir"][0]
    kasus.refresh_from_db()
    assert kasus.tahap == "penandatanganan_pks" and kasus.tanggal_berakhir is None


def test_cannot_sign_with_a_future_date(beku, pengguna, rest, buat):
    kasus = buat(penandatanganan_kb=True)
    galat = ttd_kb(rest, pengguna, kasus, D(2026, 3, 3), D(2027, 3, 2), status=400)
    assert galat["tanggal_penandatanganan"] == ["Tanggal peristiwa tidak boleh di masa depan."]


# --- Ps 27: DPRD exactly when required ------------------------------------------------------------

@pytest.mark.parametrize(("membebani", "dianggarkan", "tahap", "alasan"), [
    (False, True, "penyusunan_pks", "tidak diperlukan"),
    (True, True, "persetujuan_dprd", "membebani masyarakat dan Daerah."),
    (False, False, "persetujuan_dprd", "belum teranggarkan"),
    (True, False, "persetujuan_dprd", "membebani masyarakat dan Daerah dan pendanaannya belum teranggarkan"),
])
def test_dprd_branch_follows_the_two_ps27_answers(beku, pengguna, rest, buat, membebani, dianggarkan, tahap, alasan):
    kasus = buat(penandatanganan_kb=True, membebani_masyarakat_daerah=membebani, sudah_dianggarkan_apbd=dianggarkan)
    obj = ttd_kb(rest, pengguna, kasus, D(2026, 3, 1), D(2027, 2, 28))
    assert obj["tahap"] == tahap
    assert alasan in obj["alasan_dprd"]
    cabang = RiwayatAudit.objects.filter(kerjasama=kasus, dari_tahap="kb_ditandatangani").get()
    assert cabang.oleh is None and cabang.komentar == obj["alasan_dprd"] and cabang.dasar_hukum == "Pasal 27"
    assert KerjaSamaGroupObjectPermission.objects.filter(
        group__name="dprd", content_object_id=kasus.pk).exists() == (tahap == "persetujuan_dprd")


def test_cannot_sign_kb_without_the_ps27_answers(beku, pengguna, rest, buat):
    kasus = buat(penandatanganan_kb=True, membebani_masyarakat_daerah=None)
    galat = ttd_kb(rest, pengguna, kasus, D(2026, 3, 1), D(2027, 2, 28), status=400)
    assert "Pasal 27" in galat["__all__"][0]


def test_dprd_rejection_ends_the_case(beku, pengguna, rest, buat):
    kasus = buat(persetujuan_dprd=True)
    dprd = rest(pengguna["dprd"])
    surat = dprd.unggah(kasus.pk, "surat_dprd", "Penolakan DPRD")
    galat = dprd.langkah(kasus.pk, "tolak_dprd", status=400, tanggal_diterima_dprd=iso(D(2026, 2, 2)),
                         tanggal_keputusan=iso(D(2026, 2, 20)), surat_dprd=surat)
    assert "komentar" in galat  # a rejection needs its reason
    galat = dprd.langkah(kasus.pk, "tolak_dprd", status=400, tanggal_diterima_dprd=iso(D(2026, 2, 20)),
                         tanggal_keputusan=iso(D(2026, 2, 2)), surat_dprd=surat, komentar="Membebani APBD.")
    assert "tidak boleh sebelum" in galat["tanggal_keputusan"][0]
    obj = dprd.langkah(kasus.pk, "tolak_dprd", tanggal_diterima_dprd=iso(D(2026, 2, 2)),
                       tanggal_keputusan=iso(D(2026, 2, 20)), surat_dprd=surat, komentar="Membebani APBD.")
    assert (obj["tahap"], obj["tanggal_diterima_dprd"], obj["tanggal_selesai"]) == ("ditolak_dprd", "2026-02-02", "2026-02-20")
    assert obj["transisi_tersedia"] == []


# --- returns and rejections ------------------------------------------------------------------------

def test_partner_declines_the_offer(beku, pengguna, rest, buat):
    kasus = buat(menunggu_jawaban=True)
    mitra = rest(pengguna["mitra_bogor"])
    assert "komentar" in mitra.langkah(kasus.pk, "mitra_menolak", status=400, tanggal_jawaban=iso(D(2026, 2, 1)))
    obj = mitra.langkah(kasus.pk, "mitra_menolak", tanggal_jawaban=iso(D(2026, 2, 1)), komentar="Belum menjadi prioritas.")
    assert obj["tahap"] == "ditolak_mitra"
    assert RiwayatAudit.objects.get(kerjasama=kasus, aksi="mitra_menolak").oleh == pengguna["mitra_bogor"]


def test_the_sekretariat_records_the_answer_for_the_partner(beku, pengguna, rest, buat):
    kasus = buat(menunggu_jawaban=True)
    obj = rest(pengguna["tkksd"]).langkah(kasus.pk, "mitra_menerima", tanggal_jawaban=iso(D(2026, 2, 1)))
    assert obj["tahap"] == "penyusunan_kb"


def test_cannot_record_an_answer_dated_before_the_offer_was_sent(beku, pengguna, rest, buat):
    kasus = buat(menunggu_jawaban=True)  # sent 60 days ago
    galat = rest(pengguna["tkksd"]).langkah(kasus.pk, "mitra_menerima", status=400,
                                            tanggal_jawaban=iso(D(2025, 12, 1)))
    assert "sebelum penawaran dikirim" in galat["tanggal_jawaban"][0]


def test_daerah_declines_a_partner_offer(beku, pengguna, rest, buat):
    kasus = buat(tawaran_mitra=True)
    obj = rest(pengguna["tkksd"]).langkah(kasus.pk, "tolak_tawaran_mitra", komentar="Tidak sesuai hasil pemetaan.")
    assert (obj["tahap"], obj["perangkat_daerah"]) == ("ditolak_daerah", None)


def test_cannot_return_the_kak_without_a_reason(beku, pengguna, rest, buat):
    kasus = buat(kajian_tkksd=True)
    galat = rest(pengguna["tkksd"]).langkah(kasus.pk, "kembalikan_kak", status=400)
    assert galat["komentar"] == ["Bidang ini tidak boleh kosong."] or galat["komentar"]
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "kajian_tkksd"


@pytest.mark.parametrize(("trait", "nama", "kembali_ke"), [
    ("pembahasan_kb", "kembalikan_rancangan_kb", "penyusunan_kb"),
    ("pembahasan_pks", "kembalikan_rancangan_pks", "penyusunan_pks"),
    ("kajian_tkksd", "kembalikan_kak", "persiapan"),
])
def test_the_tkksd_returns_a_draft_with_its_reason(beku, pengguna, rest, buat, trait, nama, kembali_ke):
    kasus = buat(**{trait: True})
    obj = rest(pengguna["tkksd"]).langkah(kasus.pk, nama, komentar="Perbaiki pasal kewajiban.")
    assert obj["tahap"] == kembali_ke
    audit = RiwayatAudit.objects.get(kerjasama=kasus, aksi=nama)
    assert (audit.komentar, audit.oleh) == ("Perbaiki pasal kewajiban.", pengguna["tkksd"])


def test_the_pd_may_submit_a_kak_before_a_partner_is_recorded_but_the_offer_needs_one(beku, pengguna, rest, buat):
    """Ps 22 asks for the KAK only; the partner is needed at the offer (Ps 23). This test used to assert that
    the KAK was refused without a partner (stricter than the law)."""
    kasus = buat(mitra=None)
    pd = rest(pengguna["pd_dishub"])
    assert pd.langkah(kasus.pk, "ajukan_kak", kak=pd.unggah(kasus.pk, "kak", "KAK"))["tahap"] == "kajian_tkksd"
    kasus = buat(mitra=None, penawaran=True)
    tkksd = rest(pengguna["tkksd"])
    galat = tkksd.langkah(kasus.pk, "kirim_penawaran", status=400,
                          surat_penawaran=tkksd.unggah(kasus.pk, "surat_penawaran", "Surat penawaran"),
                          nomor_surat="S/1", tanggal_surat=iso(D(2026, 3, 1)), tanggal_dikirim=iso(D(2026, 3, 1)))
    assert "Calon mitra belum dicatat" in galat["__all__"][0] and "Pasal 23" in galat["__all__"][0]


def test_cannot_offer_a_document_of_the_wrong_type(beku, pengguna, rest, buat):
    kasus = buat()
    pd = rest(pengguna["pd_dishub"])
    galat = pd.langkah(kasus.pk, "ajukan_kak", status=400, kak=pd.unggah(kasus.pk, "laporan", "Bukan KAK"))
    assert "jenis yang diterima: kak" in galat["kak"][0]


# --- wajib / sukarela (Ps 1 angka 14–15) -------------------------------------------------------------

def test_cannot_create_a_kerja_sama_wajib_without_bordering_regions(pengguna, mitra_bogor):
    with pytest.raises(Exception) as exc:
        services.ksdd_buat(by=pengguna["pd_dishub"], judul="Wajib", sifat="wajib", urusan="Perhubungan", mitra=mitra_bogor)
    assert set(exc.value.message_dict) == {"daerah_berbatasan", "eksternalitas"}
    assert not KasusKsdd.objects.exists()


def test_kerja_sama_wajib_only_with_a_bordering_partner(pengguna):
    from kerjasama.models import Wilayah

    jabar = Wilayah.objects.create(kode="32", nama="Jawa Barat", tingkat="provinsi")
    kab = Wilayah.objects.create(kode="32.16", nama="Kabupaten Bekasi", tingkat="kabupaten", induk=jabar)
    bogor = Wilayah.objects.create(kode="32.71", nama="Kota Bogor", tingkat="kota", induk=jabar)
    mitra_kab = MitraFactory(nama="Pemerintah Kabupaten Bekasi", wilayah=kab)
    mitra_kota_bogor = MitraFactory(nama="Pemerintah Kota Bogor (wilayah)", wilayah=bogor)
    data = dict(by=pengguna["pd_dishub"], sifat="wajib", urusan="Persampahan", daerah_berbatasan=[kab],
                eksternalitas="Sampah melintasi batas.")
    kasus = services.ksdd_buat(judul="Sampah", mitra=mitra_kab, **data)
    assert list(kasus.daerah_berbatasan.all()) == [kab]
    with pytest.raises(Exception) as exc:
        services.ksdd_buat(judul="Bogor", mitra=mitra_kota_bogor, **data)
    assert "Pasal 1 angka 14" in exc.value.message_dict["mitra"][0]


def test_cannot_take_a_third_party_as_ksdd_partner(pengguna):
    pt = MitraFactory(nama="PT Mitra", jenis="pihak_ketiga")
    with pytest.raises(Exception) as exc:
        services.ksdd_buat(by=pengguna["pd_dishub"], judul="X", sifat="sukarela", urusan="Y", mitra=pt)
    assert "daerah lain" in exc.value.message_dict["mitra"][0]


# --- who starts a case (Ps 22(1)) ----------------------------------------------------------------------

def test_a_pd_starts_a_case_only_for_itself(pengguna, rest, pd_lain, mitra_bogor):
    pd = rest(pengguna["pd_dishub"])
    body = {"judul": "X", "sifat": "sukarela", "urusan": "Y", "mitra": mitra_bogor.pk,
            "membebani_masyarakat_daerah": False, "sudah_dianggarkan_apbd": True}
    assert pd.c.post("/api/v1/ksdd/", {**body, "perangkat_daerah": pd_lain.pk}, format="json").status_code == 403
    assert rest(pengguna["tkksd"]).c.post("/api/v1/ksdd/", body, format="json").status_code == 400
    obj = rest(pengguna["tkksd"]).c.post("/api/v1/ksdd/", {**body, "perangkat_daerah": pd_lain.pk}, format="json").json()
    assert obj["perangkat_daerah"] == pd_lain.pk
    assert rest(pengguna["dprd"]).c.post("/api/v1/ksdd/", body, format="json").status_code == 403
    assert not dapat_melihat(pengguna["pd_dishub"], KasusKsdd.objects.get(pk=obj["id"]))


def test_the_creation_form_needs_the_ps27_answers(pengguna, web, mitra_bogor):
    r = web(pengguna["pd_dishub"]).c.post("/ksdd/baru/", {"judul": "X", "sifat": "sukarela", "mitra": mitra_bogor.pk,
                                                        "urusan": "Y"})
    assert r.status_code == 400
    assert set(r.context["form"].errors) == {"membebani_masyarakat_daerah", "sudah_dianggarkan_apbd"}
    assert not KasusKsdd.objects.exists()


def test_only_the_sekretariat_records_a_partner_offer(pengguna, web):
    assert web(pengguna["pd_dishub"]).get("/ksdd/tawaran-mitra/").status_code == 403
    assert web(pengguna["tkksd"]).get("/ksdd/tawaran-mitra/").status_code == 200


def test_a_refused_file_keeps_nothing_of_the_partner_offer(beku, pengguna, web, mitra_bogor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ksdd.dokumen_contoh import berkas_contoh

    r = web(pengguna["tkksd"]).c.post("/ksdd/tawaran-mitra/", {
        "judul": "Tawaran", "sifat": "sukarela", "mitra": mitra_bogor.pk, "urusan": "Y",
        "membebani_masyarakat_daerah": "tidak", "sudah_dianggarkan_apbd": "ya", "nomor_surat": "1",
        "tanggal_surat": "2026-02-02", "surat_penawaran": berkas_contoh("Surat", "surat.pdf"),
        "rancangan_kb": SimpleUploadedFile("kb.pdf", b"bukan pdf sama sekali", content_type="application/pdf"),
    })
    assert r.status_code == 400
    assert "rancangan_kb" in r.context["form"].errors
    assert not KasusKsdd.objects.exists()


# --- changing the data before the KB is signed ---------------------------------------------------------

def test_can_change_the_data_before_the_kb_and_the_old_partner_loses_access(beku, pengguna, web, buat, pd_dishub):
    kasus = buat(pembahasan_kb=True)
    depok = MitraFactory(nama="Pemerintah Kota Depok")
    r = web(pengguna["pd_dishub"]).c.post(f"/ksdd/{kasus.pk}/ubah/", {
        "judul": kasus.judul, "sifat": "sukarela", "mitra": depok.pk, "urusan": kasus.urusan,
        "membebani_masyarakat_daerah": "ya", "sudah_dianggarkan_apbd": "ya"})
    assert r.status_code == 302
    kasus.refresh_from_db()
    assert (kasus.mitra, kasus.membebani_masyarakat_daerah) == (depok, True)
    assert not dapat_melihat(pengguna["mitra_bogor"], kasus)
    assert RiwayatAudit.objects.get(kerjasama=kasus, aksi="data_diubah").data["berubah"]["mitra"] == depok.pk


def test_cannot_change_the_data_after_the_kb_is_signed(beku, pengguna, web, buat):
    kasus = buat(penyusunan_pks=True)
    r = web(pengguna["tkksd"]).c.post(f"/ksdd/{kasus.pk}/ubah/", {
        "judul": "Baru", "sifat": "sukarela", "mitra": kasus.mitra_id, "urusan": "Y",
        "membebani_masyarakat_daerah": "ya", "sudah_dianggarkan_apbd": "ya"})
    assert r.status_code == 409
    assert KasusKsdd.objects.get(pk=kasus.pk).judul == kasus.judul


# --- signatures reserved to the Wali Kota ----------------------------------------------------------------

def test_a_surat_kuasa_holder_signs_the_pks_but_not_the_kb_nor_gives_kuasa(beku, pengguna, rest, buat, kadishub):
    from kerjasama.permissions import PERM_TANDATANGANI, beri_akses

    kasus = buat(penandatanganan_kb=True)
    beri_akses(kasus, user=kadishub, codename=PERM_TANDATANGANI)
    kepala = rest(kadishub)
    assert kepala.langkah(kasus.pk, "tandatangani_kb", status=403)["detail"]
    kasus2 = buat(penandatanganan_pks=True)
    beri_akses(kasus2, user=kadishub, codename=PERM_TANDATANGANI)
    nama = {t["nama"] for t in kepala.c.get(f"/api/v1/ksdd/{kasus2.pk}/").json()["transisi_tersedia"]}
    assert nama == {"tandatangani_pks"}
    kepala.langkah(kasus2.pk, "beri_surat_kuasa", status=403)


def test_surat_kuasa_hanya_untuk_kepala_pd_atau_plt_menurut_data_pejabat(beku, pengguna, rest, buat, kadishub, pd_dishub):
    """Ps 29(2): the Wali Kota gives the surat kuasa to the *kepala* of a PD; a staff member of the PD is refused
    (any active PD official used to be accepted); a Plt. Kepala, or the holder of the register's NIP, is accepted."""
    from kerjasama.constants import Peran
    from tests.factories import PenggunaFactory

    staf = PenggunaFactory(username="staf_dishub", peran=[Peran.PD], perangkat_daerah=pd_dishub,
                           jabatan="Kepala Seksi Angkutan")
    plt = PenggunaFactory(username="plt_dishub", peran=[Peran.PD], perangkat_daerah=pd_dishub,
                          jabatan="Plt. Kepala Dinas Perhubungan")
    kasus = buat(penandatanganan_pks=True)
    wali = rest(pengguna["walikota"])

    def kuasa(penerima, status):
        return wali.langkah(kasus.pk, "beri_surat_kuasa", status=status, penerima_kuasa=str(penerima.pk),
                            surat_kuasa=ttd(kasus.pk, "surat_kuasa"),
                            nomor_surat_kuasa="SK/1", tanggal_surat_kuasa=iso(D(2026, 3, 1)))

    galat = kuasa(staf, 400)
    assert "kepala Perangkat Daerah" in galat["penerima_kuasa"][0] and "Pasal 29 ayat (2)" in galat["penerima_kuasa"][0]
    kuasa(plt, 200)
    kuasa(kadishub, 200)
