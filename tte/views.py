"""Public verification (issue 13 item 4), no login: `/verifikasi/<kode>/` shows what the document itself says
(title, number, date, signatory, SHA-256, signature status), only for documents classified Biasa; anyone may
upload a PDF to `/verifikasi/` and have its signatures checked with pyHanko."""

from __future__ import annotations

import hashlib

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .models import DokumenResmi
from .selectors import boleh_publik
from .verifikasi import verifikasi_pdf

BATAS_UNGGAH = 20 * 1024 * 1024


def verifikasi_kode(request, kode: str):
    resmi = DokumenResmi.objects.select_related("versi__dokumen").filter(kode=kode.upper()).first()
    if resmi is None or not boleh_publik(resmi.versi.dokumen):
        raise Http404("Kode verifikasi tidak dikenal.")
    return render(request, "tte/verifikasi_kode.html", {"resmi": resmi})


@require_http_methods(["GET", "POST"])
def verifikasi_unggah(request):
    hasil = cocok = None
    galat = ""
    status = 200
    if request.method == "POST":
        berkas = request.FILES.get("berkas")
        if berkas is None:
            galat, status = "Pilih berkas PDF yang akan diperiksa.", 400
        elif berkas.size > BATAS_UNGGAH:
            galat, status = "Berkas terlalu besar; batasnya 20 MB.", 400
        else:
            data = berkas.read()
            if not data.startswith(b"%PDF"):
                galat, status = "Berkas ini bukan PDF.", 400
            else:
                hasil = verifikasi_pdf(data)
                sha = hashlib.sha256(data).hexdigest()
                cocok = next((r for r in DokumenResmi.objects.select_related("versi__dokumen").filter(sha256=sha)
                              if boleh_publik(r.versi.dokumen)), None)
    return render(request, "tte/verifikasi_unggah.html", {"hasil": hasil, "cocok": cocok, "galat": galat},
                  status=status)
