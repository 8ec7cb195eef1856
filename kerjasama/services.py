"""Every write of the core goes through these functions (CONVENTIONS: "Writes go through services")."""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import hashlib
import logging
import os
import re
import unicodedata
from collections.abc import Iterable

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

import filetype
from django_fsm import ConcurrentTransition

from . import alur, kalender, permissions, terjemahan
from .constants import (
    KLASIFIKASI_BAWAAN,
    PELAKU_SISTEM,
    Asal,
    CaraHitung,
    Klasifikasi,
    Peran,
    StatusDokumen,
    StatusTenggat,
)
from .exceptions import KonflikTransisi, TransisiTidakTersedia
from .models import (
    Dokumen,
    KerjaSama,
    Mitra,
    NomorUrut,
    Notifikasi,
    Pengguna,
    PerangkatDaerah,
    PerjanjianLama,
    RiwayatAudit,
    Tenggat,
    VersiDokumen,
)
from .permissions import (
    PERM_LIHAT,
    alasan_tolak_tulis_dokumen,
    beri_akses,
    dapat_melihat_dokumen,
    dapat_mengubah_klasifikasi,
    hanya_sebagai_mitra,
)

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------
# Organisations and users
# ---------------------------------------------------------------------------------------------


def perangkat_daerah_simpan(*, kode: str, nama: str, **fields) -> PerangkatDaerah:
    pd, _ = PerangkatDaerah.objects.update_or_create(kode=kode, defaults={"nama": nama, **fields})
    if pd.grup_id is None:
        pd.grup, _ = Group.objects.get_or_create(name=f"PD:{pd.kode}")
        pd.save(update_fields=["grup"])
    return pd


def mitra_simpan(*, nama: str, jenis: str, **fields) -> Mitra:
    mitra, _ = Mitra.objects.update_or_create(nama=nama, jenis=jenis, defaults=fields)
    if mitra.grup_id is None:
        mitra.grup, _ = Group.objects.get_or_create(name=f"MITRA:{mitra.pk}")
        mitra.save(update_fields=["grup"])
    return mitra


def peran_siapkan() -> None:
    """One group per role; the roles that see every case get the global view permission."""
    from django.contrib.auth.models import Permission

    from .constants import PERAN_MELIHAT_SEMUA

    lihat = Permission.objects.get(content_type__app_label="kerjasama", codename=PERM_LIHAT)
    for kode in Peran.values:
        grup, _ = Group.objects.get_or_create(name=kode)
        if kode in PERAN_MELIHAT_SEMUA:
            grup.permissions.add(lihat)


def pengguna_simpan(
    *, username: str, peran: Iterable[str], password: str | None = None,
    perangkat_daerah: PerangkatDaerah | None = None, mitra: Mitra | None = None, **fields,
) -> Pengguna:
    """Create or update a user with its roles; a PD or mitra user joins its organisation's group."""
    peran = list(peran)
    if Peran.PD in peran and perangkat_daerah is None:
        raise ValidationError({"perangkat_daerah": "Pengguna berperan PD wajib terhubung ke Perangkat Daerah."})
    if Peran.MITRA in peran and mitra is None:
        raise ValidationError({"mitra": "Pengguna berperan mitra wajib terhubung ke mitra."})
    peran_siapkan()
    user, _ = Pengguna.objects.update_or_create(
        username=username, defaults={"perangkat_daerah": perangkat_daerah, "mitra": mitra, **fields}
    )
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
    groups = list(Group.objects.filter(name__in=peran))
    if perangkat_daerah is not None and perangkat_daerah.grup_id:
        groups.append(perangkat_daerah.grup)
    if mitra is not None and mitra.grup_id:
        groups.append(mitra.grup)
    user.groups.set(groups)
    user.__dict__.pop("_peran_cache", None)
    return user


def pengguna_peran(*peran: str):
    """Active users holding any of these roles."""
    return Pengguna.objects.filter(is_active=True, groups__name__in=peran).distinct()


# ---------------------------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------------------------


def nomor_berikut(*, jenis: str, tahun: int | None = None) -> str:
    """KS/2026/KSDD/0007: numbered per year and kind, under a row lock so that two never collide."""
    tahun = tahun or timezone.localdate().year
    awalan = f"KS/{tahun}/{jenis}/"
    with transaction.atomic():
        NomorUrut.objects.get_or_create(awalan=awalan)
        urut = NomorUrut.objects.select_for_update().get(awalan=awalan)
        urut.terakhir += 1
        urut.save(update_fields=["terakhir"])
        return f"{awalan}{urut.terakhir:04d}"


@transaction.atomic
def kerjasama_buat(*, model: type[KerjaSama], by, tahap: str, judul: str, jenis: str, **fields) -> KerjaSama:
    """Create a case of a kind's model in its first stage, give its PD and mitra access, audit it."""
    kasus = model(judul=judul, jenis=jenis, tahap=tahap, dibuat_oleh=by, **fields)
    kasus.nomor = nomor_berikut(jenis=jenis)
    kasus.kelas = model._meta.label_lower
    kasus.tahap_sejak = timezone.now()
    kasus.full_clean(exclude=["tahap"])  # the stage is protected: only transitions set it
    kasus.save()
    kerjasama_sinkron_akses(kerjasama=kasus)
    audit_catat(
        kerjasama=kasus, aksi="dibuat", oleh=by, ke_tahap=tahap,
        komentar=f"Kerja sama {kasus.nomor} dicatat.",
    )
    return kasus


def kerjasama_sinkron_akses(*, kerjasama: KerjaSama) -> None:
    """The PD Pemrakarsa's group and the mitra's group see the case."""
    if kerjasama.perangkat_daerah_id and kerjasama.perangkat_daerah.grup_id:
        beri_akses(kerjasama, grup=kerjasama.perangkat_daerah.grup)
    if kerjasama.mitra_id and kerjasama.mitra.grup_id:
        beri_akses(kerjasama, grup=kerjasama.mitra.grup)


@transaction.atomic
def perjanjian_lama_buat(*, by, judul: str, jenis: str, perangkat_daerah, mitra, tanggal_penandatanganan,
                         tanggal_mulai, tanggal_berakhir, **fields) -> PerjanjianLama:
    """A legacy agreement enters straight into pelaksanaan, so that supervision covers it (Ps 85)."""
    if not dapat_bertindak_peran(by, Peran.SEKRETARIAT_TKKSD):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mencatat perjanjian lama.")
    kasus = kerjasama_buat(
        model=PerjanjianLama, by=by, tahap="pelaksanaan", judul=judul, jenis=jenis,
        perangkat_daerah=perangkat_daerah, mitra=mitra, asal=Asal.LEGACY,
        tanggal_penandatanganan=tanggal_penandatanganan, tanggal_mulai=tanggal_mulai,
        tanggal_berakhir=tanggal_berakhir, **fields,
    )
    kerjasama_mulai_masa_berlaku(kerjasama=kasus)
    for efek in alur.efek_masuk("pelaksanaan"):
        efek(kasus=kasus, by=by)
    return kasus


