"""Concurrency on the real PostgreSQL (issue 8, item 5), through the HTTP API as users meet it:
many users taking the same transition at once, the sweep racing a user and another sweep, and an
upload interrupted midway (client gone, or an error inside the request)."""

import datetime
import os
import threading

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kerjasama import kalender, services
from kerjasama.models import Dokumen, KerjaSama, Notifikasi, RiwayatAudit, Tenggat, VersiDokumen
from tests.factories import PerjanjianLamaFactory

from .matriks import PDF

D = datetime.date


def serentak(n: int, fn) -> list:
    """Run fn(i) in n threads released together; each thread closes its own connection."""
    mulai = threading.Barrier(n)
    hasil: list = [None] * n

    def jalan(i):
        try:
            mulai.wait()
            hasil[i] = fn(i)
        except Exception as exc:  # reported by the caller's assertions
            hasil[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=jalan, args=(i,)) for i in range(n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return hasil


def berkas_tersimpan() -> list[str]:
    root = default_storage.location
    return [os.path.join(d, f) for d, _, files in os.walk(root) for f in files] if os.path.isdir(root) else []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_banyak_pengguna_api_transisi_sama_satu_200_sisanya_409_satu_audit(pengguna, pd_dishub, mitra_bogor):
    # Perwal 57/2023 Ps 79: ending a cooperation happens once, whoever clicks at the same moment.
    assert connection.vendor == "postgresql"
    lama = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)
    token = Token.objects.create(user=pengguna["tkksd"]).key
    n = 8

    def ambil(i):
        c = APIClient()
        c.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return c.post(f"/api/v1/kerjasama/{lama.pk}/transisi/akhiri/",
                      {"tanggal_selesai": timezone.localdate().isoformat(), "komentar": f"serentak {i}"},
                      format="json").status_code

    kode = serentak(n, ambil)
    assert sorted(kode) == [200] + [409] * (n - 1), kode
    assert RiwayatAudit.objects.filter(kerjasama_id=lama.pk, aksi="akhiri").count() == 1
    assert KerjaSama.objects.get(pk=lama.pk).tahap == "selesai"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_web_dan_api_bersamaan_satu_berhasil(pengguna, pd_dishub, mitra_bogor):
    lama = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)
    token = Token.objects.create(user=pengguna["tkksd"]).key
    data = {"tanggal_selesai": timezone.localdate().isoformat(), "komentar": "bersamaan"}

    def ambil(i):
        if i % 2:
            c = APIClient()
            c.credentials(HTTP_AUTHORIZATION=f"Token {token}")
            return c.post(f"/api/v1/kerjasama/{lama.pk}/transisi/akhiri/", data, format="json").status_code
        c = Client()
        c.force_login(pengguna["tkksd"])
        return c.post(reverse("kerjasama:transisi", args=[lama.pk, "akhiri"]), {**data, "_tahap": "pelaksanaan"}).status_code

    kode = serentak(6, ambil)
    # success is 200 (API) or 302 (web form redirect); every other answer is a 409
    assert sum(k in (200, 302) for k in kode) == 1, kode
    assert sorted(k for k in kode if k not in (200, 302)) == [409] * 5, kode
    assert RiwayatAudit.objects.filter(kerjasama_id=lama.pk, aksi="akhiri").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sapuan_dan_pengguna_bersamaan_kasus_berakhir_sekali(pengguna, pd_dishub, mitra_bogor):
    """The sweep ends a case at the end of its term (Ps 26(1)) while the Sekretariat ends it by hand
    (Ps 79): whichever wins, the case ends once and the other one does nothing."""
    kasus = [PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul=f"Lama {i}",
                                   tanggal_penandatanganan=D(2025, 1, 1), tanggal_mulai=D(2025, 1, 1),
                                   tanggal_berakhir=D(2025, 12, 31)) for i in range(6)]
    token = Token.objects.create(user=pengguna["tkksd"]).key
    now = kalender.akhir_hari(D(2026, 1, 1))

    def ambil(i):
        if i == 0:
            return services.tenggat_sweep(now=now)
        c = APIClient()
        c.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return c.post(f"/api/v1/kerjasama/{kasus[i - 1].pk}/transisi/akhiri/",
                      {"tanggal_selesai": "2025-12-31", "komentar": "diakhiri"}, format="json").status_code

    hasil = serentak(len(kasus) + 1, ambil)
    assert not any(isinstance(h, Exception) for h in hasil), hasil
    assert all(k in (200, 409) for k in hasil[1:]), hasil
    for ks in kasus:
        riwayat = RiwayatAudit.objects.filter(kerjasama_id=ks.pk, ke_tahap="selesai")
        assert riwayat.count() == 1, list(riwayat.values_list("aksi", flat=True))
        assert KerjaSama.objects.get(pk=ks.pk).tahap == "selesai"
        assert Tenggat.objects.get(kerjasama_id=ks.pk, aturan="masa_berlaku_perjanjian").status != "terbuka"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_tiga_sapuan_bersamaan_peringatan_dan_tindakan_masing_masing_sekali(pengguna, pd_dishub, mitra_bogor):
    hari_ini = timezone.localdate()
    awal = hari_ini - datetime.timedelta(days=400)
    jatuh = [PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul=f"J{i}",
                                   tanggal_penandatanganan=awal, tanggal_mulai=awal,
                                   tanggal_berakhir=hari_ini - datetime.timedelta(days=1)) for i in range(10)]
    # ending in 31 days: the 30-day reminder (peringatan_hari 180, 90, 30, 0) falls due tomorrow 00:00
    diingatkan = [PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                                        judul=f"P{i}", tanggal_penandatanganan=awal, tanggal_mulai=awal,
                                        tanggal_berakhir=hari_ini + datetime.timedelta(days=31)) for i in range(5)]
    Notifikasi.objects.all().delete()
    now = kalender.awal_hari(hari_ini + datetime.timedelta(days=1)) + datetime.timedelta(hours=1)
    laporan = serentak(3, lambda i: services.tenggat_sweep(now=now))
    assert not any(isinstance(h, Exception) for h in laporan), laporan
    semua = [baris for lap in laporan for baris in lap]
    for ks in jatuh:
        t = Tenggat.objects.get(kerjasama_id=ks.pk, aturan="masa_berlaku_perjanjian")
        # By rule and id: "#1 " alone also matches "kegiatan terjadwal #1" in a pemantauan line.
        kode = f"masa_berlaku_perjanjian #{t.pk} "
        assert sum(kode in baris for baris in semua if not baris.startswith("peringatan")) == 1, [
            baris for baris in semua if kode in baris]
        assert RiwayatAudit.objects.filter(kerjasama_id=ks.pk, aksi="berakhir_masa_berlaku").count() == 1
    for ks in diingatkan:
        t = Tenggat.objects.get(kerjasama_id=ks.pk, aturan="masa_berlaku_perjanjian")
        assert sum(baris.startswith("peringatan") and f"masa_berlaku_perjanjian #{t.pk} " in baris for baris in semua) == 1
        # one reminder per recipient (Sekretariat TKKSD and the PD's users), not one per sweep
        judul = Notifikasi.objects.filter(kerjasama_id=ks.pk, judul__startswith="Tenggat")
        assert judul.count() == judul.values("penerima").distinct().count() >= 1


