"""The legal clocks of KSDPL/KSDLL (interfaces.md rule codes), registered with the core sweep.

Each `saat_jatuh_tempo_fn(tenggat, now)` runs under the deadline's row lock (the core sweep,
skip_locked), locks the case, re-checks that the case is still where the rule expects, and does
nothing when it has moved on, so that a second run or a second worker never acts twice."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta

from kerjasama import kalender
from kerjasama.constants import PELAKU_PD, PELAKU_PENANDATANGAN, Peran, StatusTenggat
from kerjasama.deadlines import AturanTenggat, daftar_aturan, tandai_lewat

from .constants import (
    DPRD_HARI,
    DPRD_PENERIMAAN_HARI,
    GUBERNUR_HARI,
    LAPORAN_BATAS_BULAN_HARI,
    LOI_PERINGATAN_HARI,
    PERPANJANGAN_BULAN_SEBELUM_AKHIR,
    PERPANJANGAN_PERINGATAN_HARI,
    TAHAP_BERGANTUNG_LOI,
    StatusLaporan,
)

# --- pure functions: the due dates ---------------------------------------------------------------


def batas_laporan_tahunan(tahun: int) -> datetime.date:
    """Ps 80(2): the report on year `tahun` reaches the Gubernur in the first week of January of
    the next year, read as "by 7 January" (spec README)."""
    bulan, hari = LAPORAN_BATAS_BULAN_HARI
    return datetime.date(tahun + 1, bulan, hari)


def batas_permohonan_perpanjangan(tanggal_berakhir: datetime.date) -> datetime.date:
    """Ps 78(3): the extension request is sent "paling lama 6 bulan sebelum berakhirnya": the last
    day it is on time is the end date minus 6 calendar months (30-06-2031 → 30-12-2030;
    31-08-2031 → 28-02-2031)."""
    return tanggal_berakhir - relativedelta(months=PERPANJANGAN_BULAN_SEBELUM_AKHIR)


def _kasus(tenggat):
    """The case of this deadline, row-locked (as kerjasama.services._kunci does)."""
    from .models import KasusKsdln

    return KasusKsdln.objects.select_for_update().get(pk=tenggat.kerjasama_id)


def _beri_tahu(kasus, pelaku, judul, pesan):
    from kerjasama.services import notifikasi_kirim, pengguna_untuk_pelaku

    notifikasi_kirim(penerima=pengguna_untuk_pelaku(kasus, pelaku), kerjasama=kasus, judul=judul, pesan=pesan,
                     tautan=f"/kerjasama/{kasus.pk}/")


# --- dprd_45_hari: Ps 65(2)–(4) -------------------------------------------------------------------


def anggap_disetujui(tenggat, now):
    """Ps 65(3): no DPRD decision by the end of the 45th day → the request is deemed approved and the
    case moves on to verifikasi, by the system. Ps 65(4): the TKKSD and the Wali Kota are told that
    the request to the Menteri can now be sent."""
    from kerjasama.services import transisi_sistem

    kasus = _kasus(tenggat)
    if kasus.tahap != "persetujuan_dprd":
        return StatusTenggat.DISELESAIKAN_SISTEM, f"Tidak ada tindakan: kasus sudah pada tahap {kasus.tahap}."
    if kasus.keputusan_dprd:
        return StatusTenggat.TERPENUHI, f"DPRD telah memutuskan ({kasus.get_keputusan_dprd_display()})."
    if kasus.tanggal_diterima_dprd is None or kalender.akhir_hari(kasus.tanggal_diterima_dprd) > tenggat.jatuh_tempo:
        return StatusTenggat.DISELESAIKAN_SISTEM, "Tidak ada tindakan: penerimaan DPRD tidak sesuai tenggat ini."
    hari_ke_45 = kalender.tanggal_lokal(tenggat.jatuh_tempo)
    alasan = (
        f"Dianggap disetujui DPRD: {DPRD_HARI} hari sejak surat permohonan diterima Sekretariat DPRD "
        f"({kasus.tanggal_diterima_dprd:%d-%m-%Y}) berakhir {hari_ke_45:%d-%m-%Y} tanpa pernyataan persetujuan "
        f"atau penolakan (Perwal 57/2023 Pasal 65 ayat (3)). Dicatat oleh sistem."
    )
    transisi_sistem(kasus=kasus, nama="anggap_disetujui_dprd", alasan=alasan,
                    data={"jatuh_tempo": tenggat.jatuh_tempo})
    _beri_tahu(
        kasus, (Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD, PELAKU_PENANDATANGAN),
        f"Dianggap disetujui DPRD: {kasus.nomor} — surat permohonan kepada Menteri dapat dikirim",
        f"{kasus.judul}\nPermohonan persetujuan DPRD dianggap disetujui sejak berakhirnya {hari_ke_45:%d-%m-%Y} "
        "(Pasal 65 ayat (3)). Wali Kota melanjutkan proses Rencana Kerja Sama dengan menyampaikan surat permohonan "
        "kepada Menteri (Pasal 65 ayat (4)).",
    )
    return StatusTenggat.DISELESAIKAN_SISTEM, alasan


DPRD_45 = daftar_aturan(AturanTenggat(
    kode="dprd_45_hari",
    judul="Keputusan DPRD atas rencana KSDPL/KSDLL (45 hari)",
    aksi_per_pelaku=((Peran.DPRD, "Putuskan permohonan persetujuan"),
                     (Peran.SEKRETARIAT_TKKSD, "Pantau keputusan DPRD atas permohonan persetujuan")),
    akibat="dianggap disetujui",
    dasar_hukum="Perwal 57/2023 Pasal 65 ayat (2)–(4)",
    hari=DPRD_HARI,
    peringatan_hari=(7, 0),
    saat_jatuh_tempo_fn=anggap_disetujui,
    pelaku=(Peran.DPRD, Peran.SEKRETARIAT_TKKSD),
))


def penerimaan_belum_dicatat(tenggat, now):
    """Ps 65(2): the 45 days run from the receipt by the Sekretariat DPRD; a request with no recorded
    receipt after DPRD_PENERIMAAN_HARI days is flagged to the Sekretariat TKKSD, who may record the date
    from the Setwan's tanda terima (`catat_penerimaan_dprd`)."""
    kasus = _kasus(tenggat)
    if kasus.tahap != "persetujuan_dprd" or kasus.tanggal_diterima_dprd is not None:
        return StatusTenggat.DISELESAIKAN_SISTEM, "Tidak ada tindakan: penerimaan DPRD sudah dicatat atau tahap berpindah."
    pesan = (f"Surat permohonan persetujuan DPRD bertanggal {kasus.tanggal_permohonan_dprd:%d-%m-%Y} belum dicatat "
             f"tanggal diterimanya setelah {DPRD_PENERIMAAN_HARI} hari; jangka 45 hari (Pasal 65 ayat (2)) belum "
             "berjalan. Catat tanggal diterima dari tanda terima Sekretariat DPRD (Setwan).")
    _beri_tahu(kasus, (Peran.SEKRETARIAT_TKKSD,), f"Penerimaan DPRD belum dicatat: {kasus.nomor}", f"{kasus.judul}\n{pesan}")
    return StatusTenggat.LEWAT, pesan


