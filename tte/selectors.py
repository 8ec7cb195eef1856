"""Reads of the tte app."""

from __future__ import annotations

from kerjasama.constants import Klasifikasi


def boleh_publik(dokumen) -> bool:
    """May the public verification page show this document? Only when it is classified Biasa (ANRI; the
    document's own classification, kerjasama.constants.Klasifikasi, set by type and changed by the Sekretariat)."""
    return dokumen.klasifikasi == Klasifikasi.BIASA
