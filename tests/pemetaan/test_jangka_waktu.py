"""A mapping item's term (Ps 13(1) huruf a) is not capped by Ps 26(1), 42(1) or 78(1)."""

from django.core.exceptions import ValidationError

import pytest

from pemetaan.models import validasi_jangka_waktu_bulan


def test_item_pemetaan_boleh_lebih_dari_lima_tahun():
    """Ps 26(1)/42(1)/78(1) cap the KB and the KSDPL/KSDLL Naskah only: a KSDPK on assets or infrastructure
    (Ps 36(1) huruf b, d) in the mapping may plan 30 years (360 months; 61 used to be refused)."""
    validasi_jangka_waktu_bulan(61)
    validasi_jangka_waktu_bulan(360)


def test_item_pemetaan_batas_kewajaran():
    with pytest.raises(ValidationError, match="tidak wajar"):
        validasi_jangka_waktu_bulan(99 * 12 + 1)
