"""Every read of the dashboards, reports, calendar and public page. Each starts from the core's
permission selector (`kerjasama_terlihat`, `tenggat_list`): a PD sees only its own numbers."""

from __future__ import annotations

import calendar
import dataclasses
import datetime
from collections import Counter, defaultdict

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from dateutil.relativedelta import relativedelta

from kerjasama import alur, kalender
from kerjasama.constants import PELAKU_PENANDATANGAN, Jenis, StatusTenggat
from kerjasama.models import Dokumen, KerjaSama, PersiapanPenandatanganan, RiwayatAudit, Tenggat, VersiDokumen
from kerjasama.permissions import (
    adalah_penandatangan,
    kerjasama_terlihat,
    versi_terlihat,
)
from kerjasama.registri_dasbor import aksi_riwayat_tambahan, sumber_persetujuan, tenggat_terpenuhi
from kerjasama.selectors import (  # noqa: F401  (kasus_menunggu_penandatangan: the approval dashboard's list)
    _langkah_model,
    _q_langkah_penandatangan,
    _q_tugas,
    kasus_konkret,
    kasus_menunggu_penandatangan,
    langkah_penandatangan,
    nama_langkah_penandatangan,
    tenggat_list,
)

PENANDATANGAN = (PELAKU_PENANDATANGAN,)
TAHAP_PELAKSANAAN = "pelaksanaan"
BATAS_BERAKHIR = (30, 90, 180)  # days: the cockpit's "agreements expiring" buckets


# ---------------------------------------------------------------------------------------------
# The machines: which steps are the signatory's, which stages are final
# ---------------------------------------------------------------------------------------------


def q_tahap_akhir() -> Q:
    kondisi = Q(pk__in=[])
    for label, tahapan in alur.semua_tahapan().items():
        akhir = [t.kode for t in tahapan if t.akhir]
        if akhir:
            kondisi |= Q(kelas=label, tahap__in=akhir)
    return kondisi


# ---------------------------------------------------------------------------------------------
# The approval dashboard (spec README "What users see": the Wali Kota's approval dashboard)
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass
class ItemPersetujuan:
    kunci: str
    judul: str
    subjudul: str
    dasar_hukum: str
    jatuh_tempo: datetime.datetime | None
    sejak: datetime.datetime | None
    tautan: str
    dokumen_versi: VersiDokumen | None = None
    aksi: list[dict] = dataclasses.field(default_factory=list)
    kasus: KerjaSama | None = None
    langkah: list = dataclasses.field(default_factory=list)  # the case's transitions for this user

    @property
    def pratinjau_pdf(self) -> bool:
        return bool(self.dokumen_versi and self.dokumen_versi.tipe_konten == "application/pdf")


def _jenis_dokumen(langkah: list) -> list[str]:
    jenis: list[str] = []
    for t in langkah:
        for isian in t.custom.get("isian", ()):
            if isian.tipe == "dokumen":
                jenis.extend(isian.jenis_dokumen)
    return jenis


def dokumen_untuk_dibaca(langkah_per_kasus: dict[int, list], *, user) -> dict[int, VersiDokumen | None]:
    """For each case (pk → the signatory's steps), the document the signatory reads: the latest of the types
    the step asks for (the agreed draft PKS for "Catat penandatanganan PKS"), else the case's latest PDF.
    One query for the whole dashboard."""
    jenis_per_kasus = {pk: set(_jenis_dokumen(langkah)) for pk, langkah in langkah_per_kasus.items()}
    semua_jenis = set().union(*jenis_per_kasus.values()) if jenis_per_kasus else set()
    pilihan: dict[int, VersiDokumen] = {}
    pdf: dict[int, VersiDokumen] = {}
    # Only what the viewer may see (classification: permissions.versi_terlihat, the one document rule).
    versi = (versi_terlihat(user, VersiDokumen.objects.filter(dokumen__kerjasama_id__in=list(langkah_per_kasus)))
             .filter(Q(dokumen__jenis__in=semua_jenis) | Q(tipe_konten="application/pdf"))
             .select_related("dokumen").order_by("-diunggah_pada", "-id"))
    for v in versi:
        pk = v.dokumen.kerjasama_id
        if v.dokumen.jenis in jenis_per_kasus[pk]:
            pilihan.setdefault(pk, v)
        if v.tipe_konten == "application/pdf":
            pdf.setdefault(pk, v)
    return {pk: pilihan.get(pk) or pdf.get(pk) for pk in langkah_per_kasus}


