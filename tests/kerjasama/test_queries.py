"""Query counts of the registry page, the case page and the registry API are constant in the
number of rows (no N+1)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from kerjasama import services
from tests.factories import MitraFactory, PerjanjianLamaFactory

PDF = b"%PDF-1.4\n%%EOF\n"


def jumlah_query(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        r = fn()
    assert r.status_code == 200
    return len(ctx.captured_queries)


def tambah_kasus(pengguna, pd, n):
    for i in range(n):
        PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd, mitra=MitraFactory(), judul=f"Kasus {i}")


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["tkksd", "pd_dishub"])
def test_halaman_registri_konstan(pengguna, pd_dishub, klien, username, django_assert_max_num_queries):
    c = klien(pengguna[username])
    tambah_kasus(pengguna, pd_dishub, 2)
    sedikit = jumlah_query(lambda: c.get(reverse("kerjasama:registry")))
    tambah_kasus(pengguna, pd_dishub, 12)
    with django_assert_max_num_queries(sedikit):
        c.get(reverse("kerjasama:registry"))


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["tkksd", "pd_dishub"])
def test_api_registri_konstan(pengguna, pd_dishub, api, username, django_assert_max_num_queries):
    c = api(pengguna[username])
    tambah_kasus(pengguna, pd_dishub, 2)
    sedikit = jumlah_query(lambda: c.get("/api/v1/kerjasama/"))
    tambah_kasus(pengguna, pd_dishub, 12)
    with django_assert_max_num_queries(sedikit):
        c.get("/api/v1/kerjasama/")


@pytest.mark.django_db
def test_halaman_kasus_konstan_terhadap_dokumen_dan_riwayat(pengguna, pd_dishub, mitra_bogor, klien,
                                                             django_assert_max_num_queries):
    ks = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)
    c = klien(pengguna["pd_dishub"])
    url = reverse("kerjasama:detail", args=[ks.pk])
    services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=ks, jenis="pks", berkas=SimpleUploadedFile("a.pdf", PDF))
    sedikit = jumlah_query(lambda: c.get(url))
    for i in range(10):
        v = services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=ks, jenis="lainnya", judul=f"D{i}",
                                    berkas=SimpleUploadedFile(f"d{i}.pdf", PDF))
        services.dokumen_unggah(by=pengguna["pd_dishub"], dokumen=v.dokumen, jenis="lainnya",
                                berkas=SimpleUploadedFile(f"d{i}b.pdf", PDF))
    with django_assert_max_num_queries(sedikit):
        c.get(url)
