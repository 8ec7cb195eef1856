"""Helpers for the KSDD tests: upload a document and take a step, through the web or the API, as a user."""

import datetime
import json

import pytest

from kerjasama.models import Dokumen
from ksdd.dokumen_contoh import berkas_contoh
from ksdd.models import KasusKsdd

HARI_INI = datetime.date(2026, 3, 2)  # Monday


def iso(tanggal: datetime.date) -> str:
    return tanggal.isoformat()


@pytest.fixture
def beku(time_machine):
    """The tests run on Monday 2 March 2026, 10:00 WIB."""
    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))),
                         tick=False)
    return HARI_INI


@pytest.fixture
def kadishub(pengguna, pd_dishub):
    """The head of DISHUB, who may receive a surat kuasa (Ps 29(2))."""
    from kerjasama.constants import Peran
    from tests.factories import PenggunaFactory

    return PenggunaFactory(username="kadishub", first_name="Kepala", last_name="Dishub", peran=[Peran.PD],
                           perangkat_daerah=pd_dishub, jabatan="Kepala Dinas Perhubungan")


class Web:
    """A logged-in browser session for one user (Django test client)."""

    def __init__(self, client, user):
        self._c = client
        self.user = user

    @property
    def c(self):
        # One test client serves every user: log in as this one before each request.
        self._c.force_login(self.user)
        return self._c

    def get(self, url):
        return self.c.get(url)

    def unggah(self, kasus, jenis, judul) -> int:
        r = self.c.post(f"/kerjasama/{kasus.pk}/dokumen/unggah/",
                        {"jenis": jenis, "judul": judul, "status": "final", "berkas": berkas_contoh(judul, f"{jenis}.pdf")})
        assert r.status_code == 302, r.status_code
        return Dokumen.objects.filter(kerjasama_id=kasus.pk, judul=judul).latest("id").pk

    def langkah(self, kasus, nama, status=302, **data) -> KasusKsdd:
        data = {k: (json.dumps(v) if isinstance(v, list) else v) for k, v in data.items()}
        if status == 302:
            # The form the user fills in first: it shows the step's Pasal.
            halaman = self.c.get(f"/kerjasama/{kasus.pk}/transisi/{nama}/")
            assert halaman.status_code == 200, (nama, halaman.status_code)
            assert "Dasar hukum: Perwal Bekasi 57/2023 Pasal" in halaman.content.decode(), nama
        r = self.c.post(f"/kerjasama/{kasus.pk}/transisi/{nama}/", data)
        galat = r.context["form"].errors if r.context and "form" in r.context else r.content.decode()[-1500:]
        assert r.status_code == status, (nama, r.status_code, galat)
        return KasusKsdd.objects.get(pk=kasus.pk)


class Api:
    """A token-authenticated API client for one user."""

    def __init__(self, api, user):
        self.c = api(user)
        self.user = user

    def unggah(self, kasus_id, jenis, judul) -> int:
        r = self.c.post(f"/api/v1/kerjasama/{kasus_id}/dokumen/",
                        {"jenis": jenis, "judul": judul, "berkas": berkas_contoh(judul, f"{jenis}.pdf")}, format="multipart")
        assert r.status_code == 201, r.content
        daftar = self.c.get(f"/api/v1/kerjasama/{kasus_id}/dokumen/").json()
        return max(d["id"] for d in daftar if d["judul"] == judul)

    def langkah(self, kasus_id, nama, status=200, **data) -> dict:
        r = self.c.post(f"/api/v1/ksdd/{kasus_id}/transisi/{nama}/", data, format="json")
        assert r.status_code == status, (nama, r.status_code, r.content.decode()[:3000])
        return r.json()


@pytest.fixture
def web(client):
    return lambda user: Web(client, user)


@pytest.fixture
def rest(api):
    return lambda user: Api(api, user)
