"""Issue 12 item 1, the finding: a KSDPK offer waiting for the candidates' answers notified every `mitra`
user ("Menunggu tindakan Anda: … — Menunggu jawaban calon mitra"), telling one company who else the
Daerah courts in a competitive selection (Perwal 57/2023 Ps 39). Only those who may open the case are told."""

import pytest

from kerjasama.models import Notifikasi

from .factories import KasusKsdpkFactory

pytestmark = pytest.mark.django_db


def test_penawaran_tidak_dikabarkan_kepada_mitra_lain(beku, pengguna, pt, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kasus = KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt], menunggu_jawaban=True)
    assert kasus.tahap == "menunggu_jawaban"
    tahap = Notifikasi.objects.filter(kerjasama_id=kasus.pk, judul__contains="Menunggu jawaban calon mitra")
    assert set(tahap.values_list("penerima__username", flat=True)) == {"tkksd"}
    # neither Kota Bogor (not a candidate) nor the candidate, which cannot open the Daerah's file (Ps 39)
    assert not Notifikasi.objects.filter(kerjasama_id=kasus.pk, penerima__groups__name="mitra").exists()


def test_calon_yang_dapat_membuka_kasus_dikabari(beku, pengguna, pt, django_capture_on_commit_callbacks):
    """Should a candidate be given access to the case, it is then told, and still no other partner."""
    from kerjasama.permissions import beri_akses, penerima_kasus

    kasus = KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt], menunggu_jawaban=True)
    assert penerima_kasus(kasus, ("mitra",)) == set()
    beri_akses(kasus, grup=pt.grup)
    assert penerima_kasus(kasus, ("mitra",)) == {pengguna["mitra_pt"]}
