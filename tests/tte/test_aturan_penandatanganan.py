"""Issue 13: a signing step closes only on a signed text — (a) the TTE signature of the prepared folder's final
text, or (b) the upload of a scan of the paper signed in ink (Perwal 57/2023 Ps 25 "bersama atau sirkuler",
Ps 41, Ps 71) — never on a draft, a final text or a stale signed document. One rule (tte/aturan.py) enforced
by every path: the case page's step form, the API's transition endpoint and the approval dashboard. A refusal
answers 409 with the Pasal and changes nothing (stage, document versions, audit trail)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from kerjasama.models import KerjaSama, RiwayatAudit, VersiDokumen
from ksdd.dokumen_contoh import pdf_contoh
from tests.factories import naskah_bertanda_tangan, ttd
from tests.ksdln.factories import KasusKsdlnFactory, bagian, hamamatsu
from tests.ksdpk.conftest import pt  # noqa: F401
from tests.ksdpk.factories import KasusKsdpkFactory

pytestmark = pytest.mark.django_db

ISIAN_PKS = {"nomor_pks": "PKS/7/2026", "tanggal_penandatanganan": "2026-03-02", "tanggal_mulai": "2026-03-02",
             "tanggal_berakhir": "2028-03-01", "penandatangan_mitra": "Wali Kota Bogor"}
ISIAN_KB = {"nomor_kb": "KB/7/2026", "cara_penandatanganan": "bersama", "tanggal_penandatanganan": "2026-03-02",
            "tanggal_mulai": "2026-03-02", "tanggal_berakhir": "2031-03-01", "penandatangan_mitra": "Direktur Utama"}


def _jejak(kasus) -> tuple:
    """What a refusal must leave untouched: stage, every document version, every audit row."""
    ks = KerjaSama.objects.get(pk=kasus.pk)
    return (ks.tahap, ks.tahap_sejak, VersiDokumen.objects.filter(dokumen__kerjasama_id=kasus.pk).count(),
            RiwayatAudit.objects.filter(kerjasama_id=kasus.pk).count())


# --- KSDD PKS (Ps 29) ---------------------------------------------------------------------------------------


def test_ksdd_pks_halaman_kasus_menunjukkan_jalan_tanda_tangan_bukan_formulir(beku, pengguna, ksdd, klien):
    kasus = ksdd("penandatanganan_pks")
    r = klien(pengguna["walikota"]).get(f"/kerjasama/{kasus.pk}/transisi/tandatangani_pks/")
    html = r.content.decode()
    assert r.status_code == 200 and r.context["tanpa_form"]
    assert "Pasal 29" in html and 'data-testid="petunjuk-langkah"' in html
    assert f"/dasbor/persetujuan/?item=ks-{kasus.pk}" in html and 'name="nomor_pks"' not in html


def test_ksdd_pks_halaman_kasus_menolak_rancangan_409_tanpa_perubahan(beku, pengguna, ksdd, klien):
    kasus = ksdd("penandatanganan_pks")
    sebelum = _jejak(kasus)
    r = klien(pengguna["walikota"]).post(f"/kerjasama/{kasus.pk}/transisi/tandatangani_pks/",
                                         {**ISIAN_PKS, "pks": kasus.rancangan_pks_id, "_tahap": "penandatanganan_pks"})
    assert r.status_code == 409
    html = r.content.decode()
    assert "Perwal 57/2023 Pasal 29" in html and "bukan naskah yang ditandatangani" in html
    assert _jejak(kasus) == sebelum


def test_ksdd_pks_halaman_kasus_tidak_mengunggah_berkas_sebagai_naskah_bertanda_tangan(beku, pengguna, ksdd, klien):
    """The form's "upload a new file" beside a document field does not turn a draft into a signed text."""
    kasus = ksdd("penandatanganan_pks")
    sebelum = _jejak(kasus)
    berkas = SimpleUploadedFile("pks.pdf", pdf_contoh("PKS apa saja"), content_type="application/pdf")
    r = klien(pengguna["walikota"]).post(f"/kerjasama/{kasus.pk}/transisi/tandatangani_pks/",
                                         {**ISIAN_PKS, "pks__berkas": berkas, "_tahap": "penandatanganan_pks"})
    assert r.status_code in (400, 409)
    assert _jejak(kasus) == sebelum


