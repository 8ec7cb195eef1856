"""The machinery every kind's stage machine is written with.

A stage machine is django-fsm transitions on `KerjaSama.tahap`, declared with `langkah(...)`,
which adds what the UI and the API need to drive it without knowing it in advance
(interfaces.md): an Indonesian label, the Pasal, who may take it (`pelaku`), and the fields it
needs (`isian`). The web forms and the API build their fields from the same `Isian` definitions.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Callable, Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext

from django_fsm import transition

from .constants import PELAKU_SISTEM
from .validators import validasi_tidak_di_masa_depan

TIPE_ISIAN = ("teks", "tanggal", "tanggal_waktu", "angka", "uang", "boolean", "pilihan", "dokumen", "daftar")


@dataclasses.dataclass(frozen=True)
class Isian:
    """One field a transition needs (interfaces.md: `{nama, label, tipe, wajib, pilihan, isian}`)."""

    nama: str
    label: str
    tipe: str = "teks"
    wajib: bool = True
    pilihan: tuple[tuple[str, str], ...] = ()
    isian: tuple[Isian, ...] = ()  # for tipe "daftar": the fields of each row
    bantuan: str = ""
    jenis_dokumen: tuple[str, ...] = ()  # for tipe "dokumen": accepted document types
    peristiwa: bool = False  # a date of an outside event: never in the future
    panjang: bool = False  # teks: a paragraph rather than a line
    min_baris: int = 0  # daftar: the least number of rows
    # pilihan read from the database when the form is built (e.g. the PDs), as a zero-argument callable
    # returning ((nilai, label), ...); used instead of `pilihan` when set.
    pilihan_dari: Callable | None = None
    # The message when a required field is missing, when the law gives a reason worth saying
    # (e.g. KSDPK: "Studi kelayakan wajib dilampirkan … (Pasal 38)"); else Django's own.
    pesan_wajib: str = ""

    def __post_init__(self):
        assert self.tipe in TIPE_ISIAN, self.tipe

    def daftar_pilihan(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.pilihan_dari()) if self.pilihan_dari is not None else self.pilihan

    def as_dict(self) -> dict:
        data = {"nama": self.nama, "label": self.label, "tipe": self.tipe, "wajib": self.wajib}
        pilihan = self.daftar_pilihan()
        if pilihan:
            data["pilihan"] = [{"nilai": nilai, "label": label} for nilai, label in pilihan]
        if self.isian:
            data["isian"] = [sub.as_dict() for sub in self.isian]
        if self.tipe == "dokumen":
            # interfaces.md: a client drives any transition from `isian` alone, so it must know which document
            # types the field accepts (e.g. rancangan_kb takes a `kesepakatan_bersama`). Unrestricted: all types.
            from .constants import JenisDokumen

            data["jenis_dokumen"] = list(self.jenis_dokumen or JenisDokumen.values)
        if self.bantuan:
            data["bantuan"] = self.bantuan
        return data


@dataclasses.dataclass(frozen=True)
class Tahap:
    """A stage: its label, the Pasal it implements, who acts in it, and whether it is final."""

    kode: str
    label: str
    pasal: str = ""
    pelaku: tuple[str, ...] = ()
    akhir: bool = False
    keterangan: str = ""


# model label ("ksdd.kasusksdd") → ordered stages
_TAHAPAN: dict[str, list[Tahap]] = {}
# (model label, transition name) → callables run inside the transition's transaction
_SETELAH: dict[tuple[str, str], list[Callable]] = {}


def daftar_tahapan(model_label: str, tahapan: Iterable[Tahap]) -> None:
    _TAHAPAN[model_label.lower()] = list(tahapan)


def tahapan(model_label: str) -> list[Tahap]:
    return _TAHAPAN.get(model_label.lower(), [])


def semua_tahapan() -> dict[str, list[Tahap]]:
    return dict(_TAHAPAN)


def info_tahap(model_label: str, kode: str) -> Tahap:
    for tahap in tahapan(model_label):
        if tahap.kode == kode:
            return tahap
    return Tahap(kode=kode, label=kode.replace("_", " ").capitalize())


def label_tahap(kasus) -> str:
    """The case's stage by its label from its kind's machine ("Penandatanganan PKS"), not its code; in the active
    interface language (issue 14: the Indonesian label is the catalog's msgid, kerjasama/label_terjemahan.py)."""
    return gettext(info_tahap(kasus.kelas, kasus.tahap).label)


def label_tahap_kode(model_label: str, kode: str) -> str:
    """A stage code of a kind's machine by its label; "" stays "" (no stage)."""
    return gettext(info_tahap(model_label, kode).label) if kode else ""


# Audit actions that are not a machine's transition: their wording (the rest are humanised from their name).
_LABEL_AKSI: dict[str, str] = {
    "dibuat": "Kerja sama dibuat",
    "dicatat": "Dicatat",
    "data_diubah": "Data diubah",
    "dokumen_diunggah": "Dokumen diunggah",
    "dokumen_dihasilkan": "Dokumen dihasilkan sistem",
    "tenggat_lewat": "Tenggat terlewat",
    "tenggat_terpenuhi": "Tenggat terpenuhi",
    "tenggat_diselesaikan_sistem": "Tenggat diselesaikan sistem",
    "persiapan_penandatanganan": "Persiapan penandatanganan",
    "preferensi_notifikasi_diubah": "Pengaturan notifikasi diubah",
    "token_kalender_dibuat": "Tautan kalender dibuat",
    "token_kalender_dicabut": "Tautan kalender dicabut",
    "dari_pemetaan": "Dimulai dari item pemetaan",
    "bahasa_antarmuka_diubah": "Bahasa antarmuka diubah",
}


def daftar_label_aksi(kode: str, label: str) -> None:
    """An app names one of its own audit actions (core keeps no list of the apps' actions)."""
    _LABEL_AKSI[kode] = label


def manusiawi(kode: str) -> str:
    """The last resort for a machine name: "laporan_mitra_diterima" → "Laporan mitra diterima" (never a bare code)."""
    teks = str(kode or "").replace("_", " ").strip()
    return teks[:1].upper() + teks[1:]


def label_aksi(aksi: str, data: dict | None = None, model_label: str | None = None) -> str:
    """An audit action by its label: the transition's label stored with the row, the machine's transition label,
    a registered wording, or the humanised name — one helper for pages, PDFs, spreadsheets and CSV."""
    if data and data.get("label"):
        return gettext(str(data["label"]))
    if aksi in _LABEL_AKSI:
        return gettext(_LABEL_AKSI[aksi])
    if model_label:
        from django.apps import apps

        try:
            model = apps.get_model(model_label)
        except (LookupError, ValueError):
            model = None
        if model is not None:
            for t in _transisi_model(model):
                if t.name == aksi and t.custom.get("label"):
                    return gettext(str(t.custom["label"]))
    return manusiawi(aksi)


def _transisi_model(model):
    field = model._meta.get_field("tahap") if any(f.name == "tahap" for f in model._meta.fields) else None
    if field is None or not hasattr(field, "get_all_transitions"):
        return []
    return list(field.get_all_transitions(model))


def label_riwayat(r) -> dict:
    """An audit row in words: action, from- and to-stage labels (for every page and export of the trail)."""
    kelas = None
    if r.kerjasama_id and getattr(r, "kerjasama", None) is not None:
        kelas = r.kerjasama.kelas
    elif r.objek_tipe_id:
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_id(r.objek_tipe_id)
        kelas = f"{ct.app_label}.{ct.model}"
    return {
        "aksi": label_aksi(r.aksi, r.data, kelas),
        "dari": label_tahap_kode(kelas or "", r.dari_tahap),
        "ke": label_tahap_kode(kelas or "", r.ke_tahap),
    }


def setelah(model_label: str, nama: str):
    """Register a side effect (deadline, access grant, follow-on system transition) of a transition.
    It runs inside the same transaction as the transition, after the case is saved."""

    def decorator(fn):
        _SETELAH.setdefault((model_label.lower(), nama), []).append(fn)
        return fn

    return decorator


def efek_setelah(model_label: str, nama: str) -> list[Callable]:
    return _SETELAH.get((model_label.lower(), nama), [])


# stage code → callables run whenever any case enters that stage (any kind, also legacy entry)
_SAAT_MASUK: dict[str, list[Callable]] = {}


def saat_masuk(tahap: str):
    """Register `fn(kasus, by)` to run, in the same transaction, when any case enters `tahap`.
    Supervision uses it: every cooperation entering pelaksanaan gets its cycle (Ps 85)."""

    def decorator(fn):
        _SAAT_MASUK.setdefault(tahap, []).append(fn)
        return fn

    return decorator


def efek_masuk(tahap: str) -> list[Callable]:
    return _SAAT_MASUK.get(tahap, [])


# jenis ("KSDD", "KSDPK", "KSDPL", "KSDLL") → the service that starts a case of that kind
_PEMBUAT_KASUS: dict[str, Callable] = {}


def daftar_pembuat_kasus(jenis: str, fn: Callable) -> Callable:
    """Each case app registers how a case of its kind starts from a mapping item (pemetaan,
    Ps 17–18 and Ps 58(3)): `fn(*, by, judul, perangkat_daerah, mitra=None, uraian="",
    item_pemetaan=None, **data) -> kasus`. The caller (pemetaan) records the link on its item."""
    _PEMBUAT_KASUS[jenis] = fn
    return fn


def pembuat_kasus(jenis: str) -> Callable:
    try:
        return _PEMBUAT_KASUS[jenis]
    except KeyError:
        raise LookupError(f"Belum ada aplikasi yang dapat memulai kerja sama jenis {jenis}.") from None


@dataclasses.dataclass(frozen=True)
class PenjagaLangkah:
    """A rule an app lays over steps of every kind's machine, enforced by `services.transisi_jalankan` for every
    path that takes a step (the case page, the API, the dashboards, the apps' own services). The core knows no
    app: e.g. tte registers "a signing step closes only on a signed text" (issue 13) in its AppConfig.ready().

    - `berlaku(t) -> bool`: the steps the rule covers.
    - `periksa(*, kasus, t, by, data)`: called inside the step's transaction, on the locked case, after the
      fields are valid and before anything changes; raises `KonflikTransisi` (409) or `ValidationError` (400)
      with an Indonesian message citing the Pasal to refuse.
    - `petunjuk(*, kasus, t, user) -> dict | None`: what the case page shows instead of a form that could only
      fail (`{"judul", "pesan", "tautan": [(label, url), ...]}`), in the reader's language (its msgids in `teks`).
    - `dokumen_sah(*, kasus, t, isian, qs) -> qs`: the documents of field `isian` that may close the step (the
      case page offers only these)."""

    kode: str
    berlaku: Callable
    periksa: Callable
    petunjuk: Callable | None = None
    dokumen_sah: Callable | None = None
    # The fixed texts (Indonesian msgids) `petunjuk` translates with gettext: listed for the catalog (kerjasama/i18n.py).
    teks: tuple[str, ...] = ()


_PENJAGA: dict[str, PenjagaLangkah] = {}


def daftar_penjaga_langkah(penjaga: PenjagaLangkah) -> PenjagaLangkah:
    """Register (or replace, by `kode`) a rule over steps; idempotent so ready() may run twice."""
    _PENJAGA[penjaga.kode] = penjaga
    return penjaga


def penjaga_langkah(t) -> list[PenjagaLangkah]:
    """The registered rules that cover transition `t`."""
    return [p for p in _PENJAGA.values() if p.berlaku(t)]


def kandidat_sql(fungsi_q: Callable) -> Callable:
    """Give a transition condition its SQL pre-filter: `fungsi_q(model) -> Q` over the concrete case model,
    true for (at least) every case for which the condition holds. A list that would otherwise evaluate the
    condition case by case (the approval dashboard: amendments to sign during pelaksanaan, Ps 34) selects its
    candidates in SQL and evaluates the exact condition on those few only. A superset is safe; a subset is a bug."""

    def hiasi(kondisi: Callable) -> Callable:
        kondisi.q_kandidat = fungsi_q
        return kondisi

    return hiasi


def q_kandidat(t, model) -> Q | None:
    """The SQL pre-filter of transition `t` (AND of its conditions' filters), or None when no condition has one."""
    filter_ = [c.q_kandidat(model) for c in t.conditions if hasattr(c, "q_kandidat")]
    if not filter_:
        return None
    hasil = Q()
    for q in filter_:
        hasil &= q
    return hasil


def langkah(
    *,
    source,
    target,
    label: str,
    pasal: str = "",
    pelaku: tuple[str, ...],
    isian: Iterable[Isian] = (),
    komentar_wajib: bool = False,
    conditions: Iterable[Callable] = (),
    keterangan: str = "",
    gaya: str = "primary",
):
    """A django-fsm transition with SIKSD's metadata. `pelaku` decides who may take it
    (kerjasama.permissions.dapat_bertindak), and is also what "Tugas saya" reads."""
    from .permissions import izin_pelaku

    return transition(
        field="tahap",
        source=source,
        target=target,
        permission=izin_pelaku(tuple(pelaku)),
        conditions=list(conditions),
        custom={
            "label": label,
            "pasal": pasal,
            "pelaku": tuple(pelaku),
            "isian": tuple(isian),
            "komentar_wajib": komentar_wajib,
            "keterangan": keterangan,
            "gaya": gaya,
            "sistem": tuple(pelaku) == (PELAKU_SISTEM,),
        },
    )


# ---------------------------------------------------------------------------------------------
# Forms from Isian
# ---------------------------------------------------------------------------------------------


class YaTidakField(forms.TypedChoiceField):
    """A yes/no answer that must be given when required (a plain checkbox cannot say "not answered")."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=[("", "—"), ("ya", "Ya"), ("tidak", "Tidak")],
            coerce=lambda v: v == "ya",
            empty_value=None,
            **kwargs,
        )

    def to_python(self, value):
        if value is True or value in ("true", "True", "1", 1):
            return "ya"
        if value is False or value in ("false", "False", "0", 0):
            return "tidak"
        return super().to_python(value)


class DokumenChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_jenis_display()}: {obj.judul}"


def _field_for(isian: Isian, kasus) -> forms.Field:
    # The web form speaks the user's language (issue 14); the API's `isian` (as_dict) keeps the Indonesian labels.
    common = {"label": gettext(isian.label), "required": isian.wajib,
              "help_text": gettext(isian.bantuan) if isian.bantuan else ""}
    if isian.tipe == "teks":
        widget = forms.Textarea(attrs={"rows": 3}) if isian.panjang else None
        from .masukan import TEKS_PANJANG_MAKS

        return forms.CharField(widget=widget, max_length=TEKS_PANJANG_MAKS if isian.panjang else 300, **common)
    if isian.tipe == "tanggal":
        validators = [validasi_tidak_di_masa_depan] if isian.peristiwa else []
        from .widgets import TanggalInput

        return forms.DateField(widget=TanggalInput(), validators=validators, **common)
    if isian.tipe == "tanggal_waktu":
        return forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), **common)
    if isian.tipe == "angka":
        return forms.IntegerField(**common)
    if isian.tipe == "uang":
        return forms.IntegerField(min_value=0, **common)
    if isian.tipe == "boolean":
        return YaTidakField(**common)
    if isian.tipe == "pilihan":
        return forms.ChoiceField(choices=[("", "—"), *isian.daftar_pilihan()], **common)
    if isian.tipe == "dokumen":
        from .models import Dokumen

        qs = Dokumen.objects.filter(kerjasama=kasus) if kasus is not None else Dokumen.objects.none()
        if isian.jenis_dokumen:
            qs = qs.filter(jenis__in=isian.jenis_dokumen)
        field = DokumenChoiceField(queryset=qs, **common)
        field.error_messages["invalid_choice"] = (
            "Dokumen tidak ditemukan pada kerja sama ini"
            + (f" (jenis yang diterima: {', '.join(isian.jenis_dokumen)})" if isian.jenis_dokumen else "")
            + ". Unggah dokumennya terlebih dahulu."
        )
        return field
    if isian.tipe == "daftar":
        return DaftarField(isian=isian, kasus=kasus, **common)
    raise ValueError(isian.tipe)


class DaftarField(forms.Field):
    """A list of rows, each validated by a sub-form built from `isian.isian`.
    The web sends a JSON list from its row editor; the API sends a JSON list."""

    widget = forms.Textarea(attrs={"rows": 4, "data-daftar": "1"})

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "data-daftar": "1"}

    def __init__(self, *, isian: Isian, kasus, **kwargs):
        self.isian_daftar = isian
        self.kasus = kasus
        super().__init__(**kwargs)
        self.widget.attrs["data-isian"] = json.dumps([sub.as_dict() for sub in isian.isian])

    def prepare_value(self, value):
        return json.dumps(value, default=str) if isinstance(value, list) else value

    def to_python(self, value):
        if value in (None, "", []):
            return []
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValidationError("Isian daftar harus berupa daftar JSON.") from exc
        if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
            raise ValidationError("Isian daftar harus berupa daftar objek.")
        return value

    def validate(self, value):
        if self.required and not value:
            raise ValidationError("Isi paling sedikit satu baris.", code="required")
        if len(value) < self.isian_daftar.min_baris:
            raise ValidationError(f"Isi paling sedikit {self.isian_daftar.min_baris} baris.", code="min_baris")

    def clean(self, value):
        rows = super().clean(value)
        bersih, errors = [], []
        for index, row in enumerate(rows, start=1):
            form = buat_form(self.isian_daftar.isian, kasus=self.kasus, data=row)
            if form.is_valid():
                bersih.append(form.cleaned_data)
            else:
                for field, msgs in form.errors.items():
                    errors.append(f"Baris {index}, {field}: {' '.join(msgs)}")
        if errors:
            raise ValidationError(errors)
        return bersih


class IsianForm(forms.Form):
    def __init__(self, *args, isian: Iterable[Isian], kasus=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.isian = tuple(isian)
        for item in self.isian:
            self.fields[item.nama] = _field_for(item, kasus)
            if user is not None and item.tipe == "dokumen":
                # Only the documents the user may see are offered (and accepted): a partner taking a step is
                # not shown the titles of the city's internal papers (permissions.dokumen_terlihat).
                from .permissions import dokumen_terlihat

                field = self.fields[item.nama]
                field.queryset = dokumen_terlihat(user, field.queryset, kerjasama=kasus)
            if item.pesan_wajib:
                self.fields[item.nama].error_messages["required"] = item.pesan_wajib


def buat_form(isian: Iterable[Isian], *, kasus=None, data=None, files=None, initial=None, user=None) -> IsianForm:
    return IsianForm(data=data, files=files, initial=initial, isian=isian, kasus=kasus, user=user)


def isian_transisi(t) -> tuple[Isian, ...]:
    """The fields of a transition, including the comment (required for returns and rejections)."""
    isian = tuple(t.custom.get("isian", ()))
    komentar = Isian(
        "komentar",
        "Alasan" if t.custom.get("komentar_wajib") else "Catatan",
        "teks",
        wajib=bool(t.custom.get("komentar_wajib")),
        panjang=True,
    )
    return (*isian, komentar)


def nilai_json(value):
    """cleaned_data → JSON-safe values for the audit row."""
    from .models import Dokumen

    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Dokumen):
        return {"dokumen": value.pk, "judul": value.judul}
    if isinstance(value, list):
        return [nilai_json(v) for v in value]
    if isinstance(value, dict):
        return {k: nilai_json(v) for k, v in value.items()}
    if hasattr(value, "pk"):
        return value.pk
    return value
