"""Backups and restore (`manage.py cadangkan`, `manage.py pulihkan`): the database and the private
documents in one dated archive with a manifest of SHA-256 checksums, and a retention policy.

Archive `siksd-cadangan-YYYYMMDD-HHMMSS.tar` (uncompressed: pg_dump's custom format is compressed already,
documents are mostly PDFs):
    manifest.json           version, moment, database vendor, and {path: sha256} of every file below
    SHA256SUMS              the same checksums, for `sha256sum -c` by hand
    basis-data/siksd.dump   pg_dump --format=custom (PostgreSQL), or
    basis-data/siksd.sqlite3  a copy through SQLite's online backup API
    dokumen/…               PRIVATE_MEDIA_ROOT, as it is on disk

Consistency: pg_dump reads one snapshot; SQLite's backup API copies a consistent image. The database
is dumped *before* the documents are copied: documents are written before the rows that name them and
never changed in place (a new version is a new file), so every file the dumped rows name is present.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

AWALAN = "siksd-cadangan-"
FORMAT_WAKTU = "%Y%m%d-%H%M%S"
VERSI_MANIFEST = 1


class GalatCadangan(Exception):
    """A backup or restore that cannot go on; the message is for the operator, in Indonesian."""


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


def lokasi_dokumen() -> Path:
    return Path(default_storage.location)


def _env_pg() -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    for kunci, nilai in (("PGHOST", db.get("HOST")), ("PGPORT", db.get("PORT")), ("PGUSER", db.get("USER")),
                         ("PGPASSWORD", db.get("PASSWORD")), ("PGDATABASE", db.get("NAME"))):
        if nilai:
            env[kunci] = str(nilai)
    return env


def _jalankan(perintah: list[str], **kwargs) -> None:
    try:
        hasil = subprocess.run(perintah, capture_output=True, text=True, env=_env_pg(), **kwargs)
    except FileNotFoundError as exc:
        raise GalatCadangan(f"Program {perintah[0]} tidak ditemukan (pasang postgresql-client).") from exc
    if hasil.returncode != 0:
        raise GalatCadangan(f"{perintah[0]} gagal ({hasil.returncode}): {hasil.stderr.strip()[-2000:]}")


def _salin_basis_data(folder: Path) -> str:
    """The database into folder/; returns the file's name inside the archive."""
    if connection.vendor == "postgresql":
        tujuan = folder / "siksd.dump"
        _jalankan(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(tujuan)])
        return "basis-data/siksd.dump"
    if connection.vendor == "sqlite":
        tujuan = folder / "siksd.sqlite3"
        connection.ensure_connection()
        salinan = sqlite3.connect(tujuan)
        try:
            connection.connection.backup(salinan)  # the online backup API: a consistent image
        finally:
            salinan.close()
        return "basis-data/siksd.sqlite3"
    raise GalatCadangan(f"Basis data {connection.vendor} tidak didukung untuk pencadangan.")


