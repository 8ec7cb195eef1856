"""Backups and restore (`cadangkan`, `pulihkan`; docs/deploy.md "Cadangan"): one dated archive with a
SHA-256 manifest; restore verifies it first and brings back every row and document byte for byte."""

import datetime
import hashlib
import io
import json
import tarfile
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from kerjasama import cadangan
from kerjasama.models import KerjaSama, Pengguna, RiwayatAudit, VersiDokumen
from tests.factories import PenggunaFactory, PerangkatDaerahFactory


def _potret() -> dict:
    """Every row of every table (by primary key) and every stored document's bytes (as SHA-256)."""
    baris = {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models() if model._meta.managed and not model._meta.proxy
    }
    lokasi = Path(default_storage.location)
    berkas = {str(p.relative_to(lokasi)): hashlib.sha256(p.read_bytes()).hexdigest()
              for p in sorted(lokasi.rglob("*")) if p.is_file()}
    return {"baris": baris, "berkas": berkas}


def _kosongkan():
    call_command("flush", "--noinput")
    for p in sorted(Path(default_storage.location).rglob("*"), reverse=True):
        p.unlink() if p.is_file() else p.rmdir()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_cadangan_demo_dihapus_lalu_dipulihkan_identik(tmp_path):
    """The demo city backed up with pg_dump, wiped, restored: every case, audit row and document is back,
    byte-identical."""
    call_command("seed_demo", "--izinkan-produksi", "--password", "uji-cadangan")
    sebelum = _potret()
    assert KerjaSama.objects.count() > 10 and RiwayatAudit.objects.count() > 10
    assert VersiDokumen.objects.exists() and sebelum["berkas"]

    out = io.StringIO()
    call_command("cadangkan", "--tujuan", str(tmp_path / "cadangan"), stdout=out)
    (arsip,) = (tmp_path / "cadangan").glob("siksd-cadangan-*.tar")
    with tarfile.open(arsip) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["basis_data"] == "postgresql" and "basis-data/siksd.dump" in manifest["berkas"]
    assert {f"dokumen/{p}" for p in sebelum["berkas"]} <= set(manifest["berkas"])

    _kosongkan()
    assert not KerjaSama.objects.exists() and not RiwayatAudit.objects.exists()

    call_command("pulihkan", str(arsip), "--noinput", stdout=io.StringIO())
    sesudah = _potret()
    assert sesudah["berkas"] == sebelum["berkas"]
    for label in ("kerjasama.KerjaSama", "kerjasama.RiwayatAudit", "kerjasama.Dokumen", "kerjasama.VersiDokumen"):
        assert sesudah["baris"][label] == sebelum["baris"][label], label
    assert sesudah["baris"] == sebelum["baris"]
    for versi in VersiDokumen.objects.all():  # each document through Django's storage, as the app reads it
        with versi.berkas.open("rb") as f:
            assert hashlib.sha256(f.read()).hexdigest() == sebelum["berkas"][versi.berkas.name]
    assert Pengguna.objects.get(username="tkksd").check_password("uji-cadangan")


@pytest.mark.django_db(transaction=True)
def test_cadangan_sqlite_atau_postgres_pulang_pergi_dan_manifest_diperiksa(tmp_path):
    """The same round trip on whatever database the run uses (SQLite through its backup API on a bare
    machine); a changed byte in the archive stops the restore before anything is touched."""
    PerangkatDaerahFactory(kode="DISHUB", nama="Dinas Perhubungan", singkatan="Dishub")
    PenggunaFactory(username="operator")
    default_storage.save("kasus/1/kak.pdf", ContentFile(b"%PDF-1.7 isi asli \x00\xff"))
    sebelum = _potret()

    arsip = cadangan.buat_cadangan(tmp_path / "c")
    assert oct(arsip.stat().st_mode & 0o777) == "0o600"
    rusak = tmp_path / "rusak.tar"
    with tarfile.open(arsip) as asli, tarfile.open(rusak, "w") as tiruan:
        for anggota in asli.getmembers():
            data = asli.extractfile(anggota).read()
            if anggota.name == "dokumen/kasus/1/kak.pdf":
                data = data.replace(b"asli", b"ubah")
            tiruan.addfile(anggota, io.BytesIO(data))

    _kosongkan()
    PenggunaFactory(username="setelah_cadangan")
    with pytest.raises(CommandError, match="Checksum SHA-256 dokumen/kasus/1/kak.pdf"):
        call_command("pulihkan", str(rusak), "--noinput")
    assert Pengguna.objects.filter(username="setelah_cadangan").exists()  # nothing was touched

    call_command("pulihkan", str(arsip), "--noinput", stdout=io.StringIO())
    assert _potret() == sebelum
    assert not Pengguna.objects.filter(username="setelah_cadangan").exists()


def test_pulihkan_menolak_arsip_tanpa_manifest(tmp_path):
    arsip = tmp_path / "siksd-cadangan-20260101-000000.tar"
    with tarfile.open(arsip, "w") as tar:
        info = tarfile.TarInfo("dokumen/a.pdf")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(CommandError, match="manifest.json"):
        call_command("pulihkan", str(arsip), "--noinput")


def test_retensi_harian_mingguan_bulanan(tmp_path):
    """Archives twice a day for 120 days: 7 daily, 4 weekly and 6 monthly survive (overlapping), always the
    newest of each period; other files in the folder are left alone."""
    awal = datetime.datetime(2026, 8, 1, 1, 0)
    for jam in range(0, 120 * 24, 12):
        w = awal + datetime.timedelta(hours=jam)
        (tmp_path / f"siksd-cadangan-{w:%Y%m%d-%H%M%S}.tar").write_bytes(b"")
    (tmp_path / "catatan.txt").write_text("bukan arsip")
    dihapus = cadangan.terapkan_retensi(tmp_path, harian=7, mingguan=4, bulanan=6)
    tersisa = sorted(cadangan.waktu_arsip(p) for p in tmp_path.glob("siksd-cadangan-*.tar"))
    terbaru = awal + datetime.timedelta(hours=120 * 24 - 12)
    assert tersisa[-1] == terbaru
    harian = {w.date() for w in tersisa if w.date() > terbaru.date() - datetime.timedelta(days=7)}
    assert len(harian) == 7
    assert all(w.hour == 13 for w in tersisa)  # the newest of its day
    assert {(w.year, w.month) for w in tersisa} == {(2026, m) for m in (8, 9, 10, 11)}  # only 4 months exist
    assert len(tersisa) <= 7 + 4 + 6 and len(dihapus) == 240 - len(tersisa)
    assert (tmp_path / "catatan.txt").exists()
