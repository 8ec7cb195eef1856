"""Thin views of KSDPL/KSDLL: read through selectors, write through services, answer 404 (invisible),
403 (not allowed), 409 (wrong stage) and 400 (bad fields) as the API does. Stage transitions go
through the core's generic form (/kerjasama/<pk>/transisi/<nama>/)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia

from . import permissions, selectors, services
from .constants import BAGIAN_LAPORAN, Bentuk, JenisLembaga, SumberPrakarsa
from .forms import (
    IzinForm,
    KasusBaruForm,
    KegiatanForm,
    KirimLaporanForm,
    KonfirmasiPersyaratanForm,
    LangkahPerselisihanForm,
    LaporanForm,
    PenjajakanForm,
    PerselisihanForm,
    RencanaTahunanForm,
    SelesaikanPerselisihanForm,
    UbahPrakarsaForm,
)
from .models import (
    KegiatanTahunan,
    LaporanTahunanKsdln,
    Perselisihan,
    PersyaratanKsdln,
    RencanaKegiatanTahunan,
)
from .permissions import SEKRETARIAT, SEKRETARIAT_ATAU_PD


def _galat_ke_form(form, exc: ValidationError) -> None:
    items = exc.message_dict.items() if hasattr(exc, "message_dict") else [(None, exc.messages)]
    for field, pesan_list in items:
        target = field if field in form.fields else None
        for pesan in pesan_list:
            form.add_error(target, pesan)


def _proses(request, form, aksi, *, sukses, kembali):
    """Run `aksi(cleaned_data)` for a valid form. Returns a redirect on success (`sukses` and `kembali`
    may be callables of the result), or the HTTP status to render the page with (400 with the errors
    on the form, 409 with a message)."""
    if not form.is_valid():
        return 400
    try:
        hasil = aksi(form.cleaned_data)
    except ValidationError as exc:
        _galat_ke_form(form, exc)
        return 400
    except (KonflikTransisi, TransisiTidakTersedia) as exc:
        messages.error(request, str(exc))
        return 409
    messages.success(request, sukses(hasil) if callable(sukses) else sukses)
    return redirect(kembali(hasil) if callable(kembali) else kembali)


def _tanpa_isian():
    """A bound form without fields: for buttons that only post (always valid)."""
    return forms.Form(data={})


def _url_kasus(kasus) -> str:
    return reverse("kerjasama:detail", args=[kasus.pk])


def _halaman(request, template, context, status=200):
    return render(request, template, context, status=status)


def _konteks(request, kasus, **extra):
    return {"kasus": kasus, "p": kasus.panel, "boleh_sekretariat": permissions.boleh(request.user, kasus, SEKRETARIAT),
            "boleh_kelola": permissions.boleh(request.user, kasus, SEKRETARIAT_ATAU_PD), **extra}


@login_required
def daftar(request):
    jenis = request.GET.get("jenis") if request.GET.get("jenis") in ("KSDPL", "KSDLL") else None
    kasus = selectors.kasus_ksdln_list(user=request.user, jenis=jenis, tahap=request.GET.get("tahap") or None,
                                       q=request.GET.get("q", "").strip())
    return render(request, "ksdln/daftar.html", {
        "daftar": kasus[:200], "jenis": jenis or "", "q": request.GET.get("q", ""),
        "boleh_baru": permissions.boleh_catat_prakarsa(request.user),
    })


@login_required
def baru(request):
    """Record an initiative (Ps 58): the Sekretariat TKKSD."""
    if not permissions.boleh_catat_prakarsa(request.user):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mencatat prakarsa KSDPL/KSDLL.")
    items = selectors.item_pemetaan_pilihan()
    form = KasusBaruForm(request.POST or None, items=items)
    status = 200
    if request.method == "POST":

        def aksi(data):
            item = selectors.item_pemetaan_get(data["item_pemetaan"]) if data.get("item_pemetaan") else None
            ubah = {"judul": data["judul"], "bentuk": data["bentuk"], "jenis_lembaga": data["jenis_lembaga"],
                    "objek": data["objek"], "objek_lainnya": data["objek_lainnya"], "uraian": data["uraian"]}
            if data["sumber_prakarsa"] == SumberPrakarsa.DAERAH and item is not None:
                if data["mitra"] is not None:
                    ubah["mitra"] = data["mitra"]
                # pemetaan links its item to the case (Ps 58(3)); then our prakarsa data completes it
                return services.kasus_ksdln_buat_dari_item(item=item, by=request.user, **ubah)
            return services.kasus_ksdln_buat(
                by=request.user, jenis=data["jenis"], perangkat_daerah=data["perangkat_daerah"],
                sumber_prakarsa=data["sumber_prakarsa"], mitra=data["mitra"], item_pemetaan=item, **ubah)

        status = _proses(request, form, aksi, sukses=lambda k: f"Prakarsa dicatat sebagai {k.nomor}.", kembali=_url_kasus)
        if not isinstance(status, int):
            return status
    return _halaman(request, "ksdln/baru.html", {"form": form, "ada_item": bool(items)}, status)


@login_required
def ubah(request, pk):
    kasus = permissions.get_kasus_ksdln_or_404(request.user, pk)
    permissions.wajib(request.user, kasus, SEKRETARIAT, "Hanya Sekretariat TKKSD yang dapat mengubah data prakarsa.")
    awal = {"judul": kasus.judul, "bentuk": kasus.bentuk, "jenis_lembaga": kasus.jenis_lembaga, "mitra": kasus.mitra,
            "objek": kasus.objek, "objek_lainnya": kasus.objek_lainnya, "uraian": kasus.uraian}
    form = UbahPrakarsaForm(request.POST or None, initial=awal)
    status = 200
    if request.method == "POST":
        status = _proses(request, form, lambda d: services.kasus_ksdln_ubah(kasus=kasus, by=request.user, **d),
                         sukses="Data prakarsa diperbarui.", kembali=_url_kasus(kasus))
        if not isinstance(status, int):
            return status
    return _halaman(request, "ksdln/ubah.html", _konteks(request, kasus, form=form, Bentuk=Bentuk,
                                                             JenisLembaga=JenisLembaga), status)


@login_required
def persyaratan(request, pk):
    """Ps 51: the checklist, confirmed item by item with evidence."""
    kasus = permissions.get_kasus_ksdln_or_404(request.user, pk)
    status = 200
    form_galat = None
    if request.method == "POST":
        permissions.wajib(request.user, kasus, SEKRETARIAT, "Hanya Sekretariat TKKSD yang dapat mengonfirmasi persyaratan.")
        form = KonfirmasiPersyaratanForm(request.POST, kasus=kasus, user=request.user)

        def aksi(data):
            item = get_object_or_404(PersyaratanKsdln, pk=data["persyaratan"], kasus=kasus)
            services.persyaratan_konfirmasi(persyaratan=item, by=request.user, terpenuhi=data["terpenuhi"],
                                            catatan=data["catatan"], dokumen=data["dokumen"])

        status = _proses(request, form, aksi, sukses="Persyaratan diperbarui.", kembali=request.path)
        if not isinstance(status, int):
            return status
        form_galat = form
    baris = [(p, form_galat if form_galat is not None and str(p.pk) == request.POST.get("persyaratan")
              else KonfirmasiPersyaratanForm(kasus=kasus, user=request.user, initial={"persyaratan": p.pk, "catatan": p.catatan,
                                                                   "terpenuhi": "ya" if p.terpenuhi else "tidak",
                                                                   "dokumen": p.dokumen_id}))
             for p in kasus.persyaratan.select_related("dikonfirmasi_oleh", "dokumen")]
    return _halaman(request, "ksdln/persyaratan.html", _konteks(request, kasus, baris=baris), status)


@login_required
def penjajakan(request, pk):
    kasus = permissions.get_kasus_ksdln_or_404(request.user, pk)
    form = PenjajakanForm(request.POST or None, kasus=kasus, user=request.user)
    status = 200
    if request.method == "POST":
        permissions.wajib(request.user, kasus, SEKRETARIAT_ATAU_PD)
        status = _proses(request, form, lambda d: services.penjajakan_catat(kasus=kasus, by=request.user, **d),
                         sukses="Kegiatan penjajakan dicatat.", kembali=request.path)
        if not isinstance(status, int):
            return status
    return _halaman(request, "ksdln/penjajakan.html", _konteks(
        request, kasus, form=form, daftar=kasus.kegiatan_penjajakan.select_related("dokumen", "dicatat_oleh")), status)


@login_required
def izin(request, pk):
    """Ps 76(2) huruf a: Izin Prinsip and Izin Operasional of a foreign non-profit."""
    kasus = permissions.get_kasus_ksdln_or_404(request.user, pk)
    form = IzinForm(request.POST or None, kasus=kasus, user=request.user)
    status = 200
    if request.method == "POST":
        permissions.wajib(request.user, kasus, SEKRETARIAT)
        status = _proses(request, form, lambda d: services.izin_lembaga_catat(kasus=kasus, by=request.user, **d),
                         sukses="Izin dicatat.", kembali=request.path)
        if not isinstance(status, int):
            return status
    return _halaman(request, "ksdln/izin.html", _konteks(request, kasus, form=form), status)


@login_required
def rencana_tahunan(request, pk):
    """Ps 72: the Rencana Kegiatan Tahunan and its activities."""
    kasus = permissions.get_kasus_ksdln_or_404(request.user, pk)
    form = RencanaTahunanForm(request.POST or None, kasus=kasus, user=request.user) if request.POST.get("_form") != "kegiatan" else \
        RencanaTahunanForm(kasus=kasus, user=request.user)
    form_kegiatan = KegiatanForm(request.POST if request.POST.get("_form") == "kegiatan" else None)
    status = 200
    if request.method == "POST":
        permissions.wajib(request.user, kasus, SEKRETARIAT_ATAU_PD)
        if request.POST.get("_form") == "kegiatan":
            rencana = get_object_or_404(RencanaKegiatanTahunan, pk=request.POST.get("rencana"), kasus=kasus)

            def aksi(d):
                kegiatan = (get_object_or_404(KegiatanTahunan, pk=d["kegiatan"], rencana=rencana)
                            if d.get("kegiatan") else None)
                services.kegiatan_tahunan_simpan(
                    rencana=rencana, by=request.user, kegiatan=kegiatan, uraian=d["uraian"], waktu=d["waktu"],
                    pelaksana=d["pelaksana"], anggaran=d["anggaran"], status=d["status"], hasil=d["hasil"])

            status = _proses(request, form_kegiatan, aksi, sukses="Kegiatan disimpan.", kembali=request.path)
        else:
            status = _proses(request, form, lambda d: services.rencana_tahunan_simpan(kasus=kasus, by=request.user, **d),
                             sukses="Rencana Kegiatan Tahunan disimpan.", kembali=request.path)
        if not isinstance(status, int):
            return status
    return _halaman(request, "ksdln/rencana_tahunan.html", _konteks(
        request, kasus, form=form, form_kegiatan=form_kegiatan, daftar=selectors.rencana_tahunan_list(kasus=kasus)),
        status)


@login_required
def perselisihan(request, pk):
    """Ps 82–83: disputes, their steps and outcomes."""
    kasus = permissions.get_kasus_ksdln_or_404(request.user, pk)
    aksi_form = request.POST.get("_form", "baru") if request.method == "POST" else ""
    form = PerselisihanForm(request.POST if aksi_form == "baru" else None)
    form_langkah = LangkahPerselisihanForm(request.POST if aksi_form == "langkah" else None, kasus=kasus, user=request.user)
    form_selesai = SelesaikanPerselisihanForm(request.POST if aksi_form == "selesai" else None)
    status = 200
    if request.method == "POST":
        permissions.wajib(request.user, kasus, SEKRETARIAT)
        if aksi_form == "baru":
            status = _proses(request, form, lambda d: services.perselisihan_catat(kasus=kasus, by=request.user, **d),
                             sukses="Perselisihan dicatat.", kembali=request.path)
        else:
            p = get_object_or_404(Perselisihan, pk=request.POST.get("perselisihan"), kasus=kasus)
            if aksi_form == "langkah":
                status = _proses(request, form_langkah,
                                 lambda d: services.perselisihan_langkah_catat(perselisihan=p, by=request.user, **d),
                                 sukses="Langkah penyelesaian dicatat.", kembali=request.path)
            else:
                status = _proses(request, form_selesai,
                                 lambda d: services.perselisihan_selesaikan(perselisihan=p, by=request.user, **d),
                                 sukses="Perselisihan selesai.", kembali=request.path)
        if not isinstance(status, int):
            return status
    return _halaman(request, "ksdln/perselisihan.html", _konteks(
        request, kasus, form=form, form_langkah=form_langkah, form_selesai=form_selesai,
        daftar=selectors.perselisihan_list(kasus=kasus), aksi_form=aksi_form,
        perselisihan_post=request.POST.get("perselisihan", "")), status)


@login_required
def laporan_daftar(request, pk):
    kasus = permissions.get_kasus_ksdln_or_404(request.user, pk)
    return render(request, "ksdln/laporan_daftar.html", _konteks(request, kasus, daftar=selectors.laporan_list(kasus=kasus)))


@login_required
def laporan(request, pk, tahun):
    """Ps 80–81: edit the annual report before sending, generate its PDF, record it sent."""
    kasus = permissions.get_kasus_ksdln_or_404(request.user, pk)
    lap = get_object_or_404(LaporanTahunanKsdln, kasus=kasus, tahun=tahun)
    aksi_form = request.POST.get("_form", "ubah") if request.method == "POST" else ""
    awal = {kode: getattr(lap, kode) for kode, _l in BAGIAN_LAPORAN}
    form = LaporanForm(request.POST if aksi_form == "ubah" else None, initial=awal)
    form_kirim = KirimLaporanForm(request.POST if aksi_form == "kirim" else None)
    status = 200
    if request.method == "POST":
        if aksi_form == "kirim":
            permissions.wajib(request.user, kasus, SEKRETARIAT, "Hanya Sekretariat TKKSD yang mengirim laporan.")
            status = _proses(request, form_kirim,
                             lambda d: services.laporan_tahunan_kirim(laporan=lap, by=request.user, **d),
                             sukses=f"Laporan tahunan {tahun} dicatat terkirim kepada Gubernur.", kembali=request.path)
        else:
            permissions.wajib(request.user, kasus, SEKRETARIAT_ATAU_PD)
            if aksi_form == "isi":
                status = _proses(request, _tanpa_isian(),
                                 lambda d: services.laporan_tahunan_isi_otomatis(laporan=lap, by=request.user),
                                 sukses="Bagian yang kosong diisi dari data kerja sama.", kembali=request.path)
            elif aksi_form == "pdf":
                status = _proses(request, _tanpa_isian(),
                                 lambda d: services.laporan_tahunan_hasilkan_pdf(laporan=lap, by=request.user),
                                 sukses="PDF laporan dihasilkan (lihat bagian Dokumen).", kembali=request.path)
            else:
                status = _proses(request, form, lambda d: services.laporan_tahunan_ubah(laporan=lap, by=request.user, **d),
                                 sukses="Laporan disimpan.", kembali=request.path)
        if not isinstance(status, int):
            return status
    return _halaman(request, "ksdln/laporan.html", _konteks(
        request, kasus, laporan=lap, form=form, form_kirim=form_kirim,
        kegiatan=services.laporan_kegiatan(lap)), status)


@login_required
@require_POST
def surat_menteri(request, pk):
    """Ps 66(3), 68(3): prepare the letter straight to the Menteri once the 5 days have passed."""
    kasus = permissions.get_kasus_ksdln_or_404(request.user, pk)
    try:
        versi = services.surat_langsung_menteri_siapkan(kasus=kasus, by=request.user)
    except (KonflikTransisi, TransisiTidakTersedia) as exc:
        messages.error(request, str(exc))
        return render(request, "kerjasama/konflik.html", {"kasus": kasus}, status=409)
    messages.success(request, f"Surat kepada Menteri disiapkan (versi {versi.nomor_versi}).")
    return redirect("kerjasama:detail", pk=kasus.pk)


@login_required
@require_POST
def surat_perpanjangan(request, pk):
    """Ps 78(3): prepare the extension request letter to the Menteri."""
    kasus = permissions.get_kasus_ksdln_or_404(request.user, pk)
    try:
        versi = services.surat_perpanjangan_hasilkan(kasus=kasus, by=request.user)
    except (KonflikTransisi, TransisiTidakTersedia) as exc:
        messages.error(request, str(exc))
        return render(request, "kerjasama/konflik.html", {"kasus": kasus}, status=409)
    messages.success(request, f"Surat permohonan perpanjangan disiapkan (versi {versi.nomor_versi}).")
    return redirect("kerjasama:detail", pk=kasus.pk)
