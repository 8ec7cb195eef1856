"""Permission-matrix providers for the mapping's URLs (BAB II, Ps 5–20; tests/quality/matriks.py).
Who sees and who acts is written by hand from the spec (README "Actors and roles", pemetaan.md),
never asked of the code under test:

- a cycle (and its list, attendance and documents) is seen by the roles that see everything and by
  every PD — Ps 9: every Perangkat Daerah takes part in the mapping; Ps 11(1): each is asked for its
  data. The DPRD, the supervision team and the partners have no part in it (404);
- a recommendation is seen by its own PD and by the roles that see everything; another PD, the DPRD,
  the supervision team and the partners get 404;
- acting follows the stage tables of pemetaan.md: the PD submits its own recommendation (Ps 13(2)),
  the Sekretariat returns or accepts it (Ps 14), the Ketua opens the plenary (Ps 15), the TKKSD
  (Sekretariat and Ketua) keeps the plenary's list and attendance (Ps 15–16), the Sekretariat
  records the berita acara (Ps 16) and the evaluation (Ps 20), the Ketua submits the draft Keputusan
  (Ps 17), the Wali Kota sets it (Ps 18); an item of a set list is started by the Sekretariat or its
  own PD (Ps 18–19). The auditor only reads.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from tests.quality.matriks import MELIHAT_SEMUA, Dunia, Permintaan, langkah_formulir, penyedia

SIKLUS = MELIHAT_SEMUA | {"pd_dishub", "pd_disbudpar"}
TKKSD = {"tkksd", "ketua"}


def _hari(n: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


def _rek(dunia: Dunia, siklus, pd_user: str, *, item: bool = True, tim: bool = True, **trait):
    """A filled recommendation of `pd_user`'s PD (with a valid Tim Pemetaan and one proposed item)."""
    from tests.pemetaan.factories import ItemUsulanFactory, RekomendasiFactory, TimPemetaanFactory

    pd = dunia.pengguna[pd_user].perangkat_daerah
    if tim:
        TimPemetaanFactory(perangkat_daerah=pd)
    rek = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd, **trait)
    if item:
        ItemUsulanFactory(rekomendasi=rek)
    return rek


def _melihat_rek(pd_user: str) -> frozenset:
    return MELIHAT_SEMUA | {pd_user}


def _siklus_pleno(dunia: Dunia):
    """A plenary cycle whose agenda is Dishub's discussed recommendation: (cycle, its proposed item)."""
    from tests.pemetaan.factories import ItemUsulanFactory, RekomendasiFactory, SiklusFactory

    siklus = SiklusFactory(pleno=True)
    rek = RekomendasiFactory(siklus=siklus, perangkat_daerah=dunia.pd_dishub, dibahas=True)
    return siklus, ItemUsulanFactory(rekomendasi=rek)


def _siklus_ditetapkan(dunia: Dunia):
    """A set list with one KSDD item of each PD: (cycle, Dishub's item, Disbudpar's item)."""
    from tests.pemetaan.factories import (
        ItemRencanaFactory,
        ItemUsulanFactory,
        RekomendasiFactory,
        SiklusFactory,
    )

    siklus = SiklusFactory(ditetapkan=True)
    item = []
    for pd in (dunia.pd_dishub, dunia.pd_disbudpar):
        rek = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd, dibahas=True)
        item.append(ItemRencanaFactory(item_usulan=ItemUsulanFactory(rekomendasi=rek, jenis_usulan="KSDD")))
    return siklus, item[0], item[1]


