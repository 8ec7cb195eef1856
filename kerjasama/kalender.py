"""The deadline calendar: one pure, tested function family (CONVENTIONS "Deadlines").

Spec README "Days": calendar days by default in Asia/Jakarta; the day of the start event does
not count; a deadline ends at 23:59:59 of its last day. Working days skip weekends, Indonesian
public holidays and cuti bersama (`holidays` package, PUBLIC and GOVERNMENT categories) and the
holidays staff add (HariLibur).
"""

import datetime
import functools
import zoneinfo

from django.conf import settings

import holidays
from dateutil.relativedelta import relativedelta

from .constants import CaraHitung

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


@functools.lru_cache(maxsize=64)
def _libur_paket(tahun: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("ID", years=tahun, categories=("public", "government")).keys())


def hari_libur(tahun: int) -> frozenset[datetime.date]:
    from .models import HariLibur

    tambahan = HariLibur.objects.filter(tanggal__year=tahun).values_list("tanggal", flat=True)
    return _libur_paket(tahun) | frozenset(tambahan)


def adalah_hari_kerja(tanggal: datetime.date, libur: frozenset[datetime.date] | None = None) -> bool:
    if tanggal.weekday() >= 5:
        return False
    if libur is None:
        libur = hari_libur(tanggal.year)
    return tanggal not in libur


def tambah_hari(mulai: datetime.date, jumlah: int, cara: str, libur_fn=hari_libur) -> datetime.date:
    """The last day of a period of `jumlah` days after `mulai` (which does not count)."""
    if cara == CaraHitung.KALENDER:
        return mulai + datetime.timedelta(days=jumlah)
    tanggal = mulai
    sisa = jumlah
    cache: dict[int, frozenset[datetime.date]] = {}
    while sisa > 0:
        tanggal += datetime.timedelta(days=1)
        if tanggal.year not in cache:
            cache[tanggal.year] = libur_fn(tanggal.year)
        if adalah_hari_kerja(tanggal, cache[tanggal.year]):
            sisa -= 1
    return tanggal


def akhir_hari(tanggal: datetime.date) -> datetime.datetime:
    """23:59:59 Asia/Jakarta of `tanggal`, the moment a deadline ends."""
    return datetime.datetime.combine(tanggal, datetime.time(23, 59, 59), tzinfo=JAKARTA)


def awal_hari(tanggal: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(tanggal, datetime.time(0, 0), tzinfo=JAKARTA)


def tanggal_lokal(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(JAKARTA).date()


def hari_terakhir(
    mulai: datetime.date, *, hari: int = 0, bulan: int = 0, tahun: int = 0, cara: str | None = None
) -> datetime.date:
    """The last day of a period. Months and years are calendar periods (31 Aug + 6 months = 28/29 Feb);
    days follow `cara` (the SIKSD_CARA_HITUNG_HARI setting when not given)."""
    cara = cara or settings.SIKSD_CARA_HITUNG_HARI
    tanggal = mulai + relativedelta(years=tahun, months=bulan)
    if hari:
        tanggal = tambah_hari(tanggal, hari, cara)
    return tanggal


def jatuh_tempo(
    mulai: datetime.date, *, hari: int = 0, bulan: int = 0, tahun: int = 0, cara: str | None = None
) -> datetime.datetime:
    return akhir_hari(hari_terakhir(mulai, hari=hari, bulan=bulan, tahun=tahun, cara=cara))
