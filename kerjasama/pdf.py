"""Generated documents: a Django template rendered to PDF by WeasyPrint (CONVENTIONS "PDFs")."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template: str, context: dict) -> bytes:
    # Imported here: WeasyPrint loads Pango at import time, which only PDF work needs.
    from weasyprint import HTML

    # Official documents stay Indonesian whatever the reader's interface language (issue 14).
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def riwayat_pdf(*, kasus, user) -> bytes:
    """The audit trail of a case (spec README "Audit": append-only and exportable), as PDF: only the lines
    `user` may read (selectors.riwayat_list, the one permission module)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _riwayat_pdf(kasus=kasus, user=user)


def _riwayat_pdf(*, kasus, user) -> bytes:
    from django.utils import timezone

    from . import alur, kalender
    from .selectors import riwayat_list

    return render_pdf("kerjasama/pdf/riwayat.html", {
        "kasus": kasus,
        "riwayat": list(riwayat_list(kerjasama=kasus, user=user)),
        "tahap": alur.label_tahap(kasus),
        "dicetak_oleh": user.get_full_name() or user.username,
        "dicetak_pada": timezone.localtime(),
        "hari": kalender.tanggal_lokal(timezone.now()),
    })