def _langkah_siklus(dunia: Dunia):
    """Each step of the cycle, from a cycle standing where it is offered: [(cycle, step, data, who may)]."""
    from tests.pemetaan.factories import (
        ItemRencanaFactory,
        ItemUsulanFactory,
        KehadiranFactory,
        SiklusFactory,
    )

    hasil = []
    # Ps 15: the Ketua TKKSD opens the plenary once every received recommendation was checked.
    kumpul = SiklusFactory()
    _rek(dunia, kumpul, "pd_dishub", lengkap=True)
    hasil.append((kumpul, "mulai_pleno", {"tanggal_pleno": _hari(), "tempat_pleno": "Ruang Rapat Sekda"}, {"ketua"}))
    # Ps 16(1): the Sekretariat records the berita acara of a plenary with its list and attendance.
    pleno, usulan = _siklus_pleno(dunia)
    ItemRencanaFactory(item_usulan=usulan)
    KehadiranFactory(siklus=pleno)
    hasil.append((pleno, "catat_berita_acara", {"nomor_berita_acara": "BA/7/TKKSD", "tanggal_berita_acara": _hari()},
                  {"tkksd"}))
    # Ps 17: the Ketua submits the draft Keputusan to the Wali Kota.
    ba = SiklusFactory(berita_acara=True)
    ItemRencanaFactory(item_usulan=ItemUsulanFactory(rekomendasi__siklus=ba, rekomendasi__perangkat_daerah=dunia.pd_dishub,
                                                     rekomendasi__tahap="dibahas"))
    hasil.append((ba, "ajukan_ke_wali_kota", {}, {"ketua"}))
    # Ps 18: the Wali Kota sets the Keputusan.
    diajukan = SiklusFactory(diajukan_ke_wali_kota=True)
    hasil.append((diajukan, "tetapkan", {"nomor_keputusan": "100.3.3.2/Kep.9-Ks", "tanggal_keputusan": _hari()},
                  {"walikota"}))
    # Ps 20: the Sekretariat records the evaluation of a set mapping.
    ditetapkan = SiklusFactory(ditetapkan=True)
    hasil.append((ditetapkan, "evaluasi", {"tanggal_evaluasi": _hari(), "hasil": "Sebagian item sudah berjalan."},
                  {"tkksd"}))
    return hasil


def _langkah_rekomendasi(dunia: Dunia):
    """Each step of a recommendation: [(recommendation, step, data, who sees it, who may)]."""
    from tests.pemetaan.factories import SiklusFactory

    siklus = SiklusFactory()
    hasil = []
    # Ps 13(2): each PD submits its own recommendation (a valid team, every part, one item).
    for pd_user in ("pd_dishub", "pd_disbudpar"):
        rek = _rek(dunia, siklus, pd_user)
        hasil.append((rek, "ajukan", {}, _melihat_rek(pd_user), {pd_user}))
    lain = SiklusFactory()
    # Ps 14(2): the Sekretariat returns an incomplete one, saying what is missing.
    rek = _rek(dunia, lain, "pd_disbudpar", tim=False, diajukan=True)
    hasil.append((rek, "kembalikan", {"komentar": "Data pendukung belum dilampirkan."}, _melihat_rek("pd_disbudpar"),
                  {"tkksd"}))
    # Ps 14(1): the Sekretariat accepts a complete one.
    rek = _rek(dunia, lain, "pd_dishub", tim=False, diajukan=True)
    hasil.append((rek, "terima", {}, _melihat_rek("pd_dishub"), {"tkksd"}))
    # Ps 13(2) after Ps 14(2): the PD resubmits a returned one.
    ketiga = SiklusFactory()
    rek = _rek(dunia, ketiga, "pd_dishub", tim=False, dikembalikan=True)
    hasil.append((rek, "ajukan_ulang", {}, _melihat_rek("pd_dishub"), {"pd_dishub"}))
    return hasil


def _ada_dokumen(pemilik, judul: str, berwenang):
    """`periksa`: an upload the user may make is stored (a 302 alone does not say so)."""
    from kerjasama.models import Dokumen

    def periksa(username, response):
        from django.contrib.contenttypes.models import ContentType

        ada = Dokumen.objects.filter(pemilik_tipe=ContentType.objects.get_for_model(pemilik), pemilik_id=pemilik.pk,
                                     judul=judul).exists()
        if username in berwenang and not ada:
            return f"dokumen “{judul}” tidak tersimpan"
        if username not in berwenang and ada:
            return f"dokumen “{judul}” tersimpan oleh yang tidak berwenang"
        return None

    return periksa


