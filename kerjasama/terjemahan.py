"""Messages rendered in their recipient's language (issue 14, "English for foreign partners").

A notification is composed when a step is taken, by whoever took it, but read by someone else: a foreign partner's
staff who chose English (Pengguna.bahasa). So a notification's title and text may be given as a `Pesan` (an
Indonesian msgid of the catalog with its values) instead of finished text; the notification task renders it once
per recipient under `translation.override(user.bahasa)`. It travels through Celery as a plain dict.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


def pesan(msgid: str, *, label: tuple[str, ...] = (), **param) -> dict:
    """A message to render later: `msgid` with %(name)s placeholders; the values named in `label` are themselves
    catalog msgids (a stage label) and are translated too; the others (a case number, a title) are kept as given."""
    return {"msgid": msgid, "param": {k: str(v) for k, v in param.items()}, "label": list(label)}


def render(teks, bahasa: str | None = None) -> str:
    """Finished text in `bahasa` (default: the site's language): a plain string is returned as it is."""
    if not isinstance(teks, dict):
        return str(teks)
    with translation.override(bahasa or settings.LANGUAGE_CODE):
        param = {k: (translation.gettext(v) if k in teks.get("label", ()) and v else v)
                 for k, v in teks.get("param", {}).items()}
        hasil = translation.gettext(teks["msgid"])
        return hasil % param if param else hasil


def bahasa_pengguna(user) -> str:
    kode = getattr(user, "bahasa", "") or settings.LANGUAGE_CODE
    return kode if kode in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
