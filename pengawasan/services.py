"""Every write of supervision (CONVENTIONS "Writes go through services").

Perwal 57/2023 BAB VI and VIII (Ps 84–88) and Perwal 75/2021 Ps 8. Each service takes keyword-only
typed arguments, checks permission (403) and stage (409), validates (400, Indonesian messages),
locks, writes an audit row on the cooperation, and leaves notifications to after the commit
(`kerjasama.services.notifikasi_kirim` schedules them with `transaction.on_commit`).

The follow-up registry for the case apps is at the end of this module (`daftar_tindak_lanjut`).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from kerjasama import alur, kalender
from kerjasama import services as inti
from kerjasama.constants import PELAKU_MITRA, PELAKU_PD, Peran, StatusDokumen, StatusTenggat
from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia
from kerjasama.models import KerjaSama, Kewajiban, PerangkatDaerah, Tenggat
from kerjasama.permissions import adalah_mitra_kasus, beri_akses, cabut_akses, dapat_melihat
from kerjasama.validators import validasi_tidak_di_masa_depan

from . import periode, selectors
from .constants import (
    ATURAN_EVALUASI,
    ATURAN_LAPORAN_MITRA,
    ATURAN_PEMANTAUAN,
    ATURAN_SIKLUS,
    BATAS_TINDAK_LANJUT_HARI,
    JENIS_LAMPIRAN,
    PASAL_ANALISA_EVALUASI,
    PASAL_LAPORAN_MITRA,
    PASAL_MATRIK,
    PASAL_PEMBINAAN,
    PASAL_TIM,
    PASAL_TIM_PEMBINAAN,
    SUSUNAN_BAKU,
    HurufEvaluasi,
    JenisKegiatan,
    KedudukanTim,
    PenilaianKewajibanStatus,
    Rekomendasi,
    SifatKegiatan,
    SifatLaporanMitra,
    StatusTindakLanjut,
    TahapKegiatan,
)
from .models import (
    AnggotaTimPembinaan,
    AnggotaTimPengawasan,
    BagianEvaluasi,
    BarisMatrik,
    KegiatanPembinaan,
    KegiatanPengawasan,
    LaporanMitra,
    PenilaianKewajiban,
    TimPembinaanPengawasan,
    TimPengawasan,
    TindakLanjut,
)
from .permissions import (
    dapat_mencatat_pembinaan,
    dapat_mengawasi,
    dapat_mengelola_tim,
    dapat_mengubah_tindak_lanjut,
    dapat_mengunggah_laporan_mitra,
    dapat_menugaskan_tim,
)

logger = logging.getLogger(__name__)

TAHAP_PELAKSANAAN = "pelaksanaan"
LABEL_JENIS = {ATURAN_PEMANTAUAN: "Pemantauan", ATURAN_EVALUASI: "Evaluasi"}


def _kunci_kerjasama(kerjasama: KerjaSama) -> KerjaSama:
    """Lock the registry row: supervision of one cooperation is serialised on it."""
    return KerjaSama.objects.select_for_update().get(pk=kerjasama.pk)


def _wajib_pelaksanaan(ks: KerjaSama) -> None:
    if ks.tahap != TAHAP_PELAKSANAAN:
        raise TransisiTidakTersedia(
            f"Kerja sama {ks.nomor} tidak dalam tahap pelaksanaan (tahap sekarang: {ks.tahap}); "
            "pengawasan hanya berjalan selama pelaksanaan (Perwal 57/2023 Pasal 85 ayat (2) dan (4))."
        )


def _tautan_kerjasama(ks) -> str:
    return reverse("pengawasan:kerjasama", args=[ks.pk])


def _tautan_kegiatan(kegiatan) -> str:
    return reverse("pengawasan:kegiatan", args=[kegiatan.pk])


def _tgl(d) -> str:
    return f"{d:%d-%m-%Y}" if d else "—"


# =============================================================================================
# Teams: Tim Pembinaan dan Pengawasan (Ps 84) and Tim Pengawasan per cooperation (P75 Ps 8)
# =============================================================================================


@transaction.atomic
def tim_pembinaan_buat(*, by, nomor_keputusan: str, tanggal_keputusan: datetime.date, perihal: str = "",
                       berlaku_mulai: datetime.date | None = None, berlaku_sampai: datetime.date | None = None,
                       berkas=None) -> TimPembinaanPengawasan:
    """Record the Keputusan Wali Kota forming the Tim Pembinaan dan Pengawasan (Ps 84(2)–(3))."""
    if not dapat_mengelola_tim(by):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mencatat Keputusan pembentukan tim.")
    validasi_tidak_di_masa_depan(tanggal_keputusan)
    if berlaku_mulai and berlaku_sampai and berlaku_sampai < berlaku_mulai:
        raise ValidationError({"berlaku_sampai": "Tanggal akhir berlaku tidak boleh sebelum tanggal mulai berlaku."})
    if berkas is not None:
        inti.dokumen_validasi_berkas(berkas)
    tim = TimPembinaanPengawasan(nomor_keputusan=nomor_keputusan, tanggal_keputusan=tanggal_keputusan,
                                 berlaku_mulai=berlaku_mulai, berlaku_sampai=berlaku_sampai, dibuat_oleh=by)
    if perihal:
        tim.perihal = perihal
    tim.full_clean()
    tim.save()
    if berkas is not None:
        versi = inti.dokumen_unggah(by=by, berkas=berkas, jenis="keputusan", judul=f"Keputusan Wali Kota {nomor_keputusan}",
                                    pemilik=tim, status=StatusDokumen.DITANDATANGANI)
        tim.dokumen = versi.dokumen
        tim.save(update_fields=["dokumen"])
    inti.audit_catat(objek=tim, aksi="pengawasan_tim_pembinaan_dicatat", oleh=by, dasar_hukum=PASAL_TIM_PEMBINAAN,
                     komentar=f"Keputusan Wali Kota {nomor_keputusan} tanggal {_tgl(tanggal_keputusan)}.", data={"label": "Keputusan Tim Pembinaan dan Pengawasan dicatat"})
    return tim


@transaction.atomic
def anggota_tim_pembinaan_tambah(*, tim: TimPembinaanPengawasan, by, kedudukan: str, jabatan: str, nama: str = "",
                                 pengguna=None) -> AnggotaTimPembinaan:
    if not dapat_mengelola_tim(by):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mengubah susunan tim.")
    urutan = tim.anggota.count() + 1
    anggota = AnggotaTimPembinaan(tim=tim, kedudukan=kedudukan, jabatan=jabatan, nama=nama, pengguna=pengguna,
                                  urutan=urutan)
    anggota.full_clean()
    anggota.save()
    if pengguna is not None:
        # Ps 84(2)–(3): the team set by Keputusan Wali Kota supervises: its member sees every supervised
        # cooperation (and acts on it, pengawasan.permissions.adalah_anggota_tim_pembinaan).
        for ks_id in TimPengawasan.objects.values_list("kerjasama_id", flat=True):
            beri_akses(KerjaSama(pk=ks_id), user=pengguna)
    inti.audit_catat(objek=tim, aksi="pengawasan_anggota_tim_pembinaan", oleh=by, dasar_hukum=PASAL_TIM_PEMBINAAN,
                     komentar=f"{anggota.get_kedudukan_display()}: {jabatan} {nama}".strip(), data={"label": "Anggota Tim Pembinaan dan Pengawasan ditambah"})
    return anggota


def _pengguna_dengan_jabatan(jabatan: str):
    from kerjasama.models import Pengguna

    return (Pengguna.objects.filter(is_active=True, jabatan__iexact=jabatan,
                                    groups__name__in=(Peran.SEKRETARIAT_TKKSD, Peran.TIM_PENGAWASAN))
            .order_by("id").first())


def _beri_akses_anggota(ks, anggota: AnggotaTimPengawasan) -> None:
    # Members see the cooperation they supervise (guardian object permission on the case).
    if anggota.pengguna_id:
        beri_akses(ks, user=anggota.pengguna)
    if anggota.perangkat_daerah_id and anggota.perangkat_daerah.grup_id:
        beri_akses(ks, grup=anggota.perangkat_daerah.grup)


def tim_pengawasan_bentuk(*, kerjasama: KerjaSama, by=None) -> TimPengawasan:
    """The cooperation's Tim Pengawasan with the default make-up of Perwal 75/2021 Ps 8(2):
    ketua Kepala Bagian Kerja Sama, sekretaris Kasubag Pengendalian Kerja Sama, three anggota tetap,
    and as anggota tidak tetap the PD Pemrakarsa. A position is linked to the account whose
    `jabatan` is that position (Sekretariat or Tim Pengawasan role); staff change it on the team page.
    Idempotent: an existing team is returned unchanged."""
    with transaction.atomic():
        tim, dibuat = TimPengawasan.objects.get_or_create(kerjasama_id=kerjasama.pk)
        if not dibuat:
            return tim
        susunan = list(SUSUNAN_BAKU)
        urutan = 0
        for kedudukan, jabatan in susunan:
            urutan += 1
            pengguna = _pengguna_dengan_jabatan(jabatan)
            anggota = AnggotaTimPengawasan.objects.create(
                tim=tim, kedudukan=kedudukan, jabatan=jabatan, pengguna=pengguna,
                nama=(pengguna.get_full_name() if pengguna else ""), urutan=urutan,
            )
            _beri_akses_anggota(kerjasama, anggota)
        # Ps 84(2)–(3): the Tim Pembinaan dan Pengawasan's members see what they supervise.
        for pengguna_id in set(AnggotaTimPembinaan.objects.filter(pengguna__isnull=False).values_list("pengguna_id",
                                                                                                     flat=True)):
            beri_akses(kerjasama, user=get_user_model()(pk=pengguna_id))
        if kerjasama.perangkat_daerah_id:
            urutan += 1
            AnggotaTimPengawasan.objects.create(
                tim=tim, kedudukan=KedudukanTim.ANGGOTA_TIDAK_TETAP, perangkat_daerah_id=kerjasama.perangkat_daerah_id,
                jabatan="Unsur Perangkat Daerah pemrakarsa kerja sama", urutan=urutan,
            )
        inti.audit_catat(kerjasama=kerjasama, objek=tim, aksi="pengawasan_tim_dibentuk", oleh=by, dasar_hukum=PASAL_TIM,
                         komentar="Tim Pengawasan dibentuk dengan susunan baku Perwal 75/2021 Pasal 8 ayat (2).", data={"label": "Tim Pengawasan dibentuk"})
        return tim


def tim_pengawasan_bentuk_manual(*, kerjasama: KerjaSama, by) -> TimPengawasan:
    """The Sekretariat forms the team by an explicit POST (never on opening the page, issue 12), and only
    for a cooperation being carried out: supervision covers the implementation (Perwal 57/2023 Ps 85)."""
    if not by.punya_peran(Peran.SEKRETARIAT_TKKSD):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat membentuk Tim Pengawasan.")
    if kerjasama.tahap != TAHAP_PELAKSANAAN:
        raise ValidationError("Tim Pengawasan dibentuk untuk kerja sama yang sedang dilaksanakan "
                              "(Perwal 57/2023 Pasal 85); kerja sama ini belum atau tidak lagi dalam tahap pelaksanaan.")
    return tim_pengawasan_bentuk(kerjasama=kerjasama, by=by)


def _periksa_anggota(*, tim, kedudukan, pengguna, perangkat_daerah, kecuali=None) -> None:
    errors = {}
    if kedudukan in (KedudukanTim.KETUA, KedudukanTim.SEKRETARIS):
        lain = tim.anggota.filter(kedudukan=kedudukan)
        if kecuali is not None:
            lain = lain.exclude(pk=kecuali.pk)
        if lain.exists():
            errors["kedudukan"] = (f"Tim sudah memiliki {KedudukanTim(kedudukan).label}; ubah anggota tersebut "
                                   "(Perwal 75/2021 Pasal 8 ayat (2): satu ketua dan satu sekretaris).")
    if kedudukan == KedudukanTim.ANGGOTA_TIDAK_TETAP and perangkat_daerah is None:
        errors["perangkat_daerah"] = ("Anggota tidak tetap berasal dari unsur Perangkat Daerah pemrakarsa atau "
                                      "Perangkat Daerah terkait (Perwal 75/2021 Pasal 8 ayat (2) huruf d): pilih PD-nya.")
    if pengguna is not None and pengguna.punya_peran(Peran.MITRA):
        errors["pengguna"] = "Perwakilan mitra tidak dapat menjadi anggota Tim Pengawasan."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def tim_pengawasan_ubah(*, tim: TimPengawasan, by, nomor_surat_tugas: str = "",
                        tanggal_surat_tugas: datetime.date | None = None) -> TimPengawasan:
    """Record the assignment letter of the Ketua TKKSD (Perwal 75/2021 Ps 8(1))."""
    if not dapat_mengelola_tim(by):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mengubah Tim Pengawasan.")
    if tanggal_surat_tugas:
        validasi_tidak_di_masa_depan(tanggal_surat_tugas)
    tim = TimPengawasan.objects.select_for_update().get(pk=tim.pk)
    berubah = (tim.nomor_surat_tugas, tim.tanggal_surat_tugas) != (nomor_surat_tugas, tanggal_surat_tugas)
    tim.nomor_surat_tugas = nomor_surat_tugas
    tim.tanggal_surat_tugas = tanggal_surat_tugas
    if berubah and tim.ditugaskan:
        # Perwal 75/2021 Ps 8(1): a new letter the Sekretariat prepares needs the Ketua's assignment again.
        tim.ditugaskan_oleh = None
        tim.ditugaskan_pada = None
    tim.full_clean()
    tim.save()
    inti.audit_catat(kerjasama=tim.kerjasama, objek=tim, aksi="pengawasan_surat_tugas", oleh=by, dasar_hukum=PASAL_TIM,
                     komentar=f"Surat tugas {nomor_surat_tugas or '—'} tanggal {_tgl(tanggal_surat_tugas)}.", data={"label": "Surat tugas Tim Pengawasan"})
    return tim


@transaction.atomic
def tim_pengawasan_tugaskan(*, tim: TimPengawasan, by) -> TimPengawasan:
    """Perwal 75/2021 Ps 8(1): the Ketua TKKSD (Sekretaris Daerah) assigns the Tim Pengawasan by surat tugas the
    Sekretariat prepared. Until then its members (other than the Sekretariat) do not act on the cooperation."""
    if not dapat_menugaskan_tim(by):
        raise PermissionDenied("Tim Pengawasan ditugaskan oleh Ketua TKKSD (Perwal 75/2021 Pasal 8 ayat (1)).")
    tim = TimPengawasan.objects.select_for_update().select_related("kerjasama").get(pk=tim.pk)
    if not (tim.nomor_surat_tugas and tim.tanggal_surat_tugas):
        raise ValidationError({"nomor_surat_tugas": (
            "Sekretariat TKKSD menyiapkan nomor dan tanggal surat tugas terlebih dahulu (Perwal 75/2021 Pasal 8 ayat (1)).")})
    if tim.ditugaskan:
        raise ValidationError({"__all__": f"Tim Pengawasan sudah ditugaskan pada {timezone.localtime(tim.ditugaskan_pada):%d-%m-%Y}."})
    tim.ditugaskan_oleh = by
    tim.ditugaskan_pada = timezone.now()
    tim.save(update_fields=["ditugaskan_oleh", "ditugaskan_pada"])
    inti.audit_catat(kerjasama=tim.kerjasama, objek=tim, aksi="pengawasan_tim_ditugaskan", oleh=by, dasar_hukum=PASAL_TIM,
                     komentar=f"Ketua TKKSD menugaskan Tim Pengawasan dengan surat tugas {tim.nomor_surat_tugas} tanggal "
                              f"{_tgl(tim.tanggal_surat_tugas)}.", data={"label": "Tim Pengawasan ditugaskan"})
    penerima = [a.pengguna for a in tim.anggota.select_related("pengguna") if a.pengguna_id]
    inti.notifikasi_kirim(penerima=penerima, kerjasama=tim.kerjasama,
                          judul=f"Surat tugas Tim Pengawasan {tim.kerjasama.nomor}",
                          pesan=f"Anda ditugaskan Ketua TKKSD dalam Tim Pengawasan (surat tugas {tim.nomor_surat_tugas}; "
                                "Perwal 75/2021 Pasal 8 ayat (1)).", tautan=f"/pengawasan/kerjasama/{tim.kerjasama_id}/")
    return tim


@transaction.atomic
def anggota_tim_tambah(*, tim: TimPengawasan, by, kedudukan: str, jabatan: str, nama: str = "", pengguna=None,
                       perangkat_daerah: PerangkatDaerah | None = None) -> AnggotaTimPengawasan:
    """Add a member (Perwal 75/2021 Ps 8(2)); professionals may join for evaluations (Ps 8(5))."""
    if not dapat_mengelola_tim(by):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mengubah Tim Pengawasan.")
    tim = TimPengawasan.objects.select_for_update().select_related("kerjasama").get(pk=tim.pk)
    _periksa_anggota(tim=tim, kedudukan=kedudukan, pengguna=pengguna, perangkat_daerah=perangkat_daerah)
    anggota = AnggotaTimPengawasan(tim=tim, kedudukan=kedudukan, jabatan=jabatan, nama=nama, pengguna=pengguna,
                                   perangkat_daerah=perangkat_daerah, urutan=tim.anggota.count() + 1)
    anggota.full_clean()
    anggota.save()
    _beri_akses_anggota(tim.kerjasama, anggota)
    inti.audit_catat(kerjasama=tim.kerjasama, objek=anggota, aksi="pengawasan_anggota_ditambah", oleh=by,
                     dasar_hukum=PASAL_TIM, komentar=str(anggota),
                     data={"label": "Anggota Tim Pengawasan ditambah", "pengguna": pengguna.pk if pengguna else None,
                           "perangkat_daerah": perangkat_daerah.pk if perangkat_daerah else None})
    return anggota


def _cabut_jika_bukan_anggota(ks, *, pengguna=None, perangkat_daerah=None) -> None:
    if pengguna is not None and not AnggotaTimPengawasan.objects.filter(tim__kerjasama_id=ks.pk, pengguna=pengguna).exists():
        cabut_akses(ks, user=pengguna)
    if (perangkat_daerah is not None and perangkat_daerah.grup_id and perangkat_daerah.pk != ks.perangkat_daerah_id
            and not AnggotaTimPengawasan.objects.filter(tim__kerjasama_id=ks.pk, perangkat_daerah=perangkat_daerah).exists()):
        cabut_akses(ks, grup=perangkat_daerah.grup)


@transaction.atomic
def anggota_tim_ubah(*, anggota: AnggotaTimPengawasan, by, nama: str = "", pengguna=None,
                     perangkat_daerah: PerangkatDaerah | None = None) -> AnggotaTimPengawasan:
    """Name the person (and account) holding a position, e.g. a default position created without one."""
    if not dapat_mengelola_tim(by):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mengubah Tim Pengawasan.")
    anggota = AnggotaTimPengawasan.objects.select_for_update().select_related("tim__kerjasama").get(pk=anggota.pk)
    ks = anggota.tim.kerjasama
    lama_pengguna, lama_pd = anggota.pengguna, anggota.perangkat_daerah
    if anggota.kedudukan != KedudukanTim.ANGGOTA_TIDAK_TETAP and perangkat_daerah is None:
        perangkat_daerah = lama_pd
    _periksa_anggota(tim=anggota.tim, kedudukan=anggota.kedudukan, pengguna=pengguna,
                     perangkat_daerah=perangkat_daerah or lama_pd, kecuali=anggota)
    anggota.nama = nama
    anggota.pengguna = pengguna
    anggota.perangkat_daerah = perangkat_daerah or lama_pd
    anggota.full_clean()
    anggota.save()
    _beri_akses_anggota(ks, anggota)
    if lama_pengguna is not None and lama_pengguna != pengguna:
        _cabut_jika_bukan_anggota(ks, pengguna=lama_pengguna)
    if lama_pd is not None and lama_pd != anggota.perangkat_daerah:
        _cabut_jika_bukan_anggota(ks, perangkat_daerah=lama_pd)
    inti.audit_catat(kerjasama=ks, objek=anggota, aksi="pengawasan_anggota_diubah", oleh=by, dasar_hukum=PASAL_TIM,
                     komentar=str(anggota), data={"label": "Anggota Tim Pengawasan diubah"})
    return anggota


@transaction.atomic
def anggota_tim_hapus(*, anggota: AnggotaTimPengawasan, by) -> None:
    if not dapat_mengelola_tim(by):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mengubah Tim Pengawasan.")
    anggota = AnggotaTimPengawasan.objects.select_for_update().select_related("tim__kerjasama").get(pk=anggota.pk)
    if anggota.kedudukan in (KedudukanTim.KETUA, KedudukanTim.SEKRETARIS):
        raise ValidationError({"kedudukan": (
            f"{anggota.get_kedudukan_display()} tidak dapat dihapus: Perwal 75/2021 Pasal 8 ayat (2) mewajibkannya. "
            "Ganti orangnya melalui Ubah.")})
    ks = anggota.tim.kerjasama
    pengguna, pd = anggota.pengguna, anggota.perangkat_daerah
    uraian = str(anggota)
    anggota.delete()
    _cabut_jika_bukan_anggota(ks, pengguna=pengguna, perangkat_daerah=pd)
    inti.audit_catat(kerjasama=ks, objek=anggota.tim, aksi="pengawasan_anggota_dihapus", oleh=by, dasar_hukum=PASAL_TIM,
                     komentar=uraian, data={"label": "Anggota Tim Pengawasan dihapus"})


# =============================================================================================
# Pembinaan (Pasal 85 (Pembinaan) huruf a–e)
# =============================================================================================


@transaction.atomic
def kegiatan_pembinaan_catat(*, by, bentuk: str, judul: str, tanggal: datetime.date,
                             perangkat_daerah: Iterable[PerangkatDaerah], materi: str, jumlah_peserta: int = 0,
                             peserta: str = "", tempat: str = "", catatan: str = "", berkas=None) -> KegiatanPembinaan:
    """Record a pembinaan activity for Perangkat Daerah (pedoman, sosialisasi, bimbingan, asistensi, diklat)."""
    if not dapat_mencatat_pembinaan(by):
        raise PermissionDenied("Hanya Sekretariat TKKSD atau Tim Pembinaan dan Pengawasan yang dapat mencatat pembinaan.")
    daftar_pd = list(perangkat_daerah)
    if not daftar_pd:
        raise ValidationError({"perangkat_daerah": "Pilih paling sedikit satu Perangkat Daerah yang menerima pembinaan."})
    try:
        validasi_tidak_di_masa_depan(tanggal)
    except ValidationError as exc:
        raise ValidationError({"tanggal": "Catat pembinaan yang sudah dilaksanakan: tanggal tidak boleh di masa depan."}) from exc
    if berkas is not None:
        inti.dokumen_validasi_berkas(berkas)
    kegiatan = KegiatanPembinaan(bentuk=bentuk, judul=judul, tanggal=tanggal, materi=materi,
                                 jumlah_peserta=jumlah_peserta or 0, peserta=peserta, tempat=tempat, catatan=catatan,
                                 dicatat_oleh=by)
    kegiatan.full_clean()
    kegiatan.save()
    kegiatan.perangkat_daerah.set(daftar_pd)
    if berkas is not None:
        versi = inti.dokumen_unggah(by=by, berkas=berkas, jenis="lainnya", judul=f"Materi pembinaan: {judul}",
                                    pemilik=kegiatan, status=StatusDokumen.FINAL)
        kegiatan.dokumen = versi.dokumen
        kegiatan.save(update_fields=["dokumen"])
    inti.audit_catat(objek=kegiatan, aksi="pengawasan_pembinaan_dicatat", oleh=by, dasar_hukum=PASAL_PEMBINAAN,
                     komentar=f"{kegiatan.get_bentuk_display()}: {judul} ({_tgl(tanggal)}) untuk "
                              f"{', '.join(str(p) for p in daftar_pd)}.",
                     data={"label": "Kegiatan pembinaan dicatat", "perangkat_daerah": [p.pk for p in daftar_pd]})
    return kegiatan


# =============================================================================================
# The supervision cycle (Ps 85(3), 85(5)) and partner-report periods (Ps 87(1))
# =============================================================================================


def _mulai_siklus(ks, *, aturan: str, mulai: datetime.date, sejak: str) -> Tenggat:
    label = LABEL_JENIS[aturan]
    return inti.tenggat_mulai(aturan=aturan, kerjasama=ks, mulai=mulai,
                              judul=f"{label} terjadwal (6 bulan sejak {sejak} {_tgl(mulai)})")


def _mulai_semester_laporan(ks, k: int) -> Tenggat | None:
    """Start the partner-report deadline of semester k (due signing + 6k months), unless the
    semester starts after the agreement's term has ended."""
    acuan = periode.tanggal_acuan(ks)
    awal, akhir = periode.awal_semester(acuan, k), periode.akhir_semester(acuan, k)
    if ks.tanggal_berakhir and awal > ks.tanggal_berakhir:
        return None
    return inti.tenggat_mulai(
        aturan=ATURAN_LAPORAN_MITRA, kerjasama=ks, mulai=acuan if k == 1 else periode.akhir_semester(acuan, k - 1),
        jatuh_tempo=kalender.akhir_hari(akhir),
        judul=f"Laporan mitra semester ke-{k} (periode {_tgl(awal)} s.d. {_tgl(akhir)})",
    )


