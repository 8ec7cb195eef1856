"""Deadline rules of the mapping (spec README "Deadlines"), imported from PemetaanConfig.ready.

- `pengumpulan_data_pemetaan` (Ps 11(1)): the due date the TKKSD sets when it opens the cycle
  and asks every PD for its data; reminders go to the PDs that have not submitted yet.
- `evaluasi_pemetaan` (Ps 20(2), interfaces.md): the mapping is evaluated at least once a year,
  counted from the Keputusan Wali Kota and then from each evaluation.
"""

from __future__ import annotations

import dataclasses

from django.utils import timezone

from kerjasama import kalender
from kerjasama.constants import StatusTenggat
from kerjasama.deadlines import AturanTenggat, daftar_aturan

from .constants import ATURAN_EVALUASI, ATURAN_PENGUMPULAN_DATA, TahapRekomendasi, TahapSiklus


def _siklus_terkunci(tenggat):
    from .models import SiklusPemetaan

    if tenggat.objek_tipe_id is None or tenggat.objek_tipe.model_class() is not SiklusPemetaan:
        return None
    return SiklusPemetaan.objects.select_for_update().filter(pk=tenggat.objek_id).first()


def pd_belum_menyampaikan(siklus):
    """The active PDs with no recommendation submitted for the cycle (draft or returned counts as not)."""
    from kerjasama.models import PerangkatDaerah

    sudah = siklus.rekomendasi.filter(
        tahap__in=(TahapRekomendasi.DIAJUKAN, TahapRekomendasi.LENGKAP, TahapRekomendasi.DIBAHAS)
    ).values("perangkat_daerah_id")
    return PerangkatDaerah.objects.filter(aktif=True).exclude(pk__in=sudah).order_by("nama")


def _pengguna_pd(pd_qs):
    from kerjasama.constants import Peran
    from kerjasama.models import Pengguna

    return Pengguna.objects.filter(is_active=True, groups__name=Peran.PD, perangkat_daerah__in=pd_qs).distinct()


@dataclasses.dataclass(frozen=True)
class AturanPengumpulanData(AturanTenggat):
    """Ps 11(1): the TKKSD asks each PD for its data by a date it chooses."""

    def kirim_peringatan(self, tenggat, now) -> None:
        from kerjasama.services import notifikasi_kirim

        siklus = tenggat.objek
        if siklus is None or siklus.tahap != TahapSiklus.PENGUMPULAN_DATA:
            return
        sisa = (kalender.tanggal_lokal(tenggat.jatuh_tempo) - kalender.tanggal_lokal(now)).days
        kapan = "hari ini" if sisa <= 0 else f"{sisa} hari lagi"
        notifikasi_kirim(
            penerima=_pengguna_pd(pd_belum_menyampaikan(siklus)),
            judul=f"Batas penyampaian rekomendasi pemetaan {siklus.tahun}: {kapan}",
            pesan=(f"Rekomendasi Perangkat Daerah Anda untuk pemetaan {siklus.tahun} belum disampaikan. Batasnya "
                   f"{timezone.localtime(tenggat.jatuh_tempo):%d-%m-%Y %H:%M} WIB ({tenggat.dasar_hukum})."),
            tautan=f"/pemetaan/siklus/{siklus.pk}/",
        )


