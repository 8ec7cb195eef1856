"""Every write of the KSDPK app. The stages themselves are the shared domestic machine
(kerjasama.domestik, effects in kerjasama.domestik_services); here: starting a case on the Daerah's
initiative (Ps 37–38) or a third party's application (Ps 49–50), its data and obligations, and the
selection among candidates (Ps 39(2)–(3)) with its berita acara."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kerjasama import alur
from kerjasama.constants import (
    PELAKU_MITRA,
    Asal,
    Inisiatif,
    Jenis,
    JenisDokumen,
    JenisMitra,
    Peran,
    StatusDokumen,
)
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.permissions import PERM_LIHAT, beri_akses, cabut_akses
from kerjasama.services import (
    audit_catat,
    dokumen_hasilkan,
    dokumen_unggah,
    kerjasama_buat,
    kerjasama_sinkron_akses,
    kewajiban_atur,
    mitra_simpan,
    notifikasi_kirim,
    notifikasi_tahap_baru,
    pengguna_peran,
    pengguna_untuk_pelaku,
)
from kerjasama.validators import validasi_tidak_di_masa_depan

from . import permissions, selectors
from .constants import KRITERIA, NILAI_MAKS, PASAL_PEMILIHAN, TAHAP_CALON, TAHAP_TIM, KedudukanTim
from .models import (
    TAHAP_DAPAT_DIUBAH_KSDPK,
    AnggotaTimPemilihan,
    CalonMitra,
    KasusKsdpk,
    LembarPenilaian,
    NilaiCalon,
    TimPemilihan,
    validasi_pihak_ketiga,
)

MODEL = KasusKsdpk._meta.label_lower
# The case's own data that creation and editing may set (interfaces: the API's field names).
FIELD_DATA = ("judul", "jenis_ksdpk", "dasar_hukum", "objek", "uraian", "nilai", "pendapatan_daerah", "sumber_dana",
              "lokasi", "lintang", "bujur", "jangka_waktu_bulan", "membebani_masyarakat_daerah", "sudah_dianggarkan_apbd")
# What a third party may tell about itself (kerjasama.Mitra), Ps 1 angka 28.
FIELD_PIHAK_KETIGA = ("bentuk_hukum", "nib", "npwp", "alamat", "email", "telepon", "nama_pimpinan", "jabatan_pimpinan",
                      "nama_perwakilan")


def _tautan(kasus) -> str:
    return f"/kerjasama/{kasus.pk}/"


def _kunci(kasus, *, tahap: tuple[str, ...], pesan: str) -> KasusKsdpk:
    """The case under its row lock, refused (409) when it is not in one of `tahap` any more."""
    terkunci = KasusKsdpk.objects.select_for_update().get(pk=kasus.pk)
    if terkunci.tahap not in tahap:
        raise TransisiTidakTersedia(f"{pesan} (tahap sekarang: {terkunci.tahap}).")
    return terkunci


def _harus(boleh: bool, pesan: str) -> None:
    if not boleh:
        raise PermissionDenied(pesan)


def _pd_pemrakarsa(by, perangkat_daerah):
    """Ps 38(1): the PD Pemrakarsa starts the case: a PD user for its own PD; the Sekretariat names the PD."""
    if by.punya_peran(Peran.SEKRETARIAT_TKKSD):
        if perangkat_daerah is None:
            raise ValidationError({"perangkat_daerah": "Pilih Perangkat Daerah Pemrakarsa."})
        return perangkat_daerah
    _harus(by.punya_peran(Peran.PD) and by.perangkat_daerah_id is not None,
           "Hanya Perangkat Daerah atau Sekretariat TKKSD yang dapat memulai KSDPK (Pasal 38 ayat (1)).")
    _harus(perangkat_daerah in (None, by.perangkat_daerah),
           "Perangkat Daerah hanya dapat memulai kerja sama untuk dirinya sendiri.")
    return by.perangkat_daerah


def _validasi_data(kasus) -> None:
    try:
        kasus.full_clean(exclude=["tahap"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc


# ---------------------------------------------------------------------------------------------
# Starting a case
# ---------------------------------------------------------------------------------------------


# Ps 38(1): "menyiapkan kerangka acuan kerja berdasarkan hasil pemetaan, skala prioritas program dan kegiatan".
PASAL_PEMETAAN = "Pasal 38 ayat (1)"
PESAN_TANPA_PEMETAAN = (
    "KSDPK atas prakarsa Daerah disiapkan berdasarkan hasil pemetaan dan skala prioritas program dan kegiatan "
    "(Perwal 57/2023 Pasal 38 ayat (1)): pilih item Daftar Rencana Program dan Kegiatan Kerja Sama Daerah yang telah "
    "ditetapkan dengan Keputusan Wali Kota. Untuk keadaan mendesak, Sekretariat TKKSD dapat memulainya tanpa item "
    "pemetaan dengan mencatat alasannya.")
PESAN_PENGECUALIAN_SEKRETARIAT = (
    "Hanya Sekretariat TKKSD yang dapat memulai KSDPK atas prakarsa Daerah tanpa item pemetaan, sebagai pengecualian "
    "keadaan mendesak dengan alasan tercatat (Pasal 38 ayat (1)). Perangkat Daerah memulai KSDPK dari item Daftar "
    "Rencana Program dan Kegiatan yang telah ditetapkan Wali Kota.")
PESAN_SALAH_SATU = ("Pilih salah satu: item pemetaan, atau alasan memulai tanpa item pemetaan (Pasal 38 ayat (1)); "
                    "bukan keduanya.")


def _alasan_tanpa_pemetaan(*, by, item_pemetaan, alasan_tanpa_pemetaan: str) -> str:
    """Ps 38(1): the basis of a Daerah initiative. From a mapping item: no reason (""); without one: only the
    Sekretariat TKKSD, only with its reason (the audited exception for urgent cases). Returns the reason."""
    alasan = (alasan_tanpa_pemetaan or "").strip()
    if item_pemetaan is not None:
        if alasan:
            raise ValidationError({"alasan_tanpa_pemetaan": PESAN_SALAH_SATU})
        return ""
    if alasan and not by.punya_peran(Peran.SEKRETARIAT_TKKSD):
        raise PermissionDenied(PESAN_PENGECUALIAN_SEKRETARIAT)
    if not alasan:
        raise ValidationError({"item_pemetaan": PESAN_TANPA_PEMETAAN})
    return alasan


@transaction.atomic
def ksdpk_buat(*, by, judul: str, jenis_ksdpk: str, objek: str, perangkat_daerah=None, calon_mitra=(),
               item_pemetaan=None, alasan_tanpa_pemetaan: str = "", **data) -> KasusKsdpk:
    """Ps 37–38(1): the PD Pemrakarsa starts a KSDPK in persiapan with its candidate third parties (the offer
    goes to them, Ps 39(1)); `data` holds the other FIELD_DATA.

    Ps 38(1): its KAK rests on the mapping and the priority scale, so it starts from a mapping item
    (`item_pemetaan`: only through pemetaan's `item_mulai_kasus`, which locks and links the item; pages and the
    API call `ksdpk_buat_dari_item`). Without one, only the Sekretariat TKKSD, with `alasan_tanpa_pemetaan`
    (urgent cases): the reason is kept on the case and in an audit row citing the Pasal."""
    _harus(permissions.dapat_memulai(by),
           "Hanya Perangkat Daerah atau Sekretariat TKKSD yang dapat memulai KSDPK (Pasal 38 ayat (1)).")
    alasan = _alasan_tanpa_pemetaan(by=by, item_pemetaan=item_pemetaan, alasan_tanpa_pemetaan=alasan_tanpa_pemetaan)
    tidak_dikenal = set(data) - set(FIELD_DATA)
    if tidak_dikenal:
        raise ValidationError({"__all__": f"Isian tidak dikenal: {', '.join(sorted(tidak_dikenal))}."})
    kasus = kerjasama_buat(
        model=KasusKsdpk, by=by, tahap="persiapan", judul=judul, jenis=Jenis.KSDPK, inisiatif=Inisiatif.DAERAH,
        asal=Asal.PEMETAAN if item_pemetaan is not None else Asal.BARU,
        perangkat_daerah=_pd_pemrakarsa(by, perangkat_daerah), jenis_ksdpk=jenis_ksdpk, objek=objek,
        alasan_tanpa_pemetaan=alasan, **data,
    )
    for mitra in calon_mitra:
        _calon_simpan(kasus=kasus, by=by, mitra=mitra)
    if alasan:
        # Who (oleh), when (pada), why (komentar, data) and the Pasal: the exception is on the record.
        audit_catat(kerjasama=kasus, aksi="dimulai_tanpa_pemetaan", oleh=by, ke_tahap=kasus.tahap,
                    dasar_hukum=PASAL_PEMETAAN, data={"alasan": alasan},
                    komentar=f"Dimulai tanpa item pemetaan sebagai pengecualian keadaan mendesak. Alasan: {alasan}")
    notifikasi_tahap_baru(kasus=kasus, oleh=by)
    return kasus


def _bukan_kosong(data: dict) -> dict:
    return {k: v for k, v in data.items() if v not in (None, "", [], ())}


@transaction.atomic
def ksdpk_buat_dari_item(*, item, by, perangkat_daerah=None, calon_mitra=(), alasan_tanpa_pemetaan: str = "",
                         **data) -> KasusKsdpk:
    """Ps 38(1): start a Daerah initiative from an item of a set mapping list (the page's and the API's way).
    pemetaan's own service locks the item, refuses it when its list is not set or it has started, and links it
    to the case; our creator carries the item's data, completed or corrected by what the form entered (`data`:
    FIELD_DATA; empty values keep the item's). The PD Pemrakarsa is the PD that proposed the item."""
    from pemetaan.services import item_mulai_kasus  # lazy: pemetaan is a separate app (as ksdln does)

    _harus(permissions.dapat_memulai(by),
           "Hanya Perangkat Daerah atau Sekretariat TKKSD yang dapat memulai KSDPK (Pasal 38 ayat (1)).")
    if (alasan_tanpa_pemetaan or "").strip():
        raise ValidationError({"alasan_tanpa_pemetaan": PESAN_SALAH_SATU})
    if getattr(item, "jenis_usulan", None) != Jenis.KSDPK:
        raise ValidationError({"item_pemetaan": f"Item pemetaan ini diusulkan untuk {item.jenis_usulan}, bukan KSDPK."})
    if perangkat_daerah is not None and perangkat_daerah.pk != item.perangkat_daerah_id:
        raise ValidationError({"perangkat_daerah": (
            f"Item pemetaan ini diusulkan oleh {item.perangkat_daerah}; KAK-nya disiapkan oleh Perangkat Daerah "
            "pengusul itu sebagai PD Pemrakarsa (Pasal 38 ayat (1)).")})
    tidak_dikenal = set(data) - set(FIELD_DATA)
    if tidak_dikenal:
        raise ValidationError({"__all__": f"Isian tidak dikenal: {', '.join(sorted(tidak_dikenal))}."})
    isian = _bukan_kosong(data)
    if isian.get("uraian"):
        isian["uraian"] = f"{isian['uraian']}\n\n{item.uraian_kasus()}"  # the item's reference stays
    if calon_mitra:
        isian["calon"] = list(calon_mitra)
    kasus = item_mulai_kasus(item=item, by=by, isian=isian)
    return KasusKsdpk.objects.get(pk=kasus.pk)


