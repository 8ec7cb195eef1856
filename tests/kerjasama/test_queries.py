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


@pytest.mark.django_db
def test_api_registri_kasus_berjalan_konstan_dan_transisinya_sama_dengan_detail(pengguna, pd_dishub, mitra_bogor, api):
    """Each row's `transisi_tersedia` is evaluated with the conditions of pelaksanaan (open amendment, extension,
    external report; KSDPL extension requests) read from rows prefetched for the whole page: the list's query count
    does not grow with the cases, and each row answers exactly as the case's own detail does."""
    from ksdd.models import PerpanjanganKsdd, PerubahanPksKsdd
    from ksdln.models import PermohonanPerpanjangan
    from tests.ksdd.factories import KasusKsddFactory
    from tests.ksdln.factories import KasusKsdlnFactory, hamamatsu

    jepang = hamamatsu()

    def tambah(i: int):
        k = KasusKsddFactory(by=pengguna["tkksd"], pelaksanaan=True, perangkat_daerah=pd_dishub, mitra=mitra_bogor)
        if i % 3 == 0:
            PerubahanPksKsdd.objects.create(kerjasama=k, ke=1, uraian="Rute baru", alasan="Permintaan warga",
                                            menambah_beban=False, status=PerubahanPksKsdd.Status.PENANDATANGANAN)
        elif i % 3 == 1:
            PerpanjanganKsdd.objects.create(kerjasama=k, pemohon="daerah", status=PerpanjanganKsdd.Status.DISETUJUI,
                                            tanggal_mulai=k.tanggal_berakhir, tanggal_berakhir=k.tanggal_berakhir)
        ln = KasusKsdlnFactory(by=pengguna["tkksd"], pelaksanaan=True, perangkat_daerah=pd_dishub, mitra=jepang)
        if i % 2:
            PermohonanPerpanjangan.objects.create(kasus=ln, tanggal_berakhir_lama=ln.tanggal_berakhir,
                                                  batas=ln.tanggal_berakhir, tanggal_dikirim=ln.tanggal_berakhir,
                                                  dicatat_oleh=pengguna["tkksd"])

    c = api(pengguna["walikota"])
    for i in range(2):
        tambah(i)
    c.get("/api/v1/kerjasama/")  # warm the per-request caches
    sedikit = jumlah_query(lambda: c.get("/api/v1/kerjasama/"))
    for i in range(2, 8):
        tambah(i)
    with CaptureQueriesContext(connection) as ctx:
        daftar = c.get("/api/v1/kerjasama/").json()["results"]
    assert len(ctx.captured_queries) <= sedikit
    assert len(daftar) == 16
    nama = {row["id"]: sorted(t["nama"] for t in row["transisi_tersedia"]) for row in daftar}
    assert any("tandatangani_perubahan" in n for n in nama.values())
    assert any("tandatangani_perpanjangan" in n for n in nama.values())
    for pk, n in nama.items():
        detail = c.get(f"/api/v1/kerjasama/{pk}/").json()
        assert n == sorted(t["nama"] for t in detail["transisi_tersedia"]), pk
