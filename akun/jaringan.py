"""The client's real address, one rule for every rate limit (django-axes and the DRF throttles).

Behind N trusted reverse proxies, each proxy appends the address it saw to X-Forwarded-For; the
N-th entry from the right is what the outermost trusted proxy saw, so it is the client. Anything
further left was written by the client and proves nothing. With no trusted proxy (development,
or a deployment without one) the header is ignored altogether: a client cannot pick its own key.
"""

import ipaddress

from django.conf import settings


def _alamat_sah(nilai: str) -> str | None:
    try:
        return str(ipaddress.ip_address(nilai.strip()))
    except ValueError:
        return None


def alamat_klien(request) -> str:
    """The address the rate limits are keyed on (settings.SIKSD_TRUSTED_PROXIES, docs/keamanan.md)."""
    meta = request.META
    langsung = meta.get("REMOTE_ADDR", "") or ""
    jumlah = int(getattr(settings, "SIKSD_TRUSTED_PROXIES", 0) or 0)
    if jumlah <= 0:
        return langsung
    rantai = [a.strip() for a in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if not rantai:
        return langsung
    # Fewer entries than trusted proxies: the chain is shorter than configured; the leftmost is
    # still the furthest any trusted proxy vouches for (as DRF's NUM_PROXIES does).
    return _alamat_sah(rantai[-min(jumlah, len(rantai))]) or langsung
