"""Pages of the KSDD app that are not transitions (those use /kerjasama/<pk>/transisi/<nama>/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from kerjasama import alur
from kerjasama.constants import Peran
from kerjasama.domestik import TAHAP_DAPAT_DIUBAH
from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia
from kerjasama.permissions import adalah_pd_pemrakarsa

from . import selectors, services
from .forms import FilterKsddForm, KasusKsddForm, TawaranMitraForm
from .models import KasusKsdd


def _galat_ke_form(form, exc: ValidationError) -> None:
    items = exc.message_dict.items() if hasattr(exc, "message_dict") else [(None, exc.messages)]
    for field, pesan_list in items:
        for pesan in pesan_list:
            form.add_error(field if field in form.fields else None, pesan)


@login_required
def daftar(request):
    form = FilterKsddForm(request.GET or None)
    f = form.cleaned_data if form.is_valid() else {}
    qs = selectors.ksdd_list(user=request.user, tahap=f.get("tahap"), sifat=f.get("sifat"),
                             inisiatif=f.get("inisiatif"), q=f.get("q") or "")
    halaman = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(request, "ksdd/daftar.html", {
        "form": form, "halaman": halaman, "tahapan": alur.tahapan(KasusKsdd._meta.label_lower),
        "boleh_buat": request.user.punya_peran(Peran.PD, Peran.SEKRETARIAT_TKKSD),
        "boleh_catat_tawaran": request.user.punya_peran(Peran.SEKRETARIAT_TKKSD),
    })


@login_required
def baru(request):
    """Ps 22(1): a PD starts a KSDD for itself; the Sekretariat TKKSD may name the PD."""
    user = request.user
    sekretariat = user.punya_peran(Peran.SEKRETARIAT_TKKSD)
    if not (sekretariat or (user.punya_peran(Peran.PD) and user.perangkat_daerah_id)):
        raise PermissionDenied("Hanya Perangkat Daerah atau Sekretariat TKKSD yang dapat memulai KSDD.")
    form = KasusKsddForm(request.POST or None, pilih_pd=sekretariat)
    if request.method == "POST" and form.is_valid():
        try:
            kasus = services.ksdd_buat(by=user, **form.cleaned_data)
        except ValidationError as exc:
            _galat_ke_form(form, exc)
        else:
            messages.success(request, f"KSDD {kasus.nomor} dibuat pada tahap persiapan. Unggah KAK lalu ajukan ke TKKSD.")
            return redirect("kerjasama:detail", pk=kasus.pk)
    return render(request, "ksdd/form.html", {"form": form, "judul": "KSDD baru atas prakarsa Daerah",
                                              "pasal": "Pasal 22 ayat (1)"}, status=400 if form.errors else 200)


@login_required
def tawaran_mitra(request):
    """Ps 35(3): record another region's offer letter with its draft KB."""
    if not request.user.punya_peran(Peran.SEKRETARIAT_TKKSD):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang mencatat surat penawaran dari daerah lain.")
    form = TawaranMitraForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            kasus = services.ksdd_tawaran_mitra_catat(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _galat_ke_form(form, exc)
        else:
            messages.success(request, f"Tawaran dicatat sebagai {kasus.nomor}; TKKSD mengkajinya.")
            return redirect("kerjasama:detail", pk=kasus.pk)
    return render(request, "ksdd/form.html", {"form": form, "judul": "Catat tawaran kerja sama dari daerah lain",
                                              "pasal": "Pasal 35 ayat (3)", "multipart": True},
                  status=400 if form.errors else 200)


@login_required
def ubah(request, pk):
    kasus = selectors.ksdd_detail(user=request.user, pk=pk)
    sekretariat = request.user.punya_peran(Peran.SEKRETARIAT_TKKSD)
    if not (sekretariat or adalah_pd_pemrakarsa(request.user, kasus)):
        raise PermissionDenied("Data kerja sama diubah oleh PD Pemrakarsa atau Sekretariat TKKSD.")
    if kasus.tahap not in TAHAP_DAPAT_DIUBAH:
        messages.error(request, "Data kerja sama tidak dapat diubah lagi setelah Kesepakatan Bersama ditandatangani.")
        return render(request, "kerjasama/konflik.html", {"kasus": kasus}, status=409)
    awal = {nama: getattr(kasus, nama) for nama in services.FIELD_DATA}
    awal["daerah_berbatasan"] = list(kasus.daerah_berbatasan.all())
    form = KasusKsddForm(request.POST or None, initial=awal, pilih_pd=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.ksdd_ubah(kasus=kasus, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _galat_ke_form(form, exc)
        except (KonflikTransisi, TransisiTidakTersedia) as exc:
            messages.error(request, str(exc))
            return render(request, "kerjasama/konflik.html", {"kasus": kasus}, status=409)
        else:
            messages.success(request, "Data kerja sama disimpan.")
            return redirect("kerjasama:detail", pk=kasus.pk)
    return render(request, "ksdd/form.html", {"form": form, "kasus": kasus, "judul": f"Ubah data {kasus.nomor}",
                                              "pasal": "Pasal 22, Pasal 27"}, status=400 if form.errors else 200)