def ksdpk_buat_dari_pemetaan(*, by, judul, perangkat_daerah, mitra=None, uraian="", item_pemetaan=None, calon=None,
                             **data):
    """The case-creator the mapping app calls for a planned KSDPK item (kerjasama.alur.pembuat_kasus). The item
    names a candidate when it names a known third party; the kind (Ps 36(1)) is then set by the PD. What the
    start form entered (`calon`, FIELD_DATA in `data`) takes the place of the item's."""
    if calon is None:
        calon = [mitra] if mitra is not None and mitra.jenis == JenisMitra.PIHAK_KETIGA else []
    isian = {k: v for k, v in data.items() if k in FIELD_DATA and k not in ("judul", "uraian")}
    jenis_ksdpk = isian.pop("jenis_ksdpk", None) or "pelayanan_publik"
    objek = isian.pop("objek", None) or data.get("ruang_lingkup") or data.get("kegiatan") or judul
    # Ps 42(1) caps the KB only: the item's planned term is carried over as it is (issue 15).
    isian["jangka_waktu_bulan"] = isian.get("jangka_waktu_bulan") or None
    return ksdpk_buat(by=by, judul=judul, perangkat_daerah=perangkat_daerah, uraian=uraian, item_pemetaan=item_pemetaan,
                      calon_mitra=calon, jenis_ksdpk=jenis_ksdpk, objek=objek, **isian)


