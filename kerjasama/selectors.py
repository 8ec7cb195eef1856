"""Every non-trivial read of the core. All of them start from the permission selector."""

from __future__ import annotations

import dataclasses
import datetime

from django.apps import apps
from django.db.models import Min, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from . import alur
from .constants import (
    PELAKU_MITRA,
    PELAKU_PD,
    PELAKU_PENANDATANGAN,
    PELAKU_SISTEM,
    PERAN_MELIHAT_SEMUA,
    Peran,
    StatusTenggat,
)
from .models import Dokumen, KerjaSama, Notifikasi, RiwayatAudit, Tenggat, VersiDokumen
from .permissions import (
    PERM_TANDATANGANI,
    _ids_dengan_izin,
    _ids_izin_cache,
    dokumen_terlihat,
    kerjasama_terlihat,
    riwayat_terlihat,
)


def registry_list(*, user, jenis=None, tahap=None, perangkat_daerah=None, mitra=None, tahun=None,
                  berakhir_dalam_hari: int | None = None, q: str = "") -> QuerySet[KerjaSama]:
    # item_pemetaan: the mapping item a case was started from (pemetaan's ItemRencana, Ps 17–18), shown in the list.
    qs = kerjasama_terlihat(user).select_related("perangkat_daerah", "mitra", "item_pemetaan__siklus")
    if jenis:
        qs = qs.filter(jenis=jenis)
    if tahap:
        qs = qs.filter(tahap=tahap)
    if perangkat_daerah:
        qs = qs.filter(perangkat_daerah_id=perangkat_daerah)
    if mitra:
        qs = qs.filter(mitra_id=mitra)
    if tahun:
        qs = qs.filter(Q(tanggal_penandatanganan__year=tahun) | Q(tanggal_penandatanganan__isnull=True, dibuat_pada__year=tahun))
    if berakhir_dalam_hari is not None:
        hari_ini = timezone.localdate()
        qs = qs.filter(tanggal_berakhir__gte=hari_ini,
                       tanggal_berakhir__lte=hari_ini + datetime.timedelta(days=berakhir_dalam_hari),
                       tahap="pelaksanaan")
    if q:
        qs = qs.filter(Q(judul__icontains=q) | Q(nomor__icontains=q) | Q(mitra__nama__icontains=q))
    return qs


def _q_tugas(user, *, pelaku: tuple[str, ...] | None = None) -> Q | None:
    """Stages in which `user` acts now, as a filter over the registry (kelas, tahap).
    `pelaku` keeps only those actor codes (the approval dashboard asks for PELAKU_PENANDATANGAN)."""
    kondisi = Q(pk__in=[])
    ada = False
    kuasa_user, kuasa_grup = _ids_dengan_izin(user, PERM_TANDATANGANI)
    for label, daftar in alur.semua_tahapan().items():
        for tahap in daftar:
            if tahap.akhir or not tahap.pelaku or tahap.pelaku == (PELAKU_SISTEM,):
                continue
            dasar = Q(kelas=label, tahap=tahap.kode)
            for kode in tahap.pelaku:
                if pelaku is not None and kode not in pelaku:
                    continue
                if kode == PELAKU_PD and user.punya_peran(Peran.PD) and user.perangkat_daerah_id:
                    kondisi |= dasar & Q(perangkat_daerah_id=user.perangkat_daerah_id)
                elif kode == PELAKU_MITRA and user.punya_peran(Peran.MITRA) and user.mitra_id:
                    kondisi |= dasar & Q(mitra_id=user.mitra_id)
                elif kode == PELAKU_PENANDATANGAN:
                    if user.punya_peran(Peran.WALI_KOTA):
                        kondisi |= dasar
                    else:
                        kondisi |= dasar & (Q(pk__in=kuasa_user) | Q(pk__in=kuasa_grup))
                elif kode in (Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD, Peran.DPRD, Peran.TIM_PENGAWASAN) and user.punya_peran(kode):
                    kondisi |= dasar
                else:
                    continue
                ada = True
    return kondisi if ada else None


