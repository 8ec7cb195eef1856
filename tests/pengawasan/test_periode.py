"""Supervision periods are calendar months (Perwal 57/2023 Ps 85(3), 85(5), 87(1))."""

import datetime

import pytest

from pengawasan import periode

D = datetime.date


@pytest.mark.parametrize(
    ("acuan", "k", "akhir"),
    [
        (D(2026, 1, 15), 1, D(2026, 7, 15)),  # Thu → Wed
        (D(2026, 1, 15), 2, D(2027, 1, 15)),
        (D(2026, 8, 31), 1, D(2027, 2, 28)),  # no 31 February: the last day of February
        (D(2026, 8, 31), 2, D(2027, 8, 31)),  # anchored on signing: does not drift to 28 August
        (D(2027, 8, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2026, 3, 31), 1, D(2026, 9, 30)),
    ],
)
def test_akhir_semester_dari_penandatanganan(acuan, k, akhir):
    assert periode.akhir_semester(acuan, k) == akhir


def test_awal_semester_menyambung_tanpa_celah():
    acuan = D(2026, 8, 31)
    assert periode.awal_semester(acuan, 1) == acuan
    assert periode.awal_semester(acuan, 2) == D(2027, 3, 1)
    assert periode.awal_semester(acuan, 3) == D(2027, 9, 1)


@pytest.mark.parametrize(
    ("tanggal", "k"),
    [(D(2026, 1, 16), 1), (D(2026, 7, 15), 1), (D(2026, 7, 16), 2), (D(2027, 1, 15), 2), (D(2027, 1, 16), 3)],
)
def test_semester_dari_tanggal(tanggal, k):
    assert periode.semester_dari_tanggal(D(2026, 1, 15), tanggal) == k


@pytest.mark.parametrize(
    ("hari_ini", "k"),
    [
        (D(2026, 1, 20), 1),  # entered at signing: semester 1
        (D(2026, 7, 15), 1),  # semester 1 ends today: still semester 1
        (D(2026, 7, 16), 1),  # semester 1 just ended: owed (and overdue)
        (D(2028, 3, 1), 4),  # legacy entered two years later: the last semester ended (15-01-2028)
    ],
)
def test_semester_pertama_yang_ditagih(hari_ini, k):
    assert periode.semester_pertama_ditagih(D(2026, 1, 15), hari_ini) == k


def test_semester_nol_ditolak():
    with pytest.raises(ValueError):
        periode.akhir_semester(D(2026, 1, 15), 0)