alur.daftar_pembuat_kasus(Jenis.KSDPK, ksdpk_buat_dari_pemetaan)


def _pihak_ketiga_pemohon(*, by, mitra, nama_pihak_ketiga: str, data_pihak_ketiga: dict):
    """The applicant: a mitra user applies for its own organisation; staff recording a paper application
    name an existing third party or a new one. Its details are updated from the application."""
    data_pihak_ketiga = {k: v for k, v in (data_pihak_ketiga or {}).items() if k in FIELD_PIHAK_KETIGA and v}
    if not by.punya_peran(Peran.SEKRETARIAT_TKKSD):
        _harus(dapat_mengajukan_permohonan(by),
               "Permohonan KSDPK diajukan oleh pihak ketiga atau dicatat oleh Sekretariat TKKSD (Pasal 50 ayat (1)).")
        _harus(mitra in (None, by.mitra), "Pihak ketiga hanya dapat mengajukan permohonan atas namanya sendiri.")
        mitra = by.mitra
    elif mitra is None and not (nama_pihak_ketiga or "").strip():
        raise ValidationError({"mitra": "Pilih pihak ketiga pemohon, atau tulis namanya bila belum terdaftar."})
    if mitra is not None and mitra.jenis != JenisMitra.PIHAK_KETIGA:
        raise ValidationError({"mitra": f"{mitra.nama} bukan pihak ketiga (Pasal 1 angka 28)."})
    nama = mitra.nama if mitra is not None else nama_pihak_ketiga.strip()
    return mitra_simpan(nama=nama, jenis=JenisMitra.PIHAK_KETIGA, **data_pihak_ketiga)


