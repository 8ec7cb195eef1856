"""Issue 12 item 7: bad input answers 400 in Indonesian and nothing is lost; an e-mail never silently fails."""

import datetime
import smtplib

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from kerjasama.models import Notifikasi, VersiDokumen
from kerjasama.services import nama_berkas_aman, notifikasi_kirim
from tests.factories import PerjanjianLamaFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def lama(pengguna, pd_dishub, mitra_bogor):
    return PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)


# --- file names ---------------------------------------------------------------------------------


def test_nama_berkas_151_karakter_diterima_lewat_web_dan_api(lama, pengguna, klien, api):
    nama = "Laporan pelaksanaan kerja sama " + "x" * (151 - 31 - 4) + ".pdf"
    assert len(nama) == 151
    r = klien(pengguna["tkksd"]).post(reverse("kerjasama:dokumen_unggah", args=[lama.pk]), {
        "jenis": "laporan", "judul": "Laporan", "status": "draft", "berkas": SimpleUploadedFile(nama, PDF)}, follow=True)
    assert "versi 1 tersimpan" in r.content.decode()
    r = api(pengguna["tkksd"]).post(f"/api/v1/kerjasama/{lama.pk}/dokumen/",
                                    {"jenis": "laporan", "berkas": SimpleUploadedFile(nama, PDF)}, format="multipart")
    assert r.status_code == 201, r.content
    for versi in VersiDokumen.objects.all():
        assert versi.nama_berkas.endswith(".pdf") and len(versi.nama_berkas) <= 150


