"""Uploads on the mapping: one who sees the record but may not attach to it gets 403 whatever the form
holds — not a redirect with the form's errors (spec README "Actors and roles"; found by the permission
matrix, tests/pemetaan/matriks.py)."""

import pytest

from tests.pemetaan.factories import RekomendasiFactory, SiklusFactory, pdf_kecil

pytestmark = pytest.mark.django_db


def test_unggah_data_pendukung_tanpa_berkas_403_bagi_selain_pd_penyusun(klien, pengguna, pd_dishub):
    """Perwal 57/2023 Ps 11, Ps 13(1): only the PD that drafts the recommendation attaches its data."""
    rek = RekomendasiFactory(perangkat_daerah=pd_dishub)
    url = f"/pemetaan/rekomendasi/{rek.pk}/dokumen/unggah/"
    for nama in ("tkksd", "ketua", "auditor"):
        assert klien(pengguna[nama]).post(url, {"jenis": "lainnya"}).status_code == 403, nama
    # the PD itself still gets its form's error (a redirect with the message)
    assert klien(pengguna["pd_dishub"]).post(url, {"jenis": "lainnya"}).status_code == 302
    assert klien(pengguna["pd_dishub"]).post(url, {"jenis": "lainnya", "berkas": pdf_kecil()}).status_code == 302


def test_unggah_dokumen_siklus_tanpa_berkas_403_bagi_pd_dan_auditor(klien, pengguna):
    """Perwal 57/2023 Ps 18: the signed Keputusan is attached by staff, not by a PD or the auditor."""
    siklus = SiklusFactory(ditetapkan=True)
    url = f"/pemetaan/siklus/{siklus.pk}/dokumen/unggah/"
    for nama in ("pd_dishub", "auditor"):
        assert klien(pengguna[nama]).post(url, {"jenis": "keputusan"}).status_code == 403, nama
    assert klien(pengguna["walikota"]).post(url, {"jenis": "keputusan"}).status_code == 302


@pytest.mark.parametrize("jalur", ["daftar-rencana", "kehadiran"])
def test_api_pleno_dengan_isi_salah_403_bagi_yang_bukan_tkksd(api, pengguna, jalur):
    """Perwal 57/2023 Ps 15–16: the plenary's list and attendance are the TKKSD's; a PD that sees the cycle gets 403
    even with a malformed body (not a 400 describing the body), and the TKKSD gets the 400."""
    siklus = SiklusFactory(pleno=True)
    url = f"/api/v1/pemetaan/siklus/{siklus.pk}/{jalur}/"
    assert api(pengguna["pd_dishub"]).post(url, {"salah": 1}, format="json").status_code == 403
    assert api(pengguna["tkksd"]).post(url, {"salah": 1}, format="json").status_code == 400


def test_api_ubah_dan_unggah_rekomendasi_dengan_isi_salah_403_bagi_selain_pd_penyusun(api, pengguna, pd_dishub):
    """Perwal 57/2023 Ps 11, Ps 13(1): the Sekretariat sees a PD's recommendation but does not write it."""
    rek = RekomendasiFactory(perangkat_daerah=pd_dishub)
    url = f"/api/v1/pemetaan/rekomendasi/{rek.pk}/"
    assert api(pengguna["tkksd"]).patch(url, {"item": "bukan daftar"}, format="json").status_code == 403
    assert api(pengguna["tkksd"]).post(url + "dokumen/", {}, format="multipart").status_code == 403
    assert api(pengguna["pd_dishub"]).patch(url, {"item": "bukan daftar"}, format="json").status_code == 400
    assert api(pengguna["pd_dishub"]).post(url + "dokumen/", {}, format="multipart").status_code == 400