# --- cycles (web) -------------------------------------------------------------------------------


@penyedia("pemetaan:siklus_detail", "pemetaan:siklus_daftar_xlsx")
def siklus_baca(dunia):
    from tests.pemetaan.factories import SiklusFactory

    kumpul = SiklusFactory()
    _rek(dunia, kumpul, "pd_dishub")
    siklus, _dishub, _disbudpar = _siklus_ditetapkan(dunia)
    return [Permintaan({"pk": s.pk}, melihat=SIKLUS, berwenang=SIKLUS, keterangan=s.tahap) for s in (kumpul, siklus)]


@penyedia("pemetaan:siklus_transisi")
def siklus_transisi(dunia):
    hasil = []
    for siklus, nama, data, berwenang in _langkah_siklus(dunia):
        hasil += langkah_formulir({"pk": siklus.pk}, nama=nama, data=data, melihat=SIKLUS, berwenang=berwenang)
    return hasil


@penyedia("pemetaan:siklus_daftar")
def siklus_daftar(dunia):
    # Ps 15 huruf b–c, Ps 16(1): the TKKSD picks the items and ranks them during the plenary.
    siklus, usulan = _siklus_pleno(dunia)

    def periksa(username, response):
        n = siklus.daftar_rencana.count()
        if username in TKKSD and n != 1:
            return f"daftar berisi {n} item, seharusnya 1"
        if username not in TKKSD and n:
            return "daftar disusun oleh yang tidak berwenang"
        return None

    return [Permintaan({"pk": siklus.pk}, melihat=SIKLUS, berwenang=TKKSD, metode="post", berhasil=(302,),
                       data={f"pilih_{usulan.pk}": "1", f"peringkat_{usulan.pk}": "1"}, periksa=periksa)]


@penyedia("pemetaan:siklus_kehadiran")
def siklus_kehadiran(dunia):
    siklus, _usulan = _siklus_pleno(dunia)
    data = {"hadir-TOTAL_FORMS": "1", "hadir-INITIAL_FORMS": "0", "hadir-MIN_NUM_FORMS": "0",
            "hadir-MAX_NUM_FORMS": "200", "hadir-0-nama": "Sekretaris Daerah", "hadir-0-jabatan": "Ketua TKKSD",
            "hadir-0-unsur": "TKKSD"}
    return [Permintaan({"pk": siklus.pk}, melihat=SIKLUS, berwenang=TKKSD, keterangan="formulir"),
            Permintaan({"pk": siklus.pk}, melihat=SIKLUS, berwenang=TKKSD, metode="post", data=data, berhasil=(302,),
                       keterangan="simpan")]


@penyedia("pemetaan:siklus_dokumen_hasilkan")
def siklus_dokumen_hasilkan(dunia):
    # The request letter of Ps 11(1), generated again while data is collected: the TKKSD's document.
    from tests.pemetaan.factories import SiklusFactory

    siklus = SiklusFactory()
    return [Permintaan({"pk": siklus.pk, "jenis": "surat_permintaan"}, melihat=SIKLUS, berwenang=TKKSD, metode="post",
                       berhasil=(302,))]


@penyedia("pemetaan:siklus_dokumen_unggah")
def siklus_dokumen_unggah(dunia):
    # The signed Keputusan (Ps 18), scanned minutes: kept by the Sekretariat, the Ketua and the Wali Kota.
    from tests.pemetaan.factories import SiklusFactory, pdf_kecil

    siklus = SiklusFactory(ditetapkan=True)
    berwenang = {"tkksd", "ketua", "walikota"}
    judul = "Keputusan Wali Kota (pindaian)"
    return [Permintaan({"pk": siklus.pk}, melihat=SIKLUS, berwenang=berwenang, metode="post", berhasil=(302,),
                       data=lambda: {"jenis": "keputusan", "judul": judul, "berkas": pdf_kecil("kep.pdf")},
                       periksa=_ada_dokumen(siklus, judul, berwenang), keterangan="unggah"),
            # without a file: the form's error for those who may, still 403 for the others
            Permintaan({"pk": siklus.pk}, melihat=SIKLUS, berwenang=berwenang, metode="post", berhasil=(302,),
                       data={"jenis": "keputusan"}, keterangan="tanpa berkas")]