DPRD_PENERIMAAN = daftar_aturan(AturanTenggat(
    kode="dprd_penerimaan_belum_dicatat",
    judul="Tanggal diterima Sekretariat DPRD belum dicatat",
    aksi="Catat tanggal diterima Sekretariat DPRD",
    dasar_hukum="Perwal 57/2023 Pasal 65 ayat (2)",
    hari=DPRD_PENERIMAAN_HARI,
    cara_hitung="kalender",
    peringatan_hari=(),
    saat_jatuh_tempo_fn=penerimaan_belum_dicatat,
    pelaku=(Peran.SEKRETARIAT_TKKSD,),
))


# --- gubernur_5_hari_*: Ps 66(3), 68(3) ---------------------------------------------------------


def _gubernur_tidak_meneruskan(tahap: str, langkah: str, pasal: str):
    def fn(tenggat, now):
        from .services import surat_langsung_menteri_hasilkan

        kasus = _kasus(tenggat)
        if kasus.tahap != tahap or kasus.tanggal_diteruskan_gubernur:
            return StatusTenggat.DISELESAIKAN_SISTEM, f"Tidak ada tindakan: kasus sudah pada tahap {kasus.tahap}."
        # The letter is prepared now, so that the Wali Kota can sign and send it (spec README).
        surat_langsung_menteri_hasilkan(kasus=kasus, by=None)
        # The recorded lapse opens the direct route (gubernur_5_days_passed), whatever the wall clock says.
        type(kasus).objects.filter(pk=kasus.pk).update(gubernur_lewat_dicatat_pada=tenggat.jatuh_tempo)
        catatan = (f"Gubernur tidak meneruskan dalam {GUBERNUR_HARI} hari sejak dikirim "
                   f"({kasus.tanggal_dikirim_gubernur:%d-%m-%Y}); Wali Kota dapat menyampaikan langsung kepada "
                   f"Menteri ({pasal}). Surat telah disiapkan.")
        _beri_tahu(kasus, (Peran.SEKRETARIAT_TKKSD, PELAKU_PENANDATANGAN),
                   f"Kirim langsung ke Menteri kini tersedia: {kasus.nomor}", f"{kasus.judul}\n{catatan}")
        return StatusTenggat.LEWAT, catatan

    fn.__name__ = f"gubernur_tidak_meneruskan_{langkah}"
    return fn


