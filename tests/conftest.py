"""Shared fixtures, and the rule about service tests:

- Tests marked `postgres`, `redis` or `browser` need the real PostgreSQL, Redis or Debian's
  chromium. On a bare machine they are skipped and the run says plainly which and why.
- Where SIKSD_REQUIRE_SERVICES=1 (set by .ci/run), a missing service is an error, never a skip.
"""

import logging
import os
import re
import shutil
import socket
from urllib.parse import urlparse

from django.db import connection

import pytest

from tests.factories import MitraFactory, PenggunaFactory, PerangkatDaerahFactory  # noqa: F401

# `peramban`, `buka`: the one way a test drives chromium (Playwright) against the live server.
pytest_plugins = ["tests.peramban"]

WAJIB = os.environ.get("SIKSD_REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("SIKSD_CHROMIUM", "/usr/bin/chromium")


def _redis_tersedia() -> str | None:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return "REDIS_URL tidak diatur"
    parsed = urlparse(url)
    try:
        socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1).close()
    except OSError as exc:
        return f"Redis di {parsed.hostname}:{parsed.port} tidak dapat dihubungi ({exc})"
    return None


def _postgres_tersedia() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return "DATABASE_URL bukan PostgreSQL (pengujian berjalan di SQLite)"
    return None


def _browser_tersedia() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        return f"chromium tidak ada di {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "paket Python playwright belum terpasang"
    return None


def pytest_collection_modifyitems(config, items):
    cek = {"postgres": _postgres_tersedia, "redis": _redis_tersedia, "browser": _browser_tersedia}
    for marker, fn in cek.items():
        alasan = fn()
        if not alasan:
            continue
        terkena = [item for item in items if item.get_closest_marker(marker)]
        if not terkena:
            continue
        if WAJIB:
            raise pytest.UsageError(
                f"SIKSD_REQUIRE_SERVICES=1 tetapi layanan '{marker}' tidak tersedia: {alasan}. "
                f"{len(terkena)} pengujian membutuhkannya."
            )
        for item in terkena:
            item.add_marker(pytest.mark.skip(reason=f"[layanan {marker}] {alasan}"))


def pytest_terminal_summary(terminalreporter):
    # Counted from the skip reports: under pytest-xdist the workers collect and skip, and
    # only their reports reach this (controller) process.
    per_layanan: dict[str, tuple[str, int]] = {}
    for laporan in terminalreporter.stats.get("skipped", []):
        alasan = laporan.longrepr[2] if isinstance(laporan.longrepr, tuple) else str(laporan.longrepr)
        cocok = re.search(r"\[layanan (\w+)\] (.*)$", alasan)
        if cocok:
            marker, teks = cocok.groups()
            per_layanan[marker] = (teks, per_layanan.get(marker, ("", 0))[1] + 1)
    if per_layanan:
        terminalreporter.section("pengujian layanan yang dilewati")
        for marker, (alasan, jumlah) in per_layanan.items():
            terminalreporter.write_line(f"{jumlah} pengujian '{marker}' dilewati: {alasan}")
        terminalreporter.write_line("CI (.ci/run) menjalankan semuanya terhadap PostgreSQL dan Redis yang nyata.")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test stores documents in its own folder (Django resets the storages on this change)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "dok")}},
    }


@pytest.fixture
def peran(db):
    from kerjasama.services import peran_siapkan

    peran_siapkan()


@pytest.fixture
def pd_dishub(db):
    return PerangkatDaerahFactory(kode="DISHUB", nama="Dinas Perhubungan", singkatan="Dishub")


@pytest.fixture
def pd_lain(db):
    return PerangkatDaerahFactory(kode="DISBUDPAR", nama="Dinas Kebudayaan dan Pariwisata", singkatan="Disbudpar")


@pytest.fixture
def mitra_bogor(db):
    return MitraFactory(nama="Pemerintah Kota Bogor", jenis="daerah_lain")


@pytest.fixture
def pengguna(db, peran, pd_dishub, pd_lain, mitra_bogor):
    """One user per role (as in seed_demo), keyed by username."""
    from kerjasama.constants import Peran

    mitra_lain = MitraFactory(nama="PT Lain", jenis="pihak_ketiga")
    return {
        "tkksd": PenggunaFactory(username="tkksd", peran=[Peran.SEKRETARIAT_TKKSD]),
        "ketua": PenggunaFactory(username="ketua", peran=[Peran.KETUA_TKKSD]),
        "pd_dishub": PenggunaFactory(username="pd_dishub", peran=[Peran.PD], perangkat_daerah=pd_dishub),
        "pd_disbudpar": PenggunaFactory(username="pd_disbudpar", peran=[Peran.PD], perangkat_daerah=pd_lain),
        "dprd": PenggunaFactory(username="dprd", peran=[Peran.DPRD]),
        "walikota": PenggunaFactory(username="walikota", peran=[Peran.WALI_KOTA]),
        "pengawas": PenggunaFactory(username="pengawas", peran=[Peran.TIM_PENGAWASAN]),
        "auditor": PenggunaFactory(username="auditor", peran=[Peran.AUDITOR]),
        "mitra_bogor": PenggunaFactory(username="mitra_bogor", peran=[Peran.MITRA], mitra=mitra_bogor),
        "mitra_pt": PenggunaFactory(username="mitra_pt", peran=[Peran.MITRA], mitra=mitra_lain),
    }


