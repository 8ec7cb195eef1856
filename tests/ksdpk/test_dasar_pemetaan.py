"""Perwal 57/2023 Pasal 38 ayat (1): the PD Pemrakarsa prepares the KAK of a Daerah-initiated KSDPK "berdasarkan
hasil pemetaan, skala prioritas program dan kegiatan". Every way of starting one (web form and start wizard, API,
the mapping's "Mulai kerja sama" button) starts from an item of a mapping list set by the Wali Kota and carries its
data; the one exception (urgent cases) is the Sekretariat TKKSD's, with its reason shown and audited. A third
party's application (Pasal 49–50) is not a Daerah initiative and needs no item."""

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from kerjasama.models import KerjaSama, RiwayatAudit
from ksdd.dokumen_contoh import berkas_contoh
from ksdpk import services
from ksdpk.models import KasusKsdpk

from .factories import item_ksdpk

pytestmark = pytest.mark.django_db

URL = "/api/v1/ksdpk/"
DATA = {"judul": "Layanan bus pengumpan", "jenis_ksdpk": "pelayanan_publik", "objek": "Bus pengumpan stasiun",
        "dasar_hukum": "UU 25/2009 tentang Pelayanan Publik"}
ALASAN = "Arahan Wali Kota: angkutan pengganti selama perbaikan jembatan, sebelum pemetaan tahun ini ditetapkan."


# --- refusals --------------------------------------------------------------------------------------------------


def test_ps38_api_tanpa_item_pemetaan_ditolak_400(beku, pengguna, klien_api):
    """Ps 38(1): a create without a mapping item (and without the exception's reason) is refused, nothing kept."""
    for user in ("pd_dishub", "tkksd"):
        r = klien_api(pengguna[user]).c.post(URL, DATA, format="json")
        assert r.status_code == 400, r.content
        [pesan] = r.json()["item_pemetaan"]
        assert "Perwal 57/2023 Pasal 38 ayat (1)" in pesan and "hasil pemetaan dan skala prioritas" in pesan
    assert not KerjaSama.objects.filter(jenis="KSDPK").exists()


def test_ps38_halaman_baru_tanpa_item_pemetaan_ditolak(beku, pengguna, halaman, pd_dishub):
    """Ps 38(1), web: the PD's form requires the item; the Sekretariat's without item or reason is refused."""
    pd = halaman(pengguna["pd_dishub"])
    form = pd.get("/ksdpk/baru/")
    assert form.status_code == 200 and "alasan_tanpa_pemetaan" not in form.context["form"].fields
    assert 'data-testid="dasar-pemetaan"' in form.content.decode() and "Pasal 38 ayat (1)" in form.content.decode()
    r = pd.post("/ksdpk/baru/", DATA)
    assert r.status_code == 400 and "Pasal 38 ayat (1)" in r.context["form"].errors["item_pemetaan"][0]
    # The reason field is not the PD's: posting one anyway changes nothing.
    r = pd.post("/ksdpk/baru/", {**DATA, "alasan_tanpa_pemetaan": ALASAN})
    assert r.status_code == 400 and "item_pemetaan" in r.context["form"].errors
    tkksd = halaman(pengguna["tkksd"])
    r = tkksd.post("/ksdpk/baru/", {**DATA, "perangkat_daerah": pd_dishub.pk, "alasan_tanpa_pemetaan": "   "})
    assert r.status_code == 400 and "Pasal 38 ayat (1)" in r.context["form"].errors["item_pemetaan"][0]
    assert not KasusKsdpk.objects.exists()


def test_ps38_pengecualian_tanpa_pemetaan_ditolak_untuk_pd(beku, pengguna, klien_api, pd_dishub):
    """Ps 38(1): the urgent exception is the Sekretariat TKKSD's only: a PD giving a reason is refused (403)."""
    r = klien_api(pengguna["pd_dishub"]).c.post(URL, {**DATA, "alasan_tanpa_pemetaan": ALASAN}, format="json")
    assert r.status_code == 403 and "Hanya Sekretariat TKKSD" in r.json()["detail"] and "Pasal 38 ayat (1)" in r.json()["detail"]
    with pytest.raises(PermissionDenied):
        services.ksdpk_buat(by=pengguna["pd_dishub"], alasan_tanpa_pemetaan=ALASAN, **DATA)
    assert not KasusKsdpk.objects.exists()


def test_ps38_pengecualian_tanpa_alasan_ditolak(beku, pengguna, klien_api, pd_dishub):
    """Ps 38(1): the Sekretariat without an item must write its reason; blank is no reason."""
    c = klien_api(pengguna["tkksd"]).c
    for alasan in ("", "  \n "):
        r = c.post(URL, {**DATA, "perangkat_daerah": pd_dishub.pk, "alasan_tanpa_pemetaan": alasan}, format="json")
        assert r.status_code == 400 and "Pasal 38 ayat (1)" in r.json()["item_pemetaan"][0]
    assert not KasusKsdpk.objects.exists()


