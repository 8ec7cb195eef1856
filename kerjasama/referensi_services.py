"""Writes of the reference data (issue 14): create, change and remove a partner, region, Perangkat Daerah or holiday.
Each write is permission-checked (permissions.dapat_mengelola_referensi), atomic, and audited (who, when, what
changed from what to what, why if given) as a RiwayatAudit row on the record itself (`objek`, no case)."""

from __future__ import annotations

import datetime
import decimal

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .alur import daftar_label_aksi
from .models import Mitra, PerangkatDaerah
from .permissions import PESAN_TOLAK_REFERENSI, dapat_mengelola_referensi
from .referensi_selectors import referensi_dipakai
from .services import audit_catat

daftar_label_aksi("referensi_dibuat", "Data referensi ditambahkan")
daftar_label_aksi("referensi_diubah", "Data referensi diubah")
daftar_label_aksi("referensi_dihapus", "Data referensi dihapus")


def _nilai(obj, field) -> str | int | bool | None:
    """A field's value as the audit row stores it (JSON): a related record by its id and name."""
    nilai = getattr(obj, field.attname)
    if field.is_relation and nilai is not None:
        terkait = getattr(obj, field.name)
        return f"{terkait} (#{nilai})"
    if isinstance(nilai, (datetime.date, decimal.Decimal)):
        return str(nilai)
    if nilai is None or isinstance(nilai, (bool, int, str)):
        return nilai
    return str(nilai)


def _potret(obj, fields) -> dict:
    return {f.name: _nilai(obj, f) for f in obj._meta.concrete_fields if f.name in fields}


def _periksa(by) -> None:
    if not dapat_mengelola_referensi(by):
        raise PermissionDenied(PESAN_TOLAK_REFERENSI)


def referensi_simpan(*, form, by, alasan: str = ""):
    """Save a valid reference ModelForm (new or changed record) and audit what changed. Nothing changed: nothing
    is written (no empty audit row)."""
    _periksa(by)
    fields = [f for f in form._meta.fields if f in {x.name for x in form._meta.model._meta.concrete_fields}]
    with transaction.atomic():
        baru = form.instance.pk is None
        if baru:
            sebelum = {}
        else:
            terkunci = type(form.instance).objects.select_for_update().get(pk=form.instance.pk)
            sebelum = _potret(terkunci, fields)
        obj = form.save(commit=False)
        obj.full_clean()
        obj.save()
        form.save_m2m()
        sesudah = _potret(obj, fields)
        perubahan = {k: {"dari": sebelum.get(k), "ke": v} for k, v in sesudah.items()
                     if baru and v not in (None, "") or (not baru and sebelum.get(k) != v)}
        # A new PD or partner gets its group now: a case grants its users access through it (services.kerjasama_buat).
        if isinstance(obj, PerangkatDaerah) and obj.grup_id is None:
            obj.grup, _ = Group.objects.get_or_create(name=f"PD:{obj.kode}")
            obj.save(update_fields=["grup"])
        if isinstance(obj, Mitra) and obj.grup_id is None:
            obj.grup, _ = Group.objects.get_or_create(name=f"MITRA:{obj.pk}")
            obj.save(update_fields=["grup"])
        if baru or perubahan:
            audit_catat(aksi="referensi_dibuat" if baru else "referensi_diubah", oleh=by, objek=obj,
                        komentar=(alasan or "").strip(),
                        data={"model": obj._meta.label_lower, "jenis": str(obj._meta.verbose_name), "nama": str(obj),
                              "perubahan": perubahan})
    return obj, bool(baru or perubahan)


def referensi_hapus(*, obj, by, alasan: str = "") -> None:
    """Remove a reference record that nothing uses (a wrong entry). A record in use stays: a PD is deactivated
    instead; a partner or region in use is corrected, never removed (the cases keep pointing at it)."""
    _periksa(by)
    from .referensi import JENIS_REFERENSI

    if any(j.model is type(obj) and not j.boleh_hapus for j in JENIS_REFERENSI.values()):
        raise ValidationError(f"{str(obj._meta.verbose_name).capitalize()} tidak dihapus; ubah saja isinya.")
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        dipakai = referensi_dipakai(obj)
        if dipakai:
            saran = " Nonaktifkan saja." if hasattr(obj, "aktif") else ""
            raise ValidationError(f"\u201c{obj}\u201d masih dipakai oleh: {', '.join(dipakai)}; tidak dapat dihapus."
                                  + saran)
        potret = _potret(obj, [f.name for f in obj._meta.concrete_fields if f.editable])
        audit_catat(aksi="referensi_dihapus", oleh=by, objek=obj, komentar=(alasan or "").strip(),
                    data={"model": obj._meta.label_lower, "jenis": str(obj._meta.verbose_name), "nama": str(obj),
                          "perubahan": {k: {"dari": v, "ke": None} for k, v in potret.items()}})
        grup = getattr(obj, "grup", None)
        obj.delete()
        if grup is not None and not grup.user_set.exists():
            grup.delete()
