"""Every non-trivial read of supervision. Lists start from the core's permission selector
(`kerjasama.permissions.kerjasama_terlihat`), so that what a user sees here is what it may see."""

from __future__ import annotations

import dataclasses
import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from kerjasama.constants import Peran, StatusTenggat
from kerjasama.models import Dokumen, KerjaSama, Kewajiban, Pengguna, PerangkatDaerah, RiwayatAudit, Tenggat
from kerjasama.permissions import kerjasama_terlihat, melihat_semua

from .constants import (
    ATURAN_LAPORAN_MITRA,
    ATURAN_SIKLUS,
    JENIS_LAMPIRAN,
    TAHAP_TERLAKSANA,
    BentukPembinaan,
    HurufEvaluasi,
    JenisKegiatan,
    StatusTindakLanjut,
)
from .models import (
    AnggotaTimPengawasan,
    BagianEvaluasi,
    KegiatanPembinaan,
    KegiatanPengawasan,
    LaporanMitra,
    TimPengawasan,
    TindakLanjut,
)


def pengguna_tim(kerjasama) -> QuerySet[Pengguna]:
    """The active users who sit on the cooperation's Tim Pengawasan."""
    ids = AnggotaTimPengawasan.objects.filter(tim__kerjasama_id=kerjasama.pk, pengguna__isnull=False).values(
        "pengguna_id")
    return Pengguna.objects.filter(pk__in=ids, is_active=True)


def tim_dari(kerjasama) -> TimPengawasan | None:
    return (TimPengawasan.objects.filter(kerjasama_id=kerjasama.pk)
            .prefetch_related("anggota__pengguna", "anggota__perangkat_daerah").first())


# --- the cycle --------------------------------------------------------------------------------


def siklus_berjalan(kerjasama) -> Tenggat | None:
    """The step of the cycle the cooperation owes now: the latest pemantauan/evaluasi deadline
    that is still open or was missed (a missed one stays owed until it is carried out).
    None when nothing is owed (the cycle has not started, or supervision stopped)."""
    t = (Tenggat.objects.filter(kerjasama_id=kerjasama.pk, aturan__in=ATURAN_SIKLUS)
         .exclude(status=StatusTenggat.DISELESAIKAN_SISTEM).order_by("-id").first())
    if t is not None and t.status in (StatusTenggat.TERBUKA, StatusTenggat.LEWAT):
        return t
    return None


def kegiatan_terakhir_terlaksana(kerjasama, *, jenis: str | None = None, terjadwal_saja: bool = False):
    qs = KegiatanPengawasan.objects.filter(kerjasama_id=kerjasama.pk, tahap__in=TAHAP_TERLAKSANA)
    if jenis:
        qs = qs.filter(jenis=jenis)
    if terjadwal_saja:
        qs = qs.filter(sifat="terjadwal")
    return qs.order_by("-tanggal_pelaksanaan", "-id").first()


def laporan_mitra_terutang(kerjasama) -> list[Tenggat]:
    """Reporting periods the partner still owes: open or missed `laporan_mitra` deadlines without a report."""
    dijawab = LaporanMitra.objects.filter(kerjasama_id=kerjasama.pk, tenggat__isnull=False).values("tenggat_id")
    return list(
        Tenggat.objects.filter(kerjasama_id=kerjasama.pk, aturan=ATURAN_LAPORAN_MITRA,
                               status__in=(StatusTenggat.TERBUKA, StatusTenggat.LEWAT))
        .exclude(pk__in=dijawab).order_by("jatuh_tempo", "id")
    )


def laporan_mitra_terlambat(kerjasama) -> list[Tenggat]:
    """Missed periods (flagged by the sweep) with no report yet: shown in the evaluation."""
    return [t for t in laporan_mitra_terutang(kerjasama) if t.status == StatusTenggat.LEWAT]


# --- attachments (Ps 88) ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Lampiran:
    kode: str
    label: str
    dasar: str
    wajib: bool
    ada: bool


def dokumen_kegiatan(kegiatan) -> QuerySet[Dokumen]:
    ct = ContentType.objects.get_for_model(KegiatanPengawasan)
    return Dokumen.objects.filter(pemilik_tipe=ct, pemilik_id=kegiatan.pk).prefetch_related("versi")


