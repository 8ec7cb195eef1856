"""Writes of the dashboards (CONVENTIONS "Writes go through services"): notification preferences,
the personal calendar feed's secret, what the public page shows, and the signing folder the
Sekretariat prepares. The signature itself is the case's own transition
(`kerjasama.services.transisi_jalankan`), taken from the dashboard: audited like any other."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kerjasama import alur
from kerjasama.constants import Peran
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.models import (
    KerjaSama,
    PersiapanPenandatanganan,
    PreferensiNotifikasi,
    PublikasiKerjaSama,
    TokenKalender,
    VersiDokumen,
)
from kerjasama.services import _kunci, audit_catat, transisi_cari
from tte import services as tte
from tte.models import BerkasTandaTangan

from .selectors import langkah_penandatangan


def _versi_dipilih(data) -> VersiDokumen | None:
    nilai = str(data.get("versi") or "").strip()
    return VersiDokumen.objects.select_related("dokumen").filter(pk=int(nilai)).first() if nilai.isdigit() else None


def _penandatangan_dipilih(data, kasus, t):
    nilai = str(data.get("penandatangan") or "").strip()
    pilihan = tte.penandatangan_pilihan(kasus, t)
    if not nilai:
        return next((u for u in pilihan if u.punya_peran(Peran.WALI_KOTA)), pilihan[0] if pilihan else None)
    return next((u for u in pilihan if str(u.pk) == nilai), None)


@transaction.atomic
def preferensi_notifikasi_simpan(*, user, surel: str) -> PreferensiNotifikasi:
    pref, _ = PreferensiNotifikasi.objects.select_for_update().get_or_create(pengguna=user)
    lama = pref.surel
    pref.surel = surel
    pref.full_clean()
    pref.save()
    audit_catat(aksi="preferensi_notifikasi_diubah", oleh=user, objek=pref,
                komentar=f"Notifikasi e-mail: {pref.get_surel_display()}.", data={"dari": lama, "ke": surel})
    return pref


def preferensi_surel(user) -> str:
    pref = PreferensiNotifikasi.objects.filter(pengguna=user).first()
    return pref.surel if pref else PreferensiNotifikasi.Surel.SEGERA


@transaction.atomic
def token_kalender_buat(*, user) -> TokenKalender:
    """A new secret feed URL; the previous one (if any) is revoked and answers 404 from now on."""
    _cabut(user)
    token = TokenKalender(pengguna=user, token=secrets.token_urlsafe(32))
    token.full_clean()
    token.save()
    audit_catat(aksi="token_kalender_dibuat", oleh=user, objek=token,
                komentar="Alamat rahasia kalender pribadi (iCalendar) dibuat; alamat lama tidak berlaku lagi.")
    return token


@transaction.atomic
def token_kalender_cabut(*, user) -> int:
    n = _cabut(user)
    if n:
        audit_catat(aksi="token_kalender_dicabut", oleh=user, komentar="Alamat rahasia kalender pribadi dicabut.")
    return n


def _cabut(user) -> int:
    aktif = list(TokenKalender.objects.select_for_update().filter(pengguna=user, dicabut_pada__isnull=True))
    for t in aktif:
        t.dicabut_pada = timezone.now()
        t.save(update_fields=["dicabut_pada"])
    return len(aktif)


def token_kalender_aktif(user) -> TokenKalender | None:
    return TokenKalender.objects.filter(pengguna=user, dicabut_pada__isnull=True).first()


@transaction.atomic
def publikasi_atur(*, kerjasama: KerjaSama, by, tampil: bool, nilai_publik: bool, catatan: str = "") -> PublikasiKerjaSama:
    """The Sekretariat decides what the public page shows of a cooperation (hide it, or publish its value)."""
    if not (by and by.is_authenticated and by.punya_peran(Peran.SEKRETARIAT_TKKSD)):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang mengatur publikasi kerja sama.")
    _kunci(kerjasama)
    pub, _ = PublikasiKerjaSama.objects.select_for_update().get_or_create(kerjasama_id=kerjasama.pk)
    dari = {"tampil": pub.tampil, "nilai_publik": pub.nilai_publik}
    pub.tampil, pub.nilai_publik, pub.catatan, pub.diubah_oleh = tampil, nilai_publik, catatan, by
    pub.full_clean()
    pub.save()
    audit_catat(kerjasama=kerjasama, aksi="publikasi_diatur", oleh=by,
                komentar=("Ditampilkan" if tampil else "Disembunyikan") + " di halaman publik"
                         + ("; nilai dipublikasikan." if tampil and nilai_publik else "."),
                data={"dari": dari, "ke": {"tampil": tampil, "nilai_publik": nilai_publik}})
    return pub


def form_persiapan(t, *, kasus, data=None, initial=None) -> alur.IsianForm:
    """The signing step's own fields, none required: the Sekretariat fills what it knows."""
    form = alur.IsianForm(data=data, initial=initial, isian=[i for i in t.custom.get("isian", ()) if i.tipe != "daftar"],
                          kasus=kasus)
    for field in form.fields.values():
        field.required = False
    return form