def dapat_mengajukan_permohonan(user) -> bool:
    """Ps 50(1): the representative of a third party (its own account), or the Sekretariat for a paper letter."""
    return bool(user.punya_peran(Peran.SEKRETARIAT_TKKSD) or (
        user.punya_peran(Peran.MITRA) and user.mitra_id is not None and user.mitra.jenis == JenisMitra.PIHAK_KETIGA))


@transaction.atomic
def ksdpk_permohonan_ajukan(*, by, judul: str, jenis_ksdpk: str, objek: str, studi_kelayakan, mitra=None,
                            nama_pihak_ketiga: str = "", data_pihak_ketiga: dict | None = None, surat_permohonan=None,
                            nomor_surat: str = "", tanggal_surat=None, **data) -> KasusKsdpk:
    """Ps 49–50(1): a third party applies to the Wali Kota with a feasibility study, online (a mitra user) or
    on paper (recorded by the Sekretariat with the scanned letter). The case starts in kajian_tkksd, where
    the TKKSD studies it (Ps 50(2)–(3)). Nothing is kept if a file is refused."""
    kertas = by.punya_peran(Peran.SEKRETARIAT_TKKSD)
    tidak_dikenal = set(data) - set(FIELD_DATA)
    if tidak_dikenal:
        raise ValidationError({"__all__": f"Isian tidak dikenal: {', '.join(sorted(tidak_dikenal))}."})
    tanggal_surat = tanggal_surat or timezone.localdate()
    try:
        validasi_tidak_di_masa_depan(tanggal_surat)
    except ValidationError as exc:
        raise ValidationError({"tanggal_surat": exc.messages}) from exc
    pemohon = _pihak_ketiga_pemohon(by=by, mitra=mitra, nama_pihak_ketiga=nama_pihak_ketiga,
                                    data_pihak_ketiga=data_pihak_ketiga or {})
    validasi_pihak_ketiga(pemohon, jenis_ksdpk)
    kasus = kerjasama_buat(
        model=KasusKsdpk, by=by, tahap="kajian_tkksd", judul=judul, jenis=Jenis.KSDPK, inisiatif=Inisiatif.MITRA,
        mitra=pemohon, jenis_ksdpk=jenis_ksdpk, objek=objek, nomor_surat_penawaran=nomor_surat,
        tanggal_surat_penawaran=tanggal_surat, **data,
    )
    berkas = {"studi_kelayakan": (studi_kelayakan, JenisDokumen.STUDI_KELAYAKAN, f"Studi kelayakan dari {pemohon.nama}"),
              "surat_penawaran": (surat_permohonan, JenisDokumen.SURAT_PENAWARAN, f"Surat permohonan {pemohon.nama}")}
    errors = {}
    if not studi_kelayakan:
        errors["studi_kelayakan"] = ["Permohonan KSDPK wajib melampirkan studi kelayakan (Pasal 50 ayat (1))."]
    if kertas and not surat_permohonan:
        errors["surat_permohonan"] = ["Lampirkan pindaian surat permohonan pihak ketiga kepada Wali Kota (Pasal 50 ayat (1))."]
    for nama, (isi, jenis, judul_dok) in berkas.items():
        if not isi or errors:
            continue
        try:
            versi = dokumen_unggah(by=by, kerjasama=kasus, berkas=isi, jenis=jenis, judul=judul_dok,
                                   status=StatusDokumen.FINAL)
        except ValidationError as exc:
            errors["surat_permohonan" if nama == "surat_penawaran" else nama] = exc.message_dict.get("berkas", exc.messages)
        else:
            setattr(kasus, nama, versi.dokumen)
    if errors:
        raise ValidationError(errors)  # the atomic block drops the case and the stored versions
    kasus.save(update_fields=["studi_kelayakan", "surat_penawaran"])
    audit_catat(kerjasama=kasus, aksi="permohonan_diajukan", oleh=by, ke_tahap=kasus.tahap, dasar_hukum="Pasal 50 ayat (1)",
                komentar=(f"Permohonan kerja sama {pemohon.nama} kepada Wali Kota"
                          + (f" nomor {nomor_surat}" if nomor_surat else "") + f" tanggal {tanggal_surat:%d-%m-%Y}, "
                          "dengan studi kelayakan" + (" (dicatat dari surat)." if kertas else " (diajukan melalui SIKSD).")))
    notifikasi_tahap_baru(kasus=kasus, oleh=by)
    notifikasi_kirim(penerima=[u for u in pengguna_peran(Peran.WALI_KOTA) if u != by], kerjasama=kasus,
                     judul=f"{kasus.nomor}: permohonan KSDPK dari {pemohon.nama}",
                     pesan=f"{kasus.judul}\nDikaji oleh TKKSD (Pasal 50 ayat (2)).", tautan=_tautan(kasus))
    return kasus