def semester_tenggat(ks, tenggat: Tenggat) -> int:
    return periode.semester_dari_tanggal(periode.tanggal_acuan(ks), kalender.tanggal_lokal(tenggat.jatuh_tempo))


def pengawasan_mulai(*, kerjasama: KerjaSama, by=None) -> None:
    """Start supervising a cooperation in pelaksanaan: its team, its cycle, its partner reports.

    Called for every case entering pelaksanaan (any kind) and for every legacy agreement entered
    (`alur.saat_masuk("pelaksanaan")`). Idempotent: a cycle or report period already owed is kept.
    On re-entering pelaksanaan the cycle continues from the last scheduled activity carried out.
    """
    with transaction.atomic():
        ks = _kunci_kerjasama(kerjasama)
        if ks.tahap != TAHAP_PELAKSANAAN:
            return
        tim_pengawasan_bentuk(kerjasama=ks, by=by)
        acuan = periode.tanggal_acuan(ks)
        dimulai = []
        if selectors.siklus_berjalan(ks) is None:
            terakhir = selectors.kegiatan_terakhir_terlaksana(ks, terjadwal_saja=True)
            if terakhir is None:
                # Ps 85(3): pemantauan 6 bulan sejak kerja sama ditandatangani.
                t = _mulai_siklus(ks, aturan=ATURAN_PEMANTAUAN, mulai=acuan, sejak="penandatanganan")
            elif terakhir.jenis == JenisKegiatan.PEMANTAUAN:
                # Ps 85(5): evaluasi 6 bulan setelah pemantauan dilaksanakan.
                t = _mulai_siklus(ks, aturan=ATURAN_EVALUASI, mulai=terakhir.tanggal_pelaksanaan, sejak="pemantauan")
            else:
                # Ps 85(3): pemantauan 6 bulan setelah evaluasi dilaksanakan.
                t = _mulai_siklus(ks, aturan=ATURAN_PEMANTAUAN, mulai=terakhir.tanggal_pelaksanaan, sejak="evaluasi")
            dimulai.append(f"{t.judul}: jatuh tempo {_tgl(kalender.tanggal_lokal(t.jatuh_tempo))}")
        if ks.mitra_id and not Tenggat.objects.filter(kerjasama=ks, aturan=ATURAN_LAPORAN_MITRA,
                                                      status=StatusTenggat.TERBUKA).exists():
            sebelumnya = (Tenggat.objects.filter(kerjasama=ks, aturan=ATURAN_LAPORAN_MITRA)
                          .exclude(status=StatusTenggat.DISELESAIKAN_SISTEM).order_by("-jatuh_tempo").first())
            if sebelumnya is not None:
                k = semester_tenggat(ks, sebelumnya) + 1
            else:
                k = periode.semester_pertama_ditagih(acuan, timezone.localdate())
            t = _mulai_semester_laporan(ks, k)
            if t is not None:
                dimulai.append(f"{t.judul}: jatuh tempo {_tgl(kalender.tanggal_lokal(t.jatuh_tempo))}")
        if dimulai:
            inti.audit_catat(kerjasama=ks, aksi="pengawasan_dimulai", oleh=by,
                             dasar_hukum="Perwal 57/2023 Pasal 85 ayat (3), Pasal 87 ayat (1)",
                             komentar="Pengawasan dimulai. " + "; ".join(dimulai) + ".", data={"label": "Pengawasan dimulai"})