def lampiran_status(kegiatan) -> list[Lampiran]:
    """The attachments the report to the Ketua TKKSD needs, and which are present.

    Ps 88(1), pemantauan: a. dokumen laporan mitra; b. berita acara tinjau lokasi "apabila
    diperlukan", which we read as: required when the monitoring included a site visit.
    Ps 88(2), evaluasi: a. dokumen laporan mitra; b. daftar hadir; c. notulensi; d. berita acara
    rapat and/or tinjau lokasi; e. matrik hasil evaluasi (its rows; the PDF is generated on submission).
    """
    # Uploaded papers only: the report and matrix SIKSD generates on submission do not count.
    jenis_ada = set(dokumen_kegiatan(kegiatan).filter(versi__dihasilkan_sistem=False).values_list("jenis", flat=True))
    ada_laporan = kegiatan.laporan_mitra.exists() or "laporan" in jenis_ada
    if kegiatan.jenis == JenisKegiatan.PEMANTAUAN:
        # Ps 85(2): monitoring is done through the partner's report *atau* a site visit: a monitoring done by
        # site visit alone needs its berita acara tinjau lokasi, not a partner report.
        perlu_laporan = bool(kegiatan.analisa_laporan_mitra) or not kegiatan.tinjau_lokasi
        return [
            Lampiran("laporan_mitra", "Dokumen laporan mitra kerja sama", "Pasal 88 ayat (1) huruf a", perlu_laporan,
                     ada_laporan),
            Lampiran("berita_acara", "Berita acara tinjau lokasi", "Pasal 88 ayat (1) huruf b",
                     bool(kegiatan.tinjau_lokasi), "berita_acara" in jenis_ada),
        ]
    return [
        Lampiran("laporan_mitra", "Dokumen laporan mitra kerja sama", "Pasal 88 ayat (2) huruf a", True, ada_laporan),
        Lampiran("daftar_hadir", "Daftar hadir peserta rapat", "Pasal 88 ayat (2) huruf b", True,
                 "daftar_hadir" in jenis_ada),
        Lampiran("notulensi", "Notulensi rapat", "Pasal 88 ayat (2) huruf c", True, "notulensi" in jenis_ada),
        Lampiran("berita_acara", "Berita acara rapat dan/atau berita acara tinjau lokasi", "Pasal 88 ayat (2) huruf d",
                 True, "berita_acara" in jenis_ada),
        Lampiran("matrik_evaluasi", "Matrik hasil evaluasi", "Pasal 88 ayat (2) huruf e", True,
                 kegiatan.matrik.exists()),
    ]


# --- Ps 85(4): the required parts of an evaluation's analysis ------------------------------------


@dataclasses.dataclass(frozen=True)
class StatusBagian:
    """One part of Ps 85(4) (huruf a, b, c) of an evaluation: what is recorded and what is missing."""

    huruf: str
    label: str
    dasar: str
    bagian: BagianEvaluasi | None
    kekurangan: tuple[str, ...]

    @property
    def lengkap(self) -> bool:
        return not self.kekurangan


def kewajiban_mitra(kerjasama) -> QuerySet[Kewajiban]:
    """The partner's obligations recorded for the cooperation: what Ps 85(4) huruf a evaluates."""
    return Kewajiban.objects.filter(kerjasama_id=kerjasama.pk, pihak=Kewajiban.Pihak.MITRA)


def kekurangan_huruf_a(kegiatan, *, tanpa_kewajiban: bool, alasan: str, dinilai: set[int] | None = None) -> list[str]:
    """Why huruf a is not (yet) met, one Indonesian sentence per gap. Never vacuous: with no partner
    obligation recorded, only an explicit statement with its reason meets it."""
    mitra = list(kewajiban_mitra(kegiatan.kerjasama))
    if dinilai is None:
        dinilai = set(kegiatan.penilaian.filter(kewajiban__isnull=False).values_list("kewajiban_id", flat=True))
    if not mitra:
        if not tanpa_kewajiban:
            return ["Kerja sama ini belum mencatat kewajiban mitra: catat dulu kewajiban mitra dari PKS/KB, atau "
                    "nyatakan bahwa perjanjian tidak menetapkan kewajiban bagi mitra beserta alasannya"]
        if not (alasan or "").strip():
            return ["Tuliskan alasan pernyataan bahwa perjanjian tidak menetapkan kewajiban bagi mitra"]
        return []
    if tanpa_kewajiban:
        return [f"Kerja sama ini mencatat {len(mitra)} kewajiban mitra: pernyataan \u201ctidak ada kewajiban\u201d "
                "tidak dapat dipakai; nilai pelaksanaan setiap kewajiban"]
    return [f"Nilai pelaksanaan kewajiban mitra: {kw.uraian[:80]}{' (' + kw.dasar + ')' if kw.dasar else ''}"
            for kw in mitra if kw.pk not in dinilai]


