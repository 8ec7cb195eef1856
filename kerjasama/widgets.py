"""Shared form widgets (issue 14)."""

from django import forms


class TanggalInput(forms.DateInput):
    """A date as dd-mm-yyyy whatever the browser's locale (a native date input shows mm/dd/yyyy to an en-US
    browser). Django's DateField also accepts ISO 8601 (the API and older bookmarks), and the Indonesian formats."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):
        bawaan = {"placeholder": "hh-bb-tttt", "inputmode": "numeric", "autocomplete": "off", "data-tanggal": "1",
                  "pattern": r"\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{2}-\d{2}", "title": "Tanggal dengan format hh-bb-tttt, misalnya 05-12-2026"}
        super().__init__(attrs={**bawaan, **(attrs or {})}, format=format or "%d-%m-%Y")