def tugas_saya(*, user, pelaku: tuple[str, ...] | None = None) -> QuerySet[KerjaSama]:
    """"Tugas saya": the cases waiting for this user (or its PD) now, oldest deadline first.
    `pelaku`: only the stages where the user acts as one of these actors."""
    kondisi = _q_tugas(user, pelaku=pelaku)
    if kondisi is None:
        return KerjaSama.objects.none()
    return (
        kerjasama_terlihat(user)
        .filter(kondisi)
        .select_related("perangkat_daerah", "mitra")
        .annotate(tenggat_terdekat=Min("tenggat__jatuh_tempo", filter=Q(tenggat__status=StatusTenggat.TERBUKA)))
        .order_by("tenggat_terdekat", "tahap_sejak")
    )


def kerjasama_detail(*, user, pk) -> KerjaSama:
    from .permissions import get_kerjasama_or_404

    ks = get_kerjasama_or_404(user, pk, KerjaSama.objects.select_related("perangkat_daerah", "mitra"))
    kasus = ks.kasus()
    # The page evaluates every transition's conditions (several read the same open amendment): once each.
    prefetch_related_objects([kasus], *_prefetch_daftar(type(kasus)))
    return kasus


def _prefetch_daftar(model) -> tuple[str, ...]:
    """The relations a kind's transition conditions read (its classmethod `prefetch_daftar`), if it names any."""
    return model.prefetch_daftar() if hasattr(model, "prefetch_daftar") else ()


def kasus_konkret(rows) -> dict:
    """pk → concrete case (KasusKsdd, KasusKsdln…) for a page of registry rows: one query per kind."""
    from django.apps import apps

    per_kelas: dict[str, list[int]] = {}
    for row in rows:
        per_kelas.setdefault(row.kelas, []).append(row.pk)
    hasil = {}
    for kelas, pks in per_kelas.items():
        model = apps.get_model(kelas)
        # A kind may name the relations its transition conditions read (`prefetch_daftar`), so that listing the
        # transitions of a page of cases costs one query per relation, not one per case.
        qs = model.objects.filter(pk__in=pks).select_related("perangkat_daerah", "mitra")
        for kasus in qs.prefetch_related(*_prefetch_daftar(model)):
            hasil[kasus.pk] = kasus
    return hasil


def dokumen_list(*, kerjasama, user) -> QuerySet[Dokumen]:
    """The documents of a (visible) case that `user` may see: its classification and sharing decide
    (permissions.dokumen_terlihat, the one rule the page, the API, exports and PDFs use)."""
    qs = Dokumen.objects.filter(kerjasama=kerjasama).select_related("mengoreksi").prefetch_related(
        Prefetch("versi", queryset=VersiDokumen.objects.select_related("diunggah_oleh").order_by("-nomor_versi"))
    )
    return dokumen_terlihat(user, qs, kerjasama=kerjasama)


def riwayat_list(*, kerjasama, user) -> QuerySet[RiwayatAudit]:
    """The audit trail of a (visible) case as `user` may read it (permissions.riwayat_terlihat): the page,
    riwayat.csv, the PDF and the API show the same entries."""
    qs = RiwayatAudit.objects.filter(kerjasama=kerjasama).select_related("oleh", "kerjasama").order_by("pada", "id")
    return riwayat_terlihat(user, qs, kerjasama=kerjasama)


def tenggat_list(*, user, kerjasama=None, status=None, aturan=None) -> QuerySet[Tenggat]:
    """Deadlines the user may see: those of visible cases, and those of other records the user may see."""
    qs = Tenggat.objects.select_related("kerjasama")
    terlihat = kerjasama_terlihat(user).values("pk")
    from .permissions import melihat_semua

    if melihat_semua(user):
        pass
    else:
        qs = qs.filter(kerjasama__in=terlihat)
    if kerjasama is not None:
        qs = qs.filter(kerjasama=kerjasama)
    if status:
        qs = qs.filter(status=status)
    if aturan:
        qs = qs.filter(aturan=aturan)
    return qs.order_by("jatuh_tempo")


