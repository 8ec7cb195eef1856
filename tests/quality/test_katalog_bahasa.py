"""The English catalog (issue 14): CI machines may lack gettext's msgfmt, so the committed
locale/en/LC_MESSAGES/django.mo is what runs. It must say exactly what django.po says, every entry must be
translated (no empty, no fuzzy entry), placeholders must survive translation, and the registered labels
(kerjasama/label_terjemahan.py, generated) must be current and in the catalog."""

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings

import pytest

LOKAL = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _entri_po(teks: str) -> list[dict]:
    """The entries of a .po file (a small reader: polib is not a dependency)."""
    hasil = []
    for blok in re.split(r"\n\s*\n", teks.strip()):
        entri: dict = {"komentar": []}
        kunci = None
        for baris in blok.splitlines():
            if baris.startswith("#~"):
                entri["usang"] = True
            elif baris.startswith("#"):
                entri["komentar"].append(baris)
            elif m := re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', baris):
                kunci = m.group(1)
                entri[kunci] = ast.literal_eval(m.group(2))
            elif baris.startswith('"') and kunci:
                entri[kunci] += ast.literal_eval(baris)
        if "msgid" in entri or entri.get("usang"):
            hasil.append(entri)
    return hasil


@pytest.fixture(scope="module")
def po() -> list[dict]:
    return _entri_po((LOKAL / "django.po").read_text(encoding="utf-8"))


def _terjemahan(e: dict) -> list[str]:
    if "msgid_plural" in e:
        return [v for k, v in sorted(e.items()) if k.startswith("msgstr[")]
    return [e.get("msgstr", "")]


def test_setiap_entri_diterjemahkan_dan_tidak_fuzzy(po):
    entri = [e for e in po if e.get("msgid")]
    assert len(entri) > 500
    usang = [e for e in po if e.get("usang")]
    assert not usang, "Entri usang (#~) di django.po: jalankan makemessages dengan --no-obsolete."
    fuzzy = [e["msgid"] for e in entri if any(k.startswith("#,") and "fuzzy" in k for k in e["komentar"])]
    assert not fuzzy, f"Entri fuzzy: {fuzzy[:10]}"
    kosong = [e["msgid"] for e in entri if not all(_terjemahan(e))]
    assert not kosong, f"Belum diterjemahkan: {kosong[:10]}"


def test_placeholder_sama_dalam_terjemahan(po):
    for e in po:
        if not e.get("msgid"):
            continue
        asal = set(PLACEHOLDER.findall(e["msgid"]))
        for t in _terjemahan(e):
            assert set(PLACEHOLDER.findall(t)) == asal, e["msgid"]


def test_mo_yang_dikomit_sesuai_po(po):
    """The compiled catalog says exactly what the source says (recompile: `manage.py compilemessages -l en`)."""
    with open(LOKAL / "django.mo", "rb") as f:
        katalog = dict(gettext.GNUTranslations(f)._catalog)
    katalog.pop("", None)  # the header
    harap = {}
    for e in po:
        if not e.get("msgid"):
            continue
        awalan = f"{e['msgctxt']}\x04" if "msgctxt" in e else ""
        if "msgid_plural" in e:
            for i, t in enumerate(_terjemahan(e)):
                harap[(awalan + e["msgid"], i)] = t
        else:
            harap[awalan + e["msgid"]] = e["msgstr"]
    hilang = [k for k in harap if k not in katalog]
    lain = [k for k in harap if k in katalog and katalog[k] != harap[k]]
    lebih = [k for k in katalog if k not in harap]
    assert not (hilang or lain or lebih), (
        "django.mo tertinggal dari django.po: jalankan `manage.py compilemessages -l en` dan komit django.mo. "
        f"Tidak ada di .mo: {hilang[:5]}; berbeda: {lain[:5]}; hanya di .mo: {lebih[:5]}")


def test_label_terdaftar_mutakhir_dan_ada_di_katalog(po):
    """Stage, step, menu and audit labels live in registries; `manage.py label_terjemahan` copies them for
    makemessages. A new label must reach the catalog (and be translated) before it can be shown in English."""
    from kerjasama.i18n import BERKAS, isi_berkas, label_terdaftar

    assert BERKAS.read_text(encoding="utf-8") == isi_berkas(), (
        "kerjasama/label_terjemahan.py tertinggal: jalankan `manage.py label_terjemahan`, lalu makemessages -l en.")
    msgid = {e["msgid"] for e in po if e.get("msgid")}
    hilang = [label for label in label_terdaftar() if label not in msgid]
    assert not hilang, f"Label belum ada di katalog (makemessages -l en lalu terjemahkan): {hilang[:10]}"


def test_bahasa_inggris_aktif_menerjemahkan():
    from django.utils import translation

    with translation.override("en"):
        assert translation.gettext("Tugas saya") == "My tasks"
        assert translation.gettext("Kesepakatan Bersama (KB)") == "Memorandum of Understanding (Kesepakatan Bersama, KB)"
    with translation.override("id"):
        assert translation.gettext("Tugas saya") == "Tugas saya"