def bagian_evaluasi_status(kegiatan) -> list[StatusBagian]:
    """Each part of Perwal 57/2023 Ps 85(4) huruf a–c for an evaluation (empty list for a monitoring), with its gaps.
    A part is complete when it has its finding (`temuan`), its evidence (a document or a reference to
    recorded data), and, for huruf a, a real assessment of the partner's obligations or the statement."""
    if kegiatan.jenis != JenisKegiatan.EVALUASI:
        return []
    ada = {b.huruf: b for b in BagianEvaluasi.objects.filter(kegiatan_id=kegiatan.pk).select_related("dokumen")}
    hasil = []
    for huruf, label in HurufEvaluasi.choices:
        b = ada.get(huruf)
        kurang: list[str] = []
        if b is None:
            kurang.append("belum diisi (temuan dan bukti wajib)")
        else:
            if not b.temuan.strip():
                kurang.append("temuan belum diisi")
            if b.dokumen_id is None and not b.rujukan.strip():
                kurang.append("bukti belum ada (dokumen atau rujukan data tercatat)")
        if huruf == HurufEvaluasi.A:
            kurang += kekurangan_huruf_a(kegiatan, tanpa_kewajiban=bool(b and b.tanpa_kewajiban),
                                         alasan=b.alasan_tanpa_kewajiban if b else "")
        hasil.append(StatusBagian(huruf=huruf, label=str(label), dasar=f"Pasal 85 ayat (4) huruf {huruf}", bagian=b,
                                  kekurangan=tuple(kurang)))
    return hasil


def label_lampiran(jenis: str) -> str:
    return str(dict(JENIS_LAMPIRAN).get(jenis, jenis))


# --- lists --------------------------------------------------------------------------------------


def kegiatan_list(*, user, kerjasama=None, jenis=None, tahap=None) -> QuerySet[KegiatanPengawasan]:
    qs = KegiatanPengawasan.objects.filter(kerjasama__in=kerjasama_terlihat(user).values("pk"))
    if user.punya_peran(Peran.MITRA) and not melihat_semua(user):
        # The team's working papers are internal (permissions.dapat_melihat_pengawasan).
        qs = qs.none()
    if kerjasama is not None:
        qs = qs.filter(kerjasama_id=kerjasama.pk)
    if jenis:
        qs = qs.filter(jenis=jenis)
    if tahap:
        qs = qs.filter(tahap=tahap)
    return qs.select_related("kerjasama", "tenggat").order_by("-dibuat_pada", "-id")


def laporan_mitra_list(*, user, kerjasama=None) -> QuerySet[LaporanMitra]:
    qs = LaporanMitra.objects.filter(kerjasama__in=kerjasama_terlihat(user).values("pk"))
    if user.punya_peran(Peran.MITRA) and not melihat_semua(user):
        qs = qs.filter(kerjasama__mitra_id=user.mitra_id)
    if kerjasama is not None:
        qs = qs.filter(kerjasama_id=kerjasama.pk)
    return qs.select_related("kerjasama", "tenggat", "dokumen", "diunggah_oleh").order_by("-periode_selesai", "-id")


def kerjasama_mitra_saya(*, user) -> QuerySet[KerjaSama]:
    """The mitra's own cooperations in pelaksanaan ("Laporan saya")."""
    if not user.mitra_id:
        return KerjaSama.objects.none()
    return (kerjasama_terlihat(user).filter(mitra_id=user.mitra_id, tahap="pelaksanaan")
            .select_related("perangkat_daerah", "mitra").order_by("judul"))


def tindak_lanjut_list(*, user, kerjasama=None, status=None) -> QuerySet[TindakLanjut]:
    qs = TindakLanjut.objects.filter(kerjasama__in=kerjasama_terlihat(user).values("pk"))
    if user.punya_peran(Peran.MITRA) and not melihat_semua(user):
        qs = qs.none()
    if kerjasama is not None:
        qs = qs.filter(kerjasama_id=kerjasama.pk)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("kerjasama", "baris", "penanggung_jawab", "perangkat_daerah").order_by(
        "status", "batas_waktu", "id")


