"""The TKKSD cockpit (issue 7): counts through the permission selector (a PD sees only its own numbers),
agreements expiring in 30/90/180 days, deadlines this week and overdue, supervision overdue (Ps 85(3),
85(5)), partner reports missing (Ps 87(1)), cases stuck longest, charts drawn by pygal without a CDN."""

import datetime

from django.utils import timezone

import pytest

from kerjasama import services
from kerjasama.models import KerjaSama
from pengawasan.models import LaporanMitra
from tests.dasbor.conftest import WIB
from tests.factories import PerjanjianLamaFactory

pytestmark = pytest.mark.django_db


def _jatuh(hari: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(hari, datetime.time(23, 59, 59), WIB)


@pytest.fixture
def lama(beku, pengguna, pd_dishub, mitra_bogor):
    """`lama(berakhir, pd=…)`: a legacy agreement in pelaksanaan ending on `berakhir`."""

    def _buat(berakhir: datetime.date, pd=None, **kwargs):
        return PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd or pd_dishub, mitra=mitra_bogor,
                                     tanggal_berakhir=berakhir, **kwargs)

    return _buat


def test_pd_hanya_melihat_angkanya_sendiri(beku, pengguna, ksdd, klien, pd_lain):
    ksdd("persiapan")
    ksdd("pelaksanaan")
    ksdd("persiapan", perangkat_daerah=pd_lain)
    jenis = lambda r: {j["jenis"]: j["n"] for j in r.context["per_jenis"]}  # noqa: E731
    r = klien(pengguna["pd_dishub"]).get("/dasbor/")
    assert r.status_code == 200 and r.context["jumlah"] == 2 and jenis(r)["KSDD"] == 2
    assert sum(b["n"] for b in r.context["per_tahap"]) == 2
    assert r.context["per_pd"] == [("Dishub", 2)]
    r = klien(pengguna["tkksd"]).get("/dasbor/")
    assert r.context["jumlah"] == 3 and jenis(r) == {"KSDD": 3, "KSDPK": 0, "KSDPL": 0, "KSDLL": 0}
    tahap = {(b["jenis"], b["tahap"]): b["n"] for b in r.context["per_tahap"]}
    assert tahap == {("KSDD", "persiapan"): 2, ("KSDD", "pelaksanaan"): 1}
    # A partner's dashboard is its own obligations (issue 14): its "Tugas saya", not the Pemda's cockpit.
    assert klien(pengguna["mitra_pt"]).get("/dasbor/").url == "/"


def test_perjanjian_berakhir_30_90_180_hari(lama, pengguna, klien, beku):
    hari = beku  # Monday 2 March 2026
    for n in (20, 60, 150, 400):
        lama(hari + datetime.timedelta(days=n), judul=f"Berakhir {n} hari")
    r = klien(pengguna["tkksd"]).get("/dasbor/")
    assert r.context["berakhir"] == [{"hari": 30, "n": 1}, {"hari": 90, "n": 2}, {"hari": 180, "n": 3}]
    assert [ks.judul for ks in r.context["berakhir_daftar"]] == ["Berakhir 20 hari", "Berakhir 60 hari", "Berakhir 150 hari"]
    per_bulan = dict(r.context["berakhir_per_bulan"])
    assert per_bulan["Mar 2026"] == 1 and per_bulan["Mei 2026"] == 1 and per_bulan["Jul 2026"] == 1
    assert len(per_bulan) == 12


def test_tenggat_minggu_ini_dan_terlewat(lama, pengguna, klien, beku):
    a, b, c = (lama(datetime.date(2027, 1, 1), judul=j) for j in ("A", "B", "C"))
    services.tenggat_mulai(aturan="masa_berlaku_perjanjian", kerjasama=a, mulai=beku, jatuh_tempo=_jatuh(datetime.date(2026, 3, 6)))
    services.tenggat_mulai(aturan="masa_berlaku_perjanjian", kerjasama=b, mulai=beku, jatuh_tempo=_jatuh(datetime.date(2026, 3, 9)))
    services.tenggat_mulai(aturan="masa_berlaku_perjanjian", kerjasama=c, mulai=beku, jatuh_tempo=_jatuh(datetime.date(2026, 3, 1)))
    r = klien(pengguna["tkksd"]).get("/dasbor/")
    assert [t.kerjasama_id for t in r.context["minggu_ini"] if t.aturan == "masa_berlaku_perjanjian"] == [a.pk]  # Fri 6 March; not Mon 9
    assert [t.kerjasama_id for t in r.context["terlambat"]] == [c.pk]  # past due, not yet swept