def _nilai_awal_bawaan(kasus, isian: alur.Isian, hari_ini: datetime.date):
    """A sensible default for one field of a signing step, from the case's own data."""
    if isian.tipe == "dokumen":
        qs = Dokumen.objects.filter(kerjasama_id=kasus.pk)
        if isian.jenis_dokumen:
            qs = qs.filter(jenis__in=isian.jenis_dokumen)
        dok = qs.order_by("-id").first()
        return str(dok.pk) if dok else None
    if isian.tipe == "pilihan":
        pilihan = isian.daftar_pilihan()
        return pilihan[0][0] if len(pilihan) == 1 else None
    sekarang = getattr(kasus, isian.nama, None)
    if isian.tipe == "tanggal":
        if isinstance(sekarang, datetime.date):
            return sekarang.isoformat()
        if isian.peristiwa or isian.nama == "tanggal_mulai":
            return hari_ini.isoformat()  # the signing happens today
        if isian.nama == "tanggal_berakhir":
            # The PKS carries out the KB (Ps 28): by default it runs as long as the KB.
            kb = getattr(kasus, "kb_tanggal_berakhir", None)
            return kb.isoformat() if kb and kb > hari_ini else None
        return None
    if isian.nama == "penandatangan_mitra" and kasus.mitra_id:
        m = kasus.mitra
        bagian = [x for x in (m.nama_pimpinan, m.jabatan_pimpinan) if x]
        if len(bagian) == 2 and bagian[0] == bagian[1]:
            bagian = bagian[:1]
        return ", ".join(bagian) or None
    if isian.tipe in ("teks", "angka", "uang") and isinstance(sekarang, (str, int)) and sekarang not in ("", None):
        return str(sekarang)
    return None


def isian_awal(kasus, t, *, hari_ini: datetime.date | None = None) -> dict:
    """What the signing form shows filled in: the Sekretariat's prepared folder first, then the
    case's own data (see `_nilai_awal_bawaan`)."""
    hari_ini = hari_ini or timezone.localdate()
    persiapan = PersiapanPenandatanganan.objects.filter(kerjasama_id=kasus.pk, langkah=t.name).first()
    data = {k: v for k, v in (persiapan.data if persiapan else {}).items() if v not in ("", None)}
    for isian in t.custom.get("isian", ()):
        if isian.nama in data or isian.tipe == "daftar":
            continue
        nilai = _nilai_awal_bawaan(kasus, isian, hari_ini)
        if nilai is not None:
            data[isian.nama] = nilai
    return data


def _item_kasus(kasus, langkah: list, jatuh_tempo, dokumen_versi: VersiDokumen | None) -> ItemPersetujuan:
    info = alur.info_tahap(kasus._meta.label_lower, kasus.tahap)
    # The stage's Pasal when the stage is the signatory's (e.g. Ps 29 penandatanganan PKS); otherwise the
    # Pasal of the steps he takes from it (e.g. Ps 34 amendment during pelaksanaan).
    if PELAKU_PENANDATANGAN in info.pelaku and info.pasal:
        pasal = info.pasal
    else:
        pasal = ", ".join(dict.fromkeys(t.custom.get("pasal", "") for t in langkah if t.custom.get("pasal")))
    return ItemPersetujuan(
        kunci=f"ks-{kasus.pk}",
        judul=kasus.judul,
        subjudul=f"{kasus.nomor} · {kasus.jenis} · {info.label}",
        dasar_hukum=f"Perwal 57/2023 {pasal}" if pasal else "",
        jatuh_tempo=jatuh_tempo,
        sejak=kasus.tahap_sejak,
        tautan=f"/kerjasama/{kasus.pk}/",
        dokumen_versi=dokumen_versi,
        aksi=[{"label": str(t.custom.get("label", t.name)), "gaya": t.custom.get("gaya", "primary"), "nama": t.name,
               "pasal": t.custom.get("pasal", "")} for t in langkah],
        kasus=kasus,
        langkah=langkah,
    )


