"""Validation rules shared by every kind of cooperation."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from dateutil.relativedelta import relativedelta

from .constants import MASA_BERLAKU_MAKS_TAHUN


def hari_ini() -> datetime.date:
    return timezone.localdate()


def validasi_masa_berlaku(tanggal_mulai, tanggal_berakhir, *, maks_tahun=MASA_BERLAKU_MAKS_TAHUN, pasal="Pasal 26 ayat (1)"):
    """Perwal 57/2023 Ps 26(1), 42(1), 78(1): a term of at most five years.

    Five years from 1 January 2026 runs to 31 December 2030 inclusive; 1 January 2031 is one day too many.
    """
    if tanggal_berakhir < tanggal_mulai:
        raise ValidationError(
            {"tanggal_berakhir": "Tanggal berakhir tidak boleh sebelum tanggal mulai."}, code="urutan_tanggal"
        )
    batas = tanggal_mulai + relativedelta(years=maks_tahun) - datetime.timedelta(days=1)
    if tanggal_berakhir > batas:
        raise ValidationError(
            {
                "tanggal_berakhir": (
                    f"Jangka waktu kerja sama paling lama {maks_tahun} tahun (Perwal 57/2023 {pasal}): "
                    f"untuk mulai {tanggal_mulai:%d-%m-%Y}, tanggal berakhir paling lambat {batas:%d-%m-%Y}."
                )
            },
            code="masa_berlaku",
        )


def validasi_tidak_di_masa_depan(value: datetime.date):
    """Dates that record an outside event (a letter received, a signature) lie in the past (interfaces.md)."""
    if value and value > hari_ini():
        raise ValidationError("Tanggal peristiwa tidak boleh di masa depan.", code="masa_depan")