def riwayat_pengawasan(*, kerjasama) -> QuerySet[RiwayatAudit]:
    """The audit rows of the cooperation written by supervision (activities, reports, follow-ups, team)."""
    tipe = [ContentType.objects.get_for_model(m) for m in
            (KegiatanPengawasan, LaporanMitra, TindakLanjut, TimPengawasan, AnggotaTimPengawasan)]
    return (RiwayatAudit.objects.filter(kerjasama_id=kerjasama.pk)
            .filter(Q(objek_tipe__in=tipe) | Q(aksi__startswith="pengawasan_") | Q(aksi__startswith="tenggat_"))
            .select_related("oleh").order_by("-pada", "-id"))


# --- the Ketua TKKSD's overview ---------------------------------------------------------------


@dataclasses.dataclass
class BarisIkhtisar:
    kerjasama: KerjaSama
    pemantauan_terakhir: datetime.date | None
    evaluasi_terakhir: datetime.date | None
    berikut: Tenggat | None
    berikut_terlambat: bool
    laporan_berikut: Tenggat | None
    laporan_terlambat: int
    rekomendasi_terbuka: int
    rekomendasi_lewat: int

    @property
    def ada_terlambat(self) -> bool:
        return self.berikut_terlambat or bool(self.laporan_terlambat) or bool(self.rekomendasi_lewat)

    @property
    def status_laporan(self) -> str:
        if self.laporan_terlambat:
            return f"Terlambat {self.laporan_terlambat} periode"
        if self.laporan_berikut is not None:
            return f"Berikutnya {timezone.localtime(self.laporan_berikut.jatuh_tempo):%d-%m-%Y}"
        return "—"


def ikhtisar(*, user, jenis=None, perangkat_daerah=None, mitra=None, q: str = "", hanya_terlambat=False,
             now: datetime.datetime | None = None) -> list[BarisIkhtisar]:
    """Every cooperation in pelaksanaan the user may see, with its last monitoring, last evaluation,
    next due activity, partner-report status and open recommendations (a fixed number of queries)."""
    now = now or timezone.now()
    hari_ini = timezone.localdate(now)
    qs = kerjasama_terlihat(user).filter(tahap="pelaksanaan").select_related("perangkat_daerah", "mitra")
    if jenis:
        qs = qs.filter(jenis=jenis)
    if perangkat_daerah:
        qs = qs.filter(perangkat_daerah_id=getattr(perangkat_daerah, "pk", perangkat_daerah))
    if mitra:
        qs = qs.filter(mitra_id=getattr(mitra, "pk", mitra))
    if q:
        qs = qs.filter(Q(judul__icontains=q) | Q(nomor__icontains=q) | Q(mitra__nama__icontains=q))
    daftar = list(qs.order_by("nomor"))
    ids = [k.pk for k in daftar]

    terakhir: dict[tuple[int, str], datetime.date] = {}
    for row in (KegiatanPengawasan.objects.filter(kerjasama_id__in=ids, tahap__in=TAHAP_TERLAKSANA)
                .values("kerjasama_id", "jenis").annotate(t=Max("tanggal_pelaksanaan"))):
        terakhir[(row["kerjasama_id"], row["jenis"])] = row["t"]

    siklus: dict[int, Tenggat] = {}
    for t in (Tenggat.objects.filter(kerjasama_id__in=ids, aturan__in=ATURAN_SIKLUS)
              .exclude(status=StatusTenggat.DISELESAIKAN_SISTEM).order_by("kerjasama_id", "-id")):
        siklus.setdefault(t.kerjasama_id, t)

    dijawab = set(LaporanMitra.objects.filter(kerjasama_id__in=ids, tenggat__isnull=False)
                  .values_list("tenggat_id", flat=True))
    laporan_berikut: dict[int, Tenggat] = {}
    laporan_lewat: dict[int, int] = {}
    for t in (Tenggat.objects.filter(kerjasama_id__in=ids, aturan=ATURAN_LAPORAN_MITRA,
                                     status__in=(StatusTenggat.TERBUKA, StatusTenggat.LEWAT))
              .order_by("jatuh_tempo")):
        if t.pk in dijawab:
            continue
        if t.status == StatusTenggat.LEWAT or t.jatuh_tempo < now:
            laporan_lewat[t.kerjasama_id] = laporan_lewat.get(t.kerjasama_id, 0) + 1
        else:
            laporan_berikut.setdefault(t.kerjasama_id, t)

    rekomendasi = {
        row["kerjasama_id"]: row
        for row in TindakLanjut.objects.filter(kerjasama_id__in=ids, status=StatusTindakLanjut.TERBUKA)
        .values("kerjasama_id").annotate(n=Count("id"), lewat=Count("id", filter=Q(batas_waktu__lt=hari_ini)))
    }

    hasil = []
    for ks in daftar:
        t = siklus.get(ks.pk)
        berikut = t if t is not None and t.status in (StatusTenggat.TERBUKA, StatusTenggat.LEWAT) else None
        rek = rekomendasi.get(ks.pk, {})
        baris = BarisIkhtisar(
            kerjasama=ks,
            pemantauan_terakhir=terakhir.get((ks.pk, JenisKegiatan.PEMANTAUAN)),
            evaluasi_terakhir=terakhir.get((ks.pk, JenisKegiatan.EVALUASI)),
            berikut=berikut,
            berikut_terlambat=berikut is not None and (berikut.status == StatusTenggat.LEWAT or berikut.jatuh_tempo < now),
            laporan_berikut=laporan_berikut.get(ks.pk),
            laporan_terlambat=laporan_lewat.get(ks.pk, 0),
            rekomendasi_terbuka=rek.get("n", 0),
            rekomendasi_lewat=rek.get("lewat", 0),
        )
        if hanya_terlambat and not baris.ada_terlambat:
            continue
        hasil.append(baris)
    return hasil