def notifikasi_belum_dibaca(*, user) -> int:
    """The bell: unread and unresolved only (an action done by someone else no longer calls)."""
    if not user.is_authenticated:
        return 0
    return Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True, selesai_pada__isnull=True).count()


def notifikasi_list(*, user) -> QuerySet[Notifikasi]:
    return Notifikasi.objects.filter(penerima=user).select_related("kerjasama").order_by("-dibuat_pada", "-id")


def notifikasi_tindakan_per_kasus(*, user) -> list[dict]:
    """Open action notifications, grouped per case (one group per case, newest first)."""
    grup: dict = {}
    for n in notifikasi_list(user=user).filter(jenis=Notifikasi.Jenis.TINDAKAN, selesai_pada__isnull=True)[:300]:
        g = grup.setdefault(n.kerjasama_id, {"kerjasama": n.kerjasama, "notifikasi": []})
        g["notifikasi"].append(n)
    return list(grup.values())


def timeline(kasus, *, riwayat=None, tenggat=None) -> dict:
    """The case's path in words (issue 14): the stages it went through, each with the date and the actor of the step
    that left it; the stages it skipped, with the reason (the step that jumped over them: "Persetujuan DPRD tidak
    diperlukan"); the current stage with its deadline; and only the stages the next possible steps lead to.
    Final outcomes that are not the normal end (rejections) and the stages further ahead are collapsed."""
    label = kasus._meta.label_lower
    daftar = alur.tahapan(label)
    urutan = {t.kode: i for i, t in enumerate(daftar)}
    # Without `riwayat` (tests, internal use): the whole trail; a page passes the viewer's filtered trail.
    riwayat = list(riwayat if riwayat is not None else
                   RiwayatAudit.objects.filter(kerjasama=kasus).select_related("oleh").order_by("pada", "id"))
    keluar: dict[str, RiwayatAudit] = {}  # stage -> the last step that left it
    dilewati: dict[str, RiwayatAudit] = {}
    for r in riwayat:
        if not r.dari_tahap or r.dari_tahap == r.ke_tahap or not r.ke_tahap:
            continue
        keluar[r.dari_tahap] = r
        i, j = urutan.get(r.dari_tahap), urutan.get(r.ke_tahap)
        if i is not None and j is not None and j > i + 1:
            for t in daftar[i + 1:j]:
                if not t.akhir:
                    dilewati.setdefault(t.kode, r)
    sekarang = kasus.tahap
    tenggat = list(tenggat if tenggat is not None else Tenggat.objects.filter(
        kerjasama_id=kasus.pk, status__in=(StatusTenggat.TERBUKA, StatusTenggat.LEWAT)).order_by("jatuh_tempo"))
    berikut_kode = []
    for t in kasus.get_available_tahap_transitions():
        target = t.target
        if target and target != sekarang and target not in berikut_kode:
            berikut_kode.append(target)
    idx = urutan.get(sekarang, -1)
    langkah, akhir_lain, selanjutnya = [], [], []
    for i, t in enumerate(daftar):
        if t.kode == sekarang:
            langkah.append({"tahap": t, "status": "sekarang", "status_label": "Sekarang",
                            "tenggat": tenggat[0] if tenggat else None})
        elif t.kode in keluar:
            r = keluar[t.kode]
            langkah.append({"tahap": t, "status": "selesai", "status_label": "Selesai", "pada": r.pada,
                            "oleh": r.oleh_label, "aksi": alur.label_aksi(r.aksi, r.data, label)})
        elif t.kode in dilewati and i < idx:
            r = dilewati[t.kode]
            alasan = r.komentar or alur.label_aksi(r.aksi, r.data, label)
            langkah.append({"tahap": t, "status": "dilewati", "status_label": "Dilewati", "alasan": alasan,
                            "pada": r.pada})
        elif t.kode in berikut_kode:
            (akhir_lain if t.akhir and t.kode != "selesai" else langkah).append(
                {"tahap": t, "status": "berikut", "status_label": "Kemungkinan berikutnya"})
        elif i > idx and not t.akhir:
            selanjutnya.append({"tahap": t, "status": "nanti", "status_label": "Nanti"})
    return {"langkah": langkah, "akhir_lain": akhir_lain, "selanjutnya": selanjutnya}


