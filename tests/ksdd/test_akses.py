"""Who sees what: another PD's user gets 404 on the case, its documents and its transitions, on the web
and in the API; a visible case the user may not act on answers 403; a step from the wrong stage 409."""

import pytest

from kerjasama.models import VersiDokumen
from ksdd.models import KasusKsdd

from .factories import KasusKsddFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kasus(pengguna, pd_dishub, mitra_bogor):
    return KasusKsddFactory(by=pengguna["pd_dishub"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, kajian_tkksd=True)


@pytest.mark.parametrize("orang", ["pd_disbudpar", "mitra_pt", "dprd", "pengawas"])
def test_another_pd_or_partner_gets_404_on_the_case_its_documents_and_its_transitions(kasus, pengguna, web, rest, orang):
    versi = VersiDokumen.objects.filter(dokumen__kerjasama=kasus).first()
    w = web(pengguna[orang])
    assert w.get(f"/kerjasama/{kasus.pk}/").status_code == 404
    assert w.get(f"/kerjasama/dokumen/versi/{versi.pk}/unduh/").status_code == 404
    assert w.get(f"/kerjasama/{kasus.pk}/transisi/terima_kajian/").status_code == 404
    assert w.c.post(f"/kerjasama/{kasus.pk}/transisi/terima_kajian/", {"komentar": "x"}).status_code == 404
    assert w.get(f"/ksdd/{kasus.pk}/ubah/").status_code == 404
    assert kasus.judul not in w.get("/ksdd/").content.decode()
    a = rest(pengguna[orang])
    assert a.c.get(f"/api/v1/ksdd/{kasus.pk}/").status_code == 404
    assert a.c.get(f"/api/v1/kerjasama/{kasus.pk}/dokumen/").status_code == 404
    assert a.c.post(f"/api/v1/ksdd/{kasus.pk}/transisi/terima_kajian/", {}, format="json").status_code == 404
    assert kasus.pk not in [o["id"] for o in a.c.get("/api/v1/ksdd/").json()["results"]]
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "kajian_tkksd"


def test_the_own_pd_sees_it_but_may_not_take_the_tkksd_step(kasus, pengguna, web, rest):
    w = web(pengguna["pd_dishub"])
    assert w.get(f"/kerjasama/{kasus.pk}/").status_code == 200
    assert w.get(f"/kerjasama/{kasus.pk}/transisi/terima_kajian/").status_code == 403
    assert rest(pengguna["pd_dishub"]).c.post(f"/api/v1/ksdd/{kasus.pk}/transisi/terima_kajian/", {},
                                              format="json").status_code == 403
    assert kasus.judul in w.get("/ksdd/").content.decode()


def test_the_auditor_reads_but_never_acts(kasus, pengguna, rest):
    a = rest(pengguna["auditor"])
    obj = a.c.get(f"/api/v1/ksdd/{kasus.pk}/").json()
    assert obj["transisi_tersedia"] == []
    assert a.c.post(f"/api/v1/ksdd/{kasus.pk}/transisi/kembalikan_kak/", {"komentar": "x"}, format="json").status_code == 403


def test_a_transition_from_the_wrong_stage_answers_409(kasus, pengguna, web, rest):
    w = web(pengguna["walikota"])
    assert w.c.post(f"/kerjasama/{kasus.pk}/transisi/tandatangani_pks/", {}).status_code == 409
    r = rest(pengguna["walikota"]).c.post(f"/api/v1/ksdd/{kasus.pk}/transisi/tandatangani_pks/", {}, format="json")
    assert r.status_code == 409 and "tidak tersedia" in r.json()["detail"]
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "kajian_tkksd"


def test_a_step_whose_condition_fails_answers_409(kasus, pengguna, rest):
    """terima_tawaran_mitra leaves kajian_tkksd too, but only for an offer of another region (Ps 35(3))."""
    r = rest(pengguna["tkksd"]).c.post(f"/api/v1/ksdd/{kasus.pk}/transisi/terima_tawaran_mitra/", {}, format="json")
    assert r.status_code == 409


def test_the_system_branch_is_never_offered_to_a_person(pengguna, rest, pd_dishub, mitra_bogor):
    kasus = KasusKsddFactory(by=pengguna["pd_dishub"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                             penandatanganan_kb=True)
    r = rest(pengguna["tkksd"]).c.post(f"/api/v1/ksdd/{kasus.pk}/transisi/tanpa_persetujuan_dprd/", {}, format="json")
    assert r.status_code == 409


def test_a_stale_form_answers_409_when_someone_moved_the_case_meanwhile(kasus, pengguna, web):
    w = web(pengguna["tkksd"])
    w.langkah(kasus, "kembalikan_kak", komentar="Perbaiki.")
    r = w.c.post(f"/kerjasama/{kasus.pk}/transisi/kembalikan_kak/", {"komentar": "lagi", "_tahap": "kajian_tkksd"})
    assert r.status_code == 409


def test_the_partner_sees_its_own_case_and_answers_only_in_menunggu_jawaban(pengguna, rest, pd_dishub, mitra_bogor):
    kasus = KasusKsddFactory(by=pengguna["pd_dishub"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, penawaran=True)
    m = rest(pengguna["mitra_bogor"])
    assert m.c.get(f"/api/v1/ksdd/{kasus.pk}/").json()["transisi_tersedia"] == []
    assert m.c.post(f"/api/v1/ksdd/{kasus.pk}/transisi/kirim_penawaran/", {}, format="json").status_code == 403