# --- an upload interrupted midway ----------------------------------------------------------------


class PutusDiTengah:
    """A request body that breaks off after `batas` bytes, as when the client disconnects."""

    def __init__(self, isi: bytes, batas: int):
        self.isi, self.batas, self.pos = isi, batas, 0

    def read(self, size=-1):
        if self.pos >= self.batas:
            raise OSError("koneksi klien terputus")
        size = len(self.isi) - self.pos if size is None or size < 0 else size
        potong = self.isi[self.pos:min(self.pos + size, self.batas)]
        self.pos += len(potong)
        return potong

    def readline(self, size=-1):
        return self.read(size)


def _multipart(isi_berkas: bytes):
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    body = encode_multipart(BOUNDARY, {"jenis": "laporan", "judul": "Laporan terputus", "status": "draft",
                                       "berkas": SimpleUploadedFile("laporan.pdf", isi_berkas)})
    return body, MULTIPART_CONTENT


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("besar", [64 * 1024, 7 * 1024 * 1024], ids=["di-memori", "berkas-sementara"])
def test_unggahan_terputus_tidak_meninggalkan_berkas_atau_baris(pengguna, pd_dishub, mitra_bogor, settings, tmp_path,
                                                              besar):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "sementara")
    os.makedirs(settings.FILE_UPLOAD_TEMP_DIR)
    lama = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)
    body, content_type = _multipart(PDF + b"0" * besar)
    c = Client(raise_request_exception=False)
    c.force_login(pengguna["mitra_bogor"])
    url = reverse("kerjasama:dokumen_unggah", args=[lama.pk])
    r = c.generic("POST", url, data=b"", content_type=content_type,
                  **{"wsgi.input": PutusDiTengah(body, len(body) // 2), "CONTENT_LENGTH": str(len(body))})
    assert r.status_code != 201
    assert Dokumen.objects.filter(kerjasama=lama).count() == 0
    assert VersiDokumen.objects.count() == 0
    assert berkas_tersimpan() == []
    assert os.listdir(settings.FILE_UPLOAD_TEMP_DIR) == []  # the half-received temporary file is gone too
    assert not RiwayatAudit.objects.filter(kerjasama=lama, aksi="dokumen_diunggah").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("titik", ["audit", "simpan_versi"])
def test_galat_di_tengah_permintaan_unggah_tidak_meninggalkan_berkas_atau_baris(pengguna, pd_dishub, mitra_bogor,
                                                                               monkeypatch, titik):
    lama = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)

    def gagal(*args, **kwargs):
        raise RuntimeError("server mati di tengah permintaan")

    if titik == "audit":  # after the file was written and its row saved, before the commit
        monkeypatch.setattr(services, "audit_catat", gagal)
    else:
        monkeypatch.setattr(VersiDokumen, "save", gagal)
    c = APIClient(raise_request_exception=False)
    c.force_login(pengguna["pd_dishub"])
    r = c.post(f"/api/v1/kerjasama/{lama.pk}/dokumen/", {"jenis": "laporan", "berkas": SimpleUploadedFile("l.pdf", PDF)},
               format="multipart")
    assert r.status_code == 500
    assert Dokumen.objects.filter(kerjasama=lama).count() == 0
    assert VersiDokumen.objects.count() == 0
    assert berkas_tersimpan() == []