def pengawasan_hentikan(*, kerjasama: KerjaSama, by=None, terkunci: bool = False) -> None:
    """The cooperation left pelaksanaan (Ps 85(2) and (4): supervision runs during pelaksanaan): its open
    supervision deadlines close (diselesaikan_sistem), planned activities stop, and a follow-up
    "mengakhiri kerja sama" is done.

    `terkunci`: the caller holds the cooperation's row lock in its own transaction (a transition entering
    `selesai` does, also in the sweep), so the row is not locked and read a second time. This runs in the
    caller's transaction without a savepoint of its own: if it fails, the transition fails with it.
    Set-based: one UPDATE closes the deadlines, and one query tells whether any planned activity or
    open follow-up exists at all (most cooperations end with none), so that a sweep ending hundreds of
    terms pays a fixed handful of queries per cooperation."""
    from django.db.models import Exists

    with transaction.atomic(savepoint=False):
        ks = kerjasama if terkunci else _kunci_kerjasama(kerjasama)
        now = timezone.now()
        ditutup = Tenggat.objects.filter(
            kerjasama_id=ks.pk, aturan__in=(*ATURAN_SIKLUS, ATURAN_LAPORAN_MITRA), status=StatusTenggat.TERBUKA,
        ).update(status=StatusTenggat.DISELESAIKAN_SISTEM, diselesaikan_pada=now, peringatan_berikut=None,
                 catatan=f"Pengawasan berhenti: kerja sama tidak lagi dalam pelaksanaan (tahap {ks.tahap}).")
        kegiatan_qs = KegiatanPengawasan.objects.filter(kerjasama_id=ks.pk, tahap=TahapKegiatan.DIRENCANAKAN)
        tl_qs = TindakLanjut.objects.filter(kerjasama_id=ks.pk, jenis=Rekomendasi.MENGAKHIRI, status=StatusTindakLanjut.TERBUKA)
        ada_kegiatan, ada_tl = (KerjaSama.objects.filter(pk=ks.pk).order_by()
                                .annotate(k=Exists(kegiatan_qs), t=Exists(tl_qs)).values_list("k", "t").get())
        dibatalkan = 0
        # Planned activities stop through their own stage machine, each audited (rare: only those planned).
        for kegiatan in (kegiatan_qs.select_for_update() if ada_kegiatan else ()):
            kegiatan.hentikan_sistem()
            kegiatan.save()
            dibatalkan += 1
            inti.audit_catat(kerjasama=ks, objek=kegiatan, aksi="kegiatan_hentikan_sistem", oleh=None,
                             dari_tahap=TahapKegiatan.DIRENCANAKAN, ke_tahap=TahapKegiatan.DIBATALKAN,
                             komentar="Kerja sama tidak lagi dalam pelaksanaan.",
                             data={"label": f"{kegiatan.get_jenis_display()}: dihentikan sistem"})
        if ada_tl:
            # Ps 85(7) huruf f: the follow-up "mengakhiri kerja sama" is done now that it ended; one UPDATE,
            # one audit row per follow-up.
            ids = list(tl_qs.select_for_update().values_list("pk", flat=True))
            hasil = f"Kerja sama berakhir (tahap {ks.tahap}) pada {_tgl(ks.tanggal_selesai or timezone.localdate())}."
            TindakLanjut.objects.filter(pk__in=ids).update(
                status=StatusTindakLanjut.SELESAI, hasil=hasil, diselesaikan_pada=now,
                diselesaikan_oleh=by if (by and by.is_authenticated) else None)
            tipe_tl = ContentType.objects.get_for_model(TindakLanjut)
            for pk in ids:
                inti.audit_catat(kerjasama=ks, objek_tipe_id=tipe_tl.pk, objek_id=pk, aksi="tindak_lanjut_selesai", oleh=by,
                                 komentar=hasil, dasar_hukum="Perwal 57/2023 Pasal 85 ayat (7) huruf f",
                                 data={"label": "Tindak lanjut selesai"})
        if ditutup or dibatalkan:
            inti.audit_catat(kerjasama=ks, aksi="pengawasan_dihentikan", oleh=by,
                             dasar_hukum="Perwal 57/2023 Pasal 85 ayat (2) dan (4)",
                             komentar=f"Pengawasan berhenti: {ditutup} tenggat ditutup, {dibatalkan} kegiatan terencana dihentikan.", data={"label": "Pengawasan dihentikan"})


@alur.saat_masuk("pelaksanaan")
def _saat_masuk_pelaksanaan(*, kasus, by):
    pengawasan_mulai(kerjasama=kasus, by=by)


@alur.saat_masuk("selesai")
def _saat_masuk_selesai(*, kasus, by):
    # Run inside the transition, which holds the case's row lock (kerjasama.services._jalankan).
    pengawasan_hentikan(kerjasama=kasus, by=by, terkunci=True)


def _penerima_pengawasan(ks, *, dengan_ketua: bool = False) -> set:
    # The roles through pengguna_untuk_pelaku: read once per sweep when many cycles fall due together.
    peran = (Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD) if dengan_ketua else (Peran.SEKRETARIAT_TKKSD,)
    return set(selectors.pengguna_tim(ks)) | inti.pengguna_untuk_pelaku(ks, peran)


def siklus_jatuh_tempo(*, tenggat: Tenggat, now: datetime.datetime) -> tuple[str, str]:
    """Rule `pemantauan`/`evaluasi` falls due (run by the sweep under the deadline's row lock):
    if the cooperation is still in pelaksanaan, the deadline is flagged as missed, a scheduled
    activity is put on the team's plan (if it had none), and the team, the Sekretariat and the
    Ketua TKKSD are told. The step stays owed until it is carried out."""
    if not tenggat.kerjasama_id:
        return StatusTenggat.LEWAT, "Tanpa kerja sama."
    kasus = inti.kasus_kunci(tenggat.kerjasama)
    if kasus.tahap != TAHAP_PELAKSANAAN:
        return StatusTenggat.DISELESAIKAN_SISTEM, f"Kerja sama tidak lagi dalam pelaksanaan (tahap {kasus.tahap})."
    label = LABEL_JENIS[tenggat.aturan]
    kegiatan = KegiatanPengawasan.objects.filter(tenggat=tenggat, tahap=TahapKegiatan.DIRENCANAKAN).first()
    if kegiatan is None:
        kegiatan = KegiatanPengawasan(kerjasama_id=kasus.pk, jenis=tenggat.aturan, sifat=SifatKegiatan.TERJADWAL,
                                      tenggat=tenggat, jatuh_tempo=kalender.tanggal_lokal(tenggat.jatuh_tempo),
                                      keterangan=f"Dijadwalkan sistem: {label.lower()} belum dilaksanakan sampai jatuh tempo.")
        kegiatan.save()
        inti.audit_catat(kerjasama=kasus, objek=kegiatan, aksi="kegiatan_direncanakan", ke_tahap=TahapKegiatan.DIRENCANAKAN,
                         dasar_hukum=tenggat.dasar_hukum, komentar=kegiatan.keterangan,
                         data={"label": f"{label} terjadwal direncanakan sistem"})
    inti.notifikasi_kirim(
        penerima=_penerima_pengawasan(kasus, dengan_ketua=True), kerjasama=kasus,
        judul=f"{label} terlambat: {kasus.nomor}",
        pesan=f"{kasus.judul}\n{label} jatuh tempo {timezone.localtime(tenggat.jatuh_tempo):%d-%m-%Y} "
              f"({tenggat.dasar_hukum}) dan belum dilaksanakan.",
        tautan=_tautan_kegiatan(kegiatan),
    )
    return StatusTenggat.LEWAT, (f"{label} belum dilaksanakan sampai jatuh tempo; kegiatan terjadwal #{kegiatan.pk} "
                                 "menunggu Tim Pengawasan.")


def laporan_mitra_jatuh_tempo(*, tenggat: Tenggat, now: datetime.datetime) -> tuple[str, str]:
    """Rule `laporan_mitra` falls due without a report (Ps 87(1)): flagged overdue once (the sweep
    holds the deadline's row lock and never returns to a closed deadline), the partner, the
    Sekretariat and the PD are told, and the next semester's deadline starts so that the partner
    still owes it."""
    if not tenggat.kerjasama_id:
        return StatusTenggat.LEWAT, "Tanpa kerja sama."
    kasus = inti.kasus_kunci(tenggat.kerjasama)
    if kasus.tahap != TAHAP_PELAKSANAAN:
        return StatusTenggat.DISELESAIKAN_SISTEM, f"Kerja sama tidak lagi dalam pelaksanaan (tahap {kasus.tahap})."
    if LaporanMitra.objects.filter(tenggat=tenggat).exists():
        return StatusTenggat.TERPENUHI, "Laporan mitra periode ini telah diterima."
    # Closed first, so that starting the next semester does not treat this one as "replaced".
    Tenggat.objects.filter(pk=tenggat.pk).update(status=StatusTenggat.LEWAT)
    k = semester_tenggat(kasus, tenggat)
    berikut = _mulai_semester_laporan(kasus, k + 1)
    due = timezone.localtime(tenggat.jatuh_tempo)
    pesan = f"{kasus.judul}\n{tenggat.judul} belum diterima sampai {due:%d-%m-%Y} ({tenggat.dasar_hukum})."
    inti.notifikasi_kirim(penerima=inti.pengguna_untuk_pelaku(kasus, (PELAKU_MITRA,)), kerjasama=kasus,
                          judul=f"Laporan kerja sama terlambat: {kasus.nomor}", pesan=pesan,
                          tautan=reverse("pengawasan:laporan_saya"))
    inti.notifikasi_kirim(
        penerima=inti.pengguna_untuk_pelaku(kasus, (Peran.SEKRETARIAT_TKKSD, PELAKU_PD)) | set(selectors.pengguna_tim(kasus)),
        kerjasama=kasus, judul=f"Laporan mitra terlambat: {kasus.nomor}", pesan=pesan, tautan=_tautan_kerjasama(kasus),
    )
    catatan = f"Laporan mitra semester ke-{k} tidak diterima sampai jatuh tempo; ditandai terlambat."
    if berikut is not None:
        catatan += f" Semester berikutnya jatuh tempo {_tgl(kalender.tanggal_lokal(berikut.jatuh_tempo))}."
    return StatusTenggat.LEWAT, catatan