@transaction.atomic
def persiapan_penandatanganan_simpan(*, kasus, langkah: str, by, data, files=None) -> PersiapanPenandatanganan:
    """The Sekretariat prepares the signing folder (number, term, signatories, the final text) so that
    the Wali Kota checks and confirms on the dashboard. Only for a signatory's step available from the
    case's current stage; the values are checked as the step checks them, and again when it is taken."""
    if not (by and by.is_authenticated and by.punya_peran(Peran.SEKRETARIAT_TKKSD)):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang menyiapkan berkas penandatanganan.")
    terkunci = _kunci(kasus)
    t = transisi_cari(terkunci, langkah)
    if t is None or not langkah_penandatangan(t):
        raise TransisiTidakTersedia(
            f"Langkah \u201c{langkah}\u201d bukan penandatanganan yang tersedia pada tahap \u201c{terkunci.tahap}\u201d."
        )
    form = form_persiapan(t, kasus=terkunci, data=data)
    if not form.is_valid():
        raise ValidationError({k: [e["message"] for e in v] for k, v in form.errors.get_json_data().items()})
    bersih = {k: v for k, v in alur.nilai_json(form.cleaned_data).items() if v not in (None, "", [])}
    # A document is stored by its id, as the step's form takes it.
    bersih = {k: (str(v["dokumen"]) if isinstance(v, dict) and "dokumen" in v else v) for k, v in bersih.items()}
    naskah = tte.isian_naskah(t)
    if naskah is not None:
        # Issue 13 item 1: a folder for a signature is complete (number, dates, partner's signatory) and names
        # a FINAL version of the text; the signing date is the day of signing.
        bersih.pop(naskah.nama, None)
        kurang = tte.kelengkapan(t, bersih)
        if kurang:
            raise ValidationError({"__all__": ["Berkas belum lengkap: " + ", ".join(kurang) + "."]})
    persiapan, _ = PersiapanPenandatanganan.objects.select_for_update().get_or_create(
        kerjasama_id=terkunci.pk, langkah=langkah)
    persiapan.data = bersih
    persiapan.disiapkan_oleh = by
    persiapan.full_clean()
    persiapan.save()
    if naskah is not None:
        tte.berkas_siapkan(persiapan=persiapan, kasus=terkunci, t=t, by=by, versi=_versi_dipilih(data),
                           berkas_final=(files or {}).get("naskah_final"),
                           cara=data.get("cara") or BerkasTandaTangan.Cara.ELEKTRONIK,
                           penandatangan=_penandatangan_dipilih(data, terkunci, t))
        bersih = persiapan.data
    audit_catat(kerjasama=terkunci, aksi="persiapan_penandatanganan", oleh=by, dasar_hukum=t.custom.get("pasal", ""),
                komentar=f"Berkas penandatanganan disiapkan: {t.custom.get('label', langkah)}.",
                data={"langkah": langkah, "isian": bersih})
    return persiapan