# ---------------------------------------------------------------------------------------------
# Data and obligations
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def ksdpk_ubah(*, kasus: KasusKsdpk, by, **fields) -> KasusKsdpk:
    """Change the case's data (kind, legal basis, object, value, Ps 43 answers…) until the KB is signed:
    afterwards the Ps 43 branch has read them and they are part of the record."""
    _harus(permissions.pengelola_data(by, kasus), "Data kerja sama diubah oleh PD Pemrakarsa atau Sekretariat TKKSD.")
    kasus = _kunci(kasus, tahap=TAHAP_DAPAT_DIUBAH_KSDPK,
                   pesan="Data kerja sama tidak dapat diubah lagi setelah Kesepakatan Bersama ditandatangani")
    asing = sorted(set(fields) - set(FIELD_DATA))
    if asing:
        raise ValidationError({"__all__": f"Isian tidak dikenal: {', '.join(asing)}."})
    berubah = {nama: alur.nilai_json(nilai) for nama, nilai in fields.items() if getattr(kasus, nama) != nilai}
    for nama in berubah:
        setattr(kasus, nama, fields[nama])
    _validasi_data(kasus)
    kasus.save()
    if berubah:
        audit_catat(kerjasama=kasus, aksi="data_diubah", oleh=by, komentar="Data kerja sama diubah: " + ", ".join(berubah),
                    data={"berubah": berubah})
    return kasus


@transaction.atomic
def ksdpk_kewajiban_atur(*, kasus: KasusKsdpk, by, daftar: list[dict]) -> list:
    """The obligations of each side under the KB/PKS (rows: pihak, uraian, dasar), which supervision evaluates
    (Ps 85(4) huruf a). Kept by the PD Pemrakarsa or the Sekretariat while the case runs."""
    _harus(permissions.pengelola_data(by, kasus), "Kewajiban para pihak dicatat oleh PD Pemrakarsa atau Sekretariat TKKSD.")
    tahap = tuple(t.kode for t in alur.tahapan(MODEL) if not t.akhir)
    kasus = _kunci(kasus, tahap=tahap, pesan="Kewajiban tidak dapat diubah pada kerja sama yang sudah berakhir")
    try:
        return kewajiban_atur(kerjasama=kasus, by=by, daftar=daftar)
    except ValidationError as exc:
        raise ValidationError({"kewajiban": exc.messages}) from exc


# ---------------------------------------------------------------------------------------------
# Candidates (Ps 39(1)–(2))
# ---------------------------------------------------------------------------------------------


def _calon_simpan(*, kasus, by, mitra) -> CalonMitra:
    validasi_pihak_ketiga(mitra, kasus.jenis_ksdpk, field="mitra")
    if kasus.calon.filter(mitra=mitra).exists():
        raise ValidationError({"mitra": f"{mitra.nama} sudah menjadi calon mitra kerja sama ini."})
    calon = CalonMitra.objects.create(kerjasama=kasus, mitra=mitra, ditambahkan_oleh=by)
    audit_catat(kerjasama=kasus, objek=calon, aksi="calon_mitra_ditambahkan", oleh=by, dasar_hukum="Pasal 39 ayat (1)",
                komentar=f"Calon mitra: {mitra.nama}.")
    return calon


@transaction.atomic
def calon_tambah(*, kasus: KasusKsdpk, by, mitra=None, nama: str = "", data_pihak_ketiga: dict | None = None) -> CalonMitra:
    """Add a candidate third party (an existing one, or a new one by name with its details) before the offer goes out."""
    _harus(permissions.pengelola_data(by, kasus), "Calon mitra dicatat oleh PD Pemrakarsa atau Sekretariat TKKSD.")
    kasus = _kunci(kasus, tahap=TAHAP_CALON, pesan="Calon mitra dicatat sebelum surat penawaran dikirim (Pasal 39 ayat (1))")
    if mitra is None:
        if not (nama or "").strip():
            raise ValidationError({"mitra": "Pilih pihak ketiga, atau tulis nama pihak ketiga baru."})
        rinci = {k: v for k, v in (data_pihak_ketiga or {}).items() if k in FIELD_PIHAK_KETIGA and v}
        mitra = mitra_simpan(nama=nama.strip(), jenis=JenisMitra.PIHAK_KETIGA, **rinci)
    return _calon_simpan(kasus=kasus, by=by, mitra=mitra)