def test_ksdd_pks_halaman_kasus_menawarkan_hanya_pindaian_bertanda_tangan(beku, pengguna, ksdd, klien):
    kasus = ksdd("penandatanganan_pks")
    pindaian = ttd(kasus, "pks")
    c = klien(pengguna["walikota"])
    r = c.get(f"/kerjasama/{kasus.pk}/transisi/tandatangani_pks/")
    assert not r.context["tanpa_form"]
    assert list(r.context["form"].fields["pks"].queryset.values_list("pk", flat=True)) == [pindaian]
    r = c.post(f"/kerjasama/{kasus.pk}/transisi/tandatangani_pks/", {**ISIAN_PKS, "pks": pindaian,
                                                                     "_tahap": "penandatanganan_pks"})
    assert r.status_code == 302
    assert KerjaSama.objects.get(pk=kasus.pk).tahap == "pelaksanaan"


def test_ksdd_pks_api_menolak_rancangan_dan_salinannya_lalu_menerima_pindaian_baru(beku, pengguna, ksdd, api):
    """interfaces.md: a `dokumen` field is the id of a document uploaded to the case first. The ink path through
    the API: upload the scan with status `ditandatangani`, then take the step with its id."""
    kasus = ksdd("penandatanganan_pks")
    wali, tkksd = api(pengguna["walikota"]), api(pengguna["tkksd"])
    url = f"/api/v1/ksdd/{kasus.pk}/transisi/tandatangani_pks/"
    sebelum = _jejak(kasus)
    r = wali.post(url, {**ISIAN_PKS, "pks": kasus.rancangan_pks_id}, format="json")
    assert r.status_code == 409 and "Pasal 29" in r.json()["detail"], r.content
    assert _jejak(kasus) == sebelum

    def unggah(isi: bytes, judul: str) -> int:
        r = tkksd.post(f"/api/v1/kerjasama/{kasus.pk}/dokumen/", {
            "jenis": "pks", "judul": judul, "status": "ditandatangani",
            "berkas": SimpleUploadedFile("pks.pdf", isi, content_type="application/pdf")}, format="multipart")
        assert r.status_code == 201, r.content
        return VersiDokumen.objects.get(pk=r.json()["id"]).dokumen_id

    # The draft's own bytes labelled "signed" are not a scan of the signed paper.
    rancangan = kasus.rancangan_pks.versi.order_by("-nomor_versi").first()
    salinan = unggah(rancangan.berkas.open("rb").read(), "Salinan rancangan")
    sebelum = _jejak(kasus)
    r = wali.post(url, {**ISIAN_PKS, "pks": salinan}, format="json")
    assert r.status_code == 409 and "bukan pindaian naskah bertanda tangan" in r.json()["detail"]
    assert _jejak(kasus) == sebelum

    pindaian = unggah(pdf_contoh("PKS ditandatangani basah kedua pihak"), "PKS bertanda tangan")
    r = wali.post(url, {**ISIAN_PKS, "pks": pindaian}, format="json")
    assert r.status_code == 200 and r.json()["tahap"] == "pelaksanaan"


def test_ksdd_pks_api_isian_salah_tetap_400(beku, pengguna, ksdd, api):
    kasus = ksdd("penandatanganan_pks")
    r = api(pengguna["walikota"]).post(f"/api/v1/ksdd/{kasus.pk}/transisi/tandatangani_pks/",
                                       {**ISIAN_PKS, "pks": "bukan-angka"}, format="json")
    assert r.status_code == 400 and "pks" in r.json()


def test_ksdd_pks_dasbor_menolak_isian_bebas_dengan_rancangan(beku, pengguna, ksdd, klien):
    kasus = ksdd("penandatanganan_pks")
    sebelum = _jejak(kasus)
    r = klien(pengguna["walikota"]).post(f"/dasbor/persetujuan/{kasus.pk}/tandatangani_pks/",
                                         {**ISIAN_PKS, "pks": kasus.rancangan_pks_id, "_tahap": "penandatanganan_pks"})
    assert r.status_code == 409 and "Perwal 57/2023 Pasal 29" in r.content.decode()
    assert _jejak(kasus) == sebelum


