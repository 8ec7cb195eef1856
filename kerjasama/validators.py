"""Validation rules shared by every kind of cooperation."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from .constants import MASA_BERLAKU_MAKS_TAHUN


def hari_ini() -> datetime.date:
    return timezone.localdate()


def tambah_tahun(tanggal: datetime.date, tahun: int) -> datetime.date:
    """The same calendar date `tahun` years later; 29 February in a year without one becomes 1 March
    (the day after 28 February: a period that started on 29 February has not yet run out on 28 February)."""
    try:
        return tanggal.replace(year=tanggal.year + tahun)
    except ValueError:  # 29 February → a year without it
        return datetime.date(tanggal.year + tahun, 3, 1)


def akhir_jangka_tahun(hari_pertama: datetime.date, tahun: int) -> datetime.date:
    """The last day of a period of "paling lama N tahun" whose first counted day is `hari_pertama`.

    One reading for every "paling lama N tahun" (KB Ps 26(1)/42(1), Naskah KSDPL/KSDLL Ps 78(1), LoI Ps 62(3)):
    N years counted from the first day of the period end on the day before the same calendar date N years
    later. For a term the first day is its tanggal mulai (1-1-2026 → 31-12-2030; 29-02-2028 → 28-02-2033);
    for a period counted *from an event* (the LoI "sejak ditandatangani") the event's day is not counted
    (spec README "Days"), so the first day is the day after (LoI signed 10-03-2026 → valid up to 10-03-2027).
    """
    return tambah_tahun(hari_pertama, tahun) - datetime.timedelta(days=1)


# Ps 26(1), 42(1) and 78(1) cap the KB and the KSDPL/KSDLL Naskah only; a PKS, its extension, a KSDPK's
# planned term, a mapping item or a legacy agreement follows its own (often sectoral) law: asset use and
# infrastructure (Ps 36(1) huruf b, d) run for decades. These bounds only catch typing errors.
MASA_WAJAR_MAKS_TAHUN = 99
TANGGAL_WAJAR_MIN = datetime.date(1945, 8, 17)


def validasi_masa_berlaku(tanggal_mulai, tanggal_berakhir, *, maks_tahun=MASA_BERLAKU_MAKS_TAHUN, pasal="Pasal 26 ayat (1)"):
    """Perwal 57/2023 Ps 26(1), 42(1), 78(1): a KB / Naskah of at most five years (`akhir_jangka_tahun`).

    Five years from 1 January 2026 runs to 31 December 2030 inclusive; 1 January 2031 is one day too many.
    """
    validasi_urutan_masa(tanggal_mulai, tanggal_berakhir)
    batas = akhir_jangka_tahun(tanggal_mulai, maks_tahun)
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


def validasi_urutan_masa(tanggal_mulai, tanggal_berakhir):
    """A term the Perwal does not cap (PKS, its extension, a legacy agreement): order and sanity bounds only."""
    if tanggal_berakhir < tanggal_mulai:
        raise ValidationError(
            {"tanggal_berakhir": "Tanggal berakhir tidak boleh sebelum tanggal mulai."}, code="urutan_tanggal"
        )
    if tanggal_mulai < TANGGAL_WAJAR_MIN:
        raise ValidationError(
            {"tanggal_mulai": f"Tanggal mulai sebelum {TANGGAL_WAJAR_MIN:%d-%m-%Y} tidak wajar; periksa kembali."},
            code="tanggal_tidak_wajar",
        )
    if tanggal_berakhir > akhir_jangka_tahun(tanggal_mulai, MASA_WAJAR_MAKS_TAHUN):
        raise ValidationError(
            {"tanggal_berakhir": f"Jangka waktu lebih dari {MASA_WAJAR_MAKS_TAHUN} tahun tidak wajar; periksa kembali."},
            code="tanggal_tidak_wajar",
        )


def peringatan_melampaui_kb(*, tanggal_berakhir, kb_tanggal_berakhir, pasal="Pasal 26 ayat (1)") -> str:
    """A PKS may outlast its KB (nothing in Ps 28–30 / 44–45 caps it), but the user must see it."""
    if tanggal_berakhir and kb_tanggal_berakhir and tanggal_berakhir > kb_tanggal_berakhir:
        return (
            f"Perhatian: PKS berlaku sampai {tanggal_berakhir:%d-%m-%Y}, melampaui Kesepakatan Bersama yang berakhir "
            f"{kb_tanggal_berakhir:%d-%m-%Y} ({pasal}: KB paling lama 5 tahun). Pastikan KB diperpanjang atau "
            "dasar hukum sektoral PKS dicantumkan."
        )
    return ""


def validasi_tidak_di_masa_depan(value: datetime.date):
    """Dates that record an outside event (a letter received, a signature) lie in the past (interfaces.md)."""
    if value and value > hari_ini():
        raise ValidationError("Tanggal peristiwa tidak boleh di masa depan.", code="masa_depan")


TAHUN_MIN, TAHUN_MAKS = 2000, 2100
PESAN_TAHUN = f"Tahun tidak sah; isi tahun antara {TAHUN_MIN} dan {TAHUN_MAKS}."


def tahun_diminta(teks: str | None) -> int | None:
    """The year a report page is asked for (`?tahun=`; this year when none); None when it is not a year between
    2000 and 2100, which the page answers with 400 and PESAN_TAHUN (a year out of range made datetime overflow:
    a 500, issue 12). One reading for the recap, the supervision overview and its exports."""
    if not teks:
        return timezone.localdate().year
    try:
        tahun = int(teks)
    except ValueError:
        return None
    return tahun if TAHUN_MIN <= tahun <= TAHUN_MAKS else None