GUBERNUR_VERIFIKASI = daftar_aturan(AturanTenggat(
    kode="gubernur_5_hari_verifikasi",
    judul="Gubernur meneruskan dokumen verifikasi kepada Menteri (5 hari)",
    aksi="Pantau penerusan dokumen verifikasi oleh Gubernur", akibat="dapat dikirim langsung ke Menteri",
    dasar_hukum="Perwal 57/2023 Pasal 66 ayat (2)–(3)",
    hari=GUBERNUR_HARI,
    peringatan_hari=(0,),
    saat_jatuh_tempo_fn=_gubernur_tidak_meneruskan("menunggu_gubernur_verifikasi", "verifikasi", "Pasal 66 ayat (3)"),
))
GUBERNUR_NASKAH = daftar_aturan(AturanTenggat(
    kode="gubernur_5_hari_naskah",
    judul="Gubernur meneruskan rancangan Naskah kepada Menteri (5 hari)",
    aksi="Pantau penerusan rancangan Naskah oleh Gubernur", akibat="dapat dikirim langsung ke Menteri",
    dasar_hukum="Perwal 57/2023 Pasal 68 ayat (2)–(3)",
    hari=GUBERNUR_HARI,
    peringatan_hari=(0,),
    saat_jatuh_tempo_fn=_gubernur_tidak_meneruskan("menunggu_gubernur_naskah", "naskah", "Pasal 68 ayat (3)"),
))


# --- loi_masa_berlaku: Ps 62(3) ------------------------------------------------------------------


def loi_berakhir(tenggat, now):
    """The LoI lapsed: those concerned are warned. Ps 62(3) caps its validity only; the next steps stop only
    if the partner also withdraws (ksdln.models.loi_holds)."""
    kasus = _kasus(tenggat)
    if kasus.berlaku_sampai and kalender.akhir_hari(kasus.berlaku_sampai) > now:
        return StatusTenggat.DISELESAIKAN_SISTEM, f"LoI baru berlaku sampai {kasus.berlaku_sampai:%d-%m-%Y}."
    if kasus.tahap not in TAHAP_BERGANTUNG_LOI:
        return StatusTenggat.DISELESAIKAN_SISTEM, f"LoI tidak lagi diperlukan pada tahap {kasus.tahap}."
    catatan = (f"Masa berlaku LoI berakhir {kasus.berlaku_sampai:%d-%m-%Y} (Pasal 62 ayat (3)); proses dapat berlanjut, "
               "tandatangani LoI baru bila para pihak menghendaki (langkah berikutnya tertahan hanya bila mitra "
               "mengundurkan diri).")
    _beri_tahu(kasus, (Peran.SEKRETARIAT_TKKSD, PELAKU_PD, PELAKU_PENANDATANGAN),
               f"Masa berlaku LoI berakhir: {kasus.nomor}", f"{kasus.judul}\n{catatan}")
    return StatusTenggat.LEWAT, catatan