# =============================================================================================
# Laporan mitra (Ps 87)
# =============================================================================================


def laporan_mitra_unggah(*, kerjasama: KerjaSama, by, berkas, kemajuan: str, permasalahan: str = "",
                         tenggat: Tenggat | None = None, sifat: str = SifatLaporanMitra.BERKALA,
                         periode_mulai: datetime.date | None = None, periode_selesai: datetime.date | None = None,
                         tanggal_diterima: datetime.date | None = None) -> LaporanMitra:
    """The partner's report (Ps 87(1)): uploaded by the mitra user for its own cooperation, or by
    the Sekretariat on the partner's behalf for a report received on paper. A 6-monthly report
    answers one owed semester (default: the open one, else the oldest overdue); the report reaches
    the Wali Kota, the Bagian Kerja Sama and the PD in charge at once."""
    with transaction.atomic():
        ks = _kunci_kerjasama(kerjasama)
        if not dapat_mengunggah_laporan_mitra(by, ks):
            raise PermissionDenied("Anda tidak berwenang menyampaikan laporan untuk kerja sama ini.")
        _wajib_pelaksanaan(ks)
        atas_nama = not adalah_mitra_kasus(by, ks)
        hari_ini = timezone.localdate()
        errors: dict[str, str] = {}
        acuan = periode.tanggal_acuan(ks)
        if sifat == SifatLaporanMitra.BERKALA:
            terutang = selectors.laporan_mitra_terutang(ks)
            if tenggat is None:
                terbuka = [t for t in terutang if t.status == StatusTenggat.TERBUKA]
                tenggat = (terbuka or terutang or [None])[0]
                if tenggat is None:
                    raise ValidationError({"tenggat": (
                        "Tidak ada periode laporan 6 bulanan yang sedang terutang. Bila laporan diminta di luar "
                        "jadwal, pilih sifat \u201cpada saat diperlukan\u201d dan isi periodenya.")})
            elif tenggat.pk not in {t.pk for t in terutang}:
                raise ValidationError({"tenggat": (
                    "Periode laporan yang dipilih tidak terutang pada kerja sama ini (sudah dilaporkan atau bukan "
                    "periode kerja sama ini).")})
            k = semester_tenggat(ks, tenggat)
            periode_mulai, periode_selesai = periode.awal_semester(acuan, k), periode.akhir_semester(acuan, k)
        else:
            tenggat = None
            if not periode_mulai:
                errors["periode_mulai"] = "Isi tanggal awal periode yang dilaporkan."
            if not periode_selesai:
                errors["periode_selesai"] = "Isi tanggal akhir periode yang dilaporkan."
            if periode_mulai and periode_selesai and periode_selesai < periode_mulai:
                errors["periode_selesai"] = "Akhir periode tidak boleh sebelum awal periode."
            if periode_mulai and periode_mulai < acuan:
                errors["periode_mulai"] = f"Periode tidak boleh dimulai sebelum penandatanganan ({_tgl(acuan)})."
        if not (kemajuan or "").strip():
            errors["kemajuan"] = "Uraikan kemajuan pelaksanaan kerja sama pada periode ini."
        if atas_nama:
            tanggal_diterima = tanggal_diterima or hari_ini
            if tanggal_diterima > hari_ini:
                errors["tanggal_diterima"] = "Tanggal laporan diterima tidak boleh di masa depan."
        else:
            tanggal_diterima = hari_ini
        if berkas is None:
            errors["berkas"] = "Lampirkan berkas laporan."
        if errors:
            raise ValidationError(errors)
        inti.dokumen_validasi_berkas(berkas)
        terlambat = tenggat is not None and (
            tenggat.status == StatusTenggat.LEWAT or tanggal_diterima > kalender.tanggal_lokal(tenggat.jatuh_tempo))
        laporan = LaporanMitra(
            kerjasama=ks, tenggat=tenggat, sifat=sifat, periode_mulai=periode_mulai, periode_selesai=periode_selesai,
            kemajuan=kemajuan, permasalahan=permasalahan, diunggah_oleh=by, atas_nama_mitra=atas_nama,
            tanggal_diterima=tanggal_diterima, terlambat=terlambat,
        )
        laporan.full_clean(exclude=["dokumen"])
        laporan.save()
        versi = inti.dokumen_unggah(
            by=by, berkas=berkas, jenis="laporan", kerjasama=ks, pemilik=laporan, status=StatusDokumen.FINAL,
            dibagikan_mitra=True,  # the partner's own report (Ps 87(1)), also when staff record it on its behalf
            judul=f"Laporan mitra periode {_tgl(periode_mulai)} s.d. {_tgl(periode_selesai)}",
            keterangan="Dicatat staf atas nama mitra (laporan kertas)" if atas_nama else "Diunggah mitra",
        )
        laporan.dokumen = versi.dokumen
        laporan.save(update_fields=["dokumen"])
        berikut = None
        if tenggat is not None and tenggat.status == StatusTenggat.TERBUKA:
            inti.tenggat_penuhi(aturan=ATURAN_LAPORAN_MITRA, kerjasama=ks,
                                catatan=f"Laporan diterima {_tgl(tanggal_diterima)}.")
            berikut = _mulai_semester_laporan(ks, semester_tenggat(ks, tenggat) + 1)
        komentar = f"Laporan mitra periode {_tgl(periode_mulai)} s.d. {_tgl(periode_selesai)} diterima {_tgl(tanggal_diterima)}"
        komentar += " (dicatat staf atas nama mitra)" if atas_nama else ""
        komentar += ", terlambat." if terlambat else "."
        if berikut is not None:
            komentar += f" Laporan berikutnya jatuh tempo {_tgl(kalender.tanggal_lokal(berikut.jatuh_tempo))}."
        inti.audit_catat(kerjasama=ks, objek=laporan, aksi="laporan_mitra_diterima", oleh=by,
                         dasar_hukum=PASAL_LAPORAN_MITRA, komentar=komentar,
                         data={"label": "Laporan mitra diterima", "laporan": laporan.pk,
                               "tenggat": tenggat.pk if tenggat else None, "terlambat": terlambat})
        # Ps 87(1): kepada Wali Kota dengan tembusan kepada Bagian Kerja Sama dan PD yang membidangi.
        penerima = (set(inti.pengguna_peran(Peran.WALI_KOTA)) | set(inti.pengguna_peran(Peran.SEKRETARIAT_TKKSD))
                    | inti.pengguna_untuk_pelaku(ks, (PELAKU_PD,)) | set(selectors.pengguna_tim(ks)))
        inti.notifikasi_kirim(
            penerima=[u for u in penerima if u != by], kerjasama=ks,
            judul=f"Laporan mitra diterima: {ks.nomor}",
            pesan=f"{ks.judul}\n{ks.mitra or 'Mitra'} menyampaikan laporan periode {_tgl(periode_mulai)} s.d. "
                  f"{_tgl(periode_selesai)} ({PASAL_LAPORAN_MITRA}).",
            tautan=_tautan_kerjasama(ks),
        )
        return laporan


# =============================================================================================
# Activities: pemantauan and evaluasi (Ps 85(2)–(5), Ps 88)
# =============================================================================================


def kegiatan_rencanakan(*, kerjasama: KerjaSama, by, jenis: str, sifat: str,
                        tanggal_rencana: datetime.date | None = None, keterangan: str = "") -> KegiatanPengawasan:
    """Plan a monitoring or evaluation. A scheduled one answers the step the cycle owes now;
    one "pada saat diperlukan" (Ps 85(3), 85(5)) may be planned any time, with its reason."""
    with transaction.atomic():
        ks = _kunci_kerjasama(kerjasama)
        if not dapat_mengawasi(by, ks):
            raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan kerja sama ini yang dapat "
                                   "merencanakan kegiatan pengawasan.")
        _wajib_pelaksanaan(ks)
        if jenis not in JenisKegiatan.values:
            raise ValidationError({"jenis": "Pilih pemantauan atau evaluasi."})
        tenggat = None
        if sifat == SifatKegiatan.TERJADWAL:
            owed = selectors.siklus_berjalan(ks)
            if owed is None or owed.aturan != jenis:
                giliran = LABEL_JENIS[owed.aturan].lower() if owed else "tidak ada"
                raise ValidationError({"jenis": (
                    f"Siklus pengawasan kerja sama ini sedang menunggu: {giliran}. {JenisKegiatan(jenis).label} di luar "
                    "jadwal dicatat sebagai kegiatan \u201cpada saat diperlukan\u201d (Pasal 85 ayat (3) dan (5)).")})
            ada = KegiatanPengawasan.objects.filter(tenggat=owed, tahap=TahapKegiatan.DIRENCANAKAN).first()
            if ada is not None:
                raise ValidationError({"sifat": f"Kegiatan terjadwal untuk jatuh tempo ini sudah direncanakan (#{ada.pk})."})
            tenggat = owed
        elif sifat == SifatKegiatan.SAAT_DIPERLUKAN:
            if not keterangan.strip():
                raise ValidationError({"keterangan": "Jelaskan mengapa kegiatan ini diperlukan di luar jadwal."})
        elif sifat == SifatKegiatan.BERSAMA_PERPANJANGAN:
            # Perwal 75/2021 Ps 8(4): an evaluation held together with drafting the extension, with the partner
            # and the PD concerned: only while an extension request is open.
            kasus = ks.kasus()
            if jenis != JenisKegiatan.EVALUASI:
                raise ValidationError({"jenis": "Hanya evaluasi yang dapat dilaksanakan bersamaan penyusunan naskah "
                                                "perpanjangan (Perwal 75/2021 Pasal 8 ayat (4))."})
            if not getattr(kasus, "ada_permohonan_perpanjangan", lambda: False)():
                raise ValidationError({"sifat": "Tidak ada permohonan perpanjangan yang sedang berjalan (Perwal 75/2021 "
                                                "Pasal 8 ayat (4))."})
            keterangan = keterangan.strip() or ("Evaluasi bersamaan penyusunan naskah perpanjangan bersama mitra dan "
                                                "Perangkat Daerah terkait (Perwal 75/2021 Pasal 8 ayat (4)).")
        else:
            raise ValidationError({"sifat": "Pilih terjadwal atau pada saat diperlukan."})
        kegiatan = KegiatanPengawasan(
            kerjasama=ks, jenis=jenis, sifat=sifat, tenggat=tenggat, tanggal_rencana=tanggal_rencana,
            jatuh_tempo=kalender.tanggal_lokal(tenggat.jatuh_tempo) if tenggat else None,
            keterangan=keterangan, dibuat_oleh=by,
        )
        kegiatan.full_clean(exclude=["tahap"])  # protected: only transitions set it
        kegiatan.save()
        inti.audit_catat(kerjasama=ks, objek=kegiatan, aksi="kegiatan_direncanakan", oleh=by,
                         ke_tahap=TahapKegiatan.DIRENCANAKAN, dasar_hukum=kegiatan.pasal,
                         komentar=keterangan,
                         data={"label": f"{kegiatan.get_jenis_display()} {kegiatan.get_sifat_display().lower()} direncanakan",
                               "tanggal_rencana": tanggal_rencana.isoformat() if tanggal_rencana else None})
        return kegiatan


