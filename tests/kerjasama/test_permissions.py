"""Who sees and does what (spec README "Actors and roles"): invisible → 404, visible but not
allowed → 403, in the web UI, the API and document downloads alike."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from kerjasama import services
from kerjasama.permissions import beri_akses, kerjasama_terlihat
from tests.factories import PerjanjianLamaFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# For a legacy case of DISHUB with Kota Bogor, in pelaksanaan:
MELIHAT = {
    "tkksd": True, "ketua": True, "walikota": True, "auditor": True, "pd_dishub": True, "mitra_bogor": True,
    "pd_disbudpar": False, "dprd": False, "pengawas": False, "mitra_pt": False,
}


@pytest.fixture
def lama(pengguna, pd_dishub, mitra_bogor):
    ks = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)
    versi = services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=ks, jenis="pks", judul="PKS",
                                    berkas=SimpleUploadedFile("pks.pdf", PDF))
    ks.versi_pks = versi
    return ks


@pytest.mark.django_db
@pytest.mark.parametrize("username", sorted(MELIHAT))
def test_halaman_kasus_dan_dokumen(lama, pengguna, klien, username):
    c = klien(pengguna[username])
    harap = 200 if MELIHAT[username] else 404
    assert c.get(reverse("kerjasama:detail", args=[lama.pk])).status_code == harap
    assert c.get(reverse("kerjasama:dokumen_unduh", args=[lama.versi_pks.pk])).status_code == harap
    assert c.get(reverse("kerjasama:riwayat_csv", args=[lama.pk])).status_code == harap
    # the transition form: only the Sekretariat may end a cooperation; others who see it get 403
    status = c.get(reverse("kerjasama:transisi", args=[lama.pk, "akhiri"])).status_code
    assert status == (200 if username == "tkksd" else 403 if MELIHAT[username] else 404)


@pytest.mark.django_db
@pytest.mark.parametrize("username", sorted(MELIHAT))
def test_api_kasus_dan_transisi(lama, pengguna, api, username):
    c = api(pengguna[username])
    harap = 200 if MELIHAT[username] else 404
    assert c.get(f"/api/v1/kerjasama/{lama.pk}/").status_code == harap
    assert c.get(f"/api/v1/kerjasama/{lama.pk}/dokumen/").status_code == harap
    r = c.post(f"/api/v1/kerjasama/{lama.pk}/transisi/akhiri/", {"komentar": "uji", "tanggal_selesai": "2026-01-02"},
               format="json")
    assert r.status_code == (200 if username == "tkksd" else 403 if MELIHAT[username] else 404), r.content


@pytest.mark.django_db
@pytest.mark.parametrize("username", sorted(MELIHAT))
def test_daftar_hitungan_dan_pencarian_tidak_membocorkan(lama, pengguna, klien, api, username):
    user = pengguna[username]
    assert kerjasama_terlihat(user).filter(pk=lama.pk).exists() == MELIHAT[username]
    r = klien(user).get(reverse("kerjasama:registry"), {"q": "Perjanjian lama"})
    assert (lama.nomor in r.content.decode()) == MELIHAT[username]
    data = api(user).get("/api/v1/kerjasama/").json()
    assert data["count"] == (1 if MELIHAT[username] else 0)
    tenggat = api(user).get("/api/v1/tenggat/").json()
    assert (tenggat["count"] > 0) == MELIHAT[username]
    assert all(t["kerjasama"] == lama.pk for t in tenggat["results"])


@pytest.mark.django_db
def test_pd_anggota_tidak_tetap_melihat_setelah_diberi_akses(lama, pengguna, pd_lain, klien):
    url = reverse("kerjasama:detail", args=[lama.pk])
    assert klien(pengguna["pd_disbudpar"]).get(url).status_code == 404
    beri_akses(lama, grup=pd_lain.grup)
    assert klien(pengguna["pd_disbudpar"]).get(url).status_code == 200


@pytest.mark.django_db
def test_pemegang_surat_kuasa_dapat_bertindak_sebagai_penandatangan(lama, pengguna):
    from kerjasama.permissions import adalah_penandatangan

    pd_user = pengguna["pd_dishub"]
    assert not adalah_penandatangan(pd_user, lama)
    beri_akses(lama, user=pd_user, codename="tandatangani_kerjasama")
    assert adalah_penandatangan(pd_user, lama)


@pytest.mark.django_db
def test_tanpa_login_diarahkan_ke_halaman_masuk(lama, client):
    r = client.get(reverse("kerjasama:detail", args=[lama.pk]))
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")
    assert client.get(f"/api/v1/kerjasama/{lama.pk}/").status_code in (401, 403)


@pytest.mark.django_db
def test_id_yang_tidak_ada_404_bukan_500(pengguna, klien, api):
    assert klien(pengguna["tkksd"]).get("/kerjasama/999999/").status_code == 404
    assert api(pengguna["tkksd"]).get("/api/v1/kerjasama/999999/").status_code == 404
    assert api(pengguna["tkksd"]).post("/api/v1/kerjasama/999999/transisi/akhiri/", {}, format="json").status_code == 404
