"""The supervision deadline rules (interfaces.md rule codes `pemantauan`, `evaluasi`, `laporan_mitra`).

Cycle (Perwal 57/2023 Ps 85(3), 85(5)), six calendar months each (31 August + 6 months = the last
day of February, `kerjasama.kalender`):

    signing ──6m──▶ pemantauan ──6m after it was actually carried out──▶ evaluasi
            ──6m after the evaluation was carried out──▶ pemantauan ──▶ …

Partner reports (Ps 87(1)): due 6 months after signing and every 6 months after, on a fixed
schedule anchored on the signing date (semester k ends at signing + 6k months). We anchor on the
signing date rather than on the last report's submission because the obligation is periodic
("setiap 6 (enam) bulan"): a late report must not push the next one back, and month ends must not
drift (31 August → 28 February → 31 August, not → 28 August).

What happens when each falls due is in `services` (`siklus_jatuh_tempo`, `laporan_mitra_jatuh_tempo`).
"""

from __future__ import annotations

import dataclasses

from django.utils import timezone
from django.utils.translation import gettext_noop

from kerjasama import kalender
from kerjasama.constants import Peran
from kerjasama.deadlines import AturanTenggat, daftar_aturan, daftar_terjawab

from .constants import ATURAN_EVALUASI, ATURAN_LAPORAN_MITRA, ATURAN_PEMANTAUAN, PERIODE_BULAN


def _siklus_jatuh_tempo(tenggat, now):
    from .services import siklus_jatuh_tempo

    return siklus_jatuh_tempo(tenggat=tenggat, now=now)


def _laporan_mitra_jatuh_tempo(tenggat, now):
    from .services import laporan_mitra_jatuh_tempo

    return laporan_mitra_jatuh_tempo(tenggat=tenggat, now=now)


@dataclasses.dataclass(frozen=True)
class AturanPengawasan(AturanTenggat):
    """A supervision rule: reminders go to the cooperation's Tim Pengawasan (and, for partner
    reports, to the partner), each with a link to the page where they act."""

    untuk_mitra: bool = False

    def kirim_peringatan(self, tenggat, now) -> None:
        from kerjasama.services import notifikasi_kirim, pengguna_untuk_pelaku

        from .selectors import pengguna_tim

        if not tenggat.kerjasama_id:
            return
        ks = tenggat.kerjasama
        sisa = (kalender.tanggal_lokal(tenggat.jatuh_tempo) - kalender.tanggal_lokal(now)).days
        kapan = "hari ini" if sisa <= 0 else f"{sisa} hari lagi"
        pesan = (f"{ks.nomor} — {ks.judul}\nJatuh tempo {timezone.localtime(tenggat.jatuh_tempo):%d-%m-%Y %H:%M} WIB "
                 f"({tenggat.dasar_hukum}).")
        if self.untuk_mitra:
            # The partner is told in its own interface language (issue 14; kerjasama.terjemahan).
            from kerjasama import terjemahan

            judul = (terjemahan.pesan(gettext_noop("Laporan kerja sama jatuh tempo hari ini: %(judul)s"),
                                      judul=tenggat.judul) if sisa <= 0 else
                     terjemahan.pesan(gettext_noop("Laporan kerja sama jatuh tempo %(sisa)s hari lagi: %(judul)s"),
                                      sisa=sisa, judul=tenggat.judul))
            pesan_mitra = terjemahan.pesan(
                gettext_noop("%(kasus)s\nJatuh tempo %(waktu)s WIB (%(dasar)s)."), kasus=f"{ks.nomor} — {ks.judul}",
                waktu=f"{timezone.localtime(tenggat.jatuh_tempo):%d-%m-%Y %H:%M}", dasar=tenggat.dasar_hukum)
            notifikasi_kirim(penerima=pengguna_untuk_pelaku(ks, ("mitra",)), kerjasama=ks, judul=judul,
                             pesan=pesan_mitra, tautan="/pengawasan/laporan-saya/")
            return
        penerima = set(pengguna_tim(ks)) | set(pengguna_untuk_pelaku(ks, self.pelaku))
        notifikasi_kirim(penerima=penerima, kerjasama=ks, judul=f"Tenggat {kapan}: {tenggat.judul}", pesan=pesan,
                         tautan=f"/pengawasan/kerjasama/{ks.pk}/")


PEMANTAUAN = daftar_aturan(AturanPengawasan(
    kode=ATURAN_PEMANTAUAN,
    judul="Pemantauan pelaksanaan kerja sama",
    aksi="Lakukan pemantauan pelaksanaan kerja sama",
    dasar_hukum="Perwal 57/2023 Pasal 85 ayat (3)",
    bulan=PERIODE_BULAN,
    peringatan_hari=(30, 7, 0),
    saat_jatuh_tempo_fn=_siklus_jatuh_tempo,
    pelaku=(Peran.SEKRETARIAT_TKKSD,),
))

EVALUASI = daftar_aturan(AturanPengawasan(
    kode=ATURAN_EVALUASI,
    judul="Evaluasi pelaksanaan kerja sama",
    aksi="Lakukan evaluasi pelaksanaan kerja sama",
    dasar_hukum="Perwal 57/2023 Pasal 85 ayat (5)",
    bulan=PERIODE_BULAN,
    peringatan_hari=(30, 7, 0),
    saat_jatuh_tempo_fn=_siklus_jatuh_tempo,
    pelaku=(Peran.SEKRETARIAT_TKKSD,),
))

LAPORAN_MITRA = daftar_aturan(AturanPengawasan(
    kode=ATURAN_LAPORAN_MITRA,
    judul="Laporan mitra kerja sama",
    dasar_hukum="Perwal 57/2023 Pasal 87 ayat (1)",
    bulan=PERIODE_BULAN,
    peringatan_hari=(14, 3, 0),
    saat_jatuh_tempo_fn=_laporan_mitra_jatuh_tempo,
    pelaku=(Peran.SEKRETARIAT_TKKSD, "pd"),
    untuk_mitra=True,
))


@daftar_terjawab(ATURAN_LAPORAN_MITRA)
def _laporan_mitra_terjawab(tenggat_qs):
    """A period with a report filed (even late, its deadline stays "lewat") is no longer the partner's task."""
    from .models import LaporanMitra

    return LaporanMitra.objects.filter(tenggat__in=tenggat_qs).values("tenggat_id")