def _transisi_kegiatan(*, kegiatan: KegiatanPengawasan, nama: str, by, tahap_diharapkan: str | None,
                       komentar: str = "", isi: Callable | None = None, efek: Callable | None = None,
                       data: dict | None = None) -> KegiatanPengawasan:
    """Take transition `nama` of an activity: atomic, locked, stage (409), permission (403),
    fields (400, by `isi`), audited on the cooperation; `efek` runs in the same transaction."""
    tahap_diharapkan = tahap_diharapkan or kegiatan.tahap
    try:
        with transaction.atomic():
            k = KegiatanPengawasan.objects.select_for_update().select_related("kerjasama").get(pk=kegiatan.pk)
            if k.tahap != tahap_diharapkan:
                raise KonflikTransisi(
                    f"Kegiatan ini sudah berpindah ke tahap \u201c{k.get_tahap_display()}\u201d sementara itu. Muat ulang halaman.")
            method = getattr(k, nama, None)
            meta = getattr(method, "_django_fsm", None)
            if meta is None or not can_proceed(method):
                raise TransisiTidakTersedia(
                    f"Langkah \u201c{nama}\u201d tidak tersedia pada tahap \u201c{k.get_tahap_display()}\u201d.")
            t = meta.get_transition(k.tahap)
            if t.custom.get("sistem") or not has_transition_perm(method, by):
                raise PermissionDenied("Anda tidak berwenang mengambil langkah ini.")
            if t.custom.get("komentar_wajib") and not (komentar or "").strip():
                raise ValidationError({"komentar": "Alasan wajib diisi."})
            dari = k.tahap
            if isi is not None:
                isi(k)
            method()
            k.full_clean(exclude=["tahap"])
            k.save()
            inti.audit_catat(
                kerjasama=k.kerjasama, objek=k, aksi=f"kegiatan_{nama}", oleh=by, dari_tahap=dari, ke_tahap=k.tahap,
                komentar=komentar, dasar_hukum=f"Perwal 57/2023 {t.custom.get('pasal', '')}",
                data={"label": f"{k.get_jenis_display()} #{k.pk}: {t.custom.get('label', nama)}", **(data or {})},
            )
            if efek is not None:
                efek(k)
            return k
    except ConcurrentTransition as exc:
        raise KonflikTransisi("Kegiatan ini diubah oleh pengguna lain sementara itu. Muat ulang halaman.") from exc


def _lanjutkan_siklus(kegiatan: KegiatanPengawasan) -> Tenggat | None:
    """A scheduled activity was carried out: its cycle deadline is met and the next step starts
    from the date it was actually carried out (Ps 85(5): evaluasi 6 bulan setelah pemantauan;
    Ps 85(3): pemantauan 6 bulan setelah evaluasi). "When needed" activities leave the rhythm
    alone: the law keeps a fixed periodic rhythm (Perwal 75/2021 Ps 1 angka 11–12) on top of
    which extra activities may happen."""
    if kegiatan.sifat != SifatKegiatan.TERJADWAL:
        return None
    ks = kegiatan.kerjasama
    if kegiatan.tenggat_id:
        Tenggat.objects.filter(pk=kegiatan.tenggat_id, status=StatusTenggat.TERBUKA).update(
            status=StatusTenggat.TERPENUHI, diselesaikan_pada=timezone.now(), peringatan_berikut=None,
            catatan=f"Dilaksanakan {_tgl(kegiatan.tanggal_pelaksanaan)} (kegiatan #{kegiatan.pk}).")
    if ks.tahap != TAHAP_PELAKSANAAN:
        return None
    if kegiatan.jenis == JenisKegiatan.PEMANTAUAN:
        return _mulai_siklus(ks, aturan=ATURAN_EVALUASI, mulai=kegiatan.tanggal_pelaksanaan, sejak="pemantauan")
    return _mulai_siklus(ks, aturan=ATURAN_PEMANTAUAN, mulai=kegiatan.tanggal_pelaksanaan, sejak="evaluasi")


def kegiatan_laksanakan(*, kegiatan: KegiatanPengawasan, by, tanggal_pelaksanaan: datetime.date, hasil: str,
                        lokasi: str = "", analisa_laporan_mitra: bool = False, tinjau_lokasi: bool = False,
                        fgd: bool = False, wawancara_dokumentasi: bool = False, peserta: str = "",
                        permasalahan: str = "", solusi: str = "", saran: str = "",
                        penilaian: dict[int, tuple[str, str]] | None = None, komentar: str = "",
                        tahap_diharapkan: str | None = None) -> KegiatanPengawasan:
    """Record that the team carried out the activity, with its method and findings.

    Pemantauan (Ps 85(2)): by analysing the partner's report documents and/or a site visit.
    Evaluasi (Ps 85(4)): an FGD with the partner and the PD, analysing a. how the partner carried
    out each obligation of the PKS/KB (every partner obligation of the case must be assessed),
    b. a site visit, c. interviews and documentation.
    """
    penilaian = penilaian or {}
    ks = kegiatan.kerjasama
    acuan = periode.tanggal_acuan(ks)

    def isi(k: KegiatanPengawasan):
        errors: dict[str, list[str]] = {}
        if tanggal_pelaksanaan is None:
            errors["tanggal_pelaksanaan"] = ["Isi tanggal pelaksanaan."]
        elif tanggal_pelaksanaan > timezone.localdate():
            errors["tanggal_pelaksanaan"] = ["Tanggal pelaksanaan tidak boleh di masa depan: catat kegiatan yang sudah dilaksanakan."]
        elif tanggal_pelaksanaan < acuan:
            errors["tanggal_pelaksanaan"] = [f"Tanggal pelaksanaan tidak boleh sebelum penandatanganan ({_tgl(acuan)})."]
        if not (hasil or "").strip():
            errors["hasil"] = ["Uraikan hasil pengamatan/analisa."]
        if k.jenis == JenisKegiatan.PEMANTAUAN:
            if not (analisa_laporan_mitra or tinjau_lokasi):
                errors["analisa_laporan_mitra"] = [
                    "Pemantauan dilakukan dengan analisa dokumen laporan mitra dan/atau tinjau lokasi "
                    "(Perwal 57/2023 Pasal 85 ayat (2)): pilih paling sedikit satu."]
        else:
            if not fgd:
                errors["fgd"] = ["Evaluasi dilakukan dengan metode forum group discussion bersama mitra dan Perangkat "
                                 "Daerah yang membidangi (Perwal 57/2023 Pasal 85 ayat (4))."]
            if not (peserta or "").strip():
                errors["peserta"] = ["Sebutkan peserta FGD dari mitra dan Perangkat Daerah."]
            kewajiban = list(Kewajiban.objects.filter(kerjasama_id=ks.pk))
            dikenal = {kw.pk for kw in kewajiban}
            asing = sorted(set(penilaian) - dikenal)
            if asing:
                errors["penilaian"] = [f"Kewajiban #{', #'.join(map(str, asing))} bukan kewajiban kerja sama ini."]
            kurang = [kw for kw in kewajiban if kw.pihak == Kewajiban.Pihak.MITRA and kw.pk not in penilaian]
            if kurang:
                errors.setdefault("penilaian", []).extend(
                    f"Nilai pelaksanaan kewajiban mitra: {kw.uraian[:80]}{' (' + kw.dasar + ')' if kw.dasar else ''} "
                    "(Perwal 57/2023 Pasal 85 ayat (4) huruf a)." for kw in kurang)
            salah = [pk for pk, (status, _c) in penilaian.items() if status not in PenilaianKewajibanStatus.values]
            if salah:
                errors.setdefault("penilaian", []).append("Penilaian kewajiban harus dipenuhi, sebagian, atau tidak dipenuhi.")
        if errors:
            raise ValidationError(errors)
        k.tanggal_pelaksanaan = tanggal_pelaksanaan
        k.lokasi = lokasi
        k.analisa_laporan_mitra = bool(analisa_laporan_mitra)
        k.tinjau_lokasi = bool(tinjau_lokasi)
        k.fgd = bool(fgd)
        k.wawancara_dokumentasi = bool(wawancara_dokumentasi)
        k.peserta = peserta
        k.hasil = hasil
        k.permasalahan = permasalahan
        k.solusi = solusi
        k.saran = saran

    def efek(k: KegiatanPengawasan):
        if k.jenis == JenisKegiatan.EVALUASI:
            k.penilaian.all().delete()
            for kw in Kewajiban.objects.filter(kerjasama_id=ks.pk, pk__in=list(penilaian)):
                status, catatan = penilaian[kw.pk]
                PenilaianKewajiban.objects.create(kegiatan=k, kewajiban=kw, pihak=kw.pihak, uraian=kw.uraian,
                                                  dasar=kw.dasar, status=status, catatan=catatan or "")
        berikut = _lanjutkan_siklus(k)
        if berikut is not None:
            inti.audit_catat(kerjasama=k.kerjasama, aksi="pengawasan_siklus_berlanjut", oleh=by,
                             dasar_hukum=berikut.dasar_hukum,
                             komentar=f"{berikut.judul}: jatuh tempo {_tgl(kalender.tanggal_lokal(berikut.jatuh_tempo))}.",
                             data={"label": "Siklus pengawasan berlanjut"})

    return _transisi_kegiatan(
        kegiatan=kegiatan, nama="laksanakan", by=by, tahap_diharapkan=tahap_diharapkan, komentar=komentar,
        isi=isi, efek=efek,
        data={"tanggal_pelaksanaan": tanggal_pelaksanaan.isoformat() if tanggal_pelaksanaan else None},
    )


def _wajib_bisa_diubah(k: KegiatanPengawasan) -> None:
    if k.tahap not in (TahapKegiatan.DIRENCANAKAN, TahapKegiatan.DILAKSANAKAN):
        raise TransisiTidakTersedia(
            f"Kegiatan sudah pada tahap \u201c{k.get_tahap_display()}\u201d: lampiran, laporan mitra dan matrik tidak "
            "dapat diubah lagi.")


def lampiran_unggah(*, kegiatan: KegiatanPengawasan, by, jenis: str, berkas, judul: str = ""):
    """Attach a working paper (berita acara, daftar hadir, notulensi, …) to an activity. The file is
    owned by the activity, not filed on the case, so the partner does not read the team's papers."""
    with transaction.atomic():
        k = KegiatanPengawasan.objects.select_for_update().select_related("kerjasama").get(pk=kegiatan.pk)
        if not dapat_mengawasi(by, k.kerjasama):
            raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat melampirkan dokumen.")
        _wajib_bisa_diubah(k)
        jenis_sah = dict(JENIS_LAMPIRAN)
        if jenis not in jenis_sah:
            raise ValidationError({"jenis": "Jenis lampiran tidak dikenal."})
        if berkas is None:
            raise ValidationError({"berkas": "Pilih berkas lampiran."})
        judul = judul or f"{jenis_sah[jenis]} — {k.get_jenis_display()} #{k.pk}"
        versi = inti.dokumen_unggah(by=by, berkas=berkas, jenis=jenis, judul=judul, pemilik=k,
                                    status=StatusDokumen.FINAL)
        inti.audit_catat(kerjasama=k.kerjasama, objek=k, aksi="kegiatan_lampiran_diunggah", oleh=by,
                         dasar_hukum="Perwal 57/2023 Pasal 88",
                         komentar=f"{jenis_sah[jenis]}: {judul} (versi {versi.nomor_versi})",
                         data={"label": f"{k.get_jenis_display()} #{k.pk}: lampiran", "dokumen": versi.dokumen_id})
        return versi


def kegiatan_laporan_mitra_atur(*, kegiatan: KegiatanPengawasan, by, laporan: Iterable[LaporanMitra]) -> None:
    """Which partner reports the activity analysed (Ps 85(2) huruf a; Ps 88(1)–(2) huruf a)."""
    with transaction.atomic():
        k = KegiatanPengawasan.objects.select_for_update().select_related("kerjasama").get(pk=kegiatan.pk)
        if not dapat_mengawasi(by, k.kerjasama):
            raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat mengubah kegiatan ini.")
        _wajib_bisa_diubah(k)
        daftar = list(laporan)
        asing = [lap for lap in daftar if lap.kerjasama_id != k.kerjasama_id]
        if asing:
            raise ValidationError({"laporan_mitra": "Laporan mitra harus dari kerja sama yang sama."})
        k.laporan_mitra.set(daftar)
        inti.audit_catat(kerjasama=k.kerjasama, objek=k, aksi="kegiatan_laporan_mitra_dianalisa", oleh=by,
                         komentar=f"{len(daftar)} laporan mitra dianalisa.",
                         data={"label": f"{k.get_jenis_display()} #{k.pk}: laporan mitra", "laporan": [x.pk for x in daftar]})