def test_nama_berkas_sangat_panjang_dipendekkan_dengan_ekstensi():
    assert nama_berkas_aman("a" * 500 + ".docx") == "a" * 145 + ".docx"
    assert nama_berkas_aman("pendek.pdf") == "pendek.pdf"


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize("tanggal", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
def test_tanggal_di_luar_1900_2100_ditolak_di_formulir_dan_api(lama, pengguna, klien, api, tanggal):
    from kerjasama.models import KerjaSama

    sebelum = KerjaSama.objects.count()
    r = klien(pengguna["tkksd"]).post(reverse("kerjasama:perjanjian_lama_baru"), {
        "judul": "Lama", "jenis": "KSDD", "perangkat_daerah": lama.perangkat_daerah_id, "mitra": lama.mitra_id,
        "tanggal_penandatanganan": tanggal, "tanggal_mulai": tanggal, "tanggal_berakhir": tanggal})
    assert r.status_code in (200, 400)
    assert "antara tahun 1900 dan 2100" in r.content.decode()
    assert KerjaSama.objects.count() == sebelum
    # a stage step's date through the API (the same isian form): Ps 79 end of a cooperation
    r = api(pengguna["tkksd"]).post(f"/api/v1/kerjasama/{lama.pk}/transisi/akhiri/",
                                    {"tanggal_selesai": tanggal, "komentar": "Uji"}, format="json")
    assert r.status_code == 400, r.content
    assert "antara tahun 1900 dan 2100" in r.content.decode()
    assert KerjaSama.objects.get(pk=lama.pk).tahap == "pelaksanaan"


def test_tanggal_wajar_tetap_diterima():
    from django import forms

    assert forms.DateField().clean("2026-03-02") == datetime.date(2026, 3, 2)


# --- long texts ---------------------------------------------------------------------------------


def test_teks_panjang_dibatasi_dengan_pesan(lama, pengguna, api):
    r = api(pengguna["tkksd"]).post(f"/api/v1/kerjasama/{lama.pk}/transisi/akhiri/",
                                    {"tanggal_selesai": "2026-01-01", "komentar": "x" * 10_001}, format="json")
    assert r.status_code == 400, r.content
    assert "10000" in r.content.decode().replace(".", "")


# --- e-mail -------------------------------------------------------------------------------------


def test_crlf_pada_nama_mitra_tidak_menggagalkan_surel(lama, pengguna, django_capture_on_commit_callbacks):
    """A CR/LF in a partner's name reached the subject: the e-mail failed, silently."""
    pengguna["mitra_bogor"].email = "mitra@bogor.example"
    pengguna["mitra_bogor"].save()
    with django_capture_on_commit_callbacks(execute=True):
        notifikasi_kirim(penerima=[pengguna["mitra_bogor"]], kerjasama=lama,
                         judul=f"{lama.nomor}: PT Jahat\r\nBcc: korban@example.com", pesan="Uji")
    assert len(mail.outbox) == 1
    pesan = mail.outbox[0]
    assert "\n" not in pesan.subject and "\r" not in pesan.subject
    assert pesan.to == ["mitra@bogor.example"] and not pesan.bcc
    assert "\n" not in Notifikasi.objects.get().judul


class _SmtpMati:
    """An e-mail backend whose server refuses: every send raises, as a down SMTP relay does."""

    percobaan = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        type(self).percobaan += 1
        raise smtplib.SMTPServerDisconnected("relay tidak tersedia")


def test_surel_gagal_dicoba_lagi_dan_dicatat(lama, pengguna, settings, caplog, django_capture_on_commit_callbacks):
    from kerjasama.tasks import SUREL_PERCOBAAN_MAKS

    settings.EMAIL_BACKEND = "tests.kerjasama.test_masukan._SmtpMati"
    _SmtpMati.percobaan = 0
    pengguna["tkksd"].email = "tkksd@bekasikota.example"
    pengguna["tkksd"].save()
    with django_capture_on_commit_callbacks(execute=True):
        notifikasi_kirim(penerima=[pengguna["tkksd"]], kerjasama=lama, judul="Uji surel", pesan="Isi")
    # the in-app notification exists once; the e-mail was tried 1 + SUREL_PERCOBAAN_MAKS times, each failure logged
    assert Notifikasi.objects.filter(penerima=pengguna["tkksd"]).count() == 1
    assert _SmtpMati.percobaan == 1 + SUREL_PERCOBAAN_MAKS
    peringatan = [r for r in caplog.records if r.name == "kerjasama.tasks" and r.levelname == "WARNING"]
    galat = [r for r in caplog.records if r.name == "kerjasama.tasks" and r.levelname == "ERROR"]
    assert len(peringatan) == SUREL_PERCOBAAN_MAKS and len(galat) == 1
    assert "gagal setelah" in galat[0].getMessage()


# --- a lost race on SQLite ----------------------------------------------------------------------


def test_sqlite_mengambil_kunci_tulis_di_awal_transaksi():
    """The embedded default begins each transaction with the write lock (BEGIN IMMEDIATE) and waits for
    another writer, so that the loser of a race reads the new stage (409) instead of failing to upgrade."""
    from django.db import connection

    opsi = connection.settings_dict.get("OPTIONS", {})
    if connection.vendor == "sqlite":
        assert opsi["transaction_mode"] == "IMMEDIATE" and opsi["timeout"] >= 5
    else:  # PostgreSQL locks the case's row (tests/quality/test_konkurensi.py)
        assert "transaction_mode" not in opsi


def test_database_is_locked_dijawab_409(lama, pengguna, api, klien, monkeypatch):
    from django.db import OperationalError

    from kerjasama import services

    def terkunci(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "_jalankan", terkunci)
    r = api(pengguna["tkksd"]).post(f"/api/v1/kerjasama/{lama.pk}/transisi/akhiri/",
                                    {"tanggal_selesai": "2026-01-01", "komentar": "Uji"}, format="json")
    assert r.status_code == 409, r.content
    assert "sedang diubah oleh pengguna lain" in r.content.decode()
    r = klien(pengguna["tkksd"]).post(reverse("kerjasama:transisi", args=[lama.pk, "akhiri"]),
                                      {"tanggal_selesai": "2026-01-01", "komentar": "Uji"})
    assert r.status_code == 409
