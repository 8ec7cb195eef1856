"""Reference data in the app (issue 14): the Sekretariat TKKSD adds and changes partners, regions, PDs and holidays
without Django admin; every write audited; others 403 with the app's message; a record in use is never deleted."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

import pytest

from kerjasama import kalender
from kerjasama.models import HariLibur, Mitra, PerangkatDaerah, RiwayatAudit, Wilayah
from kerjasama.referensi_views import kembali_aman
from tests.factories import PerjanjianLamaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jabar(db):
    return Wilayah.objects.create(kode="32", nama="Provinsi Jawa Barat", tingkat="provinsi")


def _audit(obj):
    return RiwayatAudit.objects.filter(objek_tipe=ContentType.objects.get_for_model(obj), objek_id=obj.pk)


def test_sekretariat_menambah_mitra_daerah_lain_dan_tercatat_di_audit(klien, pengguna, jabar):
    bandung = Wilayah.objects.create(kode="32.73", nama="Kota Bandung", tingkat="kota", induk=jabar)
    c = klien(pengguna["tkksd"])
    r = c.post(reverse("kerjasama:referensi_baru", args=["mitra"]), {
        "nama": "Pemerintah Kota Bandung", "jenis": "daerah_lain", "negara": "ID", "wilayah": bandung.pk,
        "alasan": "Surat penawaran masuk."})
    assert r.status_code == 302, r.content.decode()[:2000]
    mitra = Mitra.objects.get(nama="Pemerintah Kota Bandung")
    assert mitra.grup is not None  # a case later grants its users access through the group
    audit = _audit(mitra).get()
    assert audit.aksi == "referensi_dibuat" and audit.oleh == pengguna["tkksd"] and audit.kerjasama is None
    assert audit.komentar == "Surat penawaran masuk."
    assert audit.data["perubahan"]["nama"] == {"dari": None, "ke": "Pemerintah Kota Bandung"}


def test_ubah_mencatat_dari_dan_ke_serta_alasan(klien, pengguna):
    mitra = pengguna["mitra_pt"].mitra
    c = klien(pengguna["tkksd"])
    url = reverse("kerjasama:referensi_ubah", args=["mitra", mitra.pk])
    form = c.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(nama_pimpinan="Direktur Baru", alasan="Pergantian direksi.")
    r = c.post(url, data)
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    audit = _audit(mitra).get(aksi="referensi_diubah")
    assert audit.data["perubahan"] == {"nama_pimpinan": {"dari": "Wali Kota", "ke": "Direktur Baru"}}
    assert audit.komentar == "Pergantian direksi."
    # saving unchanged writes no audit row
    data.pop("alasan")
    data["nama_pimpinan"] = "Direktur Baru"
    c.post(url, data)
    assert _audit(mitra).filter(aksi="referensi_diubah").count() == 1
    assert "Pergantian direksi." in c.get(url).content.decode()


@pytest.mark.parametrize("username", ["ketua", "walikota", "auditor", "pd_dishub", "dprd", "mitra_bogor", "pengawas"])
def test_selain_sekretariat_tidak_dapat_menulis(klien, pengguna, username):
    c = klien(pengguna[username])
    sebelum = Mitra.objects.count()
    r = c.post(reverse("kerjasama:referensi_baru", args=["mitra"]), {"nama": "Mitra Gelap", "jenis": "pihak_ketiga",
                                                                     "negara": "ID"})
    assert r.status_code == 403
    assert "Sekretariat TKKSD" in r.content.decode()
    mitra = pengguna["mitra_bogor"].mitra
    r = c.post(reverse("kerjasama:referensi_ubah", args=["mitra", mitra.pk]), {"nama": "Diubah", "jenis": "pihak_ketiga",
                                                                                "negara": "ID"})
    assert r.status_code == 403
    assert Mitra.objects.count() == sebelum and Mitra.objects.get(pk=mitra.pk).nama != "Diubah"


def test_yang_melihat_semua_membaca_tetapi_tidak_mendapat_tombol(klien, pengguna):
    c = klien(pengguna["auditor"])
    r = c.get(reverse("kerjasama:referensi_daftar", args=["mitra"]))
    assert r.status_code == 200 and "Tambah mitra" not in r.content.decode()
    assert c.get(reverse("kerjasama:referensi_daftar", args=["mitra"])).status_code == 200
    c = klien(pengguna["pd_dishub"])
    r = c.get(reverse("kerjasama:referensi"))
    assert r.status_code == 403 and "Sekretariat TKKSD" in r.content.decode()
    assert "/kerjasama/referensi/" not in c.get("/kerjasama/").content.decode()  # not in the menu


def test_menu_mengganti_admin(klien, pengguna):
    isi = klien(pengguna["tkksd"]).get("/kerjasama/").content.decode()
    assert 'href="/kerjasama/referensi/"' in isi and "/admin/" not in isi


def test_daftar_cari_dan_halaman(klien, pengguna):
    for i in range(55):
        Mitra.objects.create(nama=f"PT Contoh {i:02d}", jenis="pihak_ketiga")
    c = klien(pengguna["tkksd"])
    r = c.get(reverse("kerjasama:referensi_daftar", args=["mitra"]), {"q": "contoh"})
    assert r.context["halaman"].paginator.count == 55 and len(r.context["baris"]) == 50
    r = c.get(reverse("kerjasama:referensi_daftar", args=["mitra"]), {"q": "contoh", "halaman": 2})
    assert len(r.context["baris"]) == 5
    assert c.get(reverse("kerjasama:referensi_daftar", args=["tidak-ada"])).status_code == 404


def test_masukan_buruk_mendapat_pesan_indonesia_dan_tidak_tersimpan(klien, pengguna, jabar):
    c = klien(pengguna["tkksd"])
    r = c.post(reverse("kerjasama:referensi_baru", args=["mitra"]), {"nama": "Kota Tanpa Wilayah", "jenis": "daerah_lain",
                                                                     "negara": "ID"})
    assert r.status_code == 400 and "Pilih wilayah" in r.content.decode()
    r = c.post(reverse("kerjasama:referensi_baru", args=["mitra"]), {"nama": "Kota Suwon", "jenis": "pemda_luar_negeri",
                                                                     "negara": "ID"})
    assert r.status_code == 400 and "bukan Indonesia" in r.content.decode()
    r = c.post(reverse("kerjasama:referensi_baru", args=["wilayah"]), {"kode": "33.01", "nama": "Kab. Salah",
                                                                       "tingkat": "kabupaten", "induk": jabar.pk})
    assert r.status_code == 400 and "diawali 32" in r.content.decode()
    r = c.post(reverse("kerjasama:referensi_baru", args=["hari-libur"]), {"tanggal": "31-02-2027", "nama": "X"})
    assert r.status_code == 400
    assert not Mitra.objects.filter(nama__in=["Kota Tanpa Wilayah", "Kota Suwon"]).exists()
    assert not Wilayah.objects.filter(kode="33.01").exists() and not HariLibur.objects.exists()


def test_mitra_luar_negeri_dengan_negaranya(klien, pengguna):
    c = klien(pengguna["tkksd"])
    r = c.post(reverse("kerjasama:referensi_baru", args=["mitra"]), {"nama": "Suwon City", "jenis": "pemda_luar_negeri",
                                                                     "negara": "KR"})
    assert r.status_code == 302
    assert Mitra.objects.get(nama="Suwon City").negara.code == "KR"


def test_hari_libur_mengubah_tenggat_hari_kerja_dan_halaman_mengatakannya(klien, pengguna):
    c = klien(pengguna["tkksd"])
    r = c.get(reverse("kerjasama:referensi_baru", args=["hari-libur"]))
    assert "memengaruhi perhitungan tenggat" in r.content.decode()
    # Friday 8 January 2027 + 1 working day = Monday 11 January; with Monday a holiday: Tuesday 12 January.
    jumat = datetime.date(2027, 1, 8)
    assert kalender.tambah_hari(jumat, 1, "kerja") == datetime.date(2027, 1, 11)
    r = c.post(reverse("kerjasama:referensi_baru", args=["hari-libur"]), {"tanggal": "11-01-2027", "nama": "Cuti uji"})
    assert r.status_code == 302
    assert kalender.tambah_hari(jumat, 1, "kerja") == datetime.date(2027, 1, 12)


def test_yang_dipakai_tidak_dihapus_yang_salah_boleh(klien, pengguna):
    c = klien(pengguna["tkksd"])
    pd = pengguna["pd_dishub"].perangkat_daerah
    r = c.post(reverse("kerjasama:referensi_hapus", args=["perangkat-daerah", pd.pk]), {"alasan": "coba"})
    assert r.status_code == 302 and PerangkatDaerah.objects.filter(pk=pd.pk).exists()
    pesan = [str(m) for m in r.wsgi_request._messages]
    assert any("masih dipakai" in p and "Nonaktifkan" in p for p in pesan)
    mitra = pengguna["mitra_bogor"].mitra
    PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd, mitra=mitra, jenis="KSDD")
    c.post(reverse("kerjasama:referensi_hapus", args=["mitra", mitra.pk]))
    assert Mitra.objects.filter(pk=mitra.pk).exists()
    salah = Mitra.objects.create(nama="Salah Ketik", jenis="pihak_ketiga")
    r = c.post(reverse("kerjasama:referensi_hapus", args=["mitra", salah.pk]), {"alasan": "Duplikat."})
    assert r.status_code == 302 and not Mitra.objects.filter(pk=salah.pk).exists()
    audit = RiwayatAudit.objects.get(aksi="referensi_dihapus")
    assert audit.komentar == "Duplikat." and audit.data["nama"] == "Salah Ketik"
    # GET never deletes
    lain = Mitra.objects.create(nama="Tetap", jenis="pihak_ketiga")
    assert c.get(reverse("kerjasama:referensi_hapus", args=["mitra", lain.pk])).status_code == 405


def test_pd_dinonaktifkan_lewat_formulir(klien, pengguna):
    pd = pengguna["pd_disbudpar"].perangkat_daerah
    c = klien(pengguna["tkksd"])
    r = c.post(reverse("kerjasama:referensi_ubah", args=["perangkat-daerah", pd.pk]),
               {"kode": pd.kode, "nama": pd.nama, "singkatan": pd.singkatan, "alasan": "Digabung."})
    assert r.status_code == 302
    pd.refresh_from_db()
    assert pd.aktif is False
    assert _audit(pd).get().data["perubahan"]["aktif"] == {"dari": True, "ke": False}


def test_kembali_ke_formulir_kasus_hanya_url_lokal(klien, pengguna, rf):
    c = klien(pengguna["tkksd"])
    r = c.post(reverse("kerjasama:referensi_baru", args=["mitra"]) + "?kembali=/ksdpk/baru/",
               {"nama": "PT Baru", "jenis": "pihak_ketiga", "negara": "ID", "kembali": "/ksdpk/baru/"})
    assert r.status_code == 302 and r["Location"] == "/ksdpk/baru/"
    r = c.post(reverse("kerjasama:referensi_baru", args=["mitra"]),
               {"nama": "PT Lain Lagi", "jenis": "pihak_ketiga", "negara": "ID", "kembali": "https://jahat.example/"})
    assert r["Location"] == reverse("kerjasama:referensi_daftar", args=["mitra"])
    req = rf.get("/")
    for buruk in ("//jahat.example/", "https://jahat.example/", "javascript:alert(1)", "/\\jahat.example", ""):
        assert kembali_aman(req, buruk) == "", buruk
    assert kembali_aman(req, "/ksdd/baru/?a=1") == "/ksdd/baru/?a=1"


@pytest.mark.parametrize("url", ["/ksdd/baru/", "/ksdpk/baru/", "/ksdln/baru/", "/kerjasama/mulai/"])
def test_formulir_kasus_menautkan_tambah_mitra_bagi_sekretariat(klien, pengguna, url):
    c = klien(pengguna["tkksd"])
    isi = c.get(url).content.decode()
    assert "/kerjasama/referensi/mitra/baru/?" in isi and "kembali=" in isi, url


def test_formulir_kasus_tanpa_tautan_bagi_pd(klien, pengguna):
    isi = klien(pengguna["pd_dishub"]).get("/ksdd/baru/").content.decode()
    assert "/kerjasama/referensi/mitra/baru/" not in isi