# ---------------------------------------------------------------------------------------------
# "Tugas saya" as actions (issue 14): one row per thing to do, not per case
# ---------------------------------------------------------------------------------------------

TUGAS_BATAS = 200
# A deadline that is not tied to a stage where the person acts becomes a task this many days before it falls due.
TUGAS_CAKRAWALA_HARI = 60


@dataclasses.dataclass
class Tugas:
    """One thing a person must do now: its action, its case, and its deadline (may be missed)."""

    aksi: str
    kerjasama: KerjaSama | None
    tautan: str
    jatuh_tempo: datetime.datetime | None = None
    dasar_hukum: str = ""
    keterangan: str = ""
    now: datetime.datetime | None = None
    # What the law makes of the due moment (AturanTenggat.akibat: "dianggap disetujui"), shown with its date.
    akibat: str = ""

    @property
    def ringkasan(self) -> str:
        """The row as one line: the action, then how late it is or what happens when it falls due
        ("Unggah laporan mitra semester 1 — terlambat 30 hari",
        "Putuskan permohonan persetujuan — dianggap disetujui 10-12-2026")."""
        # Rendered during the request, so the reader's language applies (issue 14: English for a partner); the
        # verb and the rule's wording are catalogued labels (kerjasama/i18n.py), the Indonesian line is unchanged.
        if self.jatuh_tempo is not None and self.terlambat:
            return gettext("%(aksi)s — %(tenggat)s") % {"aksi": self.aksi, "tenggat": self.keterangan_tenggat}
        if self.jatuh_tempo is not None and self.akibat:
            return gettext("%(aksi)s — %(akibat)s %(tanggal)s") % {
                "aksi": self.aksi, "akibat": gettext(self.akibat),
                "tanggal": f"{timezone.localtime(self.jatuh_tempo):%d-%m-%Y}"}
        return self.aksi

    @property
    def terlambat(self) -> bool:
        return self.jatuh_tempo is not None and self.jatuh_tempo < self.now

    @property
    def sisa_hari(self) -> int | None:
        if self.jatuh_tempo is None:
            return None
        return (timezone.localtime(self.jatuh_tempo).date() - timezone.localtime(self.now).date()).days

    @property
    def keterangan_tenggat(self) -> str:
        """"terlambat 30 hari", "hari ini", "5 hari lagi" (WIB days)."""
        sisa = self.sisa_hari
        if sisa is None:
            return gettext("tanpa tenggat")
        if self.terlambat:
            if sisa < 0:
                return ngettext("terlambat %(n)d hari", "terlambat %(n)d hari", -sisa) % {"n": -sisa}
            return gettext("terlambat (hari ini)")
        return gettext("hari ini") if sisa == 0 else ngettext("%(n)d hari lagi", "%(n)d hari lagi", sisa) % {"n": sisa}

    def kunci_urut(self):
        # Overdue first, then by due moment, then items without a deadline: in Python, so the order is the same
        # on every database (NULLS LAST differs between SQLite and PostgreSQL).
        if self.jatuh_tempo is None:
            return (2, 0.0, self.aksi)
        return (0 if self.terlambat else 1, self.jatuh_tempo.timestamp(), self.aksi)


def _bobot_langkah(t) -> tuple[int, int]:
    """How much a transition is the step a stage waits for: a plain forward step first, a secondary (outline) one
    next, a return or rejection (its reason is required) last."""
    gaya = str(t.custom.get("gaya") or "primary")
    return (2 if t.custom.get("komentar_wajib") else 0, 1 if gaya.startswith("outline") or gaya == "secondary" else 0)