def persetujuan_list(*, user) -> list[ItemPersetujuan]:
    """Everything awaiting `user`'s signature or decision, across all apps, oldest deadline first
    (then the longest waiting). Only what the user may see and may take now."""
    from kerjasama.services import transisi_tersedia

    hasil: list[ItemPersetujuan] = []
    baris = list(kasus_menunggu_penandatangan(user=user))
    konkret = kasus_konkret(baris)
    terpilih = []
    for row in baris:
        kasus = konkret.get(row.pk)
        if kasus is None or not adalah_penandatangan(user, kasus):
            continue
        langkah = [t for t in transisi_tersedia(kasus, user) if langkah_penandatangan(t)]
        if langkah:
            terpilih.append((row, kasus, langkah))
    dokumen = dokumen_untuk_dibaca({kasus.pk: langkah for _, kasus, langkah in terpilih}, user=user)
    for row, kasus, langkah in terpilih:
        hasil.append(_item_kasus(kasus, langkah, row.tenggat_terdekat, dokumen[kasus.pk]))
    for sumber in sumber_persetujuan():
        for item in sumber(user):
            hasil.append(ItemPersetujuan(**{k: item.get(k) for k in (
                "kunci", "judul", "subjudul", "dasar_hukum", "jatuh_tempo", "sejak", "tautan", "dokumen_versi")},
                aksi=list(item.get("aksi", []))))
    jauh = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    hasil.sort(key=lambda i: (i.jatuh_tempo or jauh, i.sejak or jauh, i.kunci))
    return hasil


def _q_tahap_penandatangan() -> Q:
    kondisi = Q(pk__in=[])
    for label, tahapan in alur.semua_tahapan().items():
        kode = [t.kode for t in tahapan if PELAKU_PENANDATANGAN in t.pelaku and not t.akhir]
        if kode:
            kondisi |= Q(kelas=label, tahap__in=kode)
    return kondisi


def menunggu_penandatanganan(*, user) -> list[dict]:
    """For the Sekretariat: cases at a signing stage, each signing step it may prepare the folder for,
    and whether the folder is ready."""
    rows = list(kerjasama_terlihat(user).filter(_q_tahap_penandatangan())
                .select_related("perangkat_daerah", "mitra").order_by("tahap_sejak", "id"))
    konkret = kasus_konkret(rows)
    from tte.models import BerkasTandaTangan
    from tte.services import isian_naskah

    ids = [r.pk for r in rows]
    siap = set(PersiapanPenandatanganan.objects.filter(kerjasama_id__in=ids).values_list("kerjasama_id", "langkah"))
    # A step that signs a document is prepared only with its document part (a FINAL version), not sent back.
    berkas = {(b.persiapan.kerjasama_id, b.persiapan.langkah): b.status for b in
              BerkasTandaTangan.objects.filter(persiapan__kerjasama_id__in=ids).select_related("persiapan")}
    hasil = []
    for row in rows:
        kasus = konkret[row.pk]
        langkah = [t for t in kasus.get_available_tahap_transitions() if langkah_penandatangan(t)]
        hasil.append({"kasus": kasus, "tahap": label_tahap(kasus), "langkah": [
            {"t": t, "dikembalikan": berkas.get((kasus.pk, t.name)) == BerkasTandaTangan.Status.DIKEMBALIKAN,
             "disiapkan": (berkas.get((kasus.pk, t.name)) in (BerkasTandaTangan.Status.SIAP,
                                                               BerkasTandaTangan.Status.PINDAIAN))
             if isian_naskah(t) is not None else (kasus.pk, t.name) in siap}
            for t in langkah]})
    return hasil


def publikasi_list(*, user) -> QuerySet[KerjaSama]:
    """Cooperations in pelaksanaan with what the public page shows of each (no row: shown, value hidden)."""
    return (kerjasama_terlihat(user).filter(tahap=TAHAP_PELAKSANAAN).select_related("perangkat_daerah", "mitra")
            .annotate(tampil_publik=Coalesce("publikasi__tampil", Value(True)),
                      nilai_dipublikasikan=Coalesce("publikasi__nilai_publik", Value(False)),
                      catatan_publikasi=Coalesce("publikasi__catatan", Value("")))
            .order_by("judul", "pk"))


def riwayat_penandatanganan(*, user) -> QuerySet[RiwayatAudit]:
    """What this user signed or decided, from the audit trail (newest first), only on what he still sees."""
    aksi = nama_langkah_penandatangan() | aksi_riwayat_tambahan()
    terlihat = kerjasama_terlihat(user).values("pk")
    return (
        RiwayatAudit.objects.filter(oleh=user, aksi__in=aksi)
        .filter(Q(kerjasama__isnull=True) | Q(kerjasama__in=terlihat))
        .select_related("kerjasama")
        .order_by("-pada", "-id")
    )


