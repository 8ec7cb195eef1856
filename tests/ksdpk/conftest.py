"""KSDPK test fixtures: the third parties, the frozen day, and one way to take a step or upload a document,
through the web pages or the API, as a real user."""

import datetime
import json

import pytest

from kerjasama.models import Dokumen, KerjaSama
from ksdd.dokumen_contoh import berkas_contoh
from tests.factories import MitraFactory, PenggunaFactory

D = datetime.date


def iso(tanggal: datetime.date) -> str:
    return tanggal.isoformat()


@pytest.fixture
def beku(time_machine):
    """Monday 2 March 2026, 10:00 WIB, standing still."""
    time_machine.move_to("2026-03-02T10:00:00+07:00", tick=False)
    return D(2026, 3, 2)


def _pihak_ketiga(mitra, bentuk_hukum, jabatan):
    mitra.bentuk_hukum, mitra.jabatan_pimpinan, mitra.nama_pimpinan = bentuk_hukum, jabatan, jabatan
    mitra.save()
    return mitra


@pytest.fixture
def pt(pengguna):
    """The third party of the user `mitra_pt` ("PT Lain" in tests/conftest.py), a limited company."""
    return _pihak_ketiga(pengguna["mitra_pt"].mitra, "Perseroan Terbatas", "Direktur Utama")


@pytest.fixture
def pt_tiket(db):
    return _pihak_ketiga(MitraFactory(nama="PT Solusi Tiket Nusantara", jenis="pihak_ketiga"), "Perseroan Terbatas",
                         "Direktur Utama")


@pytest.fixture
def koperasi(db):
    return _pihak_ketiga(MitraFactory(nama="Koperasi Angkutan Bekasi Raya", jenis="pihak_ketiga"), "Koperasi", "Ketua Pengurus")


@pytest.fixture
def kadishub(pengguna, pd_dishub):
    """The head of DISHUB, who may receive a surat kuasa (Ps 45(2))."""
    from kerjasama.constants import Peran

    return PenggunaFactory(username="kadishub", first_name="Kepala", last_name="Dishub", peran=[Peran.PD],
                           perangkat_daerah=pd_dishub, jabatan="Kepala Dinas Perhubungan")


def _isian(data: dict) -> dict:
    return {k: (json.dumps(v) if isinstance(v, list) else v) for k, v in data.items()}


@pytest.fixture
def halaman(client):
    """`halaman(user)` → a function-kit for that user on the web pages: get, post, unggah, langkah."""

    def untuk(user):
        def masuk():
            client.force_login(user)  # one client serves every user
            return client

        def unggah(kasus, jenis, judul) -> int:
            r = masuk().post(f"/kerjasama/{kasus.pk}/dokumen/unggah/", {
                "jenis": jenis, "judul": judul, "status": "final", "berkas": berkas_contoh(judul, f"{jenis}.pdf")})
            assert r.status_code == 302, r.status_code
            return Dokumen.objects.filter(kerjasama_id=kasus.pk, judul=judul).latest("id").pk

        def langkah(kasus, nama, status=302, **data):
            if status == 302:
                # The form the user fills in first says its legal basis.
                form = masuk().get(f"/kerjasama/{kasus.pk}/transisi/{nama}/")
                assert form.status_code == 200, (nama, form.status_code)
                assert "Dasar hukum: Perwal Bekasi 57/2023 Pasal" in form.content.decode(), nama
            r = masuk().post(f"/kerjasama/{kasus.pk}/transisi/{nama}/", _isian(data))
            assert r.status_code == status, (nama, r.status_code, r.context["form"].errors if r.context and "form" in r.context
                                             else r.content.decode()[-800:])
            return KerjaSama.objects.get(pk=kasus.pk).kasus() if status == 302 else r

        return type("Halaman", (), {"c": property(lambda self: masuk()), "get": staticmethod(lambda url: masuk().get(url)),
                                    "post": staticmethod(lambda url, data=None: masuk().post(url, data or {})),
                                    "unggah": staticmethod(unggah), "langkah": staticmethod(langkah), "user": user})()

    return untuk


@pytest.fixture
def klien_api(api):
    """`klien_api(user)` → the API for that user: `.c` (APIClient), `.unggah`, `.langkah` (on /api/v1/ksdpk/)."""

    class KlienApi:
        def __init__(self, user):
            self.user, self.c = user, api(user)

        def unggah(self, kasus_id, jenis, judul) -> int:
            r = self.c.post(f"/api/v1/kerjasama/{kasus_id}/dokumen/", {
                "jenis": jenis, "judul": judul, "berkas": berkas_contoh(judul, f"{jenis}.pdf")}, format="multipart")
            assert r.status_code == 201, r.content
            return Dokumen.objects.filter(kerjasama_id=kasus_id, judul=judul).latest("id").pk

        def langkah(self, kasus_id, nama, status=200, **data):
            r = self.c.post(f"/api/v1/ksdpk/{kasus_id}/transisi/{nama}/", data, format="json")
            assert r.status_code == status, (nama, r.status_code, r.content.decode()[:2000])
            return r.json()

        def baca(self, kasus_id):
            return self.c.get(f"/api/v1/ksdpk/{kasus_id}/").json()

    return KlienApi