def _kasus_konkret(rows) -> dict:
    """The concrete cases (their stage machines) of these registry rows: one query per kind, not one per row."""
    per_kelas: dict[str, list[int]] = {}
    for ks in rows:
        per_kelas.setdefault(ks.kelas, []).append(ks.pk)
    hasil = {}
    for kelas, pks in per_kelas.items():
        hasil.update(apps.get_model(kelas).objects.in_bulk(pks))
    return hasil


def aksi_utama(kasus, user) -> str:
    """The verb of what `user` must do on this case now, from the transitions the machine offers them (the same
    list as the case page and the API): the main step ("Terima hasil kajian"), with the return when the same
    person may also send it back ("Terima hasil kajian / Kembalikan untuk perbaikan"). A case where the user acts
    but no step is open to them yet (a condition not met) reads "Tinjau: <stage>"."""
    # In the reader's language (issue 14): step labels are catalogued (kerjasama/i18n.py); called during the request.
    kasus = kasus.kasus() if hasattr(kasus, "kasus") else kasus
    langkah = [t for t in kasus.get_available_user_tahap_transitions(user)
               if not t.custom.get("sistem") and t.custom.get("label")]
    if not langkah:
        return gettext("Tinjau: %(tahap)s") % {"tahap": alur.label_tahap(kasus)}
    urut = sorted(enumerate(langkah), key=lambda it: (_bobot_langkah(it[1]), it[0]))
    utama = urut[0][1]
    label = gettext(str(utama.custom["label"]))
    if not utama.custom.get("komentar_wajib"):
        kembali = next((t for _, t in urut if t.custom.get("komentar_wajib")), None)
        if kembali is not None:
            label = gettext("%(langkah)s / %(kembali)s") % {"langkah": label,
                                                          "kembali": gettext(str(kembali.custom["label"]))}
    return label


def _kode_pelaku_pengguna(user) -> set[str]:
    """The actor codes a deadline rule may name that this user answers to (roles; PD, mitra, signatory)."""
    return set(user.peran)


def _aturan_untuk(user, kode_aturan: str) -> bool:
    """Whether the person must act on a deadline of this rule: a rule meant for the partner (its 6-monthly
    report, Ps 87) is the partner's task only; the others are the task of the roles they name."""
    from .deadlines import aturan_tenggat

    try:
        aturan = aturan_tenggat(kode_aturan)
    except LookupError:
        return False
    if getattr(aturan, "untuk_mitra", False):
        return user.punya_peran(Peran.MITRA) and bool(user.mitra_id)
    if user.punya_peran(Peran.MITRA) and not (set(aturan.pelaku) - {PELAKU_MITRA}) and user.mitra_id:
        return True
    return bool(_kode_pelaku_pengguna(user) & (set(aturan.pelaku) - {PELAKU_MITRA}))