@transaction.atomic
def calon_hapus(*, kasus: KasusKsdpk, by, calon: CalonMitra) -> None:
    _harus(permissions.pengelola_data(by, kasus), "Calon mitra dicatat oleh PD Pemrakarsa atau Sekretariat TKKSD.")
    kasus = _kunci(kasus, tahap=TAHAP_CALON, pesan="Calon mitra tidak dapat dihapus setelah surat penawaran dikirim")
    calon = kasus.calon.get(pk=calon.pk)
    audit_catat(kerjasama=kasus, aksi="calon_mitra_dihapus", oleh=by, dasar_hukum="Pasal 39 ayat (1)",
                komentar=f"Calon mitra dihapus: {calon.mitra.nama}.")
    calon.delete()


@transaction.atomic
def calon_kualifikasi(*, kasus: KasusKsdpk, by, calon: CalonMitra, memenuhi_syarat: bool, tanggal_jawaban=None,
                      catatan: str = "") -> CalonMitra:
    """Ps 39(2): record a candidate's answer and whether it qualifies. Fixed once a sheet is handed in: the
    scores are over the qualifying candidates as they stood."""
    _harus(by.punya_peran(Peran.SEKRETARIAT_TKKSD), "Kualifikasi calon mitra dicatat oleh Sekretariat TKKSD.")
    kasus = _kunci(kasus, tahap=("pemilihan_mitra",), pesan="Kualifikasi calon dicatat pada tahap pemilihan calon mitra")
    if selectors.lembar_diserahkan(kasus).exists():
        raise TransisiTidakTersedia("Penilaian sudah diserahkan; kualifikasi calon tidak dapat diubah lagi.")
    calon = kasus.calon.select_related("mitra").get(pk=calon.pk)
    if tanggal_jawaban is not None:
        try:
            validasi_tidak_di_masa_depan(tanggal_jawaban)
        except ValidationError as exc:
            raise ValidationError({"tanggal_jawaban": exc.messages}) from exc
    if memenuhi_syarat is None:
        raise ValidationError({"memenuhi_syarat": "Nyatakan apakah calon memenuhi syarat."})
    if not memenuhi_syarat and not (catatan or "").strip():
        raise ValidationError({"catatan": "Tulis mengapa calon tidak memenuhi syarat."})
    calon.memenuhi_syarat, calon.tanggal_jawaban, calon.catatan_syarat = memenuhi_syarat, tanggal_jawaban, catatan
    calon.save(update_fields=["memenuhi_syarat", "tanggal_jawaban", "catatan_syarat"])
    audit_catat(kerjasama=kasus, objek=calon, aksi="calon_mitra_dikualifikasi", oleh=by, dasar_hukum="Pasal 39 ayat (2)",
                komentar=f"{calon.mitra.nama}: {'memenuhi' if memenuhi_syarat else 'tidak memenuhi'} syarat. {catatan}".strip())
    return calon