def test_ksdd_kb_menyebut_pasal_25(beku, pengguna, ksdd, api):
    kasus = ksdd("penandatanganan_kb")
    r = api(pengguna["walikota"]).post(f"/api/v1/ksdd/{kasus.pk}/transisi/tandatangani_kb/", {
        **ISIAN_KB, "kesepakatan_bersama": kasus.rancangan_kb_id}, format="json")
    assert r.status_code == 409 and "Pasal 25" in r.json()["detail"]


# --- KSDPK KB (Ps 41) ----------------------------------------------------------------------------------------


@pytest.fixture
def ksdpk_kb(pengguna, pt):  # noqa: F811
    return KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt], penandatanganan_kb=True)


def test_ksdpk_kb_halaman_kasus_api_dan_dasbor_menolak_rancangan(beku, pengguna, ksdpk_kb, klien, api):
    kasus = ksdpk_kb
    data = {**ISIAN_KB, "kesepakatan_bersama": kasus.rancangan_kb_id}
    sebelum = _jejak(kasus)
    r = klien(pengguna["walikota"]).get(f"/kerjasama/{kasus.pk}/transisi/tandatangani_kb/")
    assert r.context["tanpa_form"] and "Pasal 41" in r.content.decode()
    r = klien(pengguna["walikota"]).post(f"/kerjasama/{kasus.pk}/transisi/tandatangani_kb/",
                                         {**data, "_tahap": "penandatanganan_kb"})
    assert r.status_code == 409 and "Perwal 57/2023 Pasal 41" in r.content.decode()
    r = api(pengguna["walikota"]).post(f"/api/v1/ksdpk/{kasus.pk}/transisi/tandatangani_kb/", data, format="json")
    assert r.status_code == 409 and "Pasal 41" in r.json()["detail"]
    r = klien(pengguna["walikota"]).post(f"/dasbor/persetujuan/{kasus.pk}/tandatangani_kb/",
                                         {**data, "_tahap": "penandatanganan_kb"})
    assert r.status_code == 409 and "Pasal 41" in r.content.decode()
    assert _jejak(kasus) == sebelum
    # The scan of the KB signed by both parties closes it (through the API here).
    r = api(pengguna["walikota"]).post(f"/api/v1/ksdpk/{kasus.pk}/transisi/tandatangani_kb/",
                                       {**data, "kesepakatan_bersama": ttd(kasus, "kesepakatan_bersama")}, format="json")
    assert r.status_code == 200 and r.json()["tahap"] != "penandatanganan_kb"


# --- KSDPL/KSDLL: LoI (Ps 62) and Naskah Kerja Sama (Ps 71) -------------------------------------------------------


def _isian_loi(kasus, dokumen_id) -> dict:
    hari = kasus.tanggal_tanggapan_menteri
    return {"tempat_penandatanganan": "Bekasi", "tanggal_penandatanganan": hari.isoformat(),
            "berlaku_sampai": (hari + datetime.timedelta(days=300)).isoformat(), "dokumen_loi": dokumen_id,
            **bagian(__import__("ksdln.constants", fromlist=["BAGIAN_LOI"]).BAGIAN_LOI)}


def test_ksdln_loi_halaman_kasus_api_dan_dasbor_menolak_draf_dan_loi_lama(pengguna, pd_dishub, klien, api):
    kasus = KasusKsdlnFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=hamamatsu(),
                              tanggapan_diterima=True)
    from kerjasama import services

    draf = services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=kasus, jenis="loi", judul="Draf LoI",
                                   berkas=SimpleUploadedFile("loi.pdf", pdf_contoh("Draf LoI"))).dokumen
    data = _isian_loi(kasus, draf.pk)
    sebelum = _jejak(kasus)
    r = api(pengguna["walikota"]).post(f"/api/v1/ksdln/{kasus.pk}/transisi/tandatangani_loi/", data, format="json")
    assert r.status_code == 409 and "Pasal 62" in r.json()["detail"]
    r = klien(pengguna["walikota"]).post(f"/kerjasama/{kasus.pk}/transisi/tandatangani_loi/",
                                         {**data, "_tahap": "tanggapan_diterima"})
    assert r.status_code == 409 and "Perwal 57/2023 Pasal 62" in r.content.decode()
    r = klien(pengguna["walikota"]).post(f"/dasbor/persetujuan/{kasus.pk}/tandatangani_loi/",
                                         {**data, "_tahap": "tanggapan_diterima"})
    assert r.status_code == 409 and "Pasal 62" in r.content.decode()
    assert _jejak(kasus) == sebelum

    loi = naskah_bertanda_tangan(kasus, "loi")
    r = api(pengguna["walikota"]).post(f"/api/v1/ksdln/{kasus.pk}/transisi/tandatangani_loi/",
                                       _isian_loi(kasus, loi.pk), format="json")
    assert r.status_code == 200 and r.json()["tahap"] == "loi_ditandatangani"


