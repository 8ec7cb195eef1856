"""The reference-data pages (issue 14): list with search and paging, create, change (with the record's audit trail)
and remove a record nothing uses. Thin: reads in referensi_selectors, writes in referensi_services, who may in
permissions. A `kembali` parameter (a local URL only) brings the clerk back to the case form he came from."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import referensi_selectors as selectors
from . import referensi_services as services
from .permissions import (
    PESAN_TOLAK_LIHAT_REFERENSI,
    PESAN_TOLAK_REFERENSI,
    dapat_melihat_referensi,
    dapat_mengelola_referensi,
)
from .referensi import JENIS_REFERENSI, nilai_kolom


def kembali_aman(request, nilai: str | None) -> str:
    """`kembali` only when it is a path of this site ("/ksdd/baru/"), never another host or scheme."""
    nilai = (nilai or "").strip()[:500]
    if not nilai.startswith("/") or nilai.startswith("//") or "\\" in nilai:
        return ""
    if not url_has_allowed_host_and_scheme(nilai, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        return ""
    return nilai


def _boleh_lihat(request):
    if not dapat_melihat_referensi(request.user):
        raise PermissionDenied(PESAN_TOLAK_LIHAT_REFERENSI)


def _boleh_kelola(request):
    if not dapat_mengelola_referensi(request.user):
        raise PermissionDenied(PESAN_TOLAK_REFERENSI)


@login_required
def indeks(request):
    _boleh_lihat(request)
    daftar = [(j, j.model.objects.count()) for j in JENIS_REFERENSI.values()]
    return render(request, "kerjasama/referensi/indeks.html",
                  {"daftar": daftar, "boleh_kelola": dapat_mengelola_referensi(request.user)})


@login_required
def daftar(request, jenis):
    _boleh_lihat(request)
    j = selectors.jenis_referensi_or_404(jenis)
    q = request.GET.get("q", "")
    halaman = Paginator(selectors.referensi_list(jenis=j, q=q), 50).get_page(request.GET.get("halaman"))
    baris = [(obj, [nilai_kolom(obj, k) for k, _h in j.kolom]) for obj in halaman.object_list]
    return render(request, "kerjasama/referensi/daftar.html", {
        "j": j, "q": q, "halaman": halaman, "baris": baris, "query": urlencode({"q": q}) if q else "",
        "boleh_kelola": dapat_mengelola_referensi(request.user), "semua_jenis": JENIS_REFERENSI.values()})


def _setelah_simpan(request, j, obj, kembali: str):
    if kembali:
        return redirect(kembali)
    return redirect("kerjasama:referensi_daftar", jenis=j.kode)


def _simpan(request, form):
    """`referensi_simpan`; a model's own refusal (ValidationError) is shown on the form and gives None."""
    try:
        return services.referensi_simpan(form=form, by=request.user, alasan=form.cleaned_data.get("alasan", ""))
    except ValidationError as exc:
        for field, pesan in getattr(exc, "message_dict", {None: exc.messages}).items():
            for p in pesan:
                form.add_error(field if field in form.fields else None, p)
        return None


@login_required
def baru(request, jenis):
    _boleh_lihat(request)
    j = selectors.jenis_referensi_or_404(jenis)
    _boleh_kelola(request)
    kembali = kembali_aman(request, request.POST.get("kembali") or request.GET.get("kembali"))
    awal = {k: v for k, v in request.GET.items() if k in ("jenis", "tingkat")}  # "Tambah daerah" presets the kind
    form = j.form(request.POST or None, initial=awal)
    status = 200
    if request.method == "POST":
        if form.is_valid() and (hasil := _simpan(request, form)):
            obj, _berubah = hasil
            pesan = f"{j.satuan[:1].upper()}{j.satuan[1:]} \u201c{obj}\u201d ditambahkan."
            if kembali:
                pesan += " Silakan pilih pada formulir."
            messages.success(request, pesan)
            return _setelah_simpan(request, j, obj, kembali)
        status = 400
    return render(request, "kerjasama/referensi/form.html",
                  {"j": j, "form": form, "obj": None, "kembali": kembali, "riwayat": ()}, status=status)


@login_required
def ubah(request, jenis, pk):
    _boleh_lihat(request)
    j = selectors.jenis_referensi_or_404(jenis)
    obj = selectors.referensi_get_or_404(jenis=j, pk=pk)
    boleh_kelola = dapat_mengelola_referensi(request.user)
    if request.method == "POST":
        _boleh_kelola(request)
    form = j.form(request.POST or None, instance=obj)
    status = 200
    if request.method == "POST":
        if form.is_valid() and (hasil := _simpan(request, form)):
            obj, berubah = hasil
            messages.success(request, f"\u201c{obj}\u201d disimpan." if berubah else "Tidak ada yang berubah.")
            return redirect("kerjasama:referensi_ubah", jenis=j.kode, pk=obj.pk)
        status = 400
    if not boleh_kelola:
        for field in form.fields.values():
            field.disabled = True
    return render(request, "kerjasama/referensi/form.html", {
        "j": j, "form": form, "obj": obj, "kembali": "", "boleh_kelola": boleh_kelola,
        "riwayat": selectors.referensi_riwayat(obj=obj)[:50], "dipakai": selectors.referensi_dipakai(obj)},
        status=status)


@login_required
@require_POST
def hapus(request, jenis, pk):
    _boleh_lihat(request)
    j = selectors.jenis_referensi_or_404(jenis)
    obj = selectors.referensi_get_or_404(jenis=j, pk=pk)
    _boleh_kelola(request)
    nama = str(obj)
    try:
        services.referensi_hapus(obj=obj, by=request.user, alasan=request.POST.get("alasan", "")[:500])
    except ValidationError as exc:
        for pesan in exc.messages:
            messages.error(request, pesan)
        return redirect(reverse("kerjasama:referensi_ubah", kwargs={"jenis": j.kode, "pk": obj.pk}))
    messages.success(request, f"\u201c{nama}\u201d dihapus.")
    return redirect("kerjasama:referensi_daftar", jenis=j.kode)
