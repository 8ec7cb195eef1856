"""Who sees what. A third party sees its own application and nothing else (404 elsewhere, Ps 50 and spec
README "Actors and roles"); another PD gets 404; a visible case one may not act on answers 403; a step
or page from the wrong stage 409."""

import pytest

from kerjasama.models import VersiDokumen
from ksdd.dokumen_contoh import berkas_contoh
from tests.factories import PenggunaFactory

from .factories import KasusKsdpkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dunia_ksdpk(beku, pengguna, pd_dishub, pt, koperasi):
    """mitra_pt's own application; another third party's application; a Daerah case with mitra_pt as candidate."""
    from kerjasama.constants import Peran

    pengguna_koperasi = PenggunaFactory(username="mitra_koperasi", peran=[Peran.MITRA], mitra=koperasi)
    milik = KasusKsdpkFactory(by=pengguna["mitra_pt"], permohonan=True, judul="Permohonan PT Lain")
    lain = KasusKsdpkFactory(by=pengguna_koperasi, permohonan=True, judul="Permohonan koperasi")
    daerah = KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt], kajian_tkksd=True, judul="Prakarsa Daerah")
    return milik, lain, daerah


def test_mitra_melihat_permohonannya_sendiri_dan_tidak_yang_lain(dunia_ksdpk, pengguna, halaman, klien_api):
    milik, lain, daerah = dunia_ksdpk
    w, a = halaman(pengguna["mitra_pt"]), klien_api(pengguna["mitra_pt"])
    assert w.get(f"/kerjasama/{milik.pk}/").status_code == 200
    assert a.c.get(f"/api/v1/ksdpk/{milik.pk}/").status_code == 200
    studi = VersiDokumen.objects.get(dokumen=milik.studi_kelayakan)
    assert w.get(f"/kerjasama/dokumen/versi/{studi.pk}/unduh/").status_code == 200
    for kasus in (lain, daerah):  # another party's application; a Daerah case where it is only a candidate
        versi = VersiDokumen.objects.filter(dokumen__kerjasama=kasus).first()
        assert w.get(f"/kerjasama/{kasus.pk}/").status_code == 404
        assert w.get(f"/kerjasama/dokumen/versi/{versi.pk}/unduh/").status_code == 404
        assert w.get(f"/ksdpk/{kasus.pk}/calon/").status_code == 404
        assert w.get(f"/ksdpk/{kasus.pk}/ubah/").status_code == 404
        assert w.c.post(f"/kerjasama/{kasus.pk}/transisi/tolak_tawaran_mitra/", {"komentar": "x"}).status_code == 404
        assert a.c.get(f"/api/v1/ksdpk/{kasus.pk}/").status_code == 404
        assert a.c.get(f"/api/v1/ksdpk/{kasus.pk}/calon/").status_code == 404
        assert a.c.post(f"/api/v1/ksdpk/{kasus.pk}/transisi/tolak_tawaran_mitra/", {"komentar": "x"},
                        format="json").status_code == 404
        assert a.c.get(f"/api/v1/kerjasama/{kasus.pk}/dokumen/").status_code == 404
    daftar = w.get("/ksdpk/").content.decode()
    assert milik.judul in daftar and lain.judul not in daftar and daftar.count("KS/2026/KSDPK/") == 1
    assert [o["id"] for o in a.c.get("/api/v1/ksdpk/").json()["results"]] == [milik.pk]
    assert [o["id"] for o in a.c.get("/api/v1/kerjasama/", {"jenis": "KSDPK"}).json()["results"]] == [milik.pk]
    # It may read but not take the TKKSD's step on its own application.
    assert w.get(f"/kerjasama/{milik.pk}/transisi/terima_tawaran_mitra/").status_code == 403
    assert a.baca(milik.pk)["transisi_tersedia"] == []


