"""What the API accepts before any view runs (issue 12 item 7: bad input answers 400 in Indonesian,
never 500): numbers in filters within the database's range, JSON bodies that are objects."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

BIGINT_MAKS = 2**63 - 1
PESAN_ANGKA = "Nilai di luar jangkauan: isi bilangan antara {min} dan {maks}."


class SaringanAman(DjangoFilterBackend):
    """django-filter with every number bounded to a 64-bit integer: an id beyond it reached the database
    and answered 500 (`?perangkat_daerah=2**70`, `?kerjasama=`, `?siklus=`…). A filter's own tighter bounds
    (a year 1900–2100) stay."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            for field in filterset.form.fields.values():
                if isinstance(field, (forms.IntegerField, forms.DecimalField)):
                    field.validators += [
                        MinValueValidator(-BIGINT_MAKS, PESAN_ANGKA.format(min=-BIGINT_MAKS, maks=BIGINT_MAKS)),
                        MaxValueValidator(BIGINT_MAKS, PESAN_ANGKA.format(min=-BIGINT_MAKS, maks=BIGINT_MAKS)),
                    ]
        return filterset


class JSONObjekParser(JSONParser):
    """A JSON body of an API write is an object (`{"komentar": …}`); `[1,2]`, `"abc"` or `null` made the
    views that read `request.data.get(…)` answer 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except ParseError as exc:
            raise ParseError("Badan permintaan bukan JSON yang sah.") from exc
        if not isinstance(data, dict):
            raise ParseError("Badan permintaan JSON harus berupa objek ({\"nama\": nilai, …}), bukan "
                             f"{_jenis(data)}.")
        return data


def _jenis(data) -> str:
    if data is None:
        return "null"
    if isinstance(data, list):
        return "larik (array)"
    if isinstance(data, str):
        return "teks"
    if isinstance(data, bool):
        return "nilai benar/salah"
    return "angka"