@transaction.atomic
def kewajiban_atur(*, kerjasama: KerjaSama, by, daftar: list[dict]) -> list:
    """Replace the obligations list of a case (rows: pihak, uraian, dasar). Audited."""
    from .models import Kewajiban

    baris = []
    for i, row in enumerate(daftar, start=1):
        k = Kewajiban(kerjasama=kerjasama, pihak=row.get("pihak", ""), uraian=row.get("uraian", ""),
                      dasar=row.get("dasar", ""), urutan=i)
        k.full_clean(exclude=["kerjasama"])
        baris.append(k)
    kerjasama.kewajiban.all().delete()
    Kewajiban.objects.bulk_create(baris)
    audit_catat(kerjasama=kerjasama, aksi="kewajiban_diatur", oleh=by,
                komentar=f"{len(baris)} kewajiban dicatat.", data={"kewajiban": daftar})
    return baris


def dapat_bertindak_peran(user, *peran) -> bool:
    return bool(user and user.is_authenticated and user.punya_peran(*peran))


def kerjasama_mulai_masa_berlaku(*, kerjasama: KerjaSama) -> Tenggat | None:
    """Ps 26(1), 42(1), 78(1): the term's end is a deadline; the sweep ends the case when it passes."""
    if not kerjasama.tanggal_berakhir:
        return None
    return tenggat_mulai(
        aturan="masa_berlaku_perjanjian", kerjasama=kerjasama,
        mulai=kerjasama.tanggal_mulai or kerjasama.tanggal_penandatanganan or timezone.localdate(),
        jatuh_tempo=kalender.akhir_hari(kerjasama.tanggal_berakhir),
    )


@alur.saat_masuk("selesai")
def _saat_selesai_masa_berlaku_berhenti(*, kasus, by):
    """Ps 78(2), 79: a cooperation ended by a person before its term runs out no longer has a term to count
    down: its masa_berlaku deadline is closed now, so that no "berakhir dalam 30 hari" reminder goes out
    about an agreement already ended. When the sweep ends it at the term (`by` is None) it closes that very
    deadline itself."""
    if by is None:
        return
    Tenggat.objects.filter(aturan="masa_berlaku_perjanjian", kerjasama_id=kasus.pk, status=StatusTenggat.TERBUKA).update(
        status=StatusTenggat.DISELESAIKAN_SISTEM, diselesaikan_pada=timezone.now(), peringatan_berikut=None,
        catatan=f"Kerja sama diakhiri sebelum masa berlakunya habis (tanggal berakhir {kasus.tanggal_selesai or '—'}).",
    )


# ---------------------------------------------------------------------------------------------
# Transitions
# ---------------------------------------------------------------------------------------------


def transisi_cari(kasus, nama: str):
    """The transition `nama` from the case's current stage, or None."""
    for t in kasus.get_all_tahap_transitions():
        if t.name == nama and t.source in (kasus.tahap, "*", "+"):
            return t
    return None


def transisi_tersedia(kasus, user) -> list:
    """The transitions `user` may take now: the same machine for the UI and the API."""
    return [t for t in kasus.get_available_user_tahap_transitions(user) if not t.custom.get("sistem")]


def _kunci(kasus):
    model = type(kasus)
    return model.objects.select_for_update().get(pk=kasus.pk)


def kasus_kunci(kerjasama: KerjaSama):
    """The concrete case of a registry row (`kerjasama.kelas`), row-locked, in one query: what
    `_kunci(kerjasama.kasus())` does without first reading the case unlocked (the deadline rules'
    actions call it once per due deadline)."""
    return apps.get_model(kerjasama.kelas).objects.select_for_update().get(pk=kerjasama.pk)


def pesan_tidak_tersedia(kasus, nama: str, bawaan: str) -> str:
    """Why step `nama` cannot be taken now: the case model may explain it precisely (e.g. "dianggap
    disetujui pada …", Ps 65(3)) through `pesan_langkah_tidak_tersedia(nama)`; else `bawaan`."""
    fn = getattr(kasus, "pesan_langkah_tidak_tersedia", None)
    return (fn(nama) if callable(fn) else None) or bawaan


def transisi_jalankan(*, kasus, nama: str, by, data: dict | None = None, files=None, tahap_diharapkan: str | None = None):
    """Take transition `nama` on `kasus` for `by`: atomic, locked, permission-checked, validated,
    audited; side effects registered with `alur.setelah` run in the same transaction and
    notifications go out after the commit.

    409 when the stage moved on (the case changed meanwhile) or the transition is not available
    there; 403 when the user may not take it; ValidationError (400) for bad fields.
    """
    # A web form posts a QueryDict: dict() of it would make every value a list (a 500 on any
    # transition taken from the web form); the form reads a QueryDict as it is.
    data = data if hasattr(data, "getlist") else dict(data or {})
    tahap_diharapkan = tahap_diharapkan or kasus.tahap
    try:
        with transaction.atomic():
            terkunci = _kunci(kasus)
            if terkunci.tahap != tahap_diharapkan:
                raise KonflikTransisi(pesan_tidak_tersedia(
                    terkunci, nama,
                    f"Kerja sama ini sudah berpindah ke tahap \u201c{terkunci.tahap}\u201d sementara itu. Muat ulang halaman.",
                ))
            t = transisi_cari(terkunci, nama)
            if t is None or t.custom.get("sistem"):
                raise TransisiTidakTersedia(pesan_tidak_tersedia(
                    terkunci, nama, f"Langkah \u201c{nama}\u201d tidak tersedia pada tahap \u201c{terkunci.tahap}\u201d."
                ))
            if not t.has_perm(terkunci, by):
                raise PermissionDenied("Anda tidak berwenang mengambil langkah ini.")
            if not getattr(terkunci, nama)._django_fsm.conditions_met(terkunci, terkunci.tahap):
                raise TransisiTidakTersedia(pesan_tidak_tersedia(
                    terkunci, nama, f"Syarat langkah \u201c{t.custom.get('label', nama)}\u201d belum terpenuhi pada tahap ini."
                ))
            form = alur.buat_form(alur.isian_transisi(t), kasus=terkunci, data=data, files=files,
                                  user=by if by is not None and getattr(by, "is_authenticated", False) else None)
            if not form.is_valid():
                raise ValidationError({k: [e["message"] for e in v] for k, v in form.errors.get_json_data().items()})
            # Rules the apps lay over steps (alur.PenjagaLangkah), e.g. tte: a signing step closes only on a
            # signed text (issue 13). Before anything changes: a refusal leaves stage, documents and audit as they were.
            for penjaga in alur.penjaga_langkah(t):
                penjaga.periksa(kasus=terkunci, t=t, by=by, data=form.cleaned_data)
            return _jalankan(terkunci, t, by=by, cleaned=form.cleaned_data)
    except ConcurrentTransition as exc:
        raise KonflikTransisi("Kerja sama ini diubah oleh pengguna lain sementara itu. Muat ulang halaman.") from exc
    except OperationalError as exc:
        # SQLite (the embedded default) answers a lost race with "database is locked" once its wait ran
        # out: the same conflict as a row lock lost on PostgreSQL, hence 409, never a 500 (issue 12 item 7).
        if "locked" not in str(exc).lower():
            raise
        raise KonflikTransisi("Kerja sama ini sedang diubah oleh pengguna lain. Muat ulang halaman dan coba lagi.") from exc