# ---------------------------------------------------------------------------------------------
# The TKKSD cockpit
# ---------------------------------------------------------------------------------------------


def _label_tahap(kelas: str, kode: str) -> alur.Tahap:
    return alur.info_tahap(kelas, kode)


def _urutan_tahap(kelas: str, kode: str) -> int:
    for i, t in enumerate(alur.tahapan(kelas)):
        if t.kode == kode:
            return i
    return 999


# The counts are grouped in SQL: the cockpit of the Sekretariat sees every cooperation of the city (10,000 at
# city scale), and fetching one row per case to count in Python cost more than the rest of the page.


def _hitung(qs, *kolom, **anotasi):
    return qs.order_by().annotate(**anotasi).values(*kolom).annotate(n=Count("id")).values_list(*kolom, "n")


def jumlah_per_jenis(qs) -> list[dict]:
    hitung = dict(_hitung(qs, "jenis"))
    return [{"jenis": kode, "label": label, "n": hitung.get(kode, 0)} for kode, label in Jenis.choices]


def jumlah_per_tahap(qs) -> list[dict]:
    """Counts per kind and stage, in each machine's own order, with the stage's Pasal."""
    baris = []
    for jenis, kelas, kode, n in _hitung(qs, "jenis", "kelas", "tahap"):
        info = _label_tahap(kelas, kode)
        baris.append({"jenis": jenis, "kelas": kelas, "tahap": kode, "label": info.label, "pasal": info.pasal,
                      "akhir": info.akhir, "n": n, "_urut": (list(Jenis.values).index(jenis) if jenis in Jenis.values
                                                             else 9, kelas, _urutan_tahap(kelas, kode))})
    baris.sort(key=lambda b: b["_urut"])
    return baris


def jumlah_per_tahun(qs) -> list[tuple[int, int]]:
    """Per year of signing (or, not yet signed, of recording, in WIB)."""
    tahun = Coalesce(ExtractYear("tanggal_penandatanganan"), ExtractYear("dibuat_pada"))
    return sorted((t, n) for t, n in _hitung(qs, "tahun_hitung", tahun_hitung=tahun))


def jumlah_per_pd(qs) -> list[tuple[str, int]]:
    hitung: Counter = Counter()
    for singkatan, nama, n in _hitung(qs, "perangkat_daerah__singkatan", "perangkat_daerah__nama"):
        hitung[singkatan or nama or "(belum ada PD)"] += n
    return sorted(hitung.items(), key=lambda x: (-x[1], x[0]))


def berakhir_dalam(*, user, hari: int, hari_ini: datetime.date | None = None) -> QuerySet[KerjaSama]:
    """Agreements in pelaksanaan whose term ends within `hari` days (Ps 26(1), 42(1), 78(1))."""
    hari_ini = hari_ini or timezone.localdate()
    return (kerjasama_terlihat(user).filter(tahap=TAHAP_PELAKSANAAN, tanggal_berakhir__gte=hari_ini,
                                            tanggal_berakhir__lte=hari_ini + datetime.timedelta(days=hari))
            .select_related("perangkat_daerah", "mitra").order_by("tanggal_berakhir", "nomor"))


def berakhir_per_bulan(*, user, bulan: int = 12, hari_ini: datetime.date | None = None) -> list[tuple[str, int]]:
    hari_ini = hari_ini or timezone.localdate()
    awal = hari_ini.replace(day=1)
    akhir = awal + relativedelta(months=bulan)
    hitung = Counter(
        (d.year, d.month) for d in kerjasama_terlihat(user).filter(
            tahap=TAHAP_PELAKSANAAN, tanggal_berakhir__gte=awal, tanggal_berakhir__lt=akhir
        ).values_list("tanggal_berakhir", flat=True)
    )
    hasil = []
    for i in range(bulan):
        b = awal + relativedelta(months=i)
        hasil.append((f"{NAMA_BULAN[b.month][:3]} {b.year}", hitung.get((b.year, b.month), 0)))
    return hasil


def terlama_di_tahap(*, user, batas: int = 10) -> QuerySet[KerjaSama]:
    """Cases still in process (not yet in pelaksanaan, not ended), longest in their stage first."""
    return (kerjasama_terlihat(user).exclude(q_tahap_akhir()).exclude(tahap=TAHAP_PELAKSANAAN)
            .select_related("perangkat_daerah", "mitra").order_by("tahap_sejak", "id")[:batas])