def baris_matrik_simpan(*, kegiatan: KegiatanPengawasan, by, dasar_perjanjian: str, materi_evaluasi: str,
                        permasalahan: str, solusi: str, tindak_lanjut: str, perangkat_daerah: PerangkatDaerah,
                        rekomendasi: str, keterangan: str = "", kewajiban: Kewajiban | None = None,
                        baris: BarisMatrik | None = None) -> BarisMatrik:
    """Add or change a row of the matrik hasil evaluasi (Ps 85(6) huruf a–h; rekomendasi Ps 85(7))."""
    with transaction.atomic():
        k = KegiatanPengawasan.objects.select_for_update().select_related("kerjasama").get(pk=kegiatan.pk)
        if not dapat_mengawasi(by, k.kerjasama):
            raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat mengisi matrik.")
        if k.jenis != JenisKegiatan.EVALUASI:
            raise ValidationError({"__all__": "Matrik hasil evaluasi hanya untuk kegiatan evaluasi (Pasal 85 ayat (6))."})
        _wajib_bisa_diubah(k)
        if kewajiban is not None and kewajiban.kerjasama_id != k.kerjasama_id:
            raise ValidationError({"kewajiban": "Kewajiban harus dari kerja sama yang dievaluasi."})
        if baris is None:
            baris = BarisMatrik(kegiatan=k, urutan=(k.matrik.count() + 1))
        elif baris.kegiatan_id != k.pk:
            raise ValidationError({"__all__": "Baris matrik bukan milik kegiatan ini."})
        baris.dasar_perjanjian = dasar_perjanjian
        baris.materi_evaluasi = materi_evaluasi
        baris.permasalahan = permasalahan
        baris.solusi = solusi
        baris.tindak_lanjut = tindak_lanjut
        baris.perangkat_daerah = perangkat_daerah
        baris.keterangan = keterangan
        baris.rekomendasi = rekomendasi
        baris.kewajiban = kewajiban
        baris.full_clean()
        baris.save()
        inti.audit_catat(kerjasama=k.kerjasama, objek=k, aksi="kegiatan_matrik_disimpan", oleh=by, dasar_hukum=PASAL_MATRIK,
                         komentar=f"Baris {baris.urutan}: {materi_evaluasi[:80]} → {baris.get_rekomendasi_display()}",
                         data={"label": f"Evaluasi #{k.pk}: matrik", "baris": baris.pk})
        return baris


def baris_matrik_hapus(*, baris: BarisMatrik, by) -> None:
    with transaction.atomic():
        k = KegiatanPengawasan.objects.select_for_update().select_related("kerjasama").get(pk=baris.kegiatan_id)
        if not dapat_mengawasi(by, k.kerjasama):
            raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat mengubah matrik.")
        _wajib_bisa_diubah(k)
        uraian = str(baris)
        baris.delete()
        inti.audit_catat(kerjasama=k.kerjasama, objek=k, aksi="kegiatan_matrik_dihapus", oleh=by, dasar_hukum=PASAL_MATRIK,
                         komentar=uraian, data={"label": f"Evaluasi #{k.pk}: matrik"})


# --- Ps 85(4) huruf a–c: the required parts of an evaluation's analysis --------------------------


def _dokumen_bukti_sah(k: KegiatanPengawasan, dokumen) -> bool:
    """Evidence is an attachment of this activity or a document of the cooperation itself."""
    if dokumen is None:
        return True
    return (selectors.dokumen_kegiatan(k).filter(pk=dokumen.pk).exists()
            or (dokumen.kerjasama_id is not None and dokumen.kerjasama_id == k.kerjasama_id))


def bagian_evaluasi_simpan(*, kegiatan: KegiatanPengawasan, by, huruf: str, temuan: str, dokumen=None,
                           rujukan: str = "", tanpa_kewajiban: bool = False, alasan_tanpa_kewajiban: str = "",
                           penilaian: dict[int, tuple[str, str]] | None = None) -> BagianEvaluasi:
    """Record one part of the evaluation's analysis (Perwal 57/2023 Ps 85(4) huruf a, b or c): its
    finding and its evidence (a document, or a reference to data recorded in SIKSD). Refused with the
    huruf cited when the finding or the evidence is missing.

    Huruf a (the partner's rights and obligations under the PKS, or tasks under the KB) is never met
    vacuously: when obligations of the partner are recorded, every one must be assessed (`penilaian`
    replaces the assessments, as at `kegiatan_laksanakan`); when none are recorded, the team records
    them first (`kegiatan_kewajiban_catat`) or states, with its reason, that the agreement stipulates
    none (`tanpa_kewajiban`), and that statement is audited on its own."""
    with transaction.atomic():
        k = KegiatanPengawasan.objects.select_for_update().select_related("kerjasama").get(pk=kegiatan.pk)
        if not dapat_mengawasi(by, k.kerjasama):
            raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat mengisi analisa "
                                   "evaluasi.")
        if k.jenis != JenisKegiatan.EVALUASI:
            raise ValidationError({"huruf": "Bagian analisa Pasal 85 ayat (4) hanya untuk kegiatan evaluasi."})
        if k.tahap != TahapKegiatan.DILAKSANAKAN:
            raise TransisiTidakTersedia(
                f"Analisa evaluasi diisi setelah pelaksanaan dicatat dan sebelum laporan diajukan (tahap sekarang: "
                f"\u201c{k.get_tahap_display()}\u201d).")
        if huruf not in HurufEvaluasi.values:
            raise ValidationError({"huruf": "Huruf Pasal 85 ayat (4) harus a, b, atau c."})
        dasar = f"Perwal 57/2023 Pasal 85 ayat (4) huruf {huruf}"
        errors: dict[str, list[str]] = {}
        if not (temuan or "").strip():
            errors["temuan"] = [f"Tuliskan temuan analisa ({dasar})."]
        if dokumen is not None and not _dokumen_bukti_sah(k, dokumen):
            errors["dokumen"] = ["Dokumen bukti harus lampiran kegiatan ini atau dokumen kerja sama yang dievaluasi."]
        tanpa_kewajiban = bool(tanpa_kewajiban) and huruf == HurufEvaluasi.A
        penilaian = penilaian or {}
        mitra = list(selectors.kewajiban_mitra(k.kerjasama))
        if huruf == HurufEvaluasi.A:
            semua = {kw.pk: kw for kw in Kewajiban.objects.filter(kerjasama_id=k.kerjasama_id)}
            asing = sorted(set(penilaian) - set(semua))
            if asing:
                errors["penilaian"] = [f"Kewajiban #{', #'.join(map(str, asing))} bukan kewajiban kerja sama ini."]
            if any(status not in PenilaianKewajibanStatus.values for status, _c in penilaian.values()):
                errors.setdefault("penilaian", []).append(
                    "Penilaian kewajiban harus dipenuhi, sebagian, atau tidak dipenuhi.")
            dinilai = set(penilaian) or set(
                k.penilaian.filter(kewajiban__isnull=False).values_list("kewajiban_id", flat=True))
            kurang = selectors.kekurangan_huruf_a(k, tanpa_kewajiban=tanpa_kewajiban, alasan=alasan_tanpa_kewajiban,
                                                  dinilai=dinilai)
            if kurang:
                if not mitra:
                    kunci = "alasan_tanpa_kewajiban" if tanpa_kewajiban else "tanpa_kewajiban"
                else:
                    kunci = "tanpa_kewajiban" if tanpa_kewajiban else "penilaian"
                errors.setdefault(kunci, []).extend(f"{p} ({dasar})." for p in kurang)
            if mitra and not (rujukan or "").strip() and dokumen is None and not errors:
                # The assessments themselves are the recorded data this part refers to.
                rujukan = (f"Penilaian pelaksanaan {len(mitra)} kewajiban mitra pada evaluasi #{k.pk} "
                           "(tabel \u201cPelaksanaan kewajiban\u201d).")
        elif alasan_tanpa_kewajiban.strip():
            errors["alasan_tanpa_kewajiban"] = ["Pernyataan tanpa kewajiban hanya untuk huruf a."]
        if dokumen is None and not (rujukan or "").strip():
            errors.setdefault("rujukan", []).append(
                f"Lampirkan bukti: pilih dokumen atau tuliskan rujukan data yang tercatat ({dasar}).")
        if errors:
            raise ValidationError(errors)

        if huruf == HurufEvaluasi.A and penilaian:
            k.penilaian.all().delete()
            for kw in Kewajiban.objects.filter(kerjasama_id=k.kerjasama_id, pk__in=list(penilaian)):
                status, catatan = penilaian[kw.pk]
                PenilaianKewajiban.objects.create(kegiatan=k, kewajiban=kw, pihak=kw.pihak, uraian=kw.uraian,
                                                  dasar=kw.dasar, status=status, catatan=catatan or "")
        bagian = BagianEvaluasi.objects.filter(kegiatan=k, huruf=huruf).first() or BagianEvaluasi(kegiatan=k,
                                                                                                   huruf=huruf)
        sebelumnya_tanpa = bagian.pk is not None and bagian.tanpa_kewajiban
        bagian.temuan = temuan.strip()
        bagian.dokumen = dokumen
        bagian.rujukan = (rujukan or "").strip()
        bagian.tanpa_kewajiban = tanpa_kewajiban
        bagian.alasan_tanpa_kewajiban = alasan_tanpa_kewajiban.strip() if tanpa_kewajiban else ""
        bagian.diisi_oleh = by
        bagian.full_clean()
        bagian.save()
        # The method flags follow the parts (Ps 85(4) huruf b and c are carried out, with evidence).
        if huruf == HurufEvaluasi.B and not k.tinjau_lokasi:
            k.tinjau_lokasi = True
            k.save(update_fields=["tinjau_lokasi"])
        if huruf == HurufEvaluasi.C and not k.wawancara_dokumentasi:
            k.wawancara_dokumentasi = True
            k.save(update_fields=["wawancara_dokumentasi"])
        bukti = f"dokumen #{dokumen.pk} {dokumen.judul}" if dokumen is not None else bagian.rujukan
        inti.audit_catat(kerjasama=k.kerjasama, objek=k, aksi="kegiatan_bagian_evaluasi_disimpan", oleh=by,
                         dasar_hukum=dasar, komentar=f"Huruf {huruf}: {bagian.temuan[:200]} — bukti: {bukti[:200]}",
                         data={"label": f"Evaluasi #{k.pk}: analisa Pasal 85 ayat (4) huruf {huruf}", "huruf": huruf,
                               "dokumen": dokumen.pk if dokumen is not None else None, "rujukan": bagian.rujukan,
                               "penilaian": sorted(penilaian)})
        if tanpa_kewajiban and not sebelumnya_tanpa:
            inti.audit_catat(kerjasama=k.kerjasama, objek=k, aksi="kegiatan_tanpa_kewajiban_dinyatakan", oleh=by,
                             dasar_hukum=dasar, komentar=bagian.alasan_tanpa_kewajiban,
                             data={"label": f"Evaluasi #{k.pk}: perjanjian dinyatakan tidak menetapkan kewajiban mitra"})
        return bagian


def kegiatan_kewajiban_catat(*, kegiatan: KegiatanPengawasan, by, daftar: list[dict]) -> list[Kewajiban]:
    """Record the obligations of the PKS/KB for a cooperation that has none recorded yet, from the
    evaluation (Ps 85(4) huruf a: the team evaluates what the agreement stipulates; with nothing
    recorded there is nothing to evaluate). Only when none are recorded: a recorded list is kept by the
    kind's own page (KSDPK: PD Pemrakarsa or Sekretariat), never overwritten from here."""
    with transaction.atomic():
        ks = _kunci_kerjasama(kegiatan.kerjasama)
        k = KegiatanPengawasan.objects.select_for_update().get(pk=kegiatan.pk)
        if not dapat_mengawasi(by, ks):
            raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat mencatat kewajiban "
                                   "dari evaluasi.")
        if k.jenis != JenisKegiatan.EVALUASI:
            raise ValidationError({"kewajiban": "Kewajiban dicatat dari kegiatan evaluasi (Pasal 85 ayat (4) huruf a)."})
        _wajib_bisa_diubah(k)
        if Kewajiban.objects.filter(kerjasama_id=ks.pk).exists():
            raise ValidationError({"kewajiban": "Kerja sama ini sudah mencatat kewajiban para pihak; ubah daftarnya pada "
                                                "halaman kerja sama, bukan dari evaluasi."})
        if not [r for r in daftar if r.get("pihak") == Kewajiban.Pihak.MITRA]:
            raise ValidationError({"kewajiban": "Catat paling sedikit satu kewajiban mitra (Perwal 57/2023 Pasal 85 "
                                                "ayat (4) huruf a); bila perjanjian tidak menetapkannya, nyatakan itu "
                                                "pada analisa huruf a beserta alasannya."})
        try:
            baris = inti.kewajiban_atur(kerjasama=ks, by=by, daftar=daftar)
        except ValidationError as exc:
            raise ValidationError({"kewajiban": exc.messages}) from exc
        inti.audit_catat(kerjasama=ks, objek=k, aksi="kegiatan_kewajiban_dicatat", oleh=by,
                         dasar_hukum=f"{PASAL_ANALISA_EVALUASI} huruf a",
                         komentar=f"{len(baris)} kewajiban para pihak dicatat dari evaluasi #{k.pk}.",
                         data={"label": f"Evaluasi #{k.pk}: kewajiban para pihak dicatat"})
        return baris


def _kekurangan_bagian(k: KegiatanPengawasan) -> list[str]:
    """One message per part of Ps 85(4) not yet met, each citing its huruf (empty for a monitoring)."""
    return [f"Analisa evaluasi huruf {s.huruf} ({s.label[3:]}): {'; '.join(s.kekurangan)} (Perwal 57/2023 {s.dasar})."
            for s in selectors.bagian_evaluasi_status(k) if not s.lengkap]


