"""The Wali Kota's signature on the approval dashboard, as the load scenario performs it (issue 13): open the
dashboard, open an item whose signing folder the Sekretariat prepared, read the folder's naskah (the page images
the dashboard shows), type the certificate's passphrase and press *Tandatangani secara elektronik* — the real
endpoint (`/dasbor/persetujuan/<id>/<langkah>/tte/`, PAdES with the local PKCS#12 back-end).

Only a 302 back to the dashboard is a signature. A 409 (the case or its folder moved on: no folder, already
signed, document changed) and a 400 (wrong passphrase, invalid folder) are failures: the generator prepared a
folder for every item the scenario opens, and two sessions of the same Wali Kota never take the same item
(`diklaim`, shared by the users of one locust process).

Kept apart from locustfile.py (importing locust patches threads with gevent, which Django's test client must not
see): `client` is locust's HttpSession or, in tests/benchmarks, an adapter over Django's test client. The
passphrase goes into the POST body only; it is never part of a request name or a failure message."""

from __future__ import annotations

import random
import re

from benchmarks.formulir import formulir_dasbor

ITEM = re.compile(r'data-kunci="(ks-\d+)"[^>]*>(.*?)</a>', re.S)
# The generator prepares folders for domestic cases only (KSDPL/KSDLL: see generate.MODEL_DOMESTIK).
DOMESTIK = re.compile(r"· (KSDD|KSDPK) ·")
HALAMAN = re.compile(r'src="(/dasbor/persetujuan/halaman/\d+/\d+\.png)"')
GALAT = re.compile(r'data-testid="galat-tte">(.*?)</div>', re.S)

NAMA_DASBOR = "/dasbor/persetujuan/"
NAMA_ITEM = "/dasbor/persetujuan/?item=[kunci]"
NAMA_HALAMAN = "/dasbor/persetujuan/halaman/[id]/[n].png (pratinjau)"
NAMA_TTD = "/dasbor/persetujuan/[id]/[langkah]/tte/ (tanda tangan elektronik)"


def hasil_tanda_tangan(status: int, teks: str = "") -> str | None:
    """None when the signature went through (302 back to the dashboard); otherwise the failure to record.
    A 409 is never a success: the dashboard offered a folder that the endpoint then refused."""
    if status == 302:
        return None
    galat = GALAT.search(teks or "")
    alasan = re.sub(r"\s+", " ", galat.group(1)).strip()[:200] if galat else ""
    if status == 409:
        return f"409 penandatanganan ditolak (berkas tidak siap atau berubah){': ' + alasan if alasan else ''}"
    return f"tanda tangan {status}{': ' + alasan if alasan else ''}"


def formulir_tte(html: str) -> tuple[str, dict] | None:
    """The electronic-signature form of the opened item (its action ends in /tte/), as the browser submits it."""
    return next(((aksi, data) for aksi, data in formulir_dasbor(html) if aksi.endswith("/tte/")), None)


def buka_item(client, *, diklaim: set[str]) -> tuple[str, dict] | None:
    """Open the dashboard, claim one unclaimed domestic item, open it and read its naskah. Returns its signing
    form, or None when nothing is left to sign (or the item page failed, recorded as a failure)."""
    r = client.get("/dasbor/persetujuan/", name=NAMA_DASBOR)
    kunci = [k for k, isi in ITEM.findall(r.text) if DOMESTIK.search(isi) and k not in diklaim]
    if not kunci:
        return None
    pilih = random.choice(kunci)
    diklaim.add(pilih)  # no other session of this Wali Kota signs it (gevent: no switch between check and add)
    with client.get("/dasbor/persetujuan/", params={"item": pilih}, name=NAMA_ITEM, catch_response=True) as r:
        if r.status_code != 200:
            r.failure(f"item {r.status_code}")
            return None
        form = formulir_tte(r.text)
        halaman = HALAMAN.findall(r.text)
        if form is None:
            r.failure("berkas penandatanganan tidak ditawarkan (belum disiapkan, dikembalikan atau berubah)")
            return None
        if not halaman:
            r.failure("pratinjau naskah tidak ada")
            return None
        r.success()
    # he reads the naskah before he signs: the page images the dashboard shows
    for url in halaman:
        client.get(url, name=NAMA_HALAMAN)
    return form


def kirim_tanda_tangan(client, form: tuple[str, dict], *, passphrase: str, referer: str = "") -> bool:
    """Press *Tandatangani secara elektronik* with the passphrase typed in. True when signed."""
    aksi, data = form
    data = {**data, "passphrase": passphrase}
    with client.post(aksi, data=data, headers={"Referer": referer} if referer else {}, allow_redirects=False,
                     name=NAMA_TTD, catch_response=True) as p:
        gagal = hasil_tanda_tangan(p.status_code, p.text)
        if gagal is None:
            p.success()
        else:
            p.failure(gagal)
    return gagal is None


def tanda_tangan(client, *, passphrase: str, diklaim: set[str], referer: str = "") -> bool | None:
    """The whole scenario: True signed, False refused (a failure), None nothing left to sign."""
    form = buka_item(client, diklaim=diklaim)
    if form is None:
        return None
    return kirim_tanda_tangan(client, form, passphrase=passphrase, referer=referer)