# --- pembinaan ----------------------------------------------------------------------------------


def pembinaan_list(*, user, tahun: int | None = None, perangkat_daerah=None) -> QuerySet[KegiatanPembinaan]:
    qs = KegiatanPembinaan.objects.all()
    if not (melihat_semua(user) or user.punya_peran(Peran.TIM_PENGAWASAN)):
        # A PD sees what it received; others (partners) see none.
        qs = qs.filter(perangkat_daerah=user.perangkat_daerah_id) if user.perangkat_daerah_id else qs.none()
    if tahun:
        qs = qs.filter(tanggal__year=tahun)
    if perangkat_daerah:
        qs = qs.filter(perangkat_daerah=perangkat_daerah)
    return qs.prefetch_related("perangkat_daerah").order_by("-tanggal", "-id").distinct()


def pembinaan_per_pd(*, user, tahun: int) -> list[dict]:
    """Per PD, what pembinaan it received in `tahun`, counted by form (Ps 85 (Pembinaan) huruf a–e)."""
    kegiatan = list(pembinaan_list(user=user, tahun=tahun))
    if melihat_semua(user) or user.punya_peran(Peran.TIM_PENGAWASAN):
        daftar_pd = list(PerangkatDaerah.objects.filter(aktif=True).order_by("nama"))
    elif user.perangkat_daerah_id:
        daftar_pd = [user.perangkat_daerah]
    else:
        daftar_pd = []
    per_pd: dict[int, list[KegiatanPembinaan]] = {pd.pk: [] for pd in daftar_pd}
    for k in kegiatan:
        for pd in k.perangkat_daerah.all():
            if pd.pk in per_pd:
                per_pd[pd.pk].append(k)
    hasil = []
    for pd in daftar_pd:
        items = per_pd[pd.pk]
        hasil.append({
            "perangkat_daerah": pd,
            "kegiatan": items,
            "jumlah": len(items),
            "per_bentuk": {b: sum(1 for k in items if k.bentuk == b) for b in BentukPembinaan.values},
        })
    return hasil


# --- what the dashboards leave out of their overdue lists (registered in PengawasanConfig.ready) -----------


def tenggat_kegiatan_terlaksana():
    """Perwal 57/2023 Ps 85(3), 85(5): a monitoring or evaluation deadline is met once its activity was carried out."""
    return KegiatanPengawasan.objects.filter(tahap__in=TAHAP_TERLAKSANA, tenggat__isnull=False).values("tenggat_id")


def tenggat_laporan_diterima():
    """Perwal 57/2023 Ps 87(1): a partner's report deadline is met once the report arrived."""
    return LaporanMitra.objects.filter(tenggat__isnull=False).values("tenggat_id")