def test_pengawasan_dan_laporan_mitra_terlambat(lama, pengguna, klien, beku, pd_lain):
    ks = lama(datetime.date(2027, 1, 1))
    lain = lama(datetime.date(2027, 1, 1), pd=pd_lain)
    lalu = _jatuh(datetime.date(2026, 2, 27))
    pemantauan = services.tenggat_mulai(aturan="pemantauan", kerjasama=ks, mulai=datetime.date(2025, 8, 27), jatuh_tempo=lalu)
    laporan = services.tenggat_mulai(aturan="laporan_mitra", kerjasama=ks, mulai=datetime.date(2025, 8, 27), jatuh_tempo=lalu)
    services.tenggat_mulai(aturan="laporan_mitra", kerjasama=lain, mulai=datetime.date(2025, 8, 27), jatuh_tempo=lalu)
    services.tenggat_sweep(now=timezone.now())  # flags them missed (Ps 85, 87)

    r = klien(pengguna["pd_dishub"]).get("/dasbor/")
    assert [t.pk for t in r.context["pengawasan_terlambat"]] == [pemantauan.pk]
    assert [t.pk for t in r.context["laporan_mitra_belum_ada"]] == [laporan.pk]  # not DISBUDPAR's

    # the partner's report arrives late: no longer missing
    LaporanMitra.objects.create(kerjasama=ks, tenggat=laporan, periode_mulai=datetime.date(2025, 8, 27),
                                periode_selesai=datetime.date(2026, 2, 27), kemajuan="Berjalan",
                                tanggal_diterima=beku, terlambat=True)
    r = klien(pengguna["pd_dishub"]).get("/dasbor/")
    assert r.context["laporan_mitra_belum_ada"] == []
    # an ended cooperation no longer counts
    kasus = ks.kasus()
    services.transisi_jalankan(kasus=kasus, nama="akhiri", by=pengguna["tkksd"],
                               data={"tanggal_selesai": "2026-03-02", "komentar": "Tujuan tercapai."})
    assert klien(pengguna["pd_dishub"]).get("/dasbor/").context["pengawasan_terlambat"] == []


def test_terlama_di_tahap(beku, pengguna, ksdd, klien):
    a, b = ksdd("persiapan", judul="A"), ksdd("pembahasan_pks", judul="B")
    ksdd("pelaksanaan", judul="C")  # running, not stuck
    KerjaSama.objects.filter(pk=a.pk).update(tahap_sejak=timezone.now() - datetime.timedelta(days=10))
    KerjaSama.objects.filter(pk=b.pk).update(tahap_sejak=timezone.now() - datetime.timedelta(days=90))
    r = klien(pengguna["tkksd"]).get("/dasbor/")
    assert [ks.judul for ks in r.context["terlama"]] == ["B", "A"]


def test_grafik_svg_dari_pygal_tanpa_cdn(beku, pengguna, ksdd, klien):
    ksdd("pelaksanaan")
    r = klien(pengguna["tkksd"]).get("/dasbor/")
    html = r.content.decode()
    assert set(r.context["grafik"]) == {"jenis", "tahap", "tahun", "pd", "berakhir"}
    for svg in r.context["grafik"].values():
        assert svg.lstrip().startswith("<svg") and "pygal" in svg
    assert "Kerja sama per jenis" in html
    assert "kozea.github.io" not in html and '<script src="//' not in html and "https://" not in html.split("</nav>", 1)[1]
