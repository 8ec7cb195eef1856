"""Validation of an uploaded PDF's signatures with pyHanko (issue 13 item 4): integrity, certificate chain
against the configured trust roots, timestamp; the result in plain Indonesian."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
from pathlib import Path

from django.conf import settings

from .penanda import tanpa_event_loop

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class HasilTandaTangan:
    penandatangan: str
    utuh: bool  # the signed bytes are unchanged
    mencakup_seluruh: bool  # nothing was added after the signature
    terpercaya: bool  # chain to a configured trust root
    waktu: str
    cap_waktu: bool  # a timestamp (PAdES B-T)
    ringkasan: str


@dataclasses.dataclass
class HasilVerifikasi:
    sha256: str
    terbaca: bool
    tanda_tangan: list[HasilTandaTangan]
    pesan: str

    @property
    def sah(self) -> bool:
        return bool(self.tanda_tangan) and all(t.utuh and t.mencakup_seluruh and t.terpercaya for t in self.tanda_tangan)

    @property
    def diubah(self) -> bool:
        return not self.terbaca or any(not t.utuh or not t.mencakup_seluruh for t in self.tanda_tangan)


def akar_tepercaya() -> list:
    from asn1crypto import pem as apem
    from asn1crypto import x509 as ax509

    paths = list(settings.SIKSD_TTE_AKAR) or [str(Path(settings.SIKSD_TTE_P12_DIR) / "ca.pem")]
    akar = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            continue
        data = path.read_bytes()
        if apem.detect(data):
            for _, _, der in apem.unarmor(data, multiple=True):
                akar.append(ax509.Certificate.load(der))
        else:
            akar.append(ax509.Certificate.load(data))
    return akar


def verifikasi_pdf(data: bytes) -> HasilVerifikasi:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    sha = hashlib.sha256(data).hexdigest()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        tanda = list(reader.embedded_signatures)
    except Exception:
        return HasilVerifikasi(sha, False, [], "Berkas tidak dapat dibaca sebagai PDF: berkas rusak atau telah diubah.")
    if not tanda:
        return HasilVerifikasi(sha, True, [], "Dokumen ini tidak memuat tanda tangan elektronik.")
    hasil = []
    for sig in tanda:
        vc = ValidationContext(trust_roots=akar_tepercaya(), allow_fetching=False, revocation_mode="soft-fail")
        try:
            st = tanpa_event_loop(validate_pdf_signature, sig, vc)
        except Exception:
            logger.warning("Validasi tanda tangan gagal", exc_info=True)
            hasil.append(HasilTandaTangan("?", False, False, False, "", False,
                                          "Tanda tangan tidak dapat diperiksa: dokumen telah diubah atau rusak."))
            continue
        nama = (st.signing_cert.subject.native.get("common_name") or st.signing_cert.subject.human_friendly) if st.signing_cert else "?"
        seluruh = st.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
            st.coverage == SignatureCoverageLevel.ENTIRE_REVISION and _hanya_tanda_tangan_sesudahnya(st))
        utuh = bool(st.intact and st.valid)
        waktu = st.signer_reported_dt.strftime("%d-%m-%Y %H:%M %Z") if st.signer_reported_dt else ""
        cap = st.timestamp_validity is not None
        if not utuh:
            ringkasan = "TIDAK UTUH: isi dokumen telah diubah setelah ditandatangani."
        elif not seluruh:
            ringkasan = "Tanda tangan utuh, tetapi dokumen ditambah atau diubah setelah ditandatangani."
        elif not st.trusted:
            ringkasan = "Tanda tangan utuh, tetapi sertifikat penandatangan tidak berasal dari penerbit yang dipercaya."
        else:
            ringkasan = "SAH: dokumen utuh sejak ditandatangani dan sertifikat penandatangan dipercaya."
        if cap:
            ringkasan += " Dilengkapi cap waktu (timestamp) " + ("yang sah." if st.timestamp_validity.valid
                                                                  else "yang TIDAK sah.")
        hasil.append(HasilTandaTangan(nama, utuh, seluruh, bool(st.trusted), waktu, cap, ringkasan))
    pesan = ("Semua tanda tangan sah dan dokumen utuh." if all(t.utuh and t.mencakup_seluruh and t.terpercaya for t in hasil)
             else "Dokumen ini TIDAK dapat dipercaya sepenuhnya: lihat rincian di bawah.")
    return HasilVerifikasi(sha, True, hasil, pesan)


def _hanya_tanda_tangan_sesudahnya(st) -> bool:
    # A later signature (a second signatory) adds a revision; pyHanko's diff analysis says whether what was
    # added is only signature-related.
    from pyhanko.sign.diff_analysis import ModificationLevel

    level = getattr(st, "modification_level", None)
    return level is not None and level <= ModificationLevel.FORM_FILLING