def buat_cadangan(tujuan: Path, sekarang: datetime.datetime | None = None) -> Path:
    """Writes one archive into `tujuan` and returns its path. The archive appears complete or not at all
    (written under a temporary name, then renamed)."""
    sekarang = timezone.localtime(sekarang or timezone.now())
    tujuan.mkdir(parents=True, exist_ok=True)
    nama = f"{AWALAN}{sekarang.strftime(FORMAT_WAKTU)}.tar"
    with tempfile.TemporaryDirectory(prefix="siksd-cadangan-") as kerja:
        kerja = Path(kerja)
        (kerja / "basis-data").mkdir()
        isi = [_salin_basis_data(kerja / "basis-data")]
        dokumen = lokasi_dokumen()
        if dokumen.is_dir():
            shutil.copytree(dokumen, kerja / "dokumen", symlinks=False)
            isi += sorted(str(p.relative_to(kerja)) for p in (kerja / "dokumen").rglob("*") if p.is_file())
        checksum = {path: _sha256(kerja / path) for path in isi}
        manifest = {
            "versi": VERSI_MANIFEST,
            "dibuat": sekarang.isoformat(),
            "basis_data": connection.vendor,
            "jumlah_dokumen": len(isi) - 1,
            "berkas": checksum,
        }
        sementara = tujuan / f".{nama}.sementara"
        with tarfile.open(sementara, "w") as tar:
            _tambah_teks(tar, "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
            _tambah_teks(tar, "SHA256SUMS", "".join(f"{h}  {p}\n" for p, h in checksum.items()))
            for path in isi:
                tar.add(kerja / path, arcname=path, recursive=False)
        os.chmod(sementara, 0o600)  # the archive holds every confidential document
        hasil = tujuan / nama
        os.replace(sementara, hasil)
    return hasil


def _tambah_teks(tar: tarfile.TarFile, nama: str, teks: str) -> None:
    data = teks.encode()
    info = tarfile.TarInfo(nama)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


@dataclass
class ArsipTerperiksa:
    manifest: dict
    folder: Path  # the archive's files, unpacked and verified


def periksa_dan_buka(arsip: Path, folder: Path) -> ArsipTerperiksa:
    """Unpacks `arsip` into `folder` and verifies it against its manifest: every listed file present with
    its checksum, nothing else, no path outside the archive. Raises GalatCadangan otherwise."""
    if not arsip.is_file():
        raise GalatCadangan(f"Arsip {arsip} tidak ditemukan.")
    try:
        with tarfile.open(arsip, "r") as tar:
            anggota = tar.getmembers()
            for a in anggota:
                if not a.isfile() or a.name.startswith("/") or ".." in Path(a.name).parts:
                    raise GalatCadangan(f"Arsip berisi entri yang tidak diizinkan: {a.name}")
            tar.extractall(folder, filter="data")
    except tarfile.TarError as exc:
        raise GalatCadangan(f"Arsip {arsip.name} rusak atau bukan arsip cadangan SIKSD ({exc}).") from exc
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
        berkas = manifest["berkas"]
    except (OSError, ValueError, KeyError) as exc:
        raise GalatCadangan("Arsip tidak memiliki manifest.json yang sah.") from exc
    if manifest.get("versi") != VERSI_MANIFEST:
        raise GalatCadangan(f"Versi manifest {manifest.get('versi')} tidak dikenal.")
    ada = {a.name for a in anggota} - {"manifest.json", "SHA256SUMS"}
    if ada != set(berkas):
        lebih, kurang = sorted(ada - set(berkas)), sorted(set(berkas) - ada)
        raise GalatCadangan(f"Isi arsip tidak sesuai manifest (tidak tercatat: {lebih[:5]}, hilang: {kurang[:5]}).")
    for path, harapan in berkas.items():
        if _sha256(folder / path) != harapan:
            raise GalatCadangan(f"Checksum SHA-256 {path} tidak cocok dengan manifest: arsip rusak atau diubah.")
    return ArsipTerperiksa(manifest=manifest, folder=folder)


def pulihkan(terperiksa: ArsipTerperiksa) -> None:
    """Replaces the database and the documents with the verified archive's contents."""
    vendor = terperiksa.manifest["basis_data"]
    if vendor != connection.vendor:
        raise GalatCadangan(f"Cadangan dari {vendor} tidak dapat dipulihkan ke {connection.vendor}.")
    if vendor == "postgresql":
        _pulihkan_postgres(terperiksa.folder / "basis-data" / "siksd.dump")
    else:
        _pulihkan_sqlite(terperiksa.folder / "basis-data" / "siksd.sqlite3")
    _pulihkan_dokumen(terperiksa.folder / "dokumen")


def _pulihkan_postgres(dump: Path) -> None:
    """One transaction: the schema is emptied and the dump loaded, or (on any error) nothing changes."""
    skrip = dump.with_suffix(".sql")
    _jalankan(["pg_restore", "--no-owner", "--no-privileges", "--file", str(skrip), str(dump)])
    pembuka = dump.with_name("pulihkan.sql")
    pembuka.write_text(
        "DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n"
        f"\\i {skrip}\n"
    )
    connection.close()  # our own session would hold locks the DROP waits for
    _jalankan(["psql", "--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", "--single-transaction",
               "--file", str(pembuka)])


def _pulihkan_sqlite(salinan: Path) -> None:
    sumber = sqlite3.connect(salinan)
    try:
        connection.ensure_connection()
        sumber.backup(connection.connection)
    finally:
        sumber.close()


def _pulihkan_dokumen(sumber: Path) -> None:
    """The document folder becomes exactly the archive's: files written whole (temporary name, then
    rename), files the archive does not have removed. Works in place (the folder may be a mount point)."""
    lokasi = lokasi_dokumen()
    lokasi.mkdir(parents=True, exist_ok=True)
    dipulihkan = set()
    if sumber.is_dir():
        for berkas in sumber.rglob("*"):
            if not berkas.is_file():
                continue
            relatif = berkas.relative_to(sumber)
            target = lokasi / relatif
            target.parent.mkdir(parents=True, exist_ok=True)
            sementara = target.with_name(f".{target.name}.pulihkan")
            shutil.copyfile(berkas, sementara)
            os.replace(sementara, target)
            dipulihkan.add(relatif)
    for berkas in sorted(lokasi.rglob("*"), reverse=True):
        if berkas.is_file() and berkas.relative_to(lokasi) not in dipulihkan:
            berkas.unlink()
        elif berkas.is_dir() and not any(berkas.iterdir()):
            berkas.rmdir()


# --- retention -------------------------------------------------------------------------------------------


def waktu_arsip(path: Path) -> datetime.datetime | None:
    if not (path.name.startswith(AWALAN) and path.name.endswith(".tar")):
        return None
    try:
        return datetime.datetime.strptime(path.name[len(AWALAN):-4], FORMAT_WAKTU)
    except ValueError:
        return None


def pilih_yang_disimpan(arsip: list[Path], harian: int, mingguan: int, bulanan: int) -> set[Path]:
    """Grandfather-father-son: the newest archive of each of the last `harian` days that have one, of
    each of the last `mingguan` ISO weeks, and of each of the last `bulanan` months. The newest is always kept."""
    bertanggal = sorted(((waktu_arsip(p), p) for p in arsip if waktu_arsip(p)), reverse=True)
    simpan: set[Path] = set()
    if bertanggal:
        simpan.add(bertanggal[0][1])
    for jumlah, kunci in ((harian, lambda w: w.date()), (mingguan, lambda w: w.isocalendar()[:2]),
                          (bulanan, lambda w: (w.year, w.month))):
        terlihat = []
        for waktu, path in bertanggal:
            k = kunci(waktu)
            if k in terlihat:
                continue
            if len(terlihat) >= jumlah:
                break
            terlihat.append(k)
            simpan.add(path)
    return simpan


def terapkan_retensi(folder: Path, harian: int, mingguan: int, bulanan: int) -> list[Path]:
    """Deletes the archives in `folder` the policy does not keep; returns them. Other files are left alone."""
    arsip = [p for p in folder.iterdir() if p.is_file() and waktu_arsip(p)]
    simpan = pilih_yang_disimpan(arsip, harian, mingguan, bulanan)
    dihapus = sorted(p for p in arsip if p not in simpan)
    for p in dihapus:
        p.unlink()
    return dihapus


def folder_bawaan() -> Path:
    return Path(os.environ.get("SIKSD_CADANGAN_DIR") or settings.BASE_DIR / "var" / "cadangan")