def _pengumpulan_jatuh_tempo(tenggat, now):
    """The due date passed: if the cycle still collects data, flag it and tell the PDs that have
    not submitted and the Sekretariat; if the plenary already started, nothing to do."""
    from kerjasama.services import notifikasi_kirim, pengguna_peran

    siklus = _siklus_terkunci(tenggat)
    if siklus is None:
        return StatusTenggat.DISELESAIKAN_SISTEM, "Siklus pemetaan tidak ditemukan."
    if siklus.tahap != TahapSiklus.PENGUMPULAN_DATA:
        return StatusTenggat.DISELESAIKAN_SISTEM, "Rapat pleno sudah dimulai."
    belum = list(pd_belum_menyampaikan(siklus))
    if not belum:
        return StatusTenggat.TERPENUHI, "Semua Perangkat Daerah sudah menyampaikan rekomendasi."
    notifikasi_kirim(
        penerima=_pengguna_pd(belum),
        judul=f"Batas penyampaian rekomendasi pemetaan {siklus.tahun} terlewat",
        pesan=f"Rekomendasi Perangkat Daerah Anda belum disampaikan ({tenggat.dasar_hukum}).",
        tautan=f"/pemetaan/siklus/{siklus.pk}/",
    )
    notifikasi_kirim(
        penerima=pengguna_peran("sekretariat_tkksd"),
        judul=f"Batas penyampaian rekomendasi pemetaan {siklus.tahun} terlewat: {len(belum)} PD belum menyampaikan",
        pesan=", ".join(str(pd) for pd in belum[:50]),
        tautan=f"/pemetaan/siklus/{siklus.pk}/",
    )
    return StatusTenggat.LEWAT, f"{len(belum)} Perangkat Daerah belum menyampaikan rekomendasi."


PENGUMPULAN_DATA = daftar_aturan(
    AturanPengumpulanData(
        kode=ATURAN_PENGUMPULAN_DATA,
        judul="Batas penyampaian data dan rekomendasi pemetaan oleh Perangkat Daerah",
        dasar_hukum="Perwal 57/2023 Pasal 11 ayat (1), Pasal 13 ayat (2)",
        # The period is the TKKSD's choice: the due moment is given when the clock starts.
        peringatan_hari=(7, 1, 0),
        saat_jatuh_tempo_fn=_pengumpulan_jatuh_tempo,
        pelaku=("pd",),
    )
)


@dataclasses.dataclass(frozen=True)
class AturanEvaluasiPemetaan(AturanTenggat):
    def kirim_peringatan(self, tenggat, now) -> None:
        from kerjasama.services import notifikasi_kirim, pengguna_peran

        sisa = (kalender.tanggal_lokal(tenggat.jatuh_tempo) - kalender.tanggal_lokal(now)).days
        kapan = "hari ini" if sisa <= 0 else f"{sisa} hari lagi"
        notifikasi_kirim(
            penerima=pengguna_peran(*self.pelaku),
            judul=f"Evaluasi pemetaan {kapan}: {tenggat.judul}",
            pesan=f"Jatuh tempo {timezone.localtime(tenggat.jatuh_tempo):%d-%m-%Y} ({tenggat.dasar_hukum}).",
            tautan=f"/pemetaan/siklus/{tenggat.objek_id}/",
        )


def _evaluasi_jatuh_tempo(tenggat, now):
    from kerjasama.services import notifikasi_kirim, pengguna_peran

    siklus = _siklus_terkunci(tenggat)
    if siklus is None:
        return StatusTenggat.DISELESAIKAN_SISTEM, "Siklus pemetaan tidak ditemukan."
    terakhir = siklus.evaluasi_set_terakhir()
    if terakhir and terakhir.tanggal_evaluasi >= tenggat.mulai and terakhir.dibuat_pada <= now:
        return StatusTenggat.TERPENUHI, f"Evaluasi dicatat {terakhir.tanggal_evaluasi:%d-%m-%Y}."
    notifikasi_kirim(
        penerima=pengguna_peran("sekretariat_tkksd", "ketua_tkksd"),
        judul=f"Evaluasi pemetaan {siklus.tahun} terlambat",
        pesan=f"Evaluasi pemetaan belum dicatat dalam 1 (satu) tahun ({tenggat.dasar_hukum}).",
        tautan=f"/pemetaan/siklus/{siklus.pk}/",
    )
    return StatusTenggat.LEWAT, "Evaluasi pemetaan belum dicatat dalam 1 (satu) tahun."


EVALUASI_PEMETAAN = daftar_aturan(
    AturanEvaluasiPemetaan(
        kode=ATURAN_EVALUASI,
        judul="Evaluasi pemetaan oleh TKKSD",
        dasar_hukum="Perwal 57/2023 Pasal 20 ayat (2)",
        tahun=1,
        peringatan_hari=(30, 7, 0),
        saat_jatuh_tempo_fn=_evaluasi_jatuh_tempo,
        pelaku=("sekretariat_tkksd",),
    )
)