def test_permohonan_hanya_oleh_pihak_ketiga_atau_sekretariat(beku, pengguna, halaman, klien_api):
    """Ps 50(1): a partner region's user (KSDD mitra) or a PD does not file a KSDPK application."""
    for orang in ("mitra_bogor", "pd_dishub", "auditor"):
        assert halaman(pengguna[orang]).get("/ksdpk/permohonan/baru/").status_code == 403, orang
        r = klien_api(pengguna[orang]).c.post("/api/v1/ksdpk/permohonan/", {
            "judul": "x", "jenis_ksdpk": "investasi", "objek": "x", "studi_kelayakan": berkas_contoh("x", "x.pdf")},
            format="multipart")
        assert r.status_code == 403, orang


def test_pihak_ketiga_tidak_dapat_memohon_atas_nama_lain(beku, pengguna, klien_api, koperasi):
    r = klien_api(pengguna["mitra_pt"]).c.post("/api/v1/ksdpk/permohonan/", {
        "judul": "x", "jenis_ksdpk": "investasi", "objek": "x", "mitra": koperasi.pk,
        "studi_kelayakan": berkas_contoh("x", "x.pdf")}, format="multipart")
    assert r.status_code == 403
    assert not koperasi.kerjasama.exists()


@pytest.mark.parametrize("orang", ["pd_disbudpar", "mitra_pt", "mitra_bogor", "dprd", "pengawas"])
def test_pd_lain_dan_mitra_lain_mendapat_404(beku, pengguna, pd_dishub, pt, halaman, klien_api, orang):
    kasus = KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt], pemilihan_mitra=True)
    w, a = halaman(pengguna[orang]), klien_api(pengguna[orang])
    for url in ("/kerjasama/{}/", "/ksdpk/{}/calon/", "/ksdpk/{}/tim/", "/ksdpk/{}/penilaian/", "/ksdpk/{}/peringkat/",
                "/ksdpk/{}/kewajiban/"):
        assert w.get(url.format(kasus.pk)).status_code == 404, url
    for url in ("/api/v1/ksdpk/{}/", "/api/v1/ksdpk/{}/peringkat/", "/api/v1/ksdpk/{}/penilaian/", "/api/v1/ksdpk/{}/tim/"):
        assert a.c.get(url.format(kasus.pk)).status_code == 404, url


def test_pd_sendiri_melihat_tetapi_tidak_mengambil_langkah_tkksd_dan_auditor_hanya_membaca(beku, pengguna, pd_dishub, pt,
                                                                                            halaman, klien_api):
    kasus = KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt], kajian_tkksd=True)
    pd = halaman(pengguna["pd_dishub"])
    assert pd.get(f"/kerjasama/{kasus.pk}/").status_code == 200
    assert pd.get(f"/kerjasama/{kasus.pk}/transisi/terima_kajian/").status_code == 403
    auditor = klien_api(pengguna["auditor"])
    assert auditor.baca(kasus.pk)["transisi_tersedia"] == []
    assert auditor.c.post(f"/api/v1/ksdpk/{kasus.pk}/transisi/kembalikan_kak/", {"komentar": "x"},
                          format="json").status_code == 403
    assert halaman(pengguna["auditor"]).post(f"/ksdpk/{kasus.pk}/calon/", {"aksi": "tambah"}).status_code == 403
    assert halaman(pengguna["pd_dishub"]).post(f"/ksdpk/{kasus.pk}/tim/", {}).status_code == 403  # only the Ketua TKKSD


def test_langkah_dan_halaman_dari_tahap_yang_salah_409(beku, pengguna, pd_dishub, pt, halaman, klien_api):
    kasus = KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt], kajian_tkksd=True)
    assert halaman(pengguna["walikota"]).post(f"/kerjasama/{kasus.pk}/transisi/tandatangani_pks/", {}).status_code == 409
    r = klien_api(pengguna["tkksd"]).c.post(f"/api/v1/ksdpk/{kasus.pk}/transisi/tetapkan_mitra/", {}, format="json")
    assert r.status_code == 409 and "tidak tersedia" in r.json()["detail"]
    # Scoring belongs to the selection stage (Ps 39(2)).
    r = klien_api(pengguna["tkksd"]).c.post(f"/api/v1/ksdpk/{kasus.pk}/penilaian/", {"nilai": []}, format="json")
    assert r.status_code == 409