def _nilai_kolom(kasus) -> dict:
    return {f.attname: getattr(kasus, f.attname) for f in kasus._meta.concrete_fields}


def _simpan_transisi_sistem(kasus, sebelum: dict) -> None:
    """Validate and save only what a system transition set (the stage, its moment, the fields its
    method changed). The system vouches for nothing else: re-validating the fields it left alone
    would re-check data accepted long ago (the unique nomor, the PD/mitra/creator foreign keys:
    four queries per due deadline in the sweep) and let one old inconsistency in an unrelated
    field hold a legal clock back for good. A user's transition keeps the full validation."""
    berubah = {"tahap", "tahap_sejak"}
    for f in kasus._meta.concrete_fields:
        nilai = getattr(kasus, f.attname)
        # A mutable value (JSON) may have been changed in place: counted as changed.
        if nilai != sebelum[f.attname] or isinstance(nilai, (dict, list, set)):
            berubah.add(f.name)
    kasus.full_clean(exclude=[f.name for f in kasus._meta.concrete_fields if f.name not in berubah or f.name == "tahap"])
    kasus.save(update_fields=[*sorted(berubah), "diubah_pada"])


def _jalankan(kasus, t, *, by, cleaned: dict, komentar_sistem: str = "", sistem: bool = False):
    komentar = cleaned.pop("komentar", "") or komentar_sistem
    dari = kasus.tahap
    sebelum = _nilai_kolom(kasus) if sistem else None
    method = getattr(kasus, t.name)
    method(by=by, data=cleaned)  # may raise ValidationError: the transaction rolls back
    kasus.tahap_sejak = timezone.now()
    if sistem:
        _simpan_transisi_sistem(kasus, sebelum)
    else:
        kasus.full_clean(exclude=["tahap"])
        kasus.save()
    ke = kasus.tahap
    audit_catat(
        kerjasama=kasus, aksi=t.name, oleh=by, dari_tahap=dari, ke_tahap=ke,
        komentar=komentar, dasar_hukum=t.custom.get("pasal", ""),
        data={"label": str(t.custom.get("label", t.name)), "isian": alur.nilai_json(cleaned)},
    )
    for efek in alur.efek_setelah(kasus._meta.label_lower, t.name):
        efek(kasus=kasus, by=by, data=cleaned, dari=dari)
    if ke != dari:
        for efek in alur.efek_masuk(ke):
            efek(kasus=kasus, by=by)
    notifikasi_tahap_baru(kasus=kasus, oleh=by)
    return kasus


def transisi_sistem(*, kasus, nama: str, alasan: str, data: dict | None = None):
    """A transition the system takes (deadline sweep, automatic branch). Must be called inside a
    transaction holding the case's row lock; audited with `oleh` empty and the reason."""
    t = transisi_cari(kasus, nama)
    if t is None:
        raise TransisiTidakTersedia(f"Langkah sistem \u201c{nama}\u201d tidak tersedia pada tahap {kasus.tahap}.")
    if not getattr(kasus, nama)._django_fsm.conditions_met(kasus, kasus.tahap):
        raise TransisiTidakTersedia(f"Syarat langkah sistem \u201c{nama}\u201d tidak terpenuhi.")
    return _jalankan(kasus, t, by=None, cleaned=dict(data or {}), komentar_sistem=alasan, sistem=True)


def transisi_otomatis(*, kasus, alasan: str = "") -> None:
    """Follow the system branches from the current stage (e.g. Ps 27: is DPRD approval needed?)
    until the case rests in a stage where a person acts. At most one branch may hold."""
    for _ in range(10):
        sistem = [
            t for t in kasus.get_available_tahap_transitions() if t.custom.get("sistem") and t.custom.get("otomatis", True)
        ]
        otomatis = [t for t in sistem if getattr(kasus, t.name)._django_fsm.conditions_met(kasus, kasus.tahap)]
        if not otomatis or not alur.info_tahap(kasus._meta.label_lower, kasus.tahap).pelaku == (PELAKU_SISTEM,):
            return
        t = otomatis[0]
        _jalankan(kasus, t, by=None, cleaned={}, komentar_sistem=alasan or str(t.custom.get("keterangan") or t.custom.get("label")),
                  sistem=True)


# ---------------------------------------------------------------------------------------------
# Audit
# ---------------------------------------------------------------------------------------------


def audit_catat(*, aksi: str, oleh=None, kerjasama=None, objek=None, dari_tahap: str = "", ke_tahap: str = "",
                komentar: str = "", dasar_hukum: str = "", data: dict | None = None,
                objek_tipe_id: int | None = None, objek_id: int | None = None) -> RiwayatAudit:
    """One audit row. The record concerned is `objek`, or (without loading it) `objek_tipe_id`/`objek_id`."""
    entry = RiwayatAudit(
        kerjasama=kerjasama, aksi=aksi, oleh=oleh if (oleh and oleh.is_authenticated) else None,
        dari_tahap=dari_tahap, ke_tahap=ke_tahap, komentar=komentar, dasar_hukum=dasar_hukum, data=data or {},
        objek_tipe_id=objek_tipe_id, objek_id=objek_id,
    )
    if objek is not None:
        entry.objek_tipe = ContentType.objects.get_for_model(objek)
        entry.objek_id = objek.pk
    tertunda = _audit_tertunda.get()
    if tertunda is not None:
        # Inside a sweep batch: written with the batch's other rows, in its transaction (_tenggat_jatuh_tempo).
        tertunda.append(entry)
    else:
        entry.save()
    return entry


# ---------------------------------------------------------------------------------------------
# Notifications
# ---------------------------------------------------------------------------------------------


def notifikasi_kirim(*, penerima: Iterable, judul: str | dict, pesan: str | dict = "", tautan: str = "", kerjasama=None,
                     jenis: str = "informasi", kunci: str = "") -> None:
    """In-app and e-mail notification, created by a Celery task after the transaction commits
    (never inside it: a rollback must not leave a message about something that did not happen)."""
    ids = sorted({u.pk for u in penerima if u is not None and u.is_active})
    if not ids:
        return
    from .tasks import kirim_notifikasi

    ks_id = kerjasama.pk if kerjasama is not None else None
    transaction.on_commit(
        lambda: kirim_notifikasi.delay(penerima_ids=ids, judul=judul, pesan=pesan, tautan=tautan, kerjasama_id=ks_id,
                                       jenis=jenis, kunci=kunci)
    )


