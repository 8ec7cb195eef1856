"""Server-rendered page images of a PDF version (pypdfium2), so that the signatory reads the document
itself on any tablet before the sign action (issue 13 item 1); no PDF plug-in, no CDN. Cached by the
version's SHA-256: the image is of exactly the bytes that were prepared."""

from __future__ import annotations

import io
import threading

from django.core.cache import cache

# PDFium is not thread-safe (pypdfium2's documentation: "PDFium is not thread-compatible"), and gunicorn runs
# several threads per worker: one process-wide lock around every use of it (here and in tte.penanda).
KUNCI_PDFIUM = threading.RLock()

LEBAR = 1000  # px: sharp on a 1024-wide tablet


def _buka(versi):
    import pypdfium2 as pdfium

    with versi.berkas.open("rb") as f:
        doc = pdfium.PdfDocument(f.read())
    doc.init_forms()  # draw signature appearances (a signed version shows its visible block)
    return doc


def jumlah_halaman(versi) -> int:
    kunci = f"tte:halaman:{versi.sha256}"
    n = cache.get(kunci)
    if n is None:
        with KUNCI_PDFIUM:
            doc = _buka(versi)
            try:
                n = len(doc)
            finally:
                doc.close()
        cache.set(kunci, n, 3600)
    return n


def gambar_halaman(versi, nomor: int) -> bytes | None:
    """PNG of page `nomor` (1-based), or None beyond the last page."""
    kunci = f"tte:png:{versi.sha256}:{nomor}"
    png = cache.get(kunci)
    if png is not None:
        return png
    with KUNCI_PDFIUM:
        try:
            doc = _buka(versi)
        except Exception:  # not a readable PDF: no image (the download link stays)
            return None
        try:
            if not 1 <= nomor <= len(doc):
                return None
            page = doc[nomor - 1]
            lebar, _ = page.get_size()
            # convert() copies the pixels out of PDFium's bitmap before the document is closed
            img = page.render(scale=LEBAR / lebar, may_draw_forms=True).to_pil().convert("RGB")
        finally:
            doc.close()
    try:
        out = io.BytesIO()
        img.save(out, format="PNG", optimize=True)
        png = out.getvalue()
    finally:
        img.close()
    cache.set(kunci, png, 3600)
    return png