def _q_tenggat_kasus_aktif() -> Q:
    """A deadline still matters while its case has not ended (or when it belongs to no case)."""
    akhir = KerjaSama.objects.filter(q_tahap_akhir()).values("pk")
    return Q(kerjasama__isnull=True) | ~Q(kerjasama__in=akhir)


def tenggat_minggu_ini(*, user, now: datetime.datetime | None = None) -> QuerySet[Tenggat]:
    """Open deadlines falling due from now to the end of this week (Sunday 23:59:59 WIB)."""
    now = now or timezone.now()
    hari_ini = kalender.tanggal_lokal(now)
    minggu = hari_ini + datetime.timedelta(days=6 - hari_ini.weekday())
    return (tenggat_list(user=user, status=StatusTenggat.TERBUKA)
            .filter(jatuh_tempo__gte=now, jatuh_tempo__lte=kalender.akhir_hari(minggu)))


def tenggat_terlambat(*, user, aturan: tuple[str, ...] | None = None,
                      now: datetime.datetime | None = None) -> QuerySet[Tenggat]:
    """Overdue deadlines of cases still running: flagged missed by the sweep, or past due and not yet swept."""
    now = now or timezone.now()
    qs = tenggat_list(user=user).filter(
        Q(status=StatusTenggat.LEWAT) | Q(status=StatusTenggat.TERBUKA, jatuh_tempo__lt=now)
    ).filter(_q_tenggat_kasus_aktif())
    if aturan:
        qs = qs.filter(aturan__in=aturan)
    return qs


def pengawasan_terlambat(*, user, now=None) -> QuerySet[Tenggat]:
    """Perwal 57/2023 Ps 85(3), 85(5): monitoring or evaluation past due and not carried out since."""
    return _kecuali_terpenuhi(tenggat_terlambat(user=user, aturan=("pemantauan", "evaluasi"), now=now),
                              ("pemantauan", "evaluasi"))


def laporan_mitra_belum_ada(*, user, now=None) -> QuerySet[Tenggat]:
    """Perwal 57/2023 Ps 87(1): a partner's 6-monthly report past due and still not received."""
    return _kecuali_terpenuhi(tenggat_terlambat(user=user, aturan=("laporan_mitra",), now=now), ("laporan_mitra",))


def _kecuali_terpenuhi(qs: QuerySet[Tenggat], aturan: tuple[str, ...]) -> QuerySet[Tenggat]:
    """Leave out deadlines another app says were met (pengawasan registers its activities and the partners'
    reports in kerjasama.registri_dasbor), one subquery each."""
    for kode in aturan:
        for terpenuhi in tenggat_terpenuhi(kode):
            qs = qs.exclude(aturan=kode, pk__in=terpenuhi())
    return qs


def kokpit(*, user, now: datetime.datetime | None = None) -> dict:
    now = now or timezone.now()
    hari_ini = kalender.tanggal_lokal(now)
    qs = kerjasama_terlihat(user)
    berakhir = {hari: berakhir_dalam(user=user, hari=hari, hari_ini=hari_ini) for hari in BATAS_BERAKHIR}
    return {
        "jumlah": qs.count(),
        "per_jenis": jumlah_per_jenis(qs),
        "per_tahap": jumlah_per_tahap(qs),
        "per_tahun": jumlah_per_tahun(qs),
        "per_pd": jumlah_per_pd(qs),
        "terlama": list(terlama_di_tahap(user=user)),
        "minggu_ini": list(tenggat_minggu_ini(user=user, now=now)[:50]),
        "terlambat": list(tenggat_terlambat(user=user, now=now).order_by("-jatuh_tempo")[:50]),
        "jumlah_terlambat": tenggat_terlambat(user=user, now=now).count(),
        "berakhir": [{"hari": h, "n": q.count()} for h, q in berakhir.items()],
        "berakhir_daftar": list(berakhir[BATAS_BERAKHIR[-1]][:50]),
        "berakhir_per_bulan": berakhir_per_bulan(user=user, hari_ini=hari_ini),
        "pengawasan_terlambat": list(pengawasan_terlambat(user=user, now=now).order_by("jatuh_tempo")[:50]),
        "laporan_mitra_belum_ada": list(laporan_mitra_belum_ada(user=user, now=now).order_by("jatuh_tempo")[:50]),
        "hari_ini": hari_ini,
    }