def test_ksdln_loi_baru_tidak_dengan_loi_lama(pengguna, pd_dishub, api, time_machine):
    """Ps 62(3): a lapsed LoI is replaced by a new one, signed anew — the old signed LoI is stale."""
    from kerjasama.services import transisi_jalankan
    from ksdln.models import KasusKsdln

    kasus = KasusKsdlnFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=hamamatsu(),
                              tanggapan_diterima=True)
    lama = naskah_bertanda_tangan(kasus, "loi")
    transisi_jalankan(kasus=kasus, nama="tandatangani_loi", by=pengguna["walikota"], data=_isian_loi(kasus, lama.pk))
    kasus = KasusKsdln.objects.get(pk=kasus.pk)
    time_machine.move_to(datetime.datetime.combine(kasus.berlaku_sampai + datetime.timedelta(days=2), datetime.time(10)),
                         tick=False)
    baru = {**_isian_loi(kasus, lama.pk), "tanggal_penandatanganan": (kasus.berlaku_sampai + datetime.timedelta(days=1)).isoformat(),
            "berlaku_sampai": (kasus.berlaku_sampai + datetime.timedelta(days=200)).isoformat()}
    url = f"/api/v1/ksdln/{kasus.pk}/transisi/tandatangani_ulang_loi/"
    sebelum = _jejak(kasus)
    r = api(pengguna["walikota"]).post(url, baru, format="json")
    assert r.status_code == 409 and "sudah dipakai" in r.json()["detail"] and "Pasal 62 ayat (3)" in r.json()["detail"]
    assert _jejak(kasus) == sebelum
    r = api(pengguna["walikota"]).post(url, {**baru, "dokumen_loi": naskah_bertanda_tangan(kasus, "loi").pk},
                                       format="json")
    assert r.status_code == 200, r.content


def test_ksdln_naskah_menolak_naskah_yang_disetujui_menteri(pengguna, pd_dishub, klien, api):
    kasus = KasusKsdlnFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=hamamatsu(),
                              penyusunan_naskah=True, tahap="penandatanganan", tanggal_persetujuan_menteri=None)
    from kerjasama import services

    disetujui = services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=kasus, jenis="naskah", status="final",
                                        judul="Naskah disetujui Menteri",
                                        berkas=SimpleUploadedFile("n.pdf", pdf_contoh("Naskah disetujui"))).dokumen
    hari = datetime.date.today()
    data = {"tanggal_penandatanganan": hari.isoformat(), "tempat_penandatanganan": "Bekasi",
            "tanggal_mulai": hari.isoformat(), "tanggal_berakhir": (hari + datetime.timedelta(days=700)).isoformat(),
            "dokumen_naskah_ditandatangani": disetujui.pk}
    sebelum = _jejak(kasus)
    r = klien(pengguna["walikota"]).post(f"/kerjasama/{kasus.pk}/transisi/tandatangani_naskah/",
                                         {**data, "_tahap": "penandatanganan"})
    assert r.status_code == 409 and "Perwal 57/2023 Pasal 71" in r.content.decode()
    r = api(pengguna["walikota"]).post(f"/api/v1/ksdln/{kasus.pk}/transisi/tandatangani_naskah/", data, format="json")
    assert r.status_code == 409 and "Pasal 71" in r.json()["detail"]
    assert _jejak(kasus) == sebelum