# ---------------------------------------------------------------------------------------------
# Tim Pemilihan Calon Mitra (Ps 39(3)) and the scores (Ps 39(2))
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def tim_pemilihan_tetapkan(*, kasus: KasusKsdpk, by, nomor_keputusan: str, tanggal_keputusan, anggota: list[tuple],
                           keputusan=None) -> TimPemilihan:
    """Ps 39(3): the Ketua TKKSD sets the Tim Pemilihan Calon Mitra (members: (user, kedudukan)). It may be
    reset until the first sheet is handed in; members see the case and are told to score."""
    _harus(permissions.boleh_tetapkan_tim(by, kasus), "Tim Pemilihan Calon Mitra ditetapkan oleh Ketua TKKSD (Pasal 39 ayat (3)).")
    kasus = _kunci(kasus, tahap=TAHAP_TIM, pesan="Tim Pemilihan Calon Mitra ditetapkan sejak penawaran sampai pemilihan")
    if selectors.lembar_diserahkan(kasus).exists():
        raise TransisiTidakTersedia("Penilaian sudah diserahkan; susunan Tim Pemilihan Calon Mitra tidak dapat diubah lagi.")
    errors = {}
    if not (nomor_keputusan or "").strip():
        errors["nomor_keputusan"] = ["Nomor keputusan Ketua TKKSD wajib diisi."]
    try:
        validasi_tidak_di_masa_depan(tanggal_keputusan)
    except ValidationError as exc:
        errors["tanggal_keputusan"] = exc.messages
    pengguna = [u for u, _k in anggota]
    if not pengguna:
        errors["anggota"] = ["Tim paling sedikit beranggotakan satu orang."]
    elif len(set(pengguna)) != len(pengguna):
        errors["anggota"] = ["Seorang pengguna hanya sekali menjadi anggota tim."]
    elif any(not u.is_active or u.punya_peran(Peran.MITRA, Peran.AUDITOR) for u in pengguna):
        errors["anggota"] = ["Anggota tim adalah pejabat Pemerintah Daerah yang aktif (bukan pengguna mitra atau auditor)."]
    if [k for _u, k in anggota].count(KedudukanTim.KETUA) != 1 and pengguna:
        errors.setdefault("anggota", []).append("Tim mempunyai tepat satu ketua.")
    if errors:
        raise ValidationError(errors)
    lama = kasus.tim_pemilihan()
    if lama is not None:
        for a in lama.anggota.all():
            if a.pengguna not in pengguna:
                cabut_akses(kasus, user=a.pengguna, codename=PERM_LIHAT)
        kasus.lembar_penilaian.exclude(penilai__in=pengguna).delete()  # drafts of members who left
        lama.delete()
    tim = TimPemilihan.objects.create(kerjasama=kasus, nomor_keputusan=nomor_keputusan.strip(),
                                      tanggal_keputusan=tanggal_keputusan, ditetapkan_oleh=by)
    if keputusan:
        tim.keputusan = dokumen_unggah(by=by, kerjasama=kasus, berkas=keputusan, jenis=JenisDokumen.KEPUTUSAN,
                                       judul=f"Keputusan Ketua TKKSD {nomor_keputusan}", status=StatusDokumen.DITANDATANGANI).dokumen
        tim.save(update_fields=["keputusan"])
    AnggotaTimPemilihan.objects.bulk_create([AnggotaTimPemilihan(tim=tim, pengguna=u, kedudukan=k) for u, k in anggota])
    for u in pengguna:
        beri_akses(kasus, user=u, codename=PERM_LIHAT)
    audit_catat(kerjasama=kasus, objek=tim, aksi="tim_pemilihan_ditetapkan", oleh=by, dasar_hukum="Pasal 39 ayat (3)",
                komentar=f"Tim Pemilihan Calon Mitra ({nomor_keputusan}): "
                         + "; ".join(f"{u.get_full_name() or u.username} ({KedudukanTim(k).label})" for u, k in anggota),
                data={"anggota": [[u.pk, k] for u, k in anggota]})
    notifikasi_kirim(penerima=[u for u in pengguna if u != by], kerjasama=kasus, tautan=f"/ksdpk/{kasus.pk}/penilaian/",
                     judul=f"{kasus.nomor}: Anda anggota Tim Pemilihan Calon Mitra",
                     pesan=f"{kasus.judul}\nNilai bonafiditas, pengalaman dan komitmen setiap calon ({PASAL_PEMILIHAN}).")
    return tim


def _bersihkan_nilai(kasus, baris: list[dict]) -> dict[int, dict]:
    """{calon id: fields} from the posted rows; every qualifying candidate, each criterion 0–100."""
    calon = {c.pk: c for c in kasus.calon_memenuhi_syarat()}
    hasil, errors = {}, []
    for row in baris:
        try:
            pk = int(row.get("calon"))
        except (TypeError, ValueError):
            pk = None
        if pk not in calon:
            errors.append(f"Calon #{row.get('calon')} bukan calon yang memenuhi syarat pada kerja sama ini.")
            continue
        isi = {}
        for kode, label, _pasal in KRITERIA:
            try:
                nilai = int(row.get(kode))
            except (TypeError, ValueError):
                nilai = None
            if nilai is None or not 0 <= nilai <= NILAI_MAKS:
                errors.append(f"{calon[pk].mitra.nama}: nilai {label.lower()} harus bilangan bulat 0–{NILAI_MAKS}.")
            isi[kode] = nilai
            isi[f"catatan_{kode}"] = str(row.get(f"catatan_{kode}") or "").strip()
        hasil[pk] = isi
    if errors:
        raise ValidationError({"nilai": errors})
    return hasil


@transaction.atomic
def penilaian_simpan(*, kasus: KasusKsdpk, by, nilai: list[dict], serahkan: bool = False) -> LembarPenilaian:
    """Ps 39(2): a scorer keeps their scores and notes per criterion for each qualifying candidate, as a draft
    or handed in. Handing in needs every qualifying candidate scored and fixes the sheet for good."""
    _harus(permissions.penilai_sah(by, kasus),
           "Penilaian calon mitra diberikan oleh anggota Tim Pemilihan Calon Mitra (atau TKKSD bila tidak ada tim).")
    kasus = _kunci(kasus, tahap=("pemilihan_mitra",), pesan="Penilaian calon mitra diberikan pada tahap pemilihan calon mitra")
    lembar, _baru = LembarPenilaian.objects.get_or_create(kerjasama=kasus, penilai=by)
    if lembar.diserahkan:
        raise TransisiTidakTersedia("Lembar penilaian Anda sudah diserahkan dan tidak dapat diubah.")
    bersih = _bersihkan_nilai(kasus, nilai)
    for calon_id, isi in bersih.items():
        NilaiCalon.objects.update_or_create(lembar=lembar, calon_id=calon_id, defaults=isi)
    if serahkan:
        kurang = [c.mitra.nama for c in kasus.calon_memenuhi_syarat() if not lembar.nilai.filter(calon=c).exists()]
        if kurang:
            raise ValidationError({"nilai": [f"Lengkapi nilai untuk: {', '.join(kurang)} sebelum menyerahkan."]})
        lembar.diserahkan_pada = timezone.now()
    lembar.save()
    # The audit row says who and when, never the scores: the trail is read by others who must not see them yet.
    audit_catat(kerjasama=kasus, objek=lembar, oleh=by, dasar_hukum="Pasal 39 ayat (2)",
                aksi="penilaian_diserahkan" if serahkan else "penilaian_disimpan",
                komentar=f"Lembar penilaian calon mitra {'diserahkan' if serahkan else 'disimpan sebagai draf'}.")
    return lembar


