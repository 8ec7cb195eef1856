"""Input rules every form, serializer and model of the project shares (issue 12 item 7: bad input
answers 400 in Indonesian, never 500, and is never silently stored).

- Dates lie between 1900 and 2100. A year 0001 or 9999 was accepted and later overflowed the deadline
  arithmetic (a date + 5 years) or the Excel export. Installed once, at start-up (`pasang`), as a default
  validator of Django's form, model and DRF date fields, so that no form can forget it.
- Free texts have a limit per field: a long text (reason, notes) at most TEKS_PANJANG_MAKS characters;
  a short one follows its column (300).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

TAHUN_MIN, TAHUN_MAKS = 1900, 2100
TEKS_PANJANG_MAKS = 10_000
PESAN_TAHUN = f"Tanggal di luar jangkauan: isi tanggal antara tahun {TAHUN_MIN} dan {TAHUN_MAKS}."


def validasi_tahun_wajar(value) -> None:
    if isinstance(value, (datetime.date, datetime.datetime)) and not TAHUN_MIN <= value.year <= TAHUN_MAKS:
        raise ValidationError(PESAN_TAHUN, code="tahun_di_luar_jangkauan")


def pasang() -> None:
    """Make the 1900–2100 rule a default validator of every date field (forms, models, DRF serializers).
    Idempotent; called from KerjasamaConfig.ready()."""
    from django import forms
    from django.db import models

    from rest_framework import serializers

    for kelas in (forms.DateField, forms.DateTimeField, models.DateField, serializers.DateField,
                  serializers.DateTimeField):
        bawaan = list(kelas.default_validators)
        if validasi_tahun_wajar not in bawaan:
            kelas.default_validators = [*bawaan, validasi_tahun_wajar]