@penyedia("pemetaan:rekomendasi_ubah")
def rekomendasi_ubah(dunia):
    # Ps 12–13(1): each PD drafts its own recommendation for the cycle (Dishub has a draft, Disbudpar none).
    from tests.pemetaan.factories import ISI_REKOMENDASI, SiklusFactory

    siklus = SiklusFactory()
    _rek(dunia, siklus, "pd_dishub")
    data = {**ISI_REKOMENDASI, "item-TOTAL_FORMS": "1", "item-INITIAL_FORMS": "0", "item-MIN_NUM_FORMS": "0",
            "item-MAX_NUM_FORMS": "50", "item-0-urusan": "Perhubungan", "item-0-program": "Program LLAJ",
            "item-0-kegiatan": "Integrasi trayek", "item-0-jenis_usulan": "KSDD", "item-0-calon_mitra": "Kota Bogor",
            "item-0-jangka_waktu_bulan": "24", "item-0-ruang_lingkup": "Trayek lintas batas"}
    pd = {"pd_dishub", "pd_disbudpar"}
    return [Permintaan({"pk": siklus.pk}, melihat=SIKLUS, berwenang=pd, keterangan="formulir"),
            Permintaan({"pk": siklus.pk}, melihat=SIKLUS, berwenang=pd, metode="post", data=data, berhasil=(302,),
                       keterangan="simpan draf")]


@penyedia("pemetaan:item_mulai")
def item_mulai(dunia):
    # Ps 18–19: an item of the set list starts its case, by the Sekretariat or the item's own PD.
    _siklus, dishub, disbudpar = _siklus_ditetapkan(dunia)
    return [Permintaan({"pk": i.pk}, melihat=SIKLUS, berwenang={"tkksd", pd}, metode="post", berhasil=(302,),
                       keterangan=pd)
            for i, pd in ((dishub, "pd_dishub"), (disbudpar, "pd_disbudpar"))]


# --- recommendations (web) ----------------------------------------------------------------------


@penyedia("pemetaan:rekomendasi_detail")
def rekomendasi_detail(dunia):
    from tests.pemetaan.factories import SiklusFactory

    siklus = SiklusFactory()
    return [Permintaan({"pk": _rek(dunia, siklus, pd).pk}, melihat=_melihat_rek(pd), berwenang=_melihat_rek(pd))
            for pd in ("pd_dishub", "pd_disbudpar")]


@penyedia("pemetaan:rekomendasi_transisi")
def rekomendasi_transisi(dunia):
    hasil = []
    for rek, nama, data, melihat, berwenang in _langkah_rekomendasi(dunia):
        hasil += langkah_formulir({"pk": rek.pk}, nama=nama, data=data, melihat=melihat, berwenang=berwenang)
    return hasil


@penyedia("pemetaan:rekomendasi_dokumen_unggah")
def rekomendasi_dokumen_unggah(dunia):
    # Ps 11: the PD's own supporting data, while its recommendation may still change.
    from tests.pemetaan.factories import SiklusFactory, pdf_kecil

    siklus = SiklusFactory()
    hasil = []
    for pd in ("pd_dishub", "pd_disbudpar"):
        rek = _rek(dunia, siklus, pd)
        judul = f"Data kinerja {pd}"
        hasil.append(Permintaan({"pk": rek.pk}, melihat=_melihat_rek(pd), berwenang={pd}, metode="post",
                                berhasil=(302,), keterangan=pd,
                                data=lambda judul=judul: {"jenis": "lainnya", "judul": judul, "berkas": pdf_kecil()},
                                periksa=_ada_dokumen(rek, judul, {pd})))
        hasil.append(Permintaan({"pk": rek.pk}, melihat=_melihat_rek(pd), berwenang={pd}, metode="post",
                                berhasil=(302,), data={"jenis": "lainnya"}, keterangan=f"{pd} tanpa berkas"))
    return hasil


