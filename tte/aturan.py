"""THE rule of a signing step (issue 13), in one place, for every path that takes one (the case page's step form,
the API's transition endpoint, the approval dashboard, the signing services): registered over the core's
machines as a `kerjasama.alur.PenjagaLangkah` in `TteConfig.ready()`, enforced by
`kerjasama.services.transisi_jalankan`.

A signing step (a signatory's step that records a signed document: KB, PKS, amendment, extension, surat kuasa,
LoI, Naskah Kerja Sama; `services.isian_naskah`) closes only on a document whose latest version is SIGNED
(`ditandatangani`):

(a) the PAdES signature of the exact FINAL text the Sekretariat prepared in the signing folder
    (`services.tandatangani_elektronik`, which checks that text's SHA-256 itself), or
(b) the upload of a scan of the paper signed in ink ("secara bersama atau sirkuler", Perwal 57/2023 Ps 25,
    Ps 41, Ps 71): through the folder (`services.pindaian_unggah`), or as a document of the case uploaded with
    status `ditandatangani` and then named in the step's document field (interfaces.md: "`dokumen` — the id of
    a document uploaded to the case first").

Never on a draft or a final text (a version that is not signed), never on a "scan" whose bytes are those of
another version of the case (the draft re-labelled), and never on a signed document that already closed an earlier
signing step of the case (a stale one: e.g. the old LoI for its renewal, Ps 62(3))."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext, gettext_noop

from kerjasama.alur import PenjagaLangkah
from kerjasama.constants import Peran, StatusDokumen
from kerjasama.exceptions import KonflikTransisi
from kerjasama.models import Dokumen, RiwayatAudit, VersiDokumen

KODE = "tte_naskah_bertanda_tangan"


class PenandatangananDitolak(KonflikTransisi):
    """A signing step named a document that is not a signed text (409; nothing changes)."""


def _isian_naskah(t):
    from .services import isian_naskah

    return isian_naskah(t)


def berlaku(t) -> bool:
    return _isian_naskah(t) is not None


def _dasar(t) -> str:
    pasal = str(t.custom.get("pasal") or "").strip()
    return f"Perwal 57/2023 {pasal}" if pasal else "Perwal 57/2023"


# The step page's guidance, in the reader's language (issue 14): msgids listed in PENJAGA.teks for the catalog.
# The refusal (pesan_dasar) is this same sentence in Indonesian: the API and the audit stay Indonesian.
JUDUL_PETUNJUK = gettext_noop("Langkah penandatanganan")
PESAN_PETUNJUK = gettext_noop(
    "%(langkah)s hanya dapat dicatat dengan naskah yang telah ditandatangani (%(dasar)s): tanda tangan elektronik "
    "pada naskah final yang disiapkan Sekretariat TKKSD di berkas penandatanganan (dasbor persetujuan), atau "
    "pindaian naskah yang ditandatangani basah para pihak (secara bersama atau sirkuler), diunggah sebagai dokumen "
    "berstatus \u201cDitandatangani\u201d.")


def pesan_dasar(t) -> str:
    return PESAN_PETUNJUK % {"langkah": t.custom.get("label", t.name), "dasar": _dasar(t)}


def _nama_langkah_tanda_tangan(kasus) -> list[str]:
    return sorted({t.name for t in kasus.get_all_tahap_transitions() if berlaku(t)})


def _sudah_dipakai(kasus, dokumen_id: int) -> RiwayatAudit | None:
    """The audit row of an earlier signing step of this case closed with this document, if any."""
    for r in (RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, aksi__in=_nama_langkah_tanda_tangan(kasus))
              .only("aksi", "data").order_by("-pada", "-id")):
        for nilai in (r.data or {}).get("isian", {}).values():
            if isinstance(nilai, dict) and nilai.get("dokumen") == dokumen_id:
                return r
    return None


def alasan_tolak(kasus, t, dokumen: Dokumen | None) -> str | None:
    """None when `dokumen` may close signing step `t` of `kasus`, else the Indonesian reason (with the Pasal)."""
    if dokumen is None:
        return pesan_dasar(t)
    versi = dokumen.versi.order_by("-nomor_versi").first()
    if versi is None or versi.status != StatusDokumen.DITANDATANGANI:
        keadaan = f"versi {versi.nomor_versi} berstatus {versi.get_status_display()}" if versi else "belum berisi berkas"
        return (f"{pesan_dasar(t)} Dokumen \u201c{dokumen.judul}\u201d {keadaan}, bukan naskah yang "
                "ditandatangani; rancangan atau naskah final tidak menutup langkah penandatanganan.")
    sama = (VersiDokumen.objects.filter(dokumen__kerjasama_id=kasus.pk, sha256=versi.sha256).exclude(pk=versi.pk)
            .select_related("dokumen").order_by("id").first())
    if sama is not None:
        return (f"{pesan_dasar(t)} Berkas \u201c{dokumen.judul}\u201d versi {versi.nomor_versi} sama persis dengan "
                f"\u201c{sama.dokumen.judul}\u201d versi {sama.nomor_versi} ({sama.get_status_display()}): itu bukan "
                "pindaian naskah bertanda tangan.")
    dipakai = _sudah_dipakai(kasus, dokumen.pk)
    if dipakai is not None:
        return (f"{pesan_dasar(t)} Dokumen \u201c{dokumen.judul}\u201d sudah dipakai untuk menutup langkah "
                f"\u201c{(dipakai.data or {}).get('label', dipakai.aksi)}\u201d sebelumnya; naskah lama tidak berlaku "
                "untuk penandatanganan ini. Unggah naskah bertanda tangan yang baru.")
    return None


def periksa(*, kasus, t, by, data) -> None:
    isian = _isian_naskah(t)
    alasan = alasan_tolak(kasus, t, data.get(isian.nama))
    if alasan:
        raise PenandatangananDitolak(alasan)


def dokumen_sah(*, kasus, t, isian, qs):
    """The documents of the step's signed-document field that may close it (others are not offered)."""
    if isian.nama != _isian_naskah(t).nama:
        return qs
    sah = [d.pk for d in qs.filter(versi__status=StatusDokumen.DITANDATANGANI).distinct()
           if alasan_tolak(kasus, t, d) is None]
    return qs.filter(pk__in=sah)