def _konteks_laporan(k: KegiatanPengawasan) -> dict:
    return {
        "kegiatan": k, "kerjasama": k.kerjasama, "tim": selectors.tim_dari(k.kerjasama),
        "lampiran": selectors.lampiran_status(k), "dokumen": list(selectors.dokumen_kegiatan(k)),
        "laporan_mitra": list(k.laporan_mitra.all()), "penilaian": list(k.penilaian.all()),
        "bagian_evaluasi": selectors.bagian_evaluasi_status(k),
        "matrik": list(k.matrik.select_related("perangkat_daerah")),
        "laporan_terlambat": selectors.laporan_mitra_terlambat(k.kerjasama), "tanggal": timezone.localdate(),
    }


def matrik_pdf(*, kegiatan: KegiatanPengawasan) -> bytes:
    from kerjasama.pdf import render_pdf

    return render_pdf("pengawasan/dokumen/matrik.html", _konteks_laporan(kegiatan))


def kegiatan_ajukan_laporan(*, kegiatan: KegiatanPengawasan, by, ringkasan_laporan: str, komentar: str = "",
                            tahap_diharapkan: str | None = None) -> KegiatanPengawasan:
    """Submit the monitoring/evaluation report to the Ketua TKKSD (Ps 88). Refused while any
    required attachment is missing, naming each one; on submission the report (and, for an
    evaluation, the matrix in landscape) is generated as PDF and kept with the activity."""

    def isi(k: KegiatanPengawasan):
        errors: dict[str, list[str]] = {}
        kurang = [lp for lp in selectors.lampiran_status(k) if lp.wajib and not lp.ada]
        if kurang:
            errors["lampiran"] = [f"Lampiran belum ada: {lp.label} (Perwal 57/2023 {lp.dasar})." for lp in kurang]
        if not (ringkasan_laporan or "").strip():
            errors["ringkasan_laporan"] = ["Isi ringkasan laporan untuk Ketua TKKSD."]
        # Perwal 57/2023 Ps 85(4) huruf a–c: every part of the evaluation's analysis, with its evidence.
        bagian = _kekurangan_bagian(k)
        if bagian:
            errors["bagian_evaluasi"] = bagian
        if errors:
            raise ValidationError(errors)
        k.ringkasan_laporan = ringkasan_laporan
        k.diajukan_pada = timezone.now()
        k.diajukan_oleh = by

    def efek(k: KegiatanPengawasan):
        ks = k.kerjasama
        konteks = _konteks_laporan(k)
        dokumen_laporan = selectors.dokumen_kegiatan(k).filter(jenis="laporan", versi__dihasilkan_sistem=True).first()
        inti.dokumen_hasilkan(by=by, template="pengawasan/dokumen/laporan_kegiatan.html", context=konteks,
                              jenis="laporan", judul=f"Laporan hasil {k.get_jenis_display().lower()} #{k.pk} — {ks.nomor}",
                              pemilik=k, dokumen=dokumen_laporan)
        if k.jenis == JenisKegiatan.EVALUASI:
            dokumen_matrik = selectors.dokumen_kegiatan(k).filter(jenis="matrik_evaluasi",
                                                                  versi__dihasilkan_sistem=True).first()
            inti.dokumen_hasilkan(by=by, template="pengawasan/dokumen/matrik.html", context=konteks,
                                  jenis="matrik_evaluasi", judul=f"Matrik hasil evaluasi #{k.pk} — {ks.nomor}",
                                  pemilik=k, dokumen=dokumen_matrik, landscape=True)
        inti.notifikasi_kirim(
            penerima=inti.pengguna_peran(Peran.KETUA_TKKSD), kerjasama=ks,
            judul=f"Laporan {k.get_jenis_display().lower()} menunggu Anda: {ks.nomor}",
            pesan=f"{ks.judul}\n{ringkasan_laporan[:300]}\n({k.pasal})", tautan=_tautan_kegiatan(k),
        )

    return _transisi_kegiatan(kegiatan=kegiatan, nama="ajukan_laporan", by=by, tahap_diharapkan=tahap_diharapkan,
                              komentar=komentar, isi=isi, efek=efek)


def kegiatan_terima_laporan(*, kegiatan: KegiatanPengawasan, by, catatan: str = "",
                            tahap_diharapkan: str | None = None) -> KegiatanPengawasan:
    """The Ketua TKKSD receives the report (Ps 88). For an evaluation, each recommendation of the
    matrix opens its follow-up (Ps 85(7)), through the follow-up registry below."""

    def isi(k: KegiatanPengawasan):
        # Perwal 57/2023 Ps 85(4) huruf a–c: an evaluation is not finished with a part missing (a report
        # submitted before the parts were required is returned to the team instead).
        bagian = _kekurangan_bagian(k)
        if bagian:
            raise ValidationError({"bagian_evaluasi": [
                *bagian, "Kembalikan laporan ini kepada tim untuk melengkapi analisa evaluasi."]})
        k.diterima_pada = timezone.now()
        k.diterima_oleh = by
        k.catatan_ketua = catatan

    def efek(k: KegiatanPengawasan):
        dibuka = []
        if k.jenis == JenisKegiatan.EVALUASI:
            for baris in k.matrik.select_related("perangkat_daerah").order_by("urutan", "id"):
                dibuka.append(tindak_lanjut_buka(baris=baris, by=by))
        inti.notifikasi_kirim(
            penerima=_penerima_pengawasan(k.kerjasama) - {by}, kerjasama=k.kerjasama,
            judul=f"Laporan {k.get_jenis_display().lower()} diterima Ketua TKKSD: {k.kerjasama.nomor}",
            pesan=(catatan or "") + (f"\n{len(dibuka)} rekomendasi ditindaklanjuti." if dibuka else ""),
            tautan=_tautan_kegiatan(k),
        )

    return _transisi_kegiatan(kegiatan=kegiatan, nama="terima_laporan", by=by, tahap_diharapkan=tahap_diharapkan,
                              komentar=catatan, isi=isi, efek=efek)


def kegiatan_kembalikan_laporan(*, kegiatan: KegiatanPengawasan, by, alasan: str,
                                tahap_diharapkan: str | None = None) -> KegiatanPengawasan:
    def efek(k: KegiatanPengawasan):
        inti.notifikasi_kirim(penerima=_penerima_pengawasan(k.kerjasama) - {by}, kerjasama=k.kerjasama,
                              judul=f"Laporan {k.get_jenis_display().lower()} dikembalikan: {k.kerjasama.nomor}",
                              pesan=alasan, tautan=_tautan_kegiatan(k))

    def isi(k: KegiatanPengawasan):
        k.catatan_ketua = alasan

    return _transisi_kegiatan(kegiatan=kegiatan, nama="kembalikan_laporan", by=by, tahap_diharapkan=tahap_diharapkan,
                              komentar=alasan, isi=isi, efek=efek)


def kegiatan_batalkan(*, kegiatan: KegiatanPengawasan, by, alasan: str,
                      tahap_diharapkan: str | None = None) -> KegiatanPengawasan:
    return _transisi_kegiatan(kegiatan=kegiatan, nama="batalkan", by=by, tahap_diharapkan=tahap_diharapkan,
                              komentar=alasan)


# =============================================================================================
# Follow-up of recommendations (Ps 85(7)) and the registry the case apps plug into
# =============================================================================================

# (model label of the case, e.g. "ksdd.kasusksdd", or "*" for every kind; rekomendasi) → handler
_TINDAK_LANJUT: dict[tuple[str, str], Callable] = {}

# Errors a handler may raise to say "cannot open it now": the default task then stands, with the reason.
GALAT_TINDAK_LANJUT = (ValidationError, PermissionDenied, TransisiTidakTersedia, KonflikTransisi, LookupError)


def daftar_tindak_lanjut(kelas_model_label: str, jenis_rekomendasi: str, fn: Callable | None = None):
    """Register how a recommendation is followed up on one kind of case (docs/pengawasan.md).

    `fn(*, tindak_lanjut, kasus, by)` runs when the Ketua TKKSD accepts the evaluation report,
    inside that transaction (in a savepoint). It opens what the recommendation calls for on the
    case (an extension, an amendment, a new case, a termination…) and records it on the follow-up:
    `tindak_lanjut.objek` (what it opened), `tautan`/`tautan_label`, `catatan`, and may change
    `penanggung_jawab`, `perangkat_daerah`, `batas_waktu`. If it raises ValidationError,
    PermissionDenied, TransisiTidakTersedia, KonflikTransisi or LookupError, the follow-up stays
    a tracked task with the reason noted. Usable as a decorator when `fn` is omitted.
    `kelas_model_label` "*" registers for every kind (the defaults below)."""
    if jenis_rekomendasi not in Rekomendasi.values:
        raise ValueError(f"Rekomendasi tidak dikenal: {jenis_rekomendasi}")

    def decorator(f):
        _TINDAK_LANJUT[(kelas_model_label.lower(), jenis_rekomendasi)] = f
        return f

    return decorator(fn) if fn is not None else decorator


def penangan_tindak_lanjut(kelas_model_label: str, jenis_rekomendasi: str) -> Callable:
    return (_TINDAK_LANJUT.get((kelas_model_label.lower(), jenis_rekomendasi))
            or _TINDAK_LANJUT[("*", jenis_rekomendasi)])


def _ketua_tim(ks):
    return (AnggotaTimPengawasan.objects.filter(tim__kerjasama_id=ks.pk, kedudukan=KedudukanTim.KETUA,
                                                pengguna__is_active=True)
            .select_related("pengguna").first())


def tindak_lanjut_buka(*, baris: BarisMatrik, by) -> TindakLanjut:
    """Open the follow-up of one matrix row: a tracked task (owner, due date), then the handler
    registered for the case's kind and the recommendation opens what it calls for."""
    ks = baris.kegiatan.kerjasama
    ketua = _ketua_tim(ks)
    tl = TindakLanjut.objects.create(
        baris=baris, kerjasama_id=ks.pk, jenis=baris.rekomendasi, uraian=baris.tindak_lanjut,
        perangkat_daerah=baris.perangkat_daerah, penanggung_jawab=ketua.pengguna if ketua else None,
        batas_waktu=timezone.localdate() + datetime.timedelta(days=BATAS_TINDAK_LANJUT_HARI),
        tautan=_tautan_kerjasama(ks), tautan_label="Berkas pengawasan kerja sama",
    )
    kasus = ks.kasus()
    fn = penangan_tindak_lanjut(kasus._meta.label_lower, tl.jenis)
    try:
        with transaction.atomic():
            fn(tindak_lanjut=tl, kasus=kasus, by=by)
            tl.full_clean()
            tl.save()
    except GALAT_TINDAK_LANJUT as exc:
        alasan = "; ".join(getattr(exc, "messages", None) or [str(exc)])
        tl = TindakLanjut.objects.get(pk=tl.pk)
        tl.catatan = f"Tindak lanjut otomatis tidak dapat dijalankan ({alasan}); ditangani sebagai tugas."
        tl.save(update_fields=["catatan"])
    huruf = Rekomendasi(tl.jenis).label.split(".")[0]
    inti.audit_catat(kerjasama=ks, objek=tl, aksi="tindak_lanjut_dibuka", oleh=by,
                     dasar_hukum=f"Perwal 57/2023 Pasal 85 ayat (7) huruf {huruf}",
                     komentar=f"{tl.get_jenis_display()}: {tl.uraian[:200]}" + (f" — {tl.catatan}" if tl.catatan else ""),
                     data={"label": "Tindak lanjut rekomendasi dibuka", "tindak_lanjut": tl.pk,
                           "batas_waktu": tl.batas_waktu.isoformat()})
    penerima = {tl.penanggung_jawab} if tl.penanggung_jawab_id else set(inti.pengguna_peran(Peran.SEKRETARIAT_TKKSD))
    if tl.jenis == Rekomendasi.KEWAJIBAN_PEMDA and tl.perangkat_daerah_id:
        from kerjasama.models import Pengguna

        penerima |= set(Pengguna.objects.filter(is_active=True, perangkat_daerah_id=tl.perangkat_daerah_id,
                                                groups__name=Peran.PD))
    inti.notifikasi_kirim(penerima=penerima, kerjasama=ks, judul=f"Tindak lanjut rekomendasi: {tl.get_jenis_display()}",
                          pesan=f"{ks.nomor} — {ks.judul}\n{tl.uraian}\nBatas waktu {_tgl(tl.batas_waktu)}.",
                          tautan=reverse("pengawasan:tindak_lanjut", args=[tl.pk]))
    return tl


def _hubungkan(tl: TindakLanjut, objek) -> None:
    tl.objek_tipe = ContentType.objects.get_for_model(objek)
    tl.objek_id = objek.pk