# --- API ----------------------------------------------------------------------------------------


@penyedia("pemetaan-siklus-detail")
def api_siklus_detail(dunia):
    siklus, _dishub, _disbudpar = _siklus_ditetapkan(dunia)
    return [Permintaan({"pk": siklus.pk}, melihat=SIKLUS, berwenang=SIKLUS)]


@penyedia("pemetaan-siklus-transisi")
def api_siklus_transisi(dunia):
    return [Permintaan({"pk": siklus.pk, "nama": nama}, melihat=SIKLUS, berwenang=berwenang, metode="post", data=data,
                       keterangan=nama)
            for siklus, nama, data, berwenang in _langkah_siklus(dunia)]


@penyedia("pemetaan-siklus-daftar-rencana")
def api_siklus_daftar_rencana(dunia):
    siklus, usulan = _siklus_pleno(dunia)
    return [Permintaan({"pk": siklus.pk}, melihat=SIKLUS, berwenang=TKKSD, metode="post",
                       data={"pilihan": [{"item_usulan": usulan.pk, "peringkat": 1}]})]


@penyedia("pemetaan-siklus-kehadiran")
def api_siklus_kehadiran(dunia):
    siklus, _usulan = _siklus_pleno(dunia)
    return [Permintaan({"pk": siklus.pk}, melihat=SIKLUS, berwenang=TKKSD, metode="post",
                       data={"daftar": [{"nama": "Sekretaris Daerah", "jabatan": "Ketua TKKSD", "unsur": "TKKSD"}]})]


@penyedia("pemetaan-siklus-mulai-kasus")
def api_siklus_mulai_kasus(dunia):
    siklus, dishub, disbudpar = _siklus_ditetapkan(dunia)
    return [Permintaan({"pk": siklus.pk, "item_id": i.pk}, melihat=SIKLUS, berwenang={"tkksd", pd}, metode="post",
                       berhasil=(201,), keterangan=pd)
            for i, pd in ((dishub, "pd_dishub"), (disbudpar, "pd_disbudpar"))]


@penyedia("pemetaan-rekomendasi-detail")
def api_rekomendasi_detail(dunia):
    from tests.pemetaan.factories import SiklusFactory

    siklus = SiklusFactory()
    hasil = []
    for pd in ("pd_dishub", "pd_disbudpar"):
        rek = _rek(dunia, siklus, pd)
        m = _melihat_rek(pd)
        hasil.append(Permintaan({"pk": rek.pk}, melihat=m, berwenang=m, keterangan=f"baca {pd}"))
        # Ps 12–13(1): only the PD that drafts it changes it
        hasil.append(Permintaan({"pk": rek.pk}, melihat=m, berwenang={pd}, metode="patch",
                                data={"identifikasi_masalah": "Masalah diperbarui."}, keterangan=f"ubah {pd}"))
    return hasil


@penyedia("pemetaan-rekomendasi-transisi")
def api_rekomendasi_transisi(dunia):
    return [Permintaan({"pk": rek.pk, "nama": nama}, melihat=melihat, berwenang=berwenang, metode="post", data=data,
                       keterangan=nama)
            for rek, nama, data, melihat, berwenang in _langkah_rekomendasi(dunia)]


@penyedia("pemetaan-rekomendasi-dokumen")
def api_rekomendasi_dokumen(dunia):
    from tests.pemetaan.factories import SiklusFactory, pdf_kecil

    siklus = SiklusFactory()
    hasil = []
    for pd in ("pd_dishub", "pd_disbudpar"):
        rek = _rek(dunia, siklus, pd)
        hasil.append(Permintaan({"pk": rek.pk}, melihat=_melihat_rek(pd), berwenang={pd}, metode="post",
                                berhasil=(201,), keterangan=pd,
                                data=lambda: {"judul": "Data kinerja", "berkas": pdf_kecil()}))
    return hasil