LOI_MASA_BERLAKU = daftar_aturan(AturanTenggat(
    kode="loi_masa_berlaku",
    judul="Masa berlaku Pernyataan Kehendak Kerja Sama (LoI)",
    aksi="Lanjutkan proses atau tandatangani LoI baru", akibat="LoI berakhir",
    dasar_hukum="Perwal 57/2023 Pasal 62 ayat (3)",
    tahun=1,
    peringatan_hari=(LOI_PERINGATAN_HARI, 30, 7),
    saat_jatuh_tempo_fn=loi_berakhir,
    pelaku=(Peran.SEKRETARIAT_TKKSD, PELAKU_PD),
))


# --- batas_permohonan_perpanjangan: Ps 78(3) -------------------------------------------------------


def perpanjangan_terlambat(tenggat, now):
    kasus = _kasus(tenggat)
    if kasus.tahap != "pelaksanaan":
        return StatusTenggat.DISELESAIKAN_SISTEM, f"Kerja sama tidak lagi dalam pelaksanaan (tahap {kasus.tahap})."
    if kasus.permohonan_perpanjangan.filter(tanggal_berakhir_lama=kasus.tanggal_berakhir).exists():
        return StatusTenggat.TERPENUHI, "Permohonan perpanjangan telah dicatat."
    status, _ = tandai_lewat(tenggat, now, aturan=BATAS_PERPANJANGAN)
    return status, (f"Permohonan perpanjangan belum disampaikan kepada Menteri paling lama 6 bulan sebelum berakhir "
                    f"({kasus.tanggal_berakhir:%d-%m-%Y}) (Pasal 78 ayat (3)): terlambat.")


BATAS_PERPANJANGAN = daftar_aturan(AturanTenggat(
    kode="batas_permohonan_perpanjangan",
    judul="Batas permohonan perpanjangan KSDPL/KSDLL kepada Menteri (6 bulan sebelum berakhir)",
    aksi="Ajukan permohonan perpanjangan kepada Menteri",
    dasar_hukum="Perwal 57/2023 Pasal 78 ayat (3)",
    bulan=PERPANJANGAN_BULAN_SEBELUM_AKHIR,
    peringatan_hari=(PERPANJANGAN_PERINGATAN_HARI, 7, 0),
    saat_jatuh_tempo_fn=perpanjangan_terlambat,
    pelaku=(Peran.SEKRETARIAT_TKKSD, PELAKU_PD),
))


# --- laporan_tahunan_ksdln: Ps 80(2) --------------------------------------------------------------


def laporan_terlambat(tenggat, now):
    """The report of the year was not sent by 7 January: flagged late. The obligation recurs each year,
    so the next year's report is opened while the cooperation is still running."""
    from .models import LaporanTahunanKsdln
    from .services import laporan_tahunan_mulai

    kasus = _kasus(tenggat)
    laporan = LaporanTahunanKsdln.objects.filter(pk=tenggat.objek_id).first()
    if kasus.tahap == "pelaksanaan" and laporan is not None:
        laporan_tahunan_mulai(kasus=kasus, tahun=laporan.tahun + 1)
    if laporan is not None and laporan.status == StatusLaporan.DIKIRIM:
        return StatusTenggat.TERPENUHI, f"Laporan dikirim {laporan.tanggal_dikirim:%d-%m-%Y}."
    status, _ = tandai_lewat(tenggat, now, aturan=LAPORAN_TAHUNAN)
    tahun = laporan.tahun if laporan else "?"
    return status, f"Laporan tahunan {tahun} belum disampaikan kepada Gubernur sampai batasnya (Pasal 80 ayat (2))."


LAPORAN_TAHUNAN = daftar_aturan(AturanTenggat(
    kode="laporan_tahunan_ksdln",
    judul="Laporan tahunan KSDPL/KSDLL kepada Gubernur",
    aksi="Sampaikan laporan tahunan kepada Gubernur",
    dasar_hukum="Perwal 57/2023 Pasal 80 ayat (2)",
    tahun=1,
    peringatan_hari=(30, 7, 0),
    saat_jatuh_tempo_fn=laporan_terlambat,
    pelaku=(Peran.SEKRETARIAT_TKKSD, PELAKU_PD),
))
