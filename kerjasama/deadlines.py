"""Deadline rules: each app registers its rules here (spec README, "Deadlines"; interfaces.md
rule codes). A rule is data — its period, legal basis, reminders — plus what happens when it
falls due. The core registers `masa_berlaku_perjanjian`, which every kind shares."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

from django.utils import timezone

from . import kalender
from .constants import StatusTenggat

_ATURAN: dict[str, AturanTenggat] = {}


@dataclasses.dataclass(frozen=True)
class AturanTenggat:
    kode: str
    judul: str
    dasar_hukum: str
    hari: int = 0
    bulan: int = 0
    tahun: int = 0
    # None: the SIKSD_CARA_HITUNG_HARI setting decides (only day periods can count working days).
    cara_hitung: str | None = None
    # Reminders, in days before the due day (0 = on the day itself).
    peringatan_hari: tuple[int, ...] = (30, 7, 0)
    # (tenggat, now) -> (status, note). Default: the deadline is flagged as missed.
    saat_jatuh_tempo_fn: Callable | None = None
    # Who is told: role codes / relations, as for stages (kerjasama.constants PELAKU_*).
    pelaku: tuple[str, ...] = ("sekretariat_tkksd",)
    # "Tugas saya" (kerjasama.selectors.tugas_aksi): the rule's own wording of what the person must do
    # ("Putuskan permohonan persetujuan") and of what the law makes of the due moment ("dianggap disetujui").
    # Empty: the deadline's title is the row, and a missed one says how late it is. Where the actors named in
    # `pelaku` do different things (the DPRD decides, the Sekretariat follows up), `aksi_per_pelaku` gives each
    # its own wording: ((role or relation code, wording), ...).
    aksi: str = ""
    aksi_per_pelaku: tuple[tuple[str, str], ...] = ()
    akibat: str = ""

    def aksi_untuk(self, kode_pelaku: set[str]) -> str:
        """The wording of the action for someone answering to these actor codes; "" when the rule has none."""
        for kode, teks in self.aksi_per_pelaku:
            if kode in kode_pelaku:
                return teks
        return self.aksi

    @property
    def satuan_hari(self) -> bool:
        return bool(self.hari) and not (self.bulan or self.tahun)

    def hitung_jatuh_tempo(self, mulai: datetime.date, cara: str) -> datetime.datetime:
        return kalender.jatuh_tempo(mulai, hari=self.hari, bulan=self.bulan, tahun=self.tahun, cara=cara)

    def peringatan_berikut(self, tenggat, *, setelah: datetime.datetime) -> datetime.datetime | None:
        """The next reminder moment after `setelah`: 00:00 of (due day − N days)."""
        hari_jatuh = kalender.tanggal_lokal(tenggat.jatuh_tempo)
        for n in sorted(self.peringatan_hari, reverse=True):
            saat = kalender.awal_hari(hari_jatuh - datetime.timedelta(days=n))
            if saat > setelah:
                return saat
        return None

    def kirim_peringatan(self, tenggat, now: datetime.datetime) -> None:
        from .services import notifikasi_kirim, pengguna_untuk_pelaku

        sisa = (kalender.tanggal_lokal(tenggat.jatuh_tempo) - kalender.tanggal_lokal(now)).days
        kapan = "hari ini" if sisa <= 0 else f"{sisa} hari lagi"
        penerima = pengguna_untuk_pelaku(tenggat.kerjasama, self.pelaku) if tenggat.kerjasama_id else set()
        if not tenggat.kerjasama_id:
            from .services import pengguna_peran

            penerima = set(pengguna_peran(*[p for p in self.pelaku]))
        notifikasi_kirim(
            penerima=penerima, kerjasama=tenggat.kerjasama,
            judul=f"Tenggat {kapan}: {tenggat.judul}",
            pesan=f"Jatuh tempo {timezone.localtime(tenggat.jatuh_tempo):%d-%m-%Y %H:%M} WIB ({tenggat.dasar_hukum}).",
            tautan=f"/kerjasama/{tenggat.kerjasama_id}/" if tenggat.kerjasama_id else "",
            jenis="tindakan", kunci=f"tenggat:{tenggat.pk}",
        )

    def saat_jatuh_tempo(self, tenggat, now: datetime.datetime) -> tuple[str, str]:
        if self.saat_jatuh_tempo_fn is not None:
            return self.saat_jatuh_tempo_fn(tenggat, now)
        return tandai_lewat(tenggat, now, aturan=self)


def tandai_lewat(tenggat, now, *, aturan: AturanTenggat | None = None) -> tuple[str, str]:
    """The default action: flag the deadline as missed and tell those responsible."""
    from .services import notifikasi_kirim, pengguna_untuk_pelaku

    aturan = aturan or aturan_tenggat(tenggat.aturan)
    if tenggat.kerjasama_id:
        notifikasi_kirim(
            penerima=pengguna_untuk_pelaku(tenggat.kerjasama, aturan.pelaku), kerjasama=tenggat.kerjasama,
            judul=f"Tenggat terlewat: {tenggat.judul}", pesan=tenggat.dasar_hukum,
            tautan=f"/kerjasama/{tenggat.kerjasama_id}/",
        )
    return StatusTenggat.LEWAT, "Tenggat terlewat tanpa tindakan yang dicatat."


# rule code → fn(Tenggat queryset) → the ids of those deadlines already answered although still open or missed
# (a late partner report answers a missed period without closing it): "Tugas saya" leaves them out.
_TERJAWAB: dict[str, Callable] = {}


def daftar_terjawab(kode: str):
    """Register how an app tells that a deadline of its rule has been answered (core knows no app models)."""
    def decorator(fn):
        _TERJAWAB[kode] = fn
        return fn
    return decorator


def tenggat_terjawab(kode: str):
    return _TERJAWAB.get(kode)


def daftar_aturan(aturan: AturanTenggat) -> AturanTenggat:
    _ATURAN[aturan.kode] = aturan
    return aturan


def aturan_tenggat(kode: str) -> AturanTenggat:
    try:
        return _ATURAN[kode]
    except KeyError:
        raise LookupError(f"Aturan tenggat tidak dikenal: {kode}") from None


def semua_aturan() -> dict[str, AturanTenggat]:
    return dict(_ATURAN)


def _akhiri_masa_berlaku(tenggat, now):
    """Ps 26(1), 42(1), 78(1): at the end of its term the cooperation ends unless it was extended.
    Re-checks the case: if it already ended or a later term replaced this one, nothing to do."""
    from .services import kasus_kunci, transisi_cari, transisi_sistem

    if not tenggat.kerjasama_id:
        return StatusTenggat.LEWAT, "Tanpa kerja sama."
    kasus = kasus_kunci(tenggat.kerjasama)
    akhir = kasus.tanggal_berakhir
    if akhir and kalender.akhir_hari(akhir) > now:
        return StatusTenggat.DISELESAIKAN_SISTEM, f"Masa berlaku telah diperpanjang sampai {akhir:%d-%m-%Y}."
    if transisi_cari(kasus, "berakhir_masa_berlaku") is None:
        return StatusTenggat.DISELESAIKAN_SISTEM, f"Kerja sama tidak lagi dalam pelaksanaan (tahap {kasus.tahap})."
    transisi_sistem(kasus=kasus, nama="berakhir_masa_berlaku",
                    alasan=f"Masa berlaku berakhir {akhir:%d-%m-%Y} tanpa perpanjangan.")
    return StatusTenggat.DISELESAIKAN_SISTEM, f"Kerja sama berakhir karena masa berlakunya habis ({akhir:%d-%m-%Y})."


MASA_BERLAKU_PERJANJIAN = daftar_aturan(
    AturanTenggat(
        kode="masa_berlaku_perjanjian",
        judul="Berakhirnya masa berlaku perjanjian",
        dasar_hukum="Perwal 57/2023 Pasal 26 ayat (1), Pasal 42 ayat (1), Pasal 78 ayat (1)",
        aksi="Putuskan perpanjangan atau pengakhiran perjanjian",
        akibat="berakhir",
        peringatan_hari=(180, 90, 30, 0),
        saat_jatuh_tempo_fn=_akhiri_masa_berlaku,
        pelaku=("sekretariat_tkksd", "pd"),
    )
)