def tugas_aksi(*, user, now: datetime.datetime | None = None) -> list[Tugas]:
    """"Tugas saya": every thing this user must do now, one row each. A case waiting in a stage where the user
    acts is one row (its action, with its earliest open or missed deadline for this user); a deadline of a rule
    the user answers to (a partner's report due, a supervision visit) is a row of its own when its case is not
    already a row. Overdue first, then by due moment, those without deadline last."""
    from .deadlines import aturan_tenggat

    now = now or timezone.now()
    hasil: list[Tugas] = []
    kasus_rows = list(tugas_saya(user=user)[:TUGAS_BATAS]) if _q_tugas(user) is not None else []
    per_kasus = {ks.pk: ks for ks in kasus_rows}
    if _penandatangan(user):
        # What awaits a signature and leaves from a stage where someone else acts (the approval dashboard's list).
        for ks in kasus_menunggu_penandatangan(user=user).exclude(pk__in=list(per_kasus))[:TUGAS_BATAS]:
            per_kasus[ks.pk] = ks
            kasus_rows.append(ks)
    terlihat = kerjasama_terlihat(user).values("pk")
    kode_aturan = [k for k in _semua_kode_aturan() if _aturan_untuk(user, k)]
    tenggat_qs = (
        Tenggat.objects.filter(status__in=(StatusTenggat.TERBUKA, StatusTenggat.LEWAT), aturan__in=kode_aturan)
        .filter(Q(kerjasama__in=terlihat) | Q(kerjasama__isnull=True))
        .select_related("kerjasama", "kerjasama__perangkat_daerah", "kerjasama__mitra")
        .order_by("jatuh_tempo")
    )
    if not user.punya_peran(*PERAN_MELIHAT_SEMUA, Peran.TIM_PENGAWASAN):
        tenggat_qs = tenggat_qs.exclude(kerjasama__isnull=True)
    from .deadlines import tenggat_terjawab

    for kode in kode_aturan:
        terjawab = tenggat_terjawab(kode)
        if terjawab is not None:
            tenggat_qs = tenggat_qs.exclude(pk__in=terjawab(Tenggat.objects.filter(aturan=kode)))
    cakrawala = now + datetime.timedelta(days=TUGAS_CAKRAWALA_HARI)
    tenggat_per_kasus: dict[int, list[Tenggat]] = {}
    lepas: list[Tenggat] = []
    for t in tenggat_qs[:TUGAS_BATAS * 2]:
        rule = aturan_tenggat(t.aturan)
        if t.kerjasama_id in per_kasus and not getattr(rule, "untuk_mitra", False):
            tenggat_per_kasus.setdefault(t.kerjasama_id, []).append(t)
        elif getattr(rule, "untuk_mitra", False) or t.jatuh_tempo <= cakrawala:
            # A missed deadline stays a task while its case still runs (a late report can still be filed);
            # one far ahead (an agreement's end in four years) is not yet a thing to do.
            if t.kerjasama_id and alur.info_tahap(t.kerjasama.kelas, t.kerjasama.tahap).akhir:
                continue
            lepas.append(t)
    konkret = _kasus_konkret(kasus_rows)
    for ks in kasus_rows:
        tenggat = tenggat_per_kasus.get(ks.pk, [])
        pertama = tenggat[0] if tenggat else None
        hasil.append(Tugas(
            aksi=aksi_utama(konkret.get(ks.pk, ks), user), kerjasama=ks, tautan=f"/kerjasama/{ks.pk}/", now=now,
            jatuh_tempo=pertama.jatuh_tempo if pertama else None,
            dasar_hukum=pertama.dasar_hukum if pertama else alur.info_tahap(ks.kelas, ks.tahap).pasal,
            keterangan=pertama.judul if pertama else alur.label_tahap(ks),
            akibat=getattr(aturan_tenggat(pertama.aturan), "akibat", "") if pertama else "",
        ))
    for t in lepas:
        rule = aturan_tenggat(t.aturan)
        if getattr(rule, "untuk_mitra", False):
            # Straight to the report form: it offers this overdue period first.
            tautan = f"/pengawasan/kerjasama/{t.kerjasama_id}/laporan-mitra/" if t.kerjasama_id else "/pengawasan/laporan-saya/"
            aksi = (gettext("Unggah %(laporan)s") % {"laporan": f"{t.judul[:1].lower()}{t.judul[1:]}"}
                    if not t.judul.lower().startswith("unggah") else t.judul)
        else:
            tautan = f"/kerjasama/{t.kerjasama_id}/" if t.kerjasama_id else ""
            # The rule's own wording of the action; a rule without one: the deadline's title.
            aksi = rule.aksi_untuk(_kode_pelaku_pengguna(user))
            aksi = gettext(aksi) if aksi else t.judul
        hasil.append(Tugas(aksi=aksi, kerjasama=t.kerjasama, tautan=tautan, jatuh_tempo=t.jatuh_tempo,
                           dasar_hukum=t.dasar_hukum, keterangan=t.judul if t.judul != aksi else label_aturan(t.aturan),
                           akibat=getattr(rule, "akibat", ""), now=now))
    hasil.sort(key=Tugas.kunci_urut)
    return hasil[:TUGAS_BATAS]