def test_ps38_item_dan_alasan_sekaligus_ditolak(beku, pengguna, klien_api, pd_dishub):
    item = item_ksdpk(pd_dishub)
    r = klien_api(pengguna["tkksd"]).c.post(URL, {**DATA, "item_pemetaan": item.pk, "alasan_tanpa_pemetaan": ALASAN},
                                            format="json")
    assert r.status_code == 400 and "Pasal 38 ayat (1)" in r.json()["alasan_tanpa_pemetaan"][0]
    item.refresh_from_db()
    assert item.kerjasama_id is None


def test_ps38_item_yang_tidak_sah_ditolak(beku, pengguna, klien_api, pd_dishub, pd_lain):
    """Ps 38(1) with Ps 18: only an item of a list set by the Wali Kota, proposing a KSDPK, once, by its own PD."""
    from pemetaan.constants import TahapSiklus

    c = klien_api(pengguna["pd_dishub"]).c
    assert c.post(URL, {**DATA, "item_pemetaan": 987654}, format="json").json() == {
        "item_pemetaan": ["Item pemetaan tidak ditemukan."]}
    ksdd = item_ksdpk(pd_dishub, jenis_usulan="KSDD")
    r = c.post(URL, {**DATA, "item_pemetaan": ksdd.pk}, format="json")
    assert r.status_code == 400 and "bukan KSDPK" in r.json()["item_pemetaan"][0]
    belum = item_ksdpk(pd_dishub)
    type(belum.siklus).objects.filter(pk=belum.siklus_id).update(tahap=TahapSiklus.DIAJUKAN_KE_WALI_KOTA)  # not set yet
    r = c.post(URL, {**DATA, "item_pemetaan": belum.pk}, format="json")
    assert r.status_code == 409 and "belum ditetapkan" in r.json()["detail"]
    assert c.post(URL, {**DATA, "item_pemetaan": item_ksdpk(pd_lain).pk}, format="json").status_code == 403
    r = klien_api(pengguna["tkksd"]).c.post(URL, {**DATA, "item_pemetaan": item_ksdpk(pd_dishub).pk,
                                                  "perangkat_daerah": pd_lain.pk}, format="json")
    assert r.status_code == 400 and "Pasal 38 ayat (1)" in r.json()["perangkat_daerah"][0]
    assert not KasusKsdpk.objects.exists()


# --- from a mapping item -----------------------------------------------------------------------------------------


def test_ps38_api_dari_item_pemetaan_membawa_datanya(beku, pengguna, klien_api, pd_dishub, pt):
    """Ps 38(1): a PD starts from its own set item; the item is linked and its data carried into the case."""
    item = item_ksdpk(pd_dishub, kegiatan="Bus pengumpan stasiun", ruang_lingkup="Tiga rute pengumpan", mitra=pt,
                      jangka_waktu_bulan=48)
    c = klien_api(pengguna["pd_dishub"]).c
    r = c.post(URL, {"judul": "Bus pengumpan", "jenis_ksdpk": "pelayanan_publik", "objek": "Bus pengumpan",
                     "item_pemetaan": item.pk}, format="json")
    assert r.status_code == 201, r.content
    obj = r.json()
    item.refresh_from_db()
    assert item.kerjasama_id == obj["id"] and obj["item_pemetaan"] == item.pk and obj["alasan_tanpa_pemetaan"] == ""
    kasus = KasusKsdpk.objects.get(pk=obj["id"])
    assert (kasus.asal, kasus.inisiatif, kasus.perangkat_daerah, kasus.jangka_waktu_bulan) == (
        "pemetaan", "daerah", pd_dishub, 48)
    assert [c.mitra for c in kasus.calon.all()] == [pt] and f"peringkat {item.peringkat}" in kasus.uraian
    assert "dari_pemetaan" in {r["aksi"] for r in c.get(f"{URL}{kasus.pk}/").json()["riwayat"]}
    # The same item does not start a second case.
    assert c.post(URL, {**DATA, "item_pemetaan": item.pk}, format="json").status_code == 409


def test_ps38_halaman_baru_dari_item_lewat_wizard(beku, pengguna, halaman, pd_dishub, pt):
    """Ps 38(1): the start wizard ("Dengan siapa? / Dari mana?") leads a PD to the form listing its set items."""
    pd = halaman(pengguna["pd_dishub"])
    item = item_ksdpk(pd_dishub, kegiatan="Parkir Stasiun", mitra=pt)
    lain = item_ksdpk(pengguna["pd_disbudpar"].perangkat_daerah, kegiatan="Gedung kesenian")
    r = pd.get("/kerjasama/mulai/?dengan=pihak_ketiga&dari=usulan")
    assert r.status_code == 302 and r.url == "/ksdpk/baru/"
    pilihan = dict(pd.get(r.url).context["form"].fields["item_pemetaan"].choices)
    assert item.pk in pilihan and lain.pk not in pilihan  # a PD starts its own items only
    r = pd.post("/ksdpk/baru/", {**DATA, "item_pemetaan": str(lain.pk)})
    assert r.status_code == 400 and "item_pemetaan" in r.context["form"].errors
    r = pd.post("/ksdpk/baru/", {**DATA, "item_pemetaan": str(item.pk), "calon_mitra": [pt.pk]})
    assert r.status_code == 302
    kasus = KasusKsdpk.objects.get()
    html = pd.get(f"/kerjasama/{kasus.pk}/").content.decode()
    assert 'data-testid="dasar-persiapan"' in html and "Hasil pemetaan" in html and "Pasal 38 ayat (1)" in html