# ---------------------------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------------------------

NAMA_BULAN = ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober", "November", "Desember"]


def tenggat_bulan(*, user, tahun: int, bulan: int) -> QuerySet[Tenggat]:
    awal = datetime.date(tahun, bulan, 1)
    akhir = awal + relativedelta(months=1)
    return tenggat_list(user=user).filter(jatuh_tempo__gte=kalender.awal_hari(awal),
                                          jatuh_tempo__lt=kalender.awal_hari(akhir))


def kalender_bulan(*, user, tahun: int, bulan: int) -> list[list[dict]]:
    """Weeks (Monday first) of the month, each day with the deadlines the user sees."""
    per_hari = defaultdict(list)
    for t in tenggat_bulan(user=user, tahun=tahun, bulan=bulan):
        per_hari[kalender.tanggal_lokal(t.jatuh_tempo)].append(t)
    minggu = []
    for baris in calendar.Calendar(firstweekday=0).monthdatescalendar(tahun, bulan):
        minggu.append([{"tanggal": d, "bulan_ini": d.month == bulan, "tenggat": per_hari.get(d, [])} for d in baris])
    return minggu


# ---------------------------------------------------------------------------------------------
# Yearly recap for the LKPJ
# ---------------------------------------------------------------------------------------------


def _berjalan_pada_tahun(qs, tahun: int):
    awal, akhir = datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    return qs.filter(tanggal_mulai__isnull=False, tanggal_mulai__lte=akhir).filter(
        Q(tanggal_berakhir__isnull=True) | Q(tanggal_berakhir__gte=awal)
    ).filter(Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=awal))


def rekap_tahunan(*, user, tahun: int) -> dict:
    """Cooperation in year `tahun` per kind, PD and partner (Wali Kota's LKPJ): agreements signed in
    the year, running during the year, ending in the year, and cases still in process."""
    qs = kerjasama_terlihat(user).select_related("perangkat_daerah", "mitra")
    ditandatangani = qs.filter(tanggal_penandatanganan__year=tahun)
    berjalan = _berjalan_pada_tahun(qs, tahun)
    berakhir = qs.filter(tanggal_penandatanganan__isnull=False, tanggal_selesai__year=tahun)
    proses = qs.filter(tanggal_penandatanganan__isnull=True, dibuat_pada__year__lte=tahun).exclude(q_tahap_akhir())
    kelompok = {
        "ditandatangani": set(ditandatangani.values_list("pk", flat=True)),
        "berjalan": set(berjalan.values_list("pk", flat=True)),
        "berakhir": set(berakhir.values_list("pk", flat=True)),
        "proses": set(proses.values_list("pk", flat=True)),
    }
    semua_pk = set().union(*kelompok.values())
    baris = list(qs.filter(pk__in=semua_pk).order_by("jenis", "nomor"))

    def per(kunci_fn) -> list[dict]:
        data: dict[str, dict] = {}
        for ks in baris:
            k = kunci_fn(ks)
            d = data.setdefault(k, {"nama": k, **{g: 0 for g in kelompok}})
            for g, pks in kelompok.items():
                if ks.pk in pks:
                    d[g] += 1
        return sorted(data.values(), key=lambda d: (-d["berjalan"], -d["ditandatangani"], d["nama"]))

    label_jenis = dict(Jenis.choices)
    total = {g: len(pks) for g, pks in kelompok.items()}
    return {
        "tahun": tahun,
        "total": total,
        "per_jenis": per(lambda ks: str(label_jenis.get(ks.jenis, ks.jenis))),
        "per_pd": per(lambda ks: str(ks.perangkat_daerah) if ks.perangkat_daerah_id else "(belum ada PD)"),
        "per_mitra": per(lambda ks: str(ks.mitra) if ks.mitra_id else "(belum ada mitra)"),
        "daftar": [{"ks": ks, "kelompok": [g for g, pks in kelompok.items() if ks.pk in pks],
                    "tahap": _label_tahap(ks.kelas, ks.tahap).label} for ks in baris],
    }


label_tahap = alur.label_tahap


def tahap_semua_pilihan() -> list[tuple[str, str]]:
    """(code, label) of every stage of every machine, for filters."""
    hasil: dict[str, str] = {}
    for tahapan in alur.semua_tahapan().values():
        for t in tahapan:
            hasil.setdefault(t.kode, t.label)
    return sorted(hasil.items(), key=lambda x: x[1])

