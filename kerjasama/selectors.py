"""Every non-trivial read of the core. All of them start from the permission selector."""

from __future__ import annotations

import datetime

from django.db.models import Min, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from . import alur
from .constants import PELAKU_MITRA, PELAKU_PD, PELAKU_PENANDATANGAN, PELAKU_SISTEM, Peran, StatusTenggat
from .models import Dokumen, KerjaSama, Notifikasi, RiwayatAudit, Tenggat, VersiDokumen
from .permissions import (
    PERM_TANDATANGANI,
    _ids_dengan_izin,
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
    qs = RiwayatAudit.objects.filter(kerjasama=kerjasama).select_related("oleh").order_by("pada", "id")
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
    if not user.is_authenticated:
        return 0
    return Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True).count()


def timeline(kasus) -> list[dict]:
    """The stage timeline of a case: done, current and next, each with its Pasal."""
    daftar = [t for t in alur.tahapan(kasus._meta.label_lower)]
    kode = [t.kode for t in daftar]
    dilalui = set(RiwayatAudit.objects.filter(kerjasama=kasus).exclude(ke_tahap="").values_list("ke_tahap", flat=True))
    sekarang = kasus.tahap
    idx = kode.index(sekarang) if sekarang in kode else -1
    hasil = []
    for i, t in enumerate(daftar):
        if t.kode == sekarang:
            status = "sekarang"
        elif t.kode in dilalui or (idx >= 0 and i < idx and not t.akhir):
            status = "selesai"
        elif t.akhir:
            status = "akhir"
        else:
            status = "berikut"
        hasil.append({"tahap": t, "status": status})
    return hasil