TAUTAN_PERSIAPAN = gettext_noop("Siapkan berkas penandatanganan / unggah pindaian bertanda tangan basah")
TAUTAN_PERSETUJUAN = gettext_noop("Buka dasbor persetujuan (tanda tangan elektronik)")
TAUTAN_DOKUMEN = gettext_noop(
    "Unggah pindaian naskah bertanda tangan (status \u201cDitandatangani\u201d) di bagian Dokumen")


def petunjuk(*, kasus, t, user) -> dict:
    """What the case page shows for a signing step: where the signature really happens (called during the
    request, so in the reader's language)."""
    tautan = []
    if user.punya_peran(Peran.SEKRETARIAT_TKKSD) or user.is_superuser:
        tautan.append((gettext(TAUTAN_PERSIAPAN),
                       reverse("dasbor:persiapan", kwargs={"pk": kasus.pk, "nama": t.name})))
    if t.has_perm(kasus, user):
        tautan.append((gettext(TAUTAN_PERSETUJUAN), reverse("dasbor:persetujuan") + f"?item=ks-{kasus.pk}"))
    tautan.append((gettext(TAUTAN_DOKUMEN), reverse("kerjasama:detail", kwargs={"pk": kasus.pk}) + "#dokumen"))
    pesan = gettext(PESAN_PETUNJUK) % {"langkah": gettext(str(t.custom.get("label", t.name))), "dasar": _dasar(t)}
    return {"judul": gettext(JUDUL_PETUNJUK), "pesan": pesan, "tautan": tautan}


PENJAGA = PenjagaLangkah(kode=KODE, berlaku=berlaku, periksa=periksa, petunjuk=petunjuk, dokumen_sah=dokumen_sah,
                         teks=(JUDUL_PETUNJUK, PESAN_PETUNJUK, TAUTAN_PERSIAPAN, TAUTAN_PERSETUJUAN, TAUTAN_DOKUMEN))
