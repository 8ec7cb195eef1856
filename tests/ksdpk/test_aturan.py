"""The rules of BAB IV one by one, each refused with an Indonesian message that names its Pasal."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from kerjasama import alur
from kerjasama.models import KerjaSama
from ksdd.dokumen_contoh import berkas_contoh
from ksdpk.models import KasusKsdpk

from .factories import KasusKsdpkFactory, item_ksdpk

pytestmark = pytest.mark.django_db

DATA = {"judul": "Layanan bus pengumpan", "jenis_ksdpk": "pelayanan_publik", "objek": "Bus pengumpan stasiun",
        "dasar_hukum": "UU 25/2009 tentang Pelayanan Publik"}


def test_studi_kelayakan_wajib_saat_persiapan(beku, pengguna, pt, klien_api):
    """Ps 38(1)–(2): the KAK goes to the TKKSD together with the feasibility study."""
    kasus = KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt])
    pd = klien_api(pengguna["pd_dishub"])
    obj = pd.baca(kasus.pk)
    [t] = [t for t in obj["transisi_tersedia"] if t["nama"] == "ajukan_kak"]
    assert [(i["nama"], i["wajib"]) for i in t["isian"][:2]] == [("kak", True), ("studi_kelayakan", True)]
    r = pd.langkah(kasus.pk, "ajukan_kak", status=400, kak=pd.unggah(kasus.pk, "kak", "KAK"))
    assert r == {"studi_kelayakan": ["Studi kelayakan wajib dilampirkan bersama KAK (Perwal 57/2023 Pasal 38 ayat (1)–(2)). "
                                     "Unggah dokumen berjenis Studi kelayakan, lalu pilih di sini."]}
    # A KAK offered as the study is not a study.
    r = pd.langkah(kasus.pk, "ajukan_kak", status=400, kak=pd.unggah(kasus.pk, "kak", "KAK 2"),
                   studi_kelayakan=pd.unggah(kasus.pk, "kak", "Bukan studi"))
    assert "jenis yang diterima: studi_kelayakan" in r["studi_kelayakan"][0]
    assert KasusKsdpk.objects.get(pk=kasus.pk).tahap == "persiapan"


def test_permohonan_tanpa_studi_kelayakan_ditolak(beku, pengguna, halaman, klien_api):
    """Ps 50(1): the application attaches a feasibility study; nothing is kept when it does not."""
    r = klien_api(pengguna["mitra_pt"]).c.post("/api/v1/ksdpk/permohonan/", DATA, format="multipart")
    assert r.status_code == 400
    assert r.json() == {"studi_kelayakan": ["Permohonan KSDPK wajib melampirkan studi kelayakan (Pasal 50 ayat (1))."]}
    r = halaman(pengguna["mitra_pt"]).post("/ksdpk/permohonan/baru/", DATA)
    assert r.status_code == 400 and "studi_kelayakan" in r.context["form"].errors
    # A paper application recorded by the Sekretariat needs the scanned letter too.
    r = klien_api(pengguna["tkksd"]).c.post("/api/v1/ksdpk/permohonan/", {
        **DATA, "mitra": pengguna["mitra_pt"].mitra_id, "studi_kelayakan": berkas_contoh("Studi", "s.pdf")}, format="multipart")
    assert r.status_code == 400 and "surat_permohonan" in r.json()
    # A file that is not a document is refused by its content, and the case is not kept.
    r = klien_api(pengguna["mitra_pt"]).c.post("/api/v1/ksdpk/permohonan/", {
        **DATA, "studi_kelayakan": SimpleUploadedFile("studi.pdf", b"bukan pdf", content_type="application/pdf")},
        format="multipart")
    assert r.status_code == 400 and "studi_kelayakan" in r.json()
    assert not KerjaSama.objects.filter(jenis="KSDPK").exists()


def test_infrastruktur_hanya_dengan_badan_usaha_berbadan_hukum(beku, pengguna, klien_api, pt, koperasi, pd_dishub):
    """Ps 36(1) huruf d angka 1)."""
    from tests.factories import MitraFactory

    cv = MitraFactory(nama="CV Maju", jenis="pihak_ketiga")
    cv.bentuk_hukum = "Persekutuan Komanditer (CV)"
    cv.save()
    pd = klien_api(pengguna["pd_dishub"])
    item = item_ksdpk(pd_dishub).pk
    r = pd.c.post("/api/v1/ksdpk/", {**DATA, "jenis_ksdpk": "infrastruktur", "calon_mitra": [cv.pk], "item_pemetaan": item},
                  format="json")
    assert r.status_code == 400 and "badan usaha berbadan hukum (Pasal 36 ayat (1) huruf d angka 1))" in r.json()["mitra"][0]
    r = pd.c.post("/api/v1/ksdpk/", {**DATA, "jenis_ksdpk": "infrastruktur", "calon_mitra": [pt.pk, koperasi.pk],
                                     "item_pemetaan": item}, format="json")
    assert r.status_code == 201


def test_mitra_ksdpk_adalah_pihak_ketiga(beku, pengguna, klien_api, mitra_bogor, pt, pd_dishub):
    """Ps 1 angka 28: another region is not a third party."""
    from ksdpk import services

    r = klien_api(pengguna["pd_dishub"]).c.post("/api/v1/ksdpk/", {**DATA, "calon_mitra": [mitra_bogor.pk],
                                                                  "item_pemetaan": item_ksdpk(pd_dishub).pk}, format="json")
    assert r.status_code == 400 and "calon_mitra" in r.json()
    kasus = KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt])
    with pytest.raises(ValidationError) as exc:
        services.calon_tambah(kasus=kasus, by=pengguna["pd_dishub"], mitra=mitra_bogor)
    assert "bukan pihak ketiga" in str(exc.value) and "Pasal 1 angka 28" in str(exc.value)


def test_rencana_jangka_waktu_ksdpk_tidak_dibatasi_lima_tahun(beku, pengguna, klien_api, pd_dishub):
    """Ps 42(1) caps the KB, not the KSDPK: asset use and infrastructure (Ps 36(1) huruf b, d) follow sectoral
    law with longer terms (this test used to refuse 61 months). Only a sanity bound remains."""
    c = klien_api(pengguna["pd_dishub"]).c
    r = c.post("/api/v1/ksdpk/", {**DATA, "jangka_waktu_bulan": 360, "item_pemetaan": item_ksdpk(pd_dishub).pk}, format="json")
    assert r.status_code == 201, r.content
    r = c.post("/api/v1/ksdpk/", {**DATA, "jangka_waktu_bulan": 1189, "item_pemetaan": item_ksdpk(pd_dishub).pk},
               format="json")
    assert r.status_code == 400 and "tidak wajar" in r.json()["jangka_waktu_bulan"][0]


def test_persiapan_perlu_calon_dan_dasar_hukum(beku, pengguna, klien_api, pd_dishub):
    """Ps 36(2)–(6): the national legal basis is cited; Ps 39(1): the offer needs its candidates."""
    pd = klien_api(pengguna["pd_dishub"])
    obj = pd.c.post("/api/v1/ksdpk/", {**DATA, "dasar_hukum": "", "item_pemetaan": item_ksdpk(pd_dishub).pk},
                    format="json").json()
    r = pd.langkah(obj["id"], "ajukan_kak", status=400, kak=pd.unggah(obj["id"], "kak", "KAK"),
                   studi_kelayakan=pd.unggah(obj["id"], "studi_kelayakan", "Studi"))
    assert "Tambahkan calon mitra terlebih dahulu" in r["__all__"][0] and "Pasal 39 ayat (1)" in r["__all__"][0]
    assert "Pasal 36 ayat (2)–(6)" in r["dasar_hukum"][0]


def test_siapa_yang_memulai_ksdpk(beku, pengguna, klien_api, pd_lain):
    """Ps 38(1): a PD for itself (from its own mapping item); the Sekretariat names the PD; a partner does not
    start a Daerah case."""
    r = klien_api(pengguna["pd_dishub"]).c.post("/api/v1/ksdpk/", {**DATA, "item_pemetaan": item_ksdpk(pd_lain).pk},
                                                format="json")
    assert r.status_code == 403
    assert klien_api(pengguna["mitra_pt"]).c.post("/api/v1/ksdpk/", DATA, format="json").status_code == 403
    alasan = {"alasan_tanpa_pemetaan": "Instruksi Wali Kota: layanan darurat banjir"}
    r = klien_api(pengguna["tkksd"]).c.post("/api/v1/ksdpk/", {**DATA, **alasan}, format="json")
    assert r.status_code == 400 and "perangkat_daerah" in r.json()
    r = klien_api(pengguna["tkksd"]).c.post("/api/v1/ksdpk/", {**DATA, **alasan, "perangkat_daerah": pd_lain.pk},
                                            format="json")
    assert r.status_code == 201 and r.json()["perangkat_daerah"] == pd_lain.pk


def test_kewajiban_dicatat_pd_atau_sekretariat(beku, pengguna, klien_api, pt):
    kasus = KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt])
    daftar = [{"pihak": "mitra", "uraian": "Menyetor kontribusi", "dasar": "Pasal 8 PKS"}]
    assert klien_api(pengguna["walikota"]).c.put(f"/api/v1/ksdpk/{kasus.pk}/kewajiban/", daftar,
                                                 format="json").status_code == 403
    r = klien_api(pengguna["tkksd"]).c.put(f"/api/v1/ksdpk/{kasus.pk}/kewajiban/", daftar, format="json")
    assert r.status_code == 200 and [k["uraian"] for k in r.json()] == ["Menyetor kontribusi"]
    r = klien_api(pengguna["tkksd"]).c.put(f"/api/v1/ksdpk/{kasus.pk}/kewajiban/", [{"pihak": "x", "uraian": "y"}],
                                           format="json")
    assert r.status_code == 400


def test_pembuat_kasus_untuk_item_pemetaan(beku, pengguna, pd_dishub, pt):
    """The mapping app starts a KSDPK from a set item (Ps 17–18) through the registered creator."""
    kasus = alur.pembuat_kasus("KSDPK")(by=pengguna["pd_dishub"], judul="Tiket elektronik", perangkat_daerah=pd_dishub,
                                        mitra=pt, uraian="Dari pemetaan", item_pemetaan=object(), kegiatan="Tiket",
                                        jangka_waktu_bulan=48, ruang_lingkup="Penyediaan tiket elektronik")
    assert (kasus.tahap, kasus.asal, kasus.objek, kasus.jangka_waktu_bulan) == (
        "persiapan", "pemetaan", "Penyediaan tiket elektronik", 48)
    assert [c.mitra for c in kasus.calon.all()] == [pt]


def test_item_pemetaan_lebih_dari_60_bulan_dibawa_ke_kasus_ksdpk(beku, pengguna, pd_dishub, pt):
    """Ps 42(1) caps the KB, not the KSDPK (Ps 36(1) huruf b, d: assets, infrastructure): a 30-year item keeps
    its planned term in the case (it used to be dropped above 60 months)."""
    kasus = alur.pembuat_kasus("KSDPK")(by=pengguna["pd_dishub"], judul="BGS pasar", perangkat_daerah=pd_dishub,
                                        mitra=pt, uraian="Dari pemetaan", item_pemetaan=object(), kegiatan="BGS",
                                        jangka_waktu_bulan=360, ruang_lingkup="Bangun guna serah pasar")
    assert kasus.jangka_waktu_bulan == 360