def _batas_sebelum_berakhir(tl: TindakLanjut, kasus) -> None:
    if kasus.tanggal_berakhir and kasus.tanggal_berakhir < tl.batas_waktu:
        tl.batas_waktu = max(kasus.tanggal_berakhir, timezone.localdate())


@daftar_tindak_lanjut("*", Rekomendasi.PERPANJANGAN)
def _perpanjangan_baku(*, tindak_lanjut, kasus, by):
    # Ps 85(7) huruf a. The case apps register how an extension is opened on their kind; until
    # then the Sekretariat prepares it, before the term ends.
    _batas_sebelum_berakhir(tindak_lanjut, kasus)
    tindak_lanjut.catatan = ("Siapkan perpanjangan jangka waktu (naskah perpanjangan bersama mitra dan PD) sebelum "
                             f"masa berlaku berakhir {_tgl(kasus.tanggal_berakhir)}.")
    tindak_lanjut.tautan = reverse("kerjasama:detail", args=[kasus.pk])
    tindak_lanjut.tautan_label = "Berkas kerja sama"


@daftar_tindak_lanjut("*", Rekomendasi.PENYUSUNAN_BARU)
def _penyusunan_baru_baku(*, tindak_lanjut, kasus, by):
    # Ps 85(7) huruf b: a new cooperation of the same kind, started by the kind's own app
    # (the core's case-creator registry, `alur.daftar_pembuat_kasus`).
    try:
        pembuat = alur.pembuat_kasus(kasus.jenis)
    except LookupError:
        tindak_lanjut.catatan = (f"Belum ada aplikasi yang dapat memulai kerja sama jenis {kasus.jenis}: susun "
                                 "PKS/KB baru secara manual.")
        return
    baru = pembuat(by=by, judul=f"{kasus.judul} (penyusunan baru)", perangkat_daerah=kasus.perangkat_daerah,
                   mitra=kasus.mitra, uraian=f"Rekomendasi hasil evaluasi {kasus.nomor}: {tindak_lanjut.uraian}")
    _hubungkan(tindak_lanjut, baru)
    tindak_lanjut.tautan = reverse("kerjasama:detail", args=[baru.pk])
    tindak_lanjut.tautan_label = f"Kerja sama baru {baru.nomor}"
    tindak_lanjut.catatan = f"Kerja sama baru {baru.nomor} dibuka."


@daftar_tindak_lanjut("*", Rekomendasi.ADDENDUM)
def _addendum_baku(*, tindak_lanjut, kasus, by):
    # Ps 85(7) huruf c.
    tindak_lanjut.catatan = "Siapkan addendum PKS/KB bersama mitra dan PD; unggah naskahnya pada berkas kerja sama."
    tindak_lanjut.tautan = reverse("kerjasama:detail", args=[kasus.pk])
    tindak_lanjut.tautan_label = "Berkas kerja sama"


@daftar_tindak_lanjut("*", Rekomendasi.MENAGIH_KEWAJIBAN)
def _menagih_baku(*, tindak_lanjut, kasus, by):
    # Ps 85(7) huruf d: what the partner owes, from the evaluation's assessment and missed reports.
    belum = [p.uraian[:80] for p in tindak_lanjut.baris.kegiatan.penilaian.filter(pihak=Kewajiban.Pihak.MITRA)
             .exclude(status=PenilaianKewajibanStatus.DIPENUHI)]
    terlambat = len(selectors.laporan_mitra_terlambat(kasus))
    bagian = []
    if belum:
        bagian.append("kewajiban belum dipenuhi: " + "; ".join(belum))
    if terlambat:
        bagian.append(f"{terlambat} laporan 6 bulanan terlambat (Pasal 87 ayat (1))")
    tindak_lanjut.catatan = "Tagih kepada mitra" + (": " + " — ".join(bagian) if bagian else ".")


@daftar_tindak_lanjut("*", Rekomendasi.KEWAJIBAN_PEMDA)
def _kewajiban_pemda_baku(*, tindak_lanjut, kasus, by):
    # Ps 85(7) huruf e: the PD in charge (matrix column f) carries out what the city still owes.
    belum = [p.uraian[:80] for p in tindak_lanjut.baris.kegiatan.penilaian.filter(pihak=Kewajiban.Pihak.DAERAH)
             .exclude(status=PenilaianKewajibanStatus.DIPENUHI)]
    tindak_lanjut.catatan = (f"Dilaksanakan oleh {tindak_lanjut.perangkat_daerah}"
                             + (": " + "; ".join(belum) if belum else "."))


@daftar_tindak_lanjut("*", Rekomendasi.MENGAKHIRI)
def _mengakhiri_baku(*, tindak_lanjut, kasus, by):
    # Ps 85(7) huruf f: every kind can be terminated by the Sekretariat with the core's `akhiri`
    # (PengakhiranMixin, Ps 78(2), 79); this follow-up closes itself when the case ends.
    if inti.transisi_cari(kasus, "akhiri") is not None:
        tindak_lanjut.tautan = reverse("kerjasama:transisi", args=[kasus.pk, "akhiri"])
        tindak_lanjut.tautan_label = "Akhiri kerja sama (Pasal 78 ayat (2), Pasal 79)"
        tindak_lanjut.catatan = "Pengakhiran kerja sama: Sekretariat TKKSD mengambil langkah \u201cAkhiri kerja sama\u201d."
    else:
        tindak_lanjut.catatan = f"Langkah pengakhiran tidak tersedia pada tahap {kasus.tahap}; tangani secara manual."


@daftar_tindak_lanjut("*", Rekomendasi.SURAT_TEGURAN)
def _surat_teguran_baku(*, tindak_lanjut, kasus, by):
    # Ps 85(7) huruf g: a warning letter to the partner, generated as PDF (a draft to sign and send).
    baris = tindak_lanjut.baris
    mitra = kasus.mitra
    konteks = {
        "kerjasama": kasus, "mitra": mitra, "baris": baris, "tindak_lanjut": tindak_lanjut,
        "evaluasi": baris.kegiatan, "tanggal": timezone.localdate(),
        "perihal": "Teguran atas pelaksanaan kerja sama",
        "kepada": [x for x in (mitra.jabatan_pimpinan or mitra.nama_pimpinan if mitra else "", mitra.nama if mitra else "",
                               mitra.alamat if mitra else "") if x],
        "tembusan": ["Wali Kota Bekasi (sebagai laporan)", "Sekretaris Daerah selaku Ketua TKKSD",
                     f"Kepala {kasus.perangkat_daerah.nama}" if kasus.perangkat_daerah else "Perangkat Daerah terkait"],
        "laporan_terlambat": selectors.laporan_mitra_terlambat(kasus),
    }
    versi = inti.dokumen_hasilkan(by=by, template="pengawasan/dokumen/surat_teguran.html", context=konteks,
                                  jenis="surat_keluar", judul=f"Surat teguran — {kasus.nomor} — rekomendasi {tindak_lanjut.pk}",
                                  pemilik=tindak_lanjut)
    _hubungkan(tindak_lanjut, versi.dokumen)
    tindak_lanjut.tautan = reverse("kerjasama:dokumen_unduh", args=[versi.pk])
    tindak_lanjut.tautan_label = "Unduh draf surat teguran (PDF)"
    tindak_lanjut.catatan = "Draf surat teguran dihasilkan; tandatangani dan kirim kepada mitra, lalu tutup tindak lanjut ini."


@daftar_tindak_lanjut("*", Rekomendasi.PROSES_HUKUM)
def _proses_hukum_baku(*, tindak_lanjut, kasus, by):
    # Ps 85(7) huruf h.
    tindak_lanjut.catatan = "Koordinasikan dengan Bagian Hukum Sekretariat Daerah untuk menempuh proses hukum."


@transaction.atomic
def tindak_lanjut_ubah(*, tindak_lanjut: TindakLanjut, by, batas_waktu: datetime.date, penanggung_jawab=None,
                       perangkat_daerah: PerangkatDaerah | None = None) -> TindakLanjut:
    """The Sekretariat assigns the owner and the due date of a follow-up."""
    tl = TindakLanjut.objects.select_for_update().select_related("kerjasama").get(pk=tindak_lanjut.pk)
    if not (dapat_melihat(by, tl.kerjasama) and dapat_mengelola_tim(by)):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat menetapkan penanggung jawab dan batas waktu.")
    if tl.status != StatusTindakLanjut.TERBUKA:
        raise TransisiTidakTersedia("Tindak lanjut ini sudah ditutup.")
    if penanggung_jawab is not None and penanggung_jawab.punya_peran(Peran.MITRA):
        raise ValidationError({"penanggung_jawab": "Penanggung jawab tindak lanjut adalah pejabat Pemerintah Daerah."})
    lama = {"penanggung_jawab": tl.penanggung_jawab_id, "batas_waktu": tl.batas_waktu.isoformat()}
    tl.batas_waktu = batas_waktu
    tl.penanggung_jawab = penanggung_jawab
    tl.perangkat_daerah = perangkat_daerah
    tl.full_clean()
    tl.save()
    inti.audit_catat(kerjasama=tl.kerjasama, objek=tl, aksi="tindak_lanjut_diubah", oleh=by,
                     komentar=f"Penanggung jawab {penanggung_jawab or '—'}, batas waktu {_tgl(batas_waktu)}.",
                     data={"label": "Tindak lanjut diubah", "sebelum": lama})
    if penanggung_jawab is not None and penanggung_jawab != by:
        inti.notifikasi_kirim(penerima=[penanggung_jawab], kerjasama=tl.kerjasama,
                              judul=f"Tindak lanjut untuk Anda: {tl.get_jenis_display()}",
                              pesan=f"{tl.kerjasama.nomor}\n{tl.uraian}\nBatas waktu {_tgl(batas_waktu)}.",
                              tautan=reverse("pengawasan:tindak_lanjut", args=[tl.pk]))
    return tl


@transaction.atomic
def tindak_lanjut_tutup(*, tindak_lanjut: TindakLanjut, by, hasil: str,
                        status: str = StatusTindakLanjut.SELESAI) -> TindakLanjut:
    """Close a follow-up (done, or called off) with what was done; tracked until then."""
    tl = TindakLanjut.objects.select_for_update().select_related("kerjasama").get(pk=tindak_lanjut.pk)
    if not dapat_mengubah_tindak_lanjut(by, tl):
        raise PermissionDenied("Hanya penanggung jawab, Tim Pengawasan atau Sekretariat TKKSD yang dapat menutup tindak lanjut.")
    if tl.status != StatusTindakLanjut.TERBUKA:
        raise TransisiTidakTersedia("Tindak lanjut ini sudah ditutup.")
    if status not in (StatusTindakLanjut.SELESAI, StatusTindakLanjut.DIBATALKAN):
        raise ValidationError({"status": "Pilih selesai atau dibatalkan."})
    if not (hasil or "").strip():
        raise ValidationError({"hasil": "Uraikan hasil tindak lanjut (atau alasan pembatalan)."})
    tl.status = status
    tl.hasil = hasil
    tl.diselesaikan_pada = timezone.now()
    tl.diselesaikan_oleh = by
    tl.full_clean()
    tl.save()
    inti.audit_catat(kerjasama=tl.kerjasama, objek=tl, aksi=f"tindak_lanjut_{status}", oleh=by, komentar=hasil,
                     dasar_hukum="Perwal 57/2023 Pasal 85 ayat (7)",
                     data={"label": f"Tindak lanjut {tl.get_status_display().lower()}"})
    return tl


def _tawarkan_evaluasi_bersama_perpanjangan(*, kasus, by, data, dari):
    """Perwal 75/2021 Ps 8(4): an extension request offers the team an evaluation held together with drafting the
    extension (a notification with the planning link; the activity is planned with sifat `bersama_perpanjangan`)."""
    tim = selectors.tim_dari(kasus)
    penerima = set(inti.pengguna_peran(Peran.SEKRETARIAT_TKKSD))
    if tim is not None:
        penerima |= {a.pengguna for a in tim.anggota.select_related("pengguna") if a.pengguna_id}
    inti.notifikasi_kirim(
        penerima=penerima, kerjasama=kasus,
        judul=f"Perpanjangan diajukan: evaluasi dapat dilaksanakan bersamaan — {kasus.nomor}",
        pesan=(f"{kasus.judul}\nTim Pengawasan dapat melaksanakan evaluasi bersamaan dengan penyusunan naskah "
               "perpanjangan bersama mitra dan Perangkat Daerah terkait (Perwal 75/2021 Pasal 8 ayat (4))."),
        tautan=f"/pengawasan/kerjasama/{kasus.pk}/kegiatan/baru/?jenis=evaluasi&sifat={SifatKegiatan.BERSAMA_PERPANJANGAN}")


for _label in ("ksdd.kasusksdd", "ksdpk.kasusksdpk", "ksdln.kasusksdln"):
    alur.setelah(_label, "ajukan_perpanjangan")(_tawarkan_evaluasi_bersama_perpanjangan)
