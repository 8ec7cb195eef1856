"""Issue 14: each "Tugas saya" row says the verb of what that person must do, from the transitions the case's
machine offers them (kerjasama.selectors.aksi_utama) or from the deadline rule's own wording
(AturanTenggat.aksi / akibat); never the stage's name, never a code."""

import datetime
import zoneinfo

import pytest

from kerjasama import selectors
from kerjasama.constants import StatusTenggat
from kerjasama.models import Tenggat
from tests.factories import PerjanjianLamaFactory
from tests.ksdd.factories import KasusKsddFactory
from tests.ksdln.factories import KasusKsdlnFactory, hamamatsu

pytestmark = pytest.mark.django_db
JKT = zoneinfo.ZoneInfo("Asia/Jakarta")
NOW = datetime.datetime(2026, 12, 5, 10, tzinfo=JKT)  # Saturday


def _tenggat(kasus, aturan, jatuh_tempo, judul, status=StatusTenggat.TERBUKA):
    return Tenggat.objects.create(aturan=aturan, dasar_hukum="Pasal uji", judul=judul, kerjasama=kasus,
                                  mulai=jatuh_tempo.date(), jatuh_tempo=jatuh_tempo, cara_hitung="kalender",
                                  status=status)


def _baris(user, kasus=None):
    tugas = selectors.tugas_aksi(user=user, now=NOW)
    return [t for t in tugas if kasus is None or (t.kerjasama and t.kerjasama.pk == kasus.pk)]


@pytest.fixture
def ksdd(pengguna, pd_dishub, mitra_bogor):
    def _buat(**traits):
        return KasusKsddFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, **traits)

    return _buat


def test_pd_mengajukan_kak(pengguna, ksdd):
    """Ps 22(1)–(2): in Persiapan the PD's row is the step "Ajukan KAK ke TKKSD", not the stage's name."""
    kasus = ksdd()
    [baris] = _baris(pengguna["pd_dishub"], kasus)
    assert baris.aksi == "Ajukan KAK ke TKKSD" and baris.ringkasan == "Ajukan KAK ke TKKSD"
    assert baris.keterangan == "Persiapan (KAK)"  # the stage stays beside it, as context


def test_sekretariat_menerima_kajian_atau_mengembalikan(pengguna, ksdd):
    """Ps 22–23: the TKKSD's study — the forward step first, the return beside it."""
    kasus = ksdd(kajian_tkksd=True)
    [baris] = _baris(pengguna["tkksd"], kasus)
    assert baris.aksi == "Terima hasil kajian / Kembalikan untuk perbaikan"


def test_dprd_mencatat_keputusannya(pengguna, ksdd):
    """Ps 31: a KB that burdens the public waits for the DPRD's decision."""
    kasus = ksdd(persetujuan_dprd=True)
    [baris] = _baris(pengguna["dprd"], kasus)
    assert baris.aksi == "Catat persetujuan DPRD / Catat penolakan DPRD"


def test_walikota_menandatangani_pks(pengguna, ksdd):
    """Ps 29: the PKS waits for the Wali Kota's signature; the surat kuasa is a secondary step."""
    kasus = ksdd(penandatanganan_pks=True)
    [baris] = _baris(pengguna["walikota"], kasus)
    assert baris.aksi == "Catat penandatanganan PKS"


def test_mitra_mengunggah_laporan_terlambat(pengguna, pd_dishub, mitra_bogor):
    """Ps 87(1): the partner's overdue 6-monthly report: the verb and how late it is."""
    lama = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)
    _tenggat(lama, "laporan_mitra", datetime.datetime(2026, 11, 5, tzinfo=JKT), "Laporan mitra semester 1",
             status=StatusTenggat.LEWAT)
    [baris] = [b for b in _baris(pengguna["mitra_bogor"], lama) if "semester 1" in b.aksi]
    assert baris.ringkasan == "Unggah laporan mitra semester 1 — terlambat 30 hari"


@pytest.fixture
def ksdln_di_dprd(pengguna, pd_dishub):
    """A KSDPL before the DPRD, its letter received on 26 October 2026: the 45 days end on 10 December."""
    kasus = KasusKsdlnFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=hamamatsu(),
                              persetujuan_dprd=True)
    _tenggat(kasus, "dprd_45_hari", datetime.datetime(2026, 12, 10, 23, 59, 59, tzinfo=JKT),
             "Keputusan DPRD atas rencana KSDPL/KSDLL (45 hari)")
    return kasus


def test_dprd_kasus_ksdln_dengan_akibat_tenggat_45_hari(pengguna, ksdln_di_dprd):
    """Ps 65(2)–(3): the DPRD's row names its step, and from the case's deadline what the law makes of the day."""
    [baris] = _baris(pengguna["dprd"], ksdln_di_dprd)
    assert baris.aksi == "Catat tanggal diterima Sekretariat DPRD"  # the step the machine offers first
    assert baris.ringkasan == "Catat tanggal diterima Sekretariat DPRD — dianggap disetujui 10-12-2026"


def test_tenggat_dprd_45_hari_dengan_kata_aturan_untuk_sekretariat(pengguna, ksdln_di_dprd):
    """Ps 65(3): the Sekretariat does not act in the DPRD's stage, so the deadline is a row of its own, in the
    rule's own words for the Sekretariat (the DPRD decides; the Sekretariat follows it up)."""
    [baris] = _baris(pengguna["tkksd"], ksdln_di_dprd)
    assert baris.ringkasan == "Pantau keputusan DPRD atas permohonan persetujuan — dianggap disetujui 10-12-2026"
    assert baris.keterangan == "Keputusan DPRD atas rencana KSDPL/KSDLL (45 hari)"


def test_aturan_memberi_kata_per_pelaku():
    from kerjasama.constants import Peran
    from kerjasama.deadlines import aturan_tenggat

    aturan = aturan_tenggat("dprd_45_hari")
    assert aturan.aksi_untuk({Peran.DPRD}) == "Putuskan permohonan persetujuan"
    assert aturan.aksi_untuk({Peran.AUDITOR}) == ""


def test_halaman_beranda_menampilkan_kata_kerja(pengguna, ksdd, klien):
    kasus = ksdd(kajian_tkksd=True)
    html = klien(pengguna["tkksd"]).get("/").content.decode()
    assert f'<a href="/kerjasama/{kasus.pk}/">Terima hasil kajian / Kembalikan untuk perbaikan</a>' in html