@pytest.fixture
def klien(client):
    """`klien(user)` → a Django test client logged in as `user`."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def api(db):
    """`api(user)` → a DRF APIClient authenticated with the user's token."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def _api(user):
        c = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        c.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return c

    return _api


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- invariant of the whole suite: recipients are readers (issue 12 item 1) ------------------------

_NOMOR_KASUS = re.compile(r"KS/\d{4}/[A-Z]{4,5}/\d{4}")


def _tes_basis_data(request) -> bool:
    return bool(request.node.get_closest_marker("django_db")) or bool(
        {"db", "transactional_db", "django_db_reset_sequences", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _penerima_adalah_pembaca(request, monkeypatch):
    """After every test: each notification was created for someone who could open its case at that
    moment, and each e-mail that names a case (by its registry number) went to such users. Every
    scenario of the suite checks the rule for free; the rule itself is kerjasama.permissions."""
    if not _tes_basis_data(request):
        yield
        return
    from django.core import mail
    from django.db.models import signals
    from django.db.models.query import QuerySet

    from kerjasama.models import Notifikasi

    pelanggaran: list[str] = []
    sengaja = bool(request.node.get_closest_marker("penerima_bukan_pembaca"))

    def periksa(objs):
        from kerjasama.permissions import dapat_melihat

        for n in objs:
            if n.kerjasama_id and not dapat_melihat(n.penerima, n.kerjasama):
                pelanggaran.append(f"notifikasi “{n.judul}” untuk {n.penerima.username}, yang tidak dapat "
                                   f"membuka kerja sama #{n.kerjasama_id}")

    bulk_asli = QuerySet.bulk_create

    def bulk_create(self, objs, *args, **kwargs):
        if self.model is Notifikasi:
            objs = list(objs)
            periksa(objs)
        return bulk_asli(self, objs, *args, **kwargs)

    def setelah_simpan(sender, instance, created, **kwargs):
        if created:
            periksa([instance])

    class _Penyaring(logging.Handler):
        # kerjasama.tasks.kirim_notifikasi drops (and logs) a recipient who cannot open the case: for the
        # suite that is a caller that computed its recipients without the rule, hence a failure too.
        def emit(self, record):
            if sengaja:
                return
            if "tidak dapat membuka kerja sama" in record.getMessage():
                pelanggaran.append(record.getMessage())

    penyaring = _Penyaring(level=logging.ERROR)
    logging.getLogger("kerjasama.tasks").addHandler(penyaring)
    monkeypatch.setattr(QuerySet, "bulk_create", bulk_create)
    signals.post_save.connect(setelah_simpan, sender=Notifikasi, dispatch_uid="uji_penerima_pembaca")
    try:
        yield
    finally:
        signals.post_save.disconnect(sender=Notifikasi, dispatch_uid="uji_penerima_pembaca")
        logging.getLogger("kerjasama.tasks").removeHandler(penyaring)
    pelanggaran += _surel_ke_bukan_pembaca(getattr(mail, "outbox", []))
    assert not pelanggaran, "Penerima yang tidak dapat membuka kerja sama:\n" + "\n".join(pelanggaran)


def _surel_ke_bukan_pembaca(outbox) -> list[str]:
    from kerjasama.models import KerjaSama, Pengguna
    from kerjasama.permissions import dapat_melihat

    salah = []
    for pesan in outbox:
        nomor = set(_NOMOR_KASUS.findall(f"{pesan.subject}\n{pesan.body}"))
        if not nomor:
            continue
        for kasus in KerjaSama.objects.filter(nomor__in=nomor):
            for alamat in pesan.to + pesan.cc + pesan.bcc:
                users = list(Pengguna.objects.filter(email__iexact=alamat))
                if users and not any(dapat_melihat(u, kasus) for u in users):
                    salah.append(f"surel “{pesan.subject}” kepada {alamat}, yang tidak dapat membuka {kasus.nomor}")
    return salah