# ---------------------------------------------------------------------------------------------
# Effects of the steps (alur.setelah)
# ---------------------------------------------------------------------------------------------


def berita_acara_pemilihan_hasilkan(*, kasus: KasusKsdpk, by):
    """The berita acara pemilihan calon mitra (Ps 39(2)–(3)): candidates and their qualification, the team,
    every scorer's scores and notes, the totals and ranking, and the TKKSD's decision with its reasons."""
    tim = kasus.tim_pemilihan()
    konteks = {
        "kasus": kasus, "tanggal": kasus.tanggal_pemilihan or timezone.localdate(), "pasal": PASAL_PEMILIHAN,
        "calon": list(kasus.calon.select_related("mitra")), "tim": tim,
        "anggota": list(tim.anggota.select_related("pengguna")) if tim else [],
        "lembar": list(selectors.lembar_diserahkan(kasus)), "peringkat": selectors.peringkat_calon(kasus),
        "kriteria": KRITERIA, "nilai_maks": NILAI_MAKS,
    }
    return dokumen_hasilkan(by=by, template="ksdpk/dokumen/berita_acara_pemilihan.html", context=konteks,
                            jenis=JenisDokumen.BERITA_ACARA, judul=f"Berita acara pemilihan calon mitra {kasus.nomor}",
                            kerjasama=kasus, nama_berkas=f"berita-acara-pemilihan-{kasus.nomor.replace('/', '-').lower()}.pdf")


@alur.setelah(MODEL, "tetapkan_mitra")
def _tetapkan_mitra(*, kasus, by, data, dari):
    # The chosen third party now sees its cooperation; the berita acara records how it was chosen.
    kerjasama_sinkron_akses(kerjasama=kasus)
    versi = berita_acara_pemilihan_hasilkan(kasus=kasus, by=by)
    KasusKsdpk.objects.filter(pk=kasus.pk).update(berita_acara_pemilihan=versi.dokumen)
    kasus.berita_acara_pemilihan = versi.dokumen
    notifikasi_kirim(penerima=list(pengguna_untuk_pelaku(kasus, (PELAKU_MITRA,))), kerjasama=kasus, tautan=_tautan(kasus),
                     judul=f"{kasus.nomor}: {kasus.mitra.nama} ditetapkan sebagai mitra kerja sama",
                     pesan=f"{kasus.judul}\nKesepakatan Bersama disusun TKKSD bersama Anda (Pasal 40).")


def _kabari_pemohon(kasus, judul: str, pesan: str, by) -> None:
    penerima = [u for u in pengguna_untuk_pelaku(kasus, (PELAKU_MITRA,)) if u != by]
    notifikasi_kirim(penerima=penerima, kerjasama=kasus, judul=f"{kasus.nomor}: {judul}", pesan=pesan, tautan=_tautan(kasus))


@alur.setelah(MODEL, "tolak_tawaran_mitra")
def _tolak_permohonan(*, kasus, by, data, dari):
    # Ps 50(2): the applicant is told the TKKSD's decision and its reason.
    from kerjasama.models import RiwayatAudit

    alasan = RiwayatAudit.objects.filter(kerjasama=kasus, aksi="tolak_tawaran_mitra").order_by("-pada", "-id").first()
    _kabari_pemohon(kasus, "permohonan kerja sama tidak dapat diterima",
                    f"{kasus.judul}\nAlasan: {alasan.komentar if alasan else '-'}", by)


@alur.setelah(MODEL, "terima_tawaran_mitra")
def _terima_permohonan(*, kasus, by, data, dari):
    _kabari_pemohon(kasus, "permohonan kerja sama diterima",
                    f"{kasus.judul}\nPD Pemrakarsa: {kasus.perangkat_daerah}. Kesepakatan Bersama disusun TKKSD bersama "
                    "Anda (Pasal 40).", by)

