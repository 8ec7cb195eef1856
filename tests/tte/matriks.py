"""Permission-matrix providers of the tte app: the public verification page of a code needs no login; an
unknown code answers 404 to everyone (the upload page `/verifikasi/` takes no object: the list test covers it)."""

from tests.quality.matriks import Dunia, Permintaan, penyedia


@penyedia("tte:verifikasi_kode")
def verifikasi_kode(dunia: Dunia):
    return [Permintaan({"kode": "TIDAKADA00"}, melihat=(), berwenang=(), anonim=(404,))]
