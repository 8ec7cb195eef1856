"""Reads of the tte app."""

from __future__ import annotations

from kerjasama.constants import JenisDokumen

# Until the document classification of issue 12 item 2 (helper `dok`) is on this branch: the document types
# that are shared with the partner and public in nature count as Biasa; studies, internal reports,
# supervision papers and draft decisions do not.
JENIS_BIASA = {
    JenisDokumen.KESEPAKATAN_BERSAMA, JenisDokumen.PKS, JenisDokumen.ADENDUM, JenisDokumen.LOI,
    JenisDokumen.NASKAH, JenisDokumen.SURAT_PENAWARAN, JenisDokumen.SURAT_KELUAR, JenisDokumen.SURAT_KUASA,
    JenisDokumen.BERITA_ACARA, JenisDokumen.KEPUTUSAN, JenisDokumen.RENCANA_KERJA_SAMA,
}


def boleh_publik(dokumen) -> bool:
    """May the public verification page show this document? Only when it is classified Biasa (ANRI). Uses the
    document's own classification when the model has one (`klasifikasi`), else the type rule above."""
    klasifikasi = getattr(dokumen, "klasifikasi", None)
    if klasifikasi is not None:
        return str(klasifikasi).lower() in ("biasa", "terbuka", "biasa/terbuka")
    return dokumen.jenis in JENIS_BIASA