# Within one sweep, the recipients of an actor code per PD/mitra/role are read once, not once per due
# deadline (a sweep after downtime tells the same Sekretariat about hundreds of cases). Set only by
# `tenggat_sweep`, for its own duration; everywhere else each call reads the database.
_penerima_sapuan: contextvars.ContextVar[dict | None] = contextvars.ContextVar("_penerima_sapuan", default=None)


def _pengguna_tersimpan(kunci: tuple, baca) -> set:
    cache = _penerima_sapuan.get()
    if cache is None:
        return set(baca())
    if kunci not in cache:
        cache[kunci] = frozenset(baca())
    return set(cache[kunci])


def pengguna_untuk_pelaku(kerjasama, pelaku: Iterable[str]):
    """The users who act on a stage with these actors and may open the case (the rule lives in
    permissions.penerima_kasus; here the sweep's once-per-sweep cache is plugged in)."""
    return permissions.penerima_kasus(kerjasama, tuple(pelaku), tersimpan=_pengguna_tersimpan)


def notifikasi_tahap_baru(*, kasus, oleh=None) -> None:
    """After every step: the action notifications of the stage the case left are resolved (the step was done, by
    whoever did it); those who act in the new stage are asked to act."""
    tahap = alur.info_tahap(kasus._meta.label_lower, kasus.tahap)
    notifikasi_selesaikan_kasus(kasus=kasus)
    if not tahap.pelaku or tahap.pelaku == (PELAKU_SISTEM,):
        return
    penerima = [u for u in pengguna_untuk_pelaku(kasus, tahap.pelaku) if u != oleh]
    notifikasi_kirim(
        penerima=penerima, kerjasama=kasus, jenis=Notifikasi.Jenis.TINDAKAN, kunci=f"tahap:{kasus.tahap}",
        # Rendered per recipient in their interface language (issue 14; kerjasama.terjemahan).
        judul=terjemahan.pesan(gettext_noop("Menunggu tindakan Anda: %(nomor)s — %(tahap)s"), label=("tahap",), nomor=kasus.nomor,
                               tahap=tahap.label),
        pesan=terjemahan.pesan(gettext_noop("%(judul)s\nTahap: %(tahap)s (%(pasal)s)") if tahap.pasal
                               else gettext_noop("%(judul)s\nTahap: %(tahap)s"), label=("tahap",),
                               judul=kasus.judul, tahap=tahap.label, **({"pasal": tahap.pasal} if tahap.pasal else {})),
        tautan=f"/kerjasama/{kasus.pk}/",
    )


def notifikasi_selesaikan_kasus(*, kasus, now=None) -> int:
    """Resolve the action notifications of a case whose step is done or no longer possible: those about a stage the
    case has left (all of them once it reaches a final stage), and those about a deadline that is met or closed by
    the system. Runs inside the step's transaction: a rolled-back step leaves them open."""
    now = now or timezone.now()
    tahap = alur.info_tahap(kasus._meta.label_lower, kasus.tahap)
    tertunda = _notifikasi_tertunda.get()
    if tertunda is not None:
        # Inside a sweep batch: resolved for the whole batch at its end (one or two updates, not two per case).
        tertunda.append((kasus.pk, kasus.tahap, tahap.akhir))
        return 0
    terbuka = Notifikasi.objects.filter(kerjasama_id=kasus.pk, jenis=Notifikasi.Jenis.TINDAKAN, selesai_pada__isnull=True)
    if tahap.akhir:
        return terbuka.update(selesai_pada=now, selesai_alasan=f"Kerja sama pada tahap akhir: {tahap.label}.")
    jumlah = terbuka.filter(kunci__startswith="tahap:").exclude(kunci=f"tahap:{kasus.tahap}").update(
        selesai_pada=now, selesai_alasan=f"Langkah telah dilakukan; kini tahap {tahap.label}.")
    return jumlah + _notifikasi_selesaikan_tenggat(terbuka, now=now)


def _notifikasi_selesaikan_tenggat(qs, *, now) -> int:
    """Action notifications about a deadline that no longer waits (met, closed or replaced by the system, gone)."""
    per_tenggat: dict[int, list[int]] = {}
    for pk, kunci in qs.filter(kunci__startswith="tenggat:").values_list("pk", "kunci"):
        nomor = kunci.removeprefix("tenggat:")
        if nomor.isdigit():
            per_tenggat.setdefault(int(nomor), []).append(pk)
    if not per_tenggat:
        return 0
    masih = set(Tenggat.objects.filter(pk__in=per_tenggat, status__in=(StatusTenggat.TERBUKA, StatusTenggat.LEWAT))
                .values_list("pk", flat=True))
    ids = [pk for t, pks in per_tenggat.items() if t not in masih for pk in pks]
    if not ids:
        return 0
    return Notifikasi.objects.filter(pk__in=ids).update(selesai_pada=now, selesai_alasan="Tenggat telah dipenuhi atau ditutup.")


def notifikasi_tandai_dibaca(*, user, notifikasi_id: int | None = None) -> int:
    qs = Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True)
    if notifikasi_id is not None:
        qs = qs.filter(pk=notifikasi_id)
    return qs.update(dibaca_pada=timezone.now())


# ---------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------