def _penandatangan(user) -> bool:
    """The Wali Kota, or an official holding a surat kuasa for some case (Ps 29(2), 45)."""
    if user.punya_peran(Peran.WALI_KOTA):
        return True
    lewat_user, lewat_grup = _ids_dengan_izin(user, PERM_TANDATANGANI)
    return lewat_user.exists() or lewat_grup.exists()


def _semua_kode_aturan() -> list[str]:
    from .deadlines import _ATURAN

    return list(_ATURAN)


def label_aturan(kode: str) -> str:
    """A deadline rule by its title ("Keputusan DPRD atas rencana KSDPL/KSDLL (45 hari)"), never its code."""
    from .deadlines import aturan_tenggat

    try:
        return aturan_tenggat(kode).judul
    except LookupError:
        return kode.replace("_", " ").capitalize()


# ---------------------------------------------------------------------------------------------
# What awaits a signatory (Ps 29(2), 45): Tugas saya, the home page and the approval dashboard read this
# ---------------------------------------------------------------------------------------------

PENANDATANGAN = (PELAKU_PENANDATANGAN,)


def _langkah_model(label: str) -> list:
    model = apps.get_model(label)
    return list(model._meta.get_field("tahap").get_all_transitions(model))


def langkah_penandatangan(t) -> bool:
    """A step the Wali Kota (or the holder of a surat kuasa) takes: a signature or a decision."""
    return PELAKU_PENANDATANGAN in t.custom.get("pelaku", ()) and not t.custom.get("sistem")


def nama_langkah_penandatangan() -> set[str]:
    return {t.name for label in alur.semua_tahapan() for t in _langkah_model(label) if langkah_penandatangan(t)}


def _q_langkah_penandatangan() -> Q:
    """Stages from which a signatory's step leaves, although the stage itself belongs to someone
    else (e.g. signing an amendment during pelaksanaan, Ps 34; sending directly to the Menteri, Ps 66(3)).
    Where the step's conditions carry an SQL pre-filter (`alur.kandidat_sql`), only the cases that may
    satisfy them are taken: at city scale pelaksanaan holds thousands of cases, of which a handful have an
    amendment awaiting signature."""
    kondisi = Q(pk__in=[])
    for label, tahapan in alur.semua_tahapan().items():
        model = apps.get_model(label)
        akhir = [t.kode for t in tahapan if t.akhir]
        for t in _langkah_model(label):
            if not langkah_penandatangan(t):
                continue
            dasar = (Q(kelas=label) & ~Q(tahap__in=akhir)) if t.source in ("*", "+") else Q(kelas=label, tahap=t.source)
            saring = alur.q_kandidat(t, model)
            if saring is not None:
                dasar &= Q(pk__in=model.objects.filter(saring).values("pk"))
            kondisi |= dasar
    return kondisi


def kasus_menunggu_penandatangan(*, user) -> QuerySet[KerjaSama]:
    """Cases in a stage where the signatory acts (the shared "Tugas saya" filter, restricted to
    PELAKU_PENANDATANGAN), or from which one of the signatory's steps leaves. A holder of a surat
    kuasa sees only the cases of his surat kuasa (Ps 29(2), Ps 45)."""
    kondisi = _q_langkah_penandatangan()
    tahap = _q_tugas(user, pelaku=PENANDATANGAN)
    if tahap is not None:
        kondisi |= tahap
    if not user.punya_peran(Peran.WALI_KOTA):
        kondisi &= Q(pk__in=_ids_izin_cache(user, PERM_TANDATANGANI))
    return (
        kerjasama_terlihat(user)
        .filter(kondisi)
        .select_related("perangkat_daerah", "mitra")
        .annotate(tenggat_terdekat=Min("tenggat__jatuh_tempo", filter=Q(tenggat__status=StatusTenggat.TERBUKA)))
    )
