"""Generated documents: a Django template rendered to PDF by WeasyPrint (CONVENTIONS "PDFs")."""

from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict) -> bytes:
    # Imported here: WeasyPrint loads Pango at import time, which only PDF work needs.
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
