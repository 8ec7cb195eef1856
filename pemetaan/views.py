"""Thin views of the mapping: read through selectors, write through services, and answer as the
API does — invisible 404, not allowed 403, wrong stage or changed meanwhile 409, bad fields 400."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kerjasama import alur as alur_inti
from kerjasama.constants import Peran
from kerjasama.ekspor import xlsx_simpan
from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia
from kerjasama.permissions import dokumen_terlihat

from . import selectors, services
from .alur import info_tahap
from .constants import TahapRekomendasi, TahapSiklus
from .forms import (
    AnggotaFormSet,
    ItemUsulanFormSet,
    KehadiranFormSet,
    RekomendasiForm,
    SiklusBukaForm,
    TimForm,
    UnggahForm,
)
from .models import BAGIAN_REKOMENDASI, ItemRencana
from .permissions import (
    adalah_pd,
    adalah_pd_dari,
    dapat_melihat_siklus,
    dapat_mengelola_pleno,
    get_rekomendasi_or_404,
    get_siklus_or_404,
    melihat_semua,
    periksa_pd_penyusun,
)


def _pesan(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for _k, v in exc.message_dict.items() for m in v]
    return list(exc.messages)


def _konflik(request, exc, tautan: str):
    return render(request, "pemetaan/konflik.html", {"pesan": str(exc), "tautan": tautan}, status=409)


def _isi_galat(form, exc: ValidationError) -> None:
    items = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
    for field, daftar in items:
        for pesan in daftar:
            form.add_error(field if field in form.fields else None, pesan)


def _wajib_lihat_siklus(user):
    if not dapat_melihat_siklus(user):
        raise Http404("Tidak ditemukan.")


# ---------------------------------------------------------------------------------------------
# Cycles
# ---------------------------------------------------------------------------------------------


@login_required
def indeks(request):
    _wajib_lihat_siklus(request.user)
    context = {
        "siklus_list": selectors.siklus_list(user=request.user),
        "boleh_buka": request.user.punya_peran(Peran.SEKRETARIAT_TKKSD),
        "tim": selectors.tim_aktif(perangkat_daerah=request.user.perangkat_daerah) if adalah_pd(request.user) else None,
        "adalah_pd": adalah_pd(request.user),
    }
    return render(request, "pemetaan/indeks.html", context)


@login_required
def siklus_baru(request):
    _wajib_lihat_siklus(request.user)
    if not request.user.punya_peran(Peran.SEKRETARIAT_TKKSD):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat membuka siklus pemetaan.")
    form = SiklusBukaForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                siklus = services.siklus_buka(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _isi_galat(form, exc)
            else:
                messages.success(request, f"Siklus pemetaan {siklus.tahun} dibuka; setiap Perangkat Daerah diberi tahu.")
                return redirect("pemetaan:siklus_detail", pk=siklus.pk)
        status = 400
    return render(request, "pemetaan/siklus_baru.html", {"form": form}, status=status)


@login_required
def siklus_detail(request, pk):
    siklus = get_siklus_or_404(request.user, pk)
    user = request.user
    pleno = siklus.tahap == TahapSiklus.PLENO
    boleh_kelola = dapat_mengelola_pleno(user)
    daftar = list(selectors.daftar_rencana(siklus=siklus))
    for item in daftar:
        item.boleh_mulai = (siklus.daftar_ditetapkan and item.kerjasama_id is None
                            and services.dapat_memulai_kasus(user, item))
    context = {
        "siklus": siklus,
        "tahap_info": info_tahap(siklus.tahapan, siklus.tahap),
        "timeline": _timeline(siklus),
        "transisi": services.transisi_tersedia(siklus, user),
        "rekomendasi_per_pd": selectors.rekomendasi_per_pd(siklus=siklus, user=user),
        "ringkasan": selectors.ringkasan_rekomendasi(siklus=siklus),
        "rekomendasi_saya": selectors.rekomendasi_saya(user=user, siklus=siklus) if adalah_pd(user) else None,
        "adalah_pd": adalah_pd(user),
        "usulan": list(selectors.usulan_pleno(siklus=siklus)) if (pleno and boleh_kelola) else [],
        "daftar": daftar,
        "kehadiran": list(siklus.kehadiran.all()),
        "evaluasi": list(siklus.daftar_evaluasi.select_related("dievaluasi_oleh")),
        "tenggat": selectors.tenggat_objek(siklus),
        "dokumen": dokumen_terlihat(request.user, selectors.dokumen_pemilik(siklus)),
        "riwayat": selectors.riwayat_objek(siklus),
        "pleno": pleno,
        "boleh_kelola": boleh_kelola,
        "boleh_hasilkan": {jenis: boleh_kelola and siklus.tahap in tahap
                           for jenis, tahap in services.TAHAP_DOKUMEN.items()},
        "boleh_unggah": user.punya_peran(*services.PERAN_UNGGAH_SIKLUS),
        "form_unggah": UnggahForm(),
    }
    return render(request, "pemetaan/siklus_detail.html", context)


def _timeline(obj) -> list[dict]:
    kode = [t.kode for t in obj.tahapan]
    idx = kode.index(obj.tahap) if obj.tahap in kode else -1
    hasil = []
    for i, t in enumerate(obj.tahapan):
        status = "sekarang" if i == idx else ("selesai" if i < idx else "berikut")
        hasil.append({"tahap": t, "status": status})
    return hasil


def _transisi_view(request, obj, nama: str, jalankan, kembali: str, judul_objek: str):
    t = services.transisi_cari(obj, nama)
    if t is None or not services._ditawarkan(t):
        return _konflik(request, f"Langkah \u201c{nama}\u201d tidak tersedia pada tahap ini.", kembali)
    if not t.has_perm(obj, request.user):
        raise PermissionDenied("Anda tidak berwenang mengambil langkah ini.")
    isian = alur_inti.isian_transisi(t)
    status = 200
    if request.method == "POST":
        form = alur_inti.buat_form(isian, data=request.POST)
        try:
            jalankan(data=request.POST.dict(), tahap_diharapkan=request.POST.get("_tahap") or obj.tahap)
        except ValidationError as exc:
            form.is_valid()
            _isi_galat(form, exc)
            status = 400
        except (KonflikTransisi, TransisiTidakTersedia) as exc:
            return _konflik(request, exc, kembali)
        else:
            messages.success(request, f"{t.custom['label']}: berhasil.")
            return redirect(kembali)
    else:
        form = alur_inti.buat_form(isian)
    return render(request, "pemetaan/transisi.html",
                  {"obj": obj, "t": t, "form": form, "kembali": kembali, "judul_objek": judul_objek}, status=status)


@login_required
def siklus_transisi(request, pk, nama):
    siklus = get_siklus_or_404(request.user, pk)

    def jalankan(**kwargs):
        return services.siklus_transisi(siklus=siklus, nama=nama, by=request.user, **kwargs)

    return _transisi_view(request, siklus, nama, jalankan, siklus_url(siklus), str(siklus))


def siklus_url(siklus) -> str:
    return f"/pemetaan/siklus/{siklus.pk}/"


@login_required
@require_POST
def siklus_daftar(request, pk):
    """The plenary picks proposed items into the list and ranks them (Ps 15–16)."""
    siklus = get_siklus_or_404(request.user, pk)
    pilihan = []
    for key in request.POST:
        if key.startswith("pilih_"):
            item_id = key.removeprefix("pilih_")
            pilihan.append({"item_usulan": item_id, "peringkat": request.POST.get(f"peringkat_{item_id}", ""),
                            "catatan": request.POST.get(f"catatan_{item_id}", "")})
    try:
        daftar = services.daftar_rencana_atur(siklus=siklus, by=request.user, pilihan=pilihan)
    except ValidationError as exc:
        for pesan in _pesan(exc):
            messages.error(request, pesan)
        return redirect(siklus_url(siklus) + "#pleno")
    except (KonflikTransisi, TransisiTidakTersedia) as exc:
        return _konflik(request, exc, siklus_url(siklus))
    messages.success(request, f"Daftar Rencana Program dan Kegiatan disimpan: {len(daftar)} item berperingkat.")
    return redirect(siklus_url(siklus) + "#pleno")


@login_required
def siklus_kehadiran(request, pk):
    siklus = get_siklus_or_404(request.user, pk)
    if not dapat_mengelola_pleno(request.user):
        raise PermissionDenied("Hanya TKKSD yang mencatat daftar hadir rapat pleno.")
    status = 200
    galat: list[str] = []
    if request.method == "POST":
        formset = KehadiranFormSet(request.POST, prefix="hadir")
        if formset.is_valid():
            daftar = [f.cleaned_data for f in formset if any(f.cleaned_data.values())]
            try:
                services.kehadiran_atur(siklus=siklus, by=request.user, daftar=daftar)
            except ValidationError as exc:
                galat = _pesan(exc)
                status = 400
            except (KonflikTransisi, TransisiTidakTersedia) as exc:
                return _konflik(request, exc, siklus_url(siklus))
            else:
                messages.success(request, f"Daftar hadir rapat pleno disimpan ({len(daftar)} orang).")
                return redirect(siklus_url(siklus) + "#pleno")
        else:
            status = 400
    else:
        awal = [{"nama": k.nama, "jabatan": k.jabatan, "unsur": k.unsur} for k in siklus.kehadiran.all()]
        formset = KehadiranFormSet(prefix="hadir", initial=awal)
    return render(request, "pemetaan/kehadiran.html", {"siklus": siklus, "formset": formset, "galat": galat},
                  status=status)


@login_required
@require_POST
def siklus_dokumen_hasilkan(request, pk, jenis):
    siklus = get_siklus_or_404(request.user, pk)
    try:
        versi = services.siklus_dokumen_hasilkan(siklus=siklus, by=request.user, jenis=jenis)
    except ValidationError as exc:
        for pesan in _pesan(exc):
            messages.error(request, pesan)
        return redirect(siklus_url(siklus))
    except (KonflikTransisi, TransisiTidakTersedia) as exc:
        return _konflik(request, exc, siklus_url(siklus))
    messages.success(request, f"{versi.dokumen.judul} (versi {versi.nomor_versi}) dihasilkan.")
    return redirect(siklus_url(siklus) + "#dokumen")


@login_required
@require_POST
def siklus_dokumen_unggah(request, pk):
    siklus = get_siklus_or_404(request.user, pk)
    # Spec README "Actors and roles": one who sees the cycle but may not attach to it gets 403 whatever
    # the form holds (the signed Keputusan of Perwal 57/2023 Ps 18 is kept by staff), not the form's errors.
    if not request.user.punya_peran(*services.PERAN_UNGGAH_SIKLUS):
        raise PermissionDenied("Anda tidak berwenang mengunggah dokumen pada siklus pemetaan.")
    form = UnggahForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            versi = services.siklus_dokumen_unggah(siklus=siklus, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for pesan in _pesan(exc):
                messages.error(request, pesan)
        else:
            messages.success(request, f"Dokumen \u201c{versi.dokumen.judul}\u201d tersimpan.")
    else:
        for field, errors in form.errors.items():
            for e in errors:
                messages.error(request, f"{form.fields[field].label}: {e}")
    return redirect(siklus_url(siklus) + "#dokumen")


@login_required
def siklus_daftar_xlsx(request, pk):
    """Excel export of the Daftar Rencana Program dan Kegiatan (spec pemetaan.md)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    siklus = get_siklus_or_404(request.user, pk)
    wb = Workbook()
    ws = wb.active
    ws.title = f"Daftar {siklus.tahun}"
    ws.append([f"Daftar Rencana Program dan Kegiatan Kerja Sama Daerah Pemerintah Kota Bekasi Tahun {siklus.tahun}"])
    ws["A1"].font = Font(bold=True)
    status = (f"Keputusan Wali Kota Nomor {siklus.nomor_keputusan} tanggal {siklus.tanggal_keputusan:%d-%m-%Y}"
              if siklus.tanggal_keputusan else f"Belum ditetapkan (tahap: {siklus.get_tahap_display()})")
    ws.append([status])
    ws.append([])
    kolom = ["Peringkat", "Perangkat Daerah", "Urusan", "Program", "Kegiatan", "Jenis", "Calon mitra",
             "Jangka waktu (bulan)", "Ruang lingkup", "Catatan pleno", "Kerja sama"]
    ws.append(kolom)
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for item in selectors.daftar_rencana(siklus=siklus):
        ws.append([item.peringkat, item.perangkat_daerah.nama, item.urusan, item.program, item.kegiatan,
                   item.jenis_usulan, item.nama_calon_mitra, item.jangka_waktu_bulan, item.ruang_lingkup,
                   item.catatan, item.kerjasama.nomor if item.kerjasama_id else ""])
    for col, lebar in zip("ABCDEFGHIJK", (10, 32, 22, 36, 40, 8, 28, 12, 50, 24, 22), strict=True):
        ws.column_dimensions[col].width = lebar
    for row in ws.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    response = HttpResponse(xlsx_simpan(wb),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="daftar-rencana-pemetaan-{siklus.tahun}.xlsx"'
    return response


@login_required
@require_POST
def item_mulai(request, pk):
    """One action: an item of a set list starts its cooperation case (Ps 18–19)."""
    item = get_object_or_404(ItemRencana.objects.select_related("siklus"), pk=pk)
    siklus = get_siklus_or_404(request.user, item.siklus_id)
    try:
        kasus = services.item_mulai_kasus(item=item, by=request.user)
    except (KonflikTransisi, TransisiTidakTersedia) as exc:
        return _konflik(request, exc, siklus_url(siklus))
    except ValidationError as exc:
        for pesan in _pesan(exc):
            messages.error(request, pesan)
        return redirect(siklus_url(siklus) + "#daftar")
    messages.success(request, f"Kerja sama {kasus.nomor} dimulai dari item peringkat {item.peringkat}.")
    return redirect("kerjasama:detail", pk=kasus.pk)


@login_required
def realisasi(request):
    _wajib_lihat_siklus(request.user)
    per_tahun = selectors.realisasi_per_tahun(user=request.user)
    tahun = request.GET.get("tahun")
    siklus = next((r["siklus"] for r in per_tahun if str(r["tahun"]) == tahun), None)
    return render(request, "pemetaan/realisasi.html", {
        "per_tahun": per_tahun, "per_pd": selectors.realisasi_per_pd(user=request.user, siklus=siklus),
        "siklus_dipilih": siklus,
    })


# ---------------------------------------------------------------------------------------------
# Tim Pemetaan (Ps 10)
# ---------------------------------------------------------------------------------------------


@login_required
def tim(request):
    """A PD's own team; the TKKSD may look at any PD's (?pd=<id>)."""
    from kerjasama.models import PerangkatDaerah

    user = request.user
    if adalah_pd(user):
        pd = user.perangkat_daerah
    elif request.GET.get("pd") and melihat_semua(user):
        pd = get_object_or_404(PerangkatDaerah, pk=request.GET["pd"]) if request.GET["pd"].isdigit() else None
        if pd is None:
            raise Http404("Tidak ditemukan.")
    elif melihat_semua(user):
        # The TKKSD's overview: which PD has a valid team (Ps 10) before it can submit.
        return render(request, "pemetaan/tim_daftar.html", {"daftar": selectors.tim_per_pd()})
    else:
        raise Http404("Tidak ditemukan.")
    boleh_ubah = adalah_pd_dari(user, pd.pk) or user.punya_peran(Peran.SEKRETARIAT_TKKSD)
    status = 200
    form = TimForm(request.POST or None, request.FILES or None)
    formset = AnggotaFormSet(request.POST or None, prefix="anggota")
    if request.method == "POST":
        if not boleh_ubah:
            raise PermissionDenied("Anda tidak berwenang mencatat Tim Pemetaan Perangkat Daerah ini.")
        if form.is_valid() and formset.is_valid():
            anggota = [f.cleaned_data for f in formset if any(f.cleaned_data.values())]
            try:
                services.tim_pemetaan_tetapkan(by=user, perangkat_daerah=pd, anggota=anggota, **form.cleaned_data)
            except ValidationError as exc:
                _isi_galat(form, exc)
            else:
                messages.success(request, "Tim Pemetaan dicatat.")
                return redirect(request.get_full_path())
        status = 400
    context = {
        "pd": pd, "aktif": selectors.tim_aktif(perangkat_daerah=pd), "riwayat": selectors.tim_riwayat(perangkat_daerah=pd),
        "form": form, "formset": formset, "boleh_ubah": boleh_ubah,
    }
    return render(request, "pemetaan/tim.html", context, status=status)


# ---------------------------------------------------------------------------------------------
# Recommendations (Ps 12–14)
# ---------------------------------------------------------------------------------------------


def _awal_item(rekomendasi) -> list[dict]:
    if rekomendasi is None:
        return []
    return [{"urusan": i.urusan, "program": i.program, "kegiatan": i.kegiatan, "jenis_usulan": i.jenis_usulan,
             "calon_mitra": i.calon_mitra, "mitra": i.mitra_id, "jangka_waktu_bulan": i.jangka_waktu_bulan,
             "ruang_lingkup": i.ruang_lingkup} for i in rekomendasi.item.all()]


@login_required
def rekomendasi_ubah(request, pk):
    """The PD's own recommendation for cycle `pk`: created on first save, edited while a draft or returned."""
    siklus = get_siklus_or_404(request.user, pk)
    if not adalah_pd(request.user):
        raise PermissionDenied("Rekomendasi disusun oleh Perangkat Daerah (Pasal 13 ayat (1)).")
    rek = selectors.rekomendasi_saya(user=request.user, siklus=siklus)
    if rek is not None and not rek.dapat_diubah:
        return _konflik(request, f"Rekomendasi sedang pada tahap \u201c{rek.get_tahap_display()}\u201d dan tidak dapat diubah.",
                        f"/pemetaan/rekomendasi/{rek.pk}/")
    if rek is None and siklus.tahap != TahapSiklus.PENGUMPULAN_DATA:
        return _konflik(request, "Siklus ini sudah tidak menerima rekomendasi.", siklus_url(siklus))
    status = 200
    if request.method == "POST":
        form = RekomendasiForm(request.POST)
        formset = ItemUsulanFormSet(request.POST, prefix="item")
        if form.is_valid() and formset.is_valid():
            item = [f.cleaned_data for f in formset if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            for row in item:
                row.pop("DELETE", None)
            try:
                rek = services.rekomendasi_simpan(by=request.user, siklus=siklus, rekomendasi=rek, item=item,
                                                  **form.cleaned_data)
            except ValidationError as exc:
                _isi_galat(form, exc)
            except (KonflikTransisi, TransisiTidakTersedia) as exc:
                return _konflik(request, exc, siklus_url(siklus))
            else:
                if request.POST.get("ajukan"):
                    try:
                        rek = services.rekomendasi_submit(rekomendasi=rek, by=request.user)
                    except ValidationError as exc:
                        messages.warning(request, "Rekomendasi disimpan sebagai draf, tetapi belum dapat diajukan:")
                        for pesan in _pesan(exc):
                            messages.error(request, pesan)
                    except (KonflikTransisi, TransisiTidakTersedia) as exc:
                        return _konflik(request, exc, siklus_url(siklus))
                    else:
                        messages.success(request, "Rekomendasi diajukan ke TKKSD (Pasal 13 ayat (2)).")
                else:
                    messages.success(request, "Rekomendasi disimpan sebagai draf.")
                return redirect("pemetaan:rekomendasi_detail", pk=rek.pk)
        status = 400
    else:
        awal = {nama: getattr(rek, nama) for nama, _l, _p in BAGIAN_REKOMENDASI} if rek else None
        form = RekomendasiForm(initial=awal)
        formset = ItemUsulanFormSet(prefix="item", initial=_awal_item(rek))
    return render(request, "pemetaan/rekomendasi_form.html",
                  {"siklus": siklus, "rek": rek, "form": form, "formset": formset}, status=status)


@login_required
def rekomendasi_detail(request, pk):
    rek = get_rekomendasi_or_404(request.user, pk, _qs_rekomendasi())
    context = {
        "rek": rek, "siklus": rek.siklus,
        "tahap_info": info_tahap(rek.tahapan, rek.tahap),
        "timeline": _timeline(rek),
        "transisi": services.transisi_tersedia(rek, request.user),
        "kekurangan": rek.kekurangan() if rek.tahap in (TahapRekomendasi.DRAFT, TahapRekomendasi.DIKEMBALIKAN,
                                                        TahapRekomendasi.DIAJUKAN) else [],
        "bagian": [(label, pasal, getattr(rek, nama)) for nama, label, pasal in BAGIAN_REKOMENDASI],
        "item": list(rek.item.select_related("mitra", "item_rencana")),
        "tim": rek.tim or rek.tim_aktif(),
        "dokumen": dokumen_terlihat(request.user, selectors.dokumen_pemilik(rek)),
        "riwayat": selectors.riwayat_objek(rek),
        "boleh_ubah": rek.dapat_diubah and adalah_pd_dari(request.user, rek.perangkat_daerah_id),
        "form_unggah": UnggahForm(),
    }
    return render(request, "pemetaan/rekomendasi_detail.html", context)


def _qs_rekomendasi():
    from .models import Rekomendasi

    return Rekomendasi.objects.select_related("siklus", "perangkat_daerah", "tim")


@login_required
def rekomendasi_transisi(request, pk, nama):
    rek = get_rekomendasi_or_404(request.user, pk, _qs_rekomendasi())

    def jalankan(**kwargs):
        return services.rekomendasi_transisi(rekomendasi=rek, nama=nama, by=request.user, **kwargs)

    return _transisi_view(request, rek, nama, jalankan, f"/pemetaan/rekomendasi/{rek.pk}/", str(rek))


@login_required
@require_POST
def rekomendasi_dokumen_unggah(request, pk):
    rek = get_rekomendasi_or_404(request.user, pk)
    # Perwal 57/2023 Ps 11 and Ps 13(1): 403 for anyone but the drafting PD, whatever the form holds.
    periksa_pd_penyusun(request.user, rek)
    form = UnggahForm(request.POST, request.FILES)
    kembali = f"/pemetaan/rekomendasi/{rek.pk}/"
    if form.is_valid():
        try:
            versi = services.rekomendasi_dokumen_unggah(rekomendasi=rek, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for pesan in _pesan(exc):
                messages.error(request, pesan)
        except (KonflikTransisi, TransisiTidakTersedia) as exc:
            return _konflik(request, exc, kembali)
        else:
            messages.success(request, f"Data pendukung \u201c{versi.dokumen.judul}\u201d tersimpan.")
    else:
        for field, errors in form.errors.items():
            for e in errors:
                messages.error(request, f"{form.fields[field].label}: {e}")
    return redirect(kembali + "#dokumen")

