"""Pure date arithmetic of the supervision periods (tested in tests/pengawasan/test_periode.py).

Months are calendar months (`kerjasama.kalender.hari_terakhir`): 31 August + 6 months is the last
day of February. Partner-report semesters are anchored on the signing date: semester k ends at
signing + 6k months, so that month ends never drift (deadlines.py explains why).
"""

from __future__ import annotations

import datetime

from kerjasama import kalender

from .constants import PERIODE_BULAN


def tanggal_acuan(kerjasama) -> datetime.date:
    """The date the supervision clock runs from: the signing (Ps 85(3), 87(1)); for records
    without one, the start of the term; failing both, today."""
    from django.utils import timezone

    return kerjasama.tanggal_penandatanganan or kerjasama.tanggal_mulai or timezone.localdate()


def akhir_semester(acuan: datetime.date, k: int) -> datetime.date:
    """The last day of semester k (k ≥ 1) counted from `acuan`."""
    if k < 1:
        raise ValueError("semester dimulai dari 1")
    return kalender.hari_terakhir(acuan, bulan=PERIODE_BULAN * k)


def awal_semester(acuan: datetime.date, k: int) -> datetime.date:
    """The first day covered by semester k: the signing day, then the day after the previous one ends."""
    if k == 1:
        return acuan
    return akhir_semester(acuan, k - 1) + datetime.timedelta(days=1)


def semester_dari_tanggal(acuan: datetime.date, tanggal: datetime.date) -> int:
    """The semester whose last day is the first on or after `tanggal` (1 for any date up to the first end)."""
    k = 1
    while akhir_semester(acuan, k) < tanggal:
        k += 1
    return k


def semester_pertama_ditagih(acuan: datetime.date, hari_ini: datetime.date) -> int:
    """The first semester SIKSD asks the partner to report when supervision starts.

    A cooperation entering pelaksanaan at its signing owes semester 1. An agreement entered later
    (a legacy agreement signed years ago) owes the most recent semester that has already ended:
    the partner should have reported it under Ps 87(1), and staff can record it if it arrived on
    paper. Earlier semesters predate supervision in SIKSD and are not invented as overdue.
    """
    selesai = 0
    while akhir_semester(acuan, selesai + 1) < hari_ini:
        selesai += 1
    return max(selesai, 1)
