"""The deadline calendar (spec README "Days"): calendar days by default, working days optional;
the day of the start event does not count; a deadline ends 23:59:59 Asia/Jakarta."""

import datetime
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kerjasama import kalender
from kerjasama.models import HariLibur

D = datetime.date
JKT = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("mulai", "hari", "akhir"),
    [
        (D(2026, 1, 31), 45, D(2026, 3, 17)),  # Sat → Tue; across February
        (D(2026, 2, 27), 5, D(2026, 3, 4)),  # Fri → Wed; month end
        (D(2028, 2, 27), 2, D(2028, 2, 29)),  # leap day exists in 2028
        (D(2026, 12, 30), 5, D(2027, 1, 4)),  # year end
        (D(2026, 3, 1), 0, D(2026, 3, 1)),
    ],
)
def test_hari_kalender_tidak_menghitung_hari_mulai(mulai, hari, akhir):
    assert kalender.tambah_hari(mulai, hari, "kalender") == akhir


@pytest.mark.parametrize(
    ("mulai", "bulan", "akhir"),
    [
        (D(2026, 1, 15), 6, D(2026, 7, 15)),  # Ps 85(3): signing → monitoring
        (D(2026, 8, 31), 6, D(2027, 2, 28)),  # no 31 February: last day of the month
        (D(2027, 8, 31), 6, D(2028, 2, 29)),  # leap year
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
    ],
)
def test_periode_bulan_mengikuti_kalender(mulai, bulan, akhir):
    assert kalender.hari_terakhir(mulai, bulan=bulan) == akhir


@pytest.mark.django_db
def test_hari_kerja_melewati_akhir_pekan_dan_libur_nasional_dan_cuti_bersama():
    # Fri 13-03-2026 + 5 working days: Mon 16 (1), Tue 17 (2); Wed 18 cuti bersama Nyepi, Thu 19 Nyepi,
    # Fri 20 cuti bersama Idulfitri, Sat 21 Idulfitri, Sun 22, Mon 23 & Tue 24 cuti bersama;
    # Wed 25 (3), Thu 26 (4), Fri 27 (5).
    assert kalender.tambah_hari(D(2026, 3, 13), 5, "kerja") == D(2026, 3, 27)


@pytest.mark.django_db
def test_hari_libur_tambahan_dari_admin_ikut_dilewati():
    # Mon 2026-11-02 + 3 working days = Thu 05-11; with Wed 04-11 declared a holiday → Fri 06-11.
    assert kalender.tambah_hari(D(2026, 11, 2), 3, "kerja") == D(2026, 11, 5)
    HariLibur.objects.create(tanggal=D(2026, 11, 4), nama="Libur daerah (uji)")
    assert kalender.tambah_hari(D(2026, 11, 2), 3, "kerja") == D(2026, 11, 6)


def test_tenggat_berakhir_pukul_23_59_59_wib():
    due = kalender.jatuh_tempo(D(2026, 1, 31), hari=45, cara="kalender")
    assert due == datetime.datetime(2026, 3, 17, 23, 59, 59, tzinfo=JKT)
    assert due.astimezone(datetime.UTC) == datetime.datetime(2026, 3, 17, 16, 59, 59, tzinfo=datetime.UTC)


def test_tanggal_lokal_memakai_zona_jakarta():
    # 23:30 WIB on 1 March is still 16:30 UTC on 1 March; 01:00 WIB on 2 March is 18:00 UTC on 1 March.
    assert kalender.tanggal_lokal(datetime.datetime(2026, 3, 1, 16, 30, tzinfo=datetime.UTC)) == D(2026, 3, 1)
    assert kalender.tanggal_lokal(datetime.datetime(2026, 3, 1, 18, 0, tzinfo=datetime.UTC)) == D(2026, 3, 2)


@pytest.mark.django_db
def test_pengaturan_cara_hitung_dipakai_bila_tidak_disebut(settings):
    settings.SIKSD_CARA_HITUNG_HARI = "kerja"
    # Fri 2026-11-20 + 1 working day = Mon 2026-11-23
    assert kalender.hari_terakhir(D(2026, 11, 20), hari=1) == D(2026, 11, 23)
    settings.SIKSD_CARA_HITUNG_HARI = "kalender"
    assert kalender.hari_terakhir(D(2026, 11, 20), hari=1) == D(2026, 11, 21)


tanggal = st.dates(min_value=D(2024, 1, 1), max_value=D(2030, 12, 31))


def _libur_paket(tahun):
    return kalender._libur_paket(tahun)


@settings(max_examples=150, deadline=None)
@given(mulai=tanggal, selisih=st.integers(0, 40), hari=st.integers(0, 60), cara=st.sampled_from(["kalender", "kerja"]))
def test_jatuh_tempo_monoton_terhadap_tanggal_mulai(mulai, selisih, hari, cara):
    lain = mulai + datetime.timedelta(days=selisih)
    assert kalender.tambah_hari(mulai, hari, cara, libur_fn=_libur_paket) <= kalender.tambah_hari(
        lain, hari, cara, libur_fn=_libur_paket
    )


@settings(max_examples=150, deadline=None)
@given(mulai=tanggal, hari=st.integers(1, 60))
def test_hari_kerja_tidak_pernah_jatuh_di_akhir_pekan_atau_libur(mulai, hari):
    akhir = kalender.tambah_hari(mulai, hari, "kerja", libur_fn=_libur_paket)
    assert akhir > mulai
    assert akhir.weekday() < 5
    assert akhir not in _libur_paket(akhir.year)
    # exactly `hari` working days lie in (mulai, akhir]
    n = sum(
        1
        for i in range(1, (akhir - mulai).days + 1)
        if kalender.adalah_hari_kerja(mulai + datetime.timedelta(days=i), _libur_paket((mulai + datetime.timedelta(days=i)).year))
    )
    assert n == hari