# Content types accepted, decided from the bytes (filetype), with the extensions that may carry them.
TIPE_DITERIMA = {
    "application/pdf": ("pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
    "application/vnd.oasis.opendocument.text": ("odt",),
    "image/jpeg": ("jpg", "jpeg"),
    "image/png": ("png",),
}
NAMA_TIPE = "PDF, DOCX, XLSX, ODT, JPG atau PNG"


NAMA_BERKAS_MAKS = 150


def nama_berkas_aman(nama: str, maks: int = NAMA_BERKAS_MAKS) -> str:
    """Keep a display name without paths, control characters or surprises. A long name is shortened in
    its stem and keeps its extension (cutting at 150 characters dropped the extension of a genuine
    151-character name, which was then refused as "Ekstensi … tidak sesuai", issue 12 item 7)."""
    nama = unicodedata.normalize("NFKC", os.path.basename(nama.replace("\\", "/"))).strip()
    nama = re.sub(r"[^\w.\- ()]+", "_", nama).lstrip(".")
    if len(nama) > maks:
        batang, titik, ext = nama.rpartition(".")
        if titik and batang and 0 < len(ext) <= 10:
            nama = batang[: maks - len(ext) - 1].rstrip(" .") + "." + ext
        else:
            nama = nama[:maks]
    return nama or "berkas"


def _deteksi_tipe(head: bytes) -> str | None:
    kind = filetype.guess(head)
    return kind.mime if kind else None


def dokumen_validasi_berkas(berkas) -> tuple[str, str]:
    """Check an upload by its content: not empty, not too large, one of the accepted types,
    and the extension must match what the bytes are. Returns (safe name, content type)."""
    nama = nama_berkas_aman(getattr(berkas, "name", "") or "berkas")
    ukuran = berkas.size
    if not ukuran:
        raise ValidationError({"berkas": "Berkas kosong. Pilih berkas yang berisi dokumen."})
    maks = settings.DOKUMEN_MAX_BYTES
    if ukuran > maks:
        raise ValidationError({"berkas": f"Berkas terlalu besar ({ukuran / 1048576:.1f} MB); batasnya {maks // 1048576} MB."})
    berkas.seek(0)
    head = berkas.read(8192)
    berkas.seek(0)
    tipe = _deteksi_tipe(head)
    if tipe not in TIPE_DITERIMA:
        raise ValidationError({"berkas": f"Isi berkas bukan {NAMA_TIPE}; berkas ditolak meskipun namanya \u201c{nama}\u201d."})
    ext = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    if ext not in TIPE_DITERIMA[tipe]:
        raise ValidationError({"berkas": f"Ekstensi \u201c.{ext}\u201d tidak sesuai dengan isi berkas ({TIPE_DITERIMA[tipe][0].upper()})."})
    return nama, tipe


def _simpan_versi(*, dokumen: Dokumen, konten: bytes | None, berkas, nama: str, tipe: str, by, status: str,
                  dihasilkan_sistem: bool, keterangan: str) -> VersiDokumen:
    sha = hashlib.sha256()
    if konten is not None:
        sha.update(konten)
        ukuran = len(konten)
        isi = ContentFile(konten, name=nama)
    else:
        berkas.seek(0)
        for chunk in berkas.chunks():
            sha.update(chunk)
        ukuran = berkas.size
        berkas.seek(0)
        isi = berkas
    nomor = (dokumen.versi.aggregate(m=Max("nomor_versi"))["m"] or 0) + 1
    versi = VersiDokumen(
        dokumen=dokumen, nomor_versi=nomor, nama_berkas=nama, tipe_konten=tipe, ukuran=ukuran,
        sha256=sha.hexdigest(), status=status, dihasilkan_sistem=dihasilkan_sistem,
        keterangan=keterangan, diunggah_oleh=by if (by and by.is_authenticated) else None,
    )
    versi.berkas.save(nama, isi, save=False)
    try:
        versi.save()
    except Exception:
        # The row did not make it: the stored file must not stay behind as an orphan.
        versi.berkas.storage.delete(versi.berkas.name)
        raise
    return versi


@contextlib.contextmanager
def _hapus_berkas_bila_gagal(versi: VersiDokumen):
    """The rest of the service failed after the file was stored: this transaction rolls back, so the
    file goes too (no orphan from an error inside the request; issue 8, item 5)."""
    try:
        yield
    except BaseException:
        versi.berkas.storage.delete(versi.berkas.name)
        raise


def berkas_yatim_bersihkan(*, lebih_tua_dari: datetime.timedelta = datetime.timedelta(hours=6)) -> list[str]:
    """Delete stored files that no version row points to (an outer transaction rolled back after
    the file was written). Run daily by Celery beat; only files older than `lebih_tua_dari`, so
    that an upload in flight is never touched."""
    from django.core.files.storage import default_storage

    terpakai = set(VersiDokumen.objects.values_list("berkas", flat=True))
    batas = timezone.now() - lebih_tua_dari
    dihapus: list[str] = []

    def telusuri(folder: str):
        try:
            dirs, files = default_storage.listdir(folder)
        except FileNotFoundError:
            return
        for d in dirs:
            telusuri(f"{folder}/{d}")
        for f in files:
            path = f"{folder}/{f}"
            if path not in terpakai and default_storage.get_modified_time(path) < batas:
                default_storage.delete(path)
                dihapus.append(path)

    telusuri("dokumen")
    return dihapus


def _klasifikasi_awal(*, jenis: str, by, klasifikasi: str | None, dibagikan_mitra: bool | None) -> tuple[str, bool]:
    """A new document's classification and sharing: what the caller says, else its type's default
    (constants.KLASIFIKASI_BAWAAN); a partner's own upload is always shared with it."""
    bawaan_klasifikasi, bawaan_dibagikan = KLASIFIKASI_BAWAAN.get(jenis, (Klasifikasi.TERBATAS, False))
    klasifikasi = klasifikasi or bawaan_klasifikasi
    dibagikan = bawaan_dibagikan if dibagikan_mitra is None else dibagikan_mitra
    if by is not None and getattr(by, "is_authenticated", False) and hanya_sebagai_mitra(by):
        dibagikan = True
    return klasifikasi, dibagikan


@transaction.atomic
def dokumen_unggah(*, by, berkas, jenis: str, judul: str = "", kerjasama: KerjaSama | None = None,
                   pemilik=None, dokumen: Dokumen | None = None, status: str = StatusDokumen.DRAFT,
                   keterangan: str = "", periksa_izin: bool = True, klasifikasi: str | None = None,
                   dibagikan_mitra: bool | None = None, mengoreksi: Dokumen | None = None,
                   alasan_koreksi: str = "") -> VersiDokumen:
    """Upload a document (or a new version of `dokumen`, or a correction of a signed/archived one).
    Validated from the bytes; nothing is stored when it is refused; a new version never erases the old
    one. Who may is one rule (permissions.alasan_tolak_tulis_dokumen), asked here for every caller:
    views, the API, transitions and the apps' services alike (`periksa_izin=False` only for a service
    that has already decided with its own, stricter rule)."""
    if dokumen is not None:
        # Locked: a signature or an archive step running at the same time must not be overtaken.
        dokumen = Dokumen.objects.select_for_update().get(pk=dokumen.pk)
        kerjasama = dokumen.kerjasama
        pemilik = None
    if periksa_izin:
        if dokumen is not None and not dapat_melihat_dokumen(by, dokumen):
            raise PermissionDenied("Dokumen tidak ditemukan.")
        alasan = alasan_tolak_tulis_dokumen(by, jenis=jenis, kerjasama=kerjasama, pemilik=pemilik, dokumen=dokumen,
                                            status=status)
        if alasan:
            raise PermissionDenied(alasan)
    elif dokumen is not None and dokumen.versi_terkunci is not None:
        raise PermissionDenied("Versi terakhir dokumen ini sudah ditandatangani atau diarsipkan; unggah koreksinya "
                               "sebagai dokumen baru.")
    if mengoreksi is not None:
        if dokumen is not None:
            raise ValidationError({"mengoreksi": "Koreksi adalah dokumen baru, bukan versi baru."})
        if mengoreksi.kerjasama_id != (kerjasama.pk if kerjasama else None) or (
                periksa_izin and not dapat_melihat_dokumen(by, mengoreksi)):
            raise ValidationError({"mengoreksi": "Dokumen yang dikoreksi tidak ditemukan pada kerja sama ini."})
        if not (alasan_koreksi or "").strip():
            raise ValidationError({"alasan_koreksi": "Tuliskan alasan koreksi."})
    nama, tipe = dokumen_validasi_berkas(berkas)
    baru = dokumen is None
    if baru:
        if mengoreksi is not None and klasifikasi is None and dibagikan_mitra is None:
            klasifikasi, dibagikan_mitra = mengoreksi.klasifikasi, mengoreksi.dibagikan_mitra
        klas, dibagikan = _klasifikasi_awal(jenis=jenis, by=by, klasifikasi=klasifikasi,
                                            dibagikan_mitra=dibagikan_mitra)
        dokumen = Dokumen(kerjasama=kerjasama, jenis=jenis, judul=judul or nama, klasifikasi=klas,
                          dibagikan_mitra=dibagikan, mengoreksi=mengoreksi, alasan_koreksi=alasan_koreksi or "")
        if pemilik is not None:
            dokumen.pemilik = pemilik
        dokumen.full_clean()
        dokumen.save()
    versi = _simpan_versi(dokumen=dokumen, konten=None, berkas=berkas, nama=nama, tipe=tipe, by=by,
                          status=status, dihasilkan_sistem=False, keterangan=keterangan)
    with _hapus_berkas_bila_gagal(versi):
        data = {"dokumen": dokumen.pk, "versi": versi.nomor_versi, "sha256": versi.sha256}
        komentar = f"{dokumen.get_jenis_display()}: {dokumen.judul} (versi {versi.nomor_versi})"
        if baru and mengoreksi is not None:
            data["mengoreksi"] = mengoreksi.pk
            komentar += f"; koreksi atas dokumen #{mengoreksi.pk}: {alasan_koreksi}"
        audit_catat(kerjasama=kerjasama, objek=pemilik, aksi="dokumen_diunggah", oleh=by, komentar=komentar,
                    data=data)
    return versi


# Hooks an app registers to finish every generated PDF: `fn(*, konten, judul, jenis) -> (konten, setelah)`
# where `setelah(versi)` runs once the version is stored (same transaction). Registered in AppConfig.ready().
_PASCA_HASILKAN: list = []


def daftar_pasca_hasilkan(fn):
    if fn not in _PASCA_HASILKAN:
        _PASCA_HASILKAN.append(fn)
    return fn


@transaction.atomic
def dokumen_ubah_klasifikasi(*, dokumen: Dokumen, by, klasifikasi: str, dibagikan_mitra: bool,
                             alasan: str) -> Dokumen:
    """The Sekretariat changes one document's ANRI classification and/or its sharing with the partner,
    with a reason; audited (who, when, from, to, why)."""
    dokumen = Dokumen.objects.select_for_update().get(pk=dokumen.pk)
    if not dapat_mengubah_klasifikasi(by, dokumen):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mengubah klasifikasi dan pembagian dokumen.")
    if not (alasan or "").strip():
        raise ValidationError({"alasan": "Tuliskan alasan perubahan klasifikasi."})
    if klasifikasi not in Klasifikasi.values:
        raise ValidationError({"klasifikasi": "Klasifikasi tidak dikenal."})
    dari = {"klasifikasi": dokumen.klasifikasi, "dibagikan_mitra": dokumen.dibagikan_mitra}
    dokumen.klasifikasi, dokumen.dibagikan_mitra = klasifikasi, bool(dibagikan_mitra)
    if dari == {"klasifikasi": dokumen.klasifikasi, "dibagikan_mitra": dokumen.dibagikan_mitra}:
        raise ValidationError({"klasifikasi": "Tidak ada yang berubah."})
    dokumen.full_clean()
    dokumen.save(update_fields=["klasifikasi", "dibagikan_mitra"])
    label = dict(Klasifikasi.choices)

    def uraian(d):
        return f"{label[d['klasifikasi']]}, {'dibagikan' if d['dibagikan_mitra'] else 'tidak dibagikan'} dengan mitra"

    ke = {"klasifikasi": dokumen.klasifikasi, "dibagikan_mitra": dokumen.dibagikan_mitra}
    audit_catat(kerjasama=dokumen.kerjasama, objek=None if dokumen.kerjasama_id else dokumen.pemilik,
                aksi="dokumen_klasifikasi_diubah", oleh=by,
                komentar=f"{dokumen.get_jenis_display()}: {dokumen.judul}: {uraian(dari)} → {uraian(ke)}. Alasan: {alasan}",
                # internal: the partner is not told that a paper was withheld from it or later shared
                data={"dokumen": dokumen.pk, "dari": dari, "ke": ke, "internal": True})
    return dokumen


@transaction.atomic
def dokumen_hasilkan(*, by, template: str, context: dict, jenis: str, judul: str,
                     kerjasama: KerjaSama | None = None, pemilik=None, dokumen: Dokumen | None = None,
                     nama_berkas: str | None = None, landscape: bool = False) -> VersiDokumen:
    """Render a Django template to PDF (formal Indonesian layout) and store it as a document version."""
    from .pdf import render_pdf

    konten = render_pdf(template, context)
    setelah = []
    for hook in _PASCA_HASILKAN:  # e.g. tte: QR code + verification code on every generated official document
        konten, fn = hook(konten=konten, judul=judul, jenis=jenis)
        setelah.append(fn)
    if dokumen is None:
        dokumen = Dokumen.objects.filter(kerjasama=kerjasama, jenis=jenis, judul=judul).order_by("-pk").first() if (
            kerjasama) else None
    if dokumen is not None and dokumen.versi_terkunci is not None:
        # A signed or archived document is never re-versioned, not even by the system: a fresh one instead.
        dokumen = None
    if dokumen is None:
        klas, dibagikan = _klasifikasi_awal(jenis=jenis, by=None, klasifikasi=None, dibagikan_mitra=None)
        dokumen = Dokumen(kerjasama=kerjasama, jenis=jenis, judul=judul, klasifikasi=klas, dibagikan_mitra=dibagikan)
        if pemilik is not None:
            dokumen.pemilik = pemilik
        dokumen.save()
    nama = nama_berkas or f"{re.sub(r'[^A-Za-z0-9]+', '-', judul).strip('-').lower()[:80] or 'dokumen'}.pdf"
    versi = _simpan_versi(dokumen=dokumen, konten=konten, berkas=None, nama=nama, tipe="application/pdf", by=by,
                          status=StatusDokumen.DRAFT, dihasilkan_sistem=True, keterangan="Dihasilkan oleh SIKSD")
    with _hapus_berkas_bila_gagal(versi):
        for fn in setelah:
            fn(versi)
        audit_catat(kerjasama=kerjasama, objek=pemilik, aksi="dokumen_dihasilkan", oleh=by,
                    komentar=f"{dokumen.get_jenis_display()}: {judul} (versi {versi.nomor_versi})",
                    data={"dokumen": dokumen.pk, "versi": versi.nomor_versi, "sha256": versi.sha256})
    return versi


# ---------------------------------------------------------------------------------------------
# Deadlines
# ---------------------------------------------------------------------------------------------


def tenggat_mulai(*, aturan: str, mulai: datetime.date, kerjasama: KerjaSama | None = None, objek=None,
                  jatuh_tempo: datetime.datetime | None = None, judul: str = "", cara_hitung: str | None = None) -> Tenggat:
    """Start a deadline's clock: its due moment is computed now and stored (CONVENTIONS "Deadlines").
    An open deadline of the same rule on the same case/object is replaced (the clock restarts)."""
    from .deadlines import aturan_tenggat

    rule = aturan_tenggat(aturan)
    cara = cara_hitung or rule.cara_hitung or settings.SIKSD_CARA_HITUNG_HARI
    if jatuh_tempo is None:
        jatuh_tempo = rule.hitung_jatuh_tempo(mulai, cara)
    qs = Tenggat.objects.filter(aturan=aturan, status=StatusTenggat.TERBUKA, kerjasama=kerjasama)
    if objek is not None:
        qs = qs.filter(objek_tipe=ContentType.objects.get_for_model(objek), objek_id=objek.pk)
    qs.update(status=StatusTenggat.DISELESAIKAN_SISTEM, diselesaikan_pada=timezone.now(),
              catatan="Diganti oleh tenggat baru.")
    tenggat = Tenggat(
        aturan=aturan, dasar_hukum=rule.dasar_hukum, judul=judul or rule.judul, kerjasama=kerjasama,
        mulai=mulai, jatuh_tempo=jatuh_tempo, cara_hitung=cara if rule.satuan_hari else CaraHitung.KALENDER,
    )
    if objek is not None:
        tenggat.objek = objek
    tenggat.peringatan_berikut = rule.peringatan_berikut(tenggat, setelah=timezone.now())
    tenggat.save()
    return tenggat


def tenggat_penuhi(*, aturan: str, kerjasama: KerjaSama | None = None, objek=None, catatan: str = "") -> int:
    """The awaited event happened in time: the clock stops."""
    qs = Tenggat.objects.filter(aturan=aturan, status=StatusTenggat.TERBUKA)
    if kerjasama is not None:
        qs = qs.filter(kerjasama=kerjasama)
    if objek is not None:
        qs = qs.filter(objek_tipe=ContentType.objects.get_for_model(objek), objek_id=objek.pk)
    ids = list(qs.values_list("pk", flat=True))
    jumlah = qs.update(status=StatusTenggat.TERPENUHI, diselesaikan_pada=timezone.now(), catatan=catatan,
                       peringatan_berikut=None)
    notifikasi_selesaikan_tenggat(tenggat_ids=ids, alasan="Tenggat telah dipenuhi.")
    return jumlah


def notifikasi_selesaikan_tenggat(*, tenggat_ids, alasan: str) -> int:
    """The action notifications (reminders) about these deadlines are resolved: what they asked for is done."""
    if not tenggat_ids:
        return 0
    return Notifikasi.objects.filter(
        jenis=Notifikasi.Jenis.TINDAKAN, selesai_pada__isnull=True, kunci__in=[f"tenggat:{pk}" for pk in tenggat_ids]
    ).update(selesai_pada=timezone.now(), selesai_alasan=alasan)


def tenggat_sweep(*, now: datetime.datetime | None = None, batas: int = 5000) -> list[str]:
    """The sweep (process_deadlines, Celery beat): every open deadline due up to `now`, with no
    lower bound, acted on once under a row lock (skip_locked: a second worker passes it by).
    Each action re-checks that the case is still where the rule expects. Idempotent."""
    now = now or timezone.now()
    token = _penerima_sapuan.set({})
    sibuk: list[int] = []
    token_sibuk = _kasus_sibuk.set(sibuk)
    try:
        # A fixed point in one run: an action may start the next deadline of a chain (a partner report,
        # the next monitoring) that is itself already due as of `now` (a catch-up after downtime, or
        # `process_deadlines --now` far ahead). Passes repeat until nothing new is due; a deadline already
        # taken in this run (also one whose action failed) is not taken again, so the loop always ends.
        laporan: list[str] = []
        diambil: set[int] = set()
        for _ in range(SAPUAN_PUTARAN_MAKS):
            baru = _sapu(now=now, batas=batas, diambil=diambil)
            if not baru:
                # Deadlines passed by because someone held their case: each now in a transaction of its
                # own that holds nothing else, so it may wait for the case (then its deadline) safely.
                for pk in sibuk:
                    baru.extend(_tenggat_jatuh_tempo(pks=[pk], now=now, kasus_dulu=True))
                sibuk.clear()
            laporan.extend(baru)
            if not baru:
                break
        return laporan
    finally:
        _penerima_sapuan.reset(token)
        _kasus_sibuk.reset(token_sibuk)


# Upper bound of passes in one sweep (a chain of 6-monthly deadlines over 50 years is 100 passes).
SAPUAN_PUTARAN_MAKS = 500


def _tenggat_terkunci(**filter):
    """The deadline row locked for this worker, with its registry row read in the same query (the
    rules' actions need its `kelas` and the audit its id) but not locked: the action locks the case
    itself, after re-checking it (skip_locked: a deadline another worker holds is passed by)."""
    return (Tenggat.objects.select_related("kerjasama").select_for_update(skip_locked=True, of=("self",))
            .filter(**filter).first())


def _sapu(*, now: datetime.datetime, batas: int, diambil: set[int] | None = None) -> list[str]:
    from .deadlines import aturan_tenggat

    laporan: list[str] = []
    diambil = diambil if diambil is not None else set()

    peringatan_ids = list(
        Tenggat.objects.filter(status=StatusTenggat.TERBUKA, peringatan_berikut__lte=now, jatuh_tempo__gte=now)
        .order_by("peringatan_berikut").values_list("pk", flat=True)[:batas]
    )
    for pk in peringatan_ids:
        with transaction.atomic():
            t = _tenggat_terkunci(pk=pk, status=StatusTenggat.TERBUKA, peringatan_berikut__lte=now)
            if t is None:
                continue
            rule = aturan_tenggat(t.aturan)
            rule.kirim_peringatan(t, now)
            t.peringatan_berikut = rule.peringatan_berikut(t, setelah=now)
            t.save(update_fields=["peringatan_berikut"])
            laporan.append(f"peringatan: {t.aturan} #{t.pk} jatuh tempo {timezone.localtime(t.jatuh_tempo):%Y-%m-%d %H:%M} WIB")

    jatuh_ids = [pk for pk in Tenggat.objects.filter(status=StatusTenggat.TERBUKA, jatuh_tempo__lt=now)
                 .exclude(pk__in=diambil).order_by("jatuh_tempo").values_list("pk", flat=True)[:batas]]
    diambil.update(jatuh_ids)
    for i in range(0, len(jatuh_ids), PAKET_SAPUAN):
        paket = jatuh_ids[i:i + PAKET_SAPUAN]
        try:
            laporan.extend(_tenggat_jatuh_tempo(pks=paket, now=now))
        except Exception:
            # One deadline of the batch failed: the batch rolled back as a whole (nothing of it happened,
            # no message went out). Each is taken again in its own transaction, so that one failing
            # deadline never stops the others; it stays open and is retried next run.
            for pk in paket:
                try:
                    laporan.extend(_tenggat_jatuh_tempo(pks=[pk], now=now))
                except Exception as exc:
                    logger.exception("Tenggat #%s gagal diproses", pk)
                    laporan.append(f"galat: tenggat #{pk} — {exc}")
    return laporan


# Due deadlines acted on per transaction. One transaction per deadline cost a commit and two or three
# audit inserts for each (a sweep after downtime acts on hundreds); a batch writes its audit rows in one
# insert and commits once, and holds its locks for a fraction of a second. A failure anywhere rolls the
# batch back and the sweep retries it deadline by deadline.
PAKET_SAPUAN = 50

# Audit rows of the batch being swept, written in one insert before its transaction ends (see
# audit_catat). None outside the sweep's batches.
_audit_tertunda: contextvars.ContextVar[list | None] = contextvars.ContextVar("_audit_tertunda", default=None)
# Cases of the batch whose action notifications are resolved at its end (notifikasi_selesaikan_kasus).
_notifikasi_tertunda: contextvars.ContextVar[list | None] = contextvars.ContextVar("_notifikasi_tertunda", default=None)


def _notifikasi_tertunda_selesaikan(daftar: list, now) -> None:
    terbuka = Notifikasi.objects.filter(jenis=Notifikasi.Jenis.TINDAKAN, selesai_pada__isnull=True)
    akhir = [pk for pk, _t, final in daftar if final]
    if akhir:
        terbuka.filter(kerjasama_id__in=akhir).update(selesai_pada=now, selesai_alasan="Kerja sama pada tahap akhir.")
    kondisi = Q(pk__in=[])
    for pk, kode, final in daftar:
        if not final:
            kondisi |= Q(kerjasama_id=pk, kunci__startswith="tahap:") & ~Q(kunci=f"tahap:{kode}")
    if any(not final for *_x, final in daftar):
        terbuka.filter(kondisi).update(selesai_pada=now, selesai_alasan="Langkah telah dilakukan oleh sistem.")


# Due deadlines a batch passed by because a person's step (or another sweep) held their case.
_kasus_sibuk: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("kasus_sibuk", default=None)


def _tenggat_jatuh_tempo(*, pks: list[int], now: datetime.datetime, kasus_dulu: bool = False) -> list[str]:
    """Act on these due deadlines in one transaction, each under its row lock (skip_locked: those another
    worker holds are passed by; a deadline closed meanwhile, also by an earlier action of this batch, is
    not selected), each rule re-checking its case. Every action and its audit commit together or not at all."""
    from .deadlines import aturan_tenggat

    with transaction.atomic():
        # The registry rows of the batch in one read (unlocked: the rules need only their `kelas` and id,
        # and lock and re-read the case themselves). Joining them to each deadline's locking query instead
        # costs more in PostgreSQL's planning than the query itself.
        registri = KerjaSama.objects.filter(tenggat__in=pks).order_by().distinct().in_bulk()
        token = _audit_tertunda.set([])
        token_notifikasi = _notifikasi_tertunda.set([])
        try:
            hasil = []
            for pk in pks:
                if kasus_dulu:
                    # Alone in its transaction: the case first (waiting is safe, nothing else is held), then
                    # the deadline, the same order as a person's step.
                    ks_id = Tenggat.objects.filter(pk=pk).values_list("kerjasama_id", flat=True).first()
                    if ks_id:
                        list(KerjaSama.objects.select_for_update().filter(pk=ks_id).values_list("pk", flat=True))
                # Locked one by one, when its turn comes, not the whole batch up front: a user's transition
                # holding a case later in the batch may still close that case's deadline meanwhile (the
                # sweep then finds it closed) instead of waiting for the sweep while the sweep waits for it.
                t = (Tenggat.objects.select_for_update(skip_locked=True)
                     .filter(pk=pk, status=StatusTenggat.TERBUKA, jatuh_tempo__lt=now).first())
                if t is None:
                    continue
                # Lock order: a person's transition locks the case, then closes its deadlines; the sweep holds
                # the deadline, so it must never wait for the case (a deadlock when the Sekretariat ends a case
                # by hand while the sweep ends its term, Ps 26(1) and 79). A case someone holds now is passed
                # by for now and taken again at the end of this sweep, alone (tenggat_sweep).
                if not kasus_dulu and t.kerjasama_id and not KerjaSama.objects.select_for_update(
                        skip_locked=True).filter(pk=t.kerjasama_id).values_list("pk", flat=True)[:1]:
                    if (sibuk := _kasus_sibuk.get()) is not None:
                        sibuk.append(pk)  # taken again at the end of this sweep
                    continue
                if t.kerjasama_id in registri:
                    t.kerjasama = registri[t.kerjasama_id]
                rule = aturan_tenggat(t.aturan)
                status, catatan = rule.saat_jatuh_tempo(t, now)
                t.status = status
                t.catatan = catatan
                t.diselesaikan_pada = now
                t.peringatan_berikut = None
                t.save(update_fields=["status", "catatan", "diselesaikan_pada", "peringatan_berikut"])
                audit_catat(kerjasama=t.kerjasama, objek_tipe_id=t.objek_tipe_id, objek_id=t.objek_id,
                            aksi=f"tenggat_{status}", komentar=f"{t.judul}: {catatan}", dasar_hukum=t.dasar_hukum,
                            data={"tenggat": t.pk, "aturan": t.aturan, "jatuh_tempo": t.jatuh_tempo.isoformat()})
                hasil.append(f"{status}: {t.aturan} #{t.pk} — {catatan}")
            RiwayatAudit.objects.bulk_create(_audit_tertunda.get())
            if _notifikasi_tertunda.get():
                _notifikasi_tertunda_selesaikan(_notifikasi_tertunda.get(), now=timezone.now())
        finally:
            _audit_tertunda.reset(token)
            _notifikasi_tertunda.reset(token_notifikasi)
        return hasil