def test_ps38_tombol_mulai_kerja_sama_di_pemetaan(beku, pengguna, halaman, pd_dishub, pt):
    """Ps 38(1) with Ps 18–19: the mapping's "Mulai kerja sama" button starts the KSDPK through our creator."""
    item = item_ksdpk(pd_dishub, kegiatan="Parkir Stasiun", ruang_lingkup="Gedung parkir 600 SRP", mitra=pt,
                      jangka_waktu_bulan=120)
    pd = halaman(pengguna["pd_dishub"])
    r = pd.post(f"/pemetaan/item/{item.pk}/mulai/")
    kasus = KasusKsdpk.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/kerjasama/{kasus.pk}/"
    assert (kasus.objek, kasus.jangka_waktu_bulan, kasus.asal, kasus.item_pemetaan) == (
        "Gedung parkir 600 SRP", 120, "pemetaan", item)
    assert [c.mitra for c in kasus.calon.all()] == [pt]


# --- the audited exception ---------------------------------------------------------------------------------------


def test_ps38_pengecualian_sekretariat_dengan_alasan_tercatat(beku, pengguna, klien_api, halaman, pd_dishub):
    """Ps 38(1): the Sekretariat TKKSD starts an urgent case without an item; the reason is kept on the case,
    shown on its page, and audited with who, when, why and the Pasal."""
    r = klien_api(pengguna["tkksd"]).c.post(URL, {**DATA, "perangkat_daerah": pd_dishub.pk,
                                                  "alasan_tanpa_pemetaan": f"  {ALASAN} "}, format="json")
    assert r.status_code == 201, r.content
    obj = r.json()
    assert (obj["alasan_tanpa_pemetaan"], obj["item_pemetaan"], obj["perangkat_daerah"]) == (ALASAN, None, pd_dishub.pk)
    audit = RiwayatAudit.objects.get(kerjasama_id=obj["id"], aksi="dimulai_tanpa_pemetaan")
    assert (audit.oleh, audit.dasar_hukum, audit.data) == (pengguna["tkksd"], "Pasal 38 ayat (1)", {"alasan": ALASAN})
    assert audit.pada is not None and ALASAN in audit.komentar and "keadaan mendesak" in audit.komentar
    riwayat = [r for r in obj["riwayat"] if r["aksi"] == "dimulai_tanpa_pemetaan"]
    assert len(riwayat) == 1
    # The PD Pemrakarsa reads the reason on the case page.
    html = halaman(pengguna["pd_dishub"]).get(f"/kerjasama/{obj['id']}/").content.decode()
    assert 'data-testid="dasar-persiapan"' in html and "Tanpa item pemetaan" in html and ALASAN in html
    assert "Pasal 38 ayat (1)" in html


def test_ps38_pengecualian_sekretariat_lewat_halaman(beku, pengguna, halaman, pd_dishub):
    tkksd = halaman(pengguna["tkksd"])
    assert "alasan_tanpa_pemetaan" in tkksd.get("/ksdpk/baru/").context["form"].fields
    r = tkksd.post("/ksdpk/baru/", {**DATA, "perangkat_daerah": pd_dishub.pk, "alasan_tanpa_pemetaan": ALASAN})
    assert r.status_code == 302
    kasus = KasusKsdpk.objects.get()
    assert (kasus.alasan_tanpa_pemetaan, kasus.perangkat_daerah, kasus.asal) == (ALASAN, pd_dishub, "baru")
    assert RiwayatAudit.objects.filter(kerjasama=kasus, aksi="dimulai_tanpa_pemetaan", oleh=pengguna["tkksd"],
                                       dasar_hukum="Pasal 38 ayat (1)").exists()


def test_ps38_layanan_menolak_pengecualian_tanpa_alasan(beku, pengguna, pd_dishub):
    with pytest.raises(ValidationError) as exc:
        services.ksdpk_buat(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, **DATA)
    assert "Pasal 38 ayat (1)" in exc.value.message_dict["item_pemetaan"][0]


# --- a third party's initiative is not affected ----------------------------------------------------------------------


def test_ps50_permohonan_pihak_ketiga_tanpa_item_pemetaan(beku, pengguna, klien_api, pt):
    """Ps 49–50: a third party's application is not a Daerah initiative: Ps 38(1)'s mapping basis does not apply."""
    r = klien_api(pengguna["mitra_pt"]).c.post("/api/v1/ksdpk/permohonan/", {
        **DATA, "studi_kelayakan": berkas_contoh("Studi kelayakan", "studi.pdf")}, format="multipart")
    assert r.status_code == 201, r.content
    assert (r.json()["inisiatif"], r.json()["item_pemetaan"], r.json()["alasan_tanpa_pemetaan"]) == ("mitra", None, "")
