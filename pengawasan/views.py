"""Thin views of supervision: read through selectors, write through services; an invisible
cooperation answers 404, a visible one the user may not act on 403, a stage conflict 409, bad
fields 400 (the form again, with Indonesian messages)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kerjasama import selectors as inti_selectors
from kerjasama.constants import Peran
from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia
from kerjasama.models import Kewajiban
from kerjasama.permissions import dokumen_terlihat, get_kerjasama_or_404, melihat_semua
from kerjasama.validators import PESAN_TAHUN, tahun_diminta

from . import ekspor, selectors, services
from .constants import (
    PASAL_ANALISA_EVALUASI,
    PASAL_LAPORAN_MITRA,
    PASAL_MATRIK,
    PASAL_PEMBINAAN,
    PASAL_TIM,
    PASAL_TIM_PEMBINAAN,
    BentukPembinaan,
    HurufEvaluasi,
    JenisKegiatan,
    StatusTindakLanjut,
    TahapKegiatan,
)
from .forms import (
    AjukanLaporanForm,
    AlasanForm,
    AnggotaTimForm,
    AnggotaTimPembinaanForm,
    AnggotaUbahForm,
    BagianEvaluasiForm,
    BarisMatrikForm,
    FilterIkhtisarForm,
    KegiatanBaruForm,
    KewajibanEvaluasiForm,
    LaksanakanForm,
    LampiranForm,
    LaporanMitraForm,
    PembinaanForm,
    TerimaLaporanForm,
    TimPembinaanForm,
    TimPengawasanForm,
    TindakLanjutTutupForm,
    TindakLanjutUbahForm,
)
from .models import (
    AnggotaTimPengawasan,
    BarisMatrik,
    KegiatanPengawasan,
    LaporanMitra,
    TimPembinaanPengawasan,
    TindakLanjut,
)
from .permissions import (
    dapat_melihat_pengawasan,
    dapat_mencatat_pembinaan,
    dapat_mengawasi,
    dapat_mengelola_tim,
    dapat_mengubah_tindak_lanjut,
    dapat_mengunggah_laporan_mitra,
    dapat_menugaskan_tim,
)

# --- helpers -----------------------------------------------------------------------------------


def _isi_galat(form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: on its field when the form has it."""
    if not hasattr(form, "cleaned_data"):
        form.is_valid()
    items = exc.message_dict.items() if hasattr(exc, "message_dict") else [(None, exc.messages)]
    for field, pesan_list in items:
        target = field if field in form.fields else None
        for pesan in pesan_list:
            if target and target in form.errors:
                form.errors[target].append(pesan)
            else:
                form.add_error(target, pesan)


def _pesan_galat(request, exc: ValidationError) -> None:
    if hasattr(exc, "message_dict"):
        for pesan_list in exc.message_dict.values():
            for pesan in pesan_list:
                messages.error(request, pesan)
    else:
        for pesan in exc.messages:
            messages.error(request, pesan)


def _konflik(request, exc, kembali: str):
    messages.error(request, str(exc))
    return render(request, "pengawasan/konflik.html", {"kembali": kembali}, status=409)


def _kerjasama_pengawasan(request, pk):
    """The cooperation (404 when invisible) whose supervision file the user may read (else 403)."""
    ks = get_kerjasama_or_404(request.user, pk)
    if not dapat_melihat_pengawasan(request.user, ks):
        raise PermissionDenied("Berkas pengawasan hanya untuk Pemerintah Daerah.")
    return ks


def _kegiatan(request, pk) -> KegiatanPengawasan:
    kegiatan = get_object_or_404(KegiatanPengawasan.objects.select_related("kerjasama", "tenggat"), pk=pk)
    _kerjasama_pengawasan(request, kegiatan.kerjasama_id)
    return kegiatan


def _bukan_mitra(request):
    if request.user.punya_peran(Peran.MITRA) and not melihat_semua(request.user):
        raise PermissionDenied("Halaman ini untuk Pemerintah Daerah. Mitra menyampaikan laporan melalui \u201cLaporan saya\u201d.")


def _tahun(request) -> int | None:
    return tahun_diminta(request.GET.get("tahun"))


# --- the Ketua TKKSD's overview ---------------------------------------------------------------


def _ikhtisar_baris(request):
    form = FilterIkhtisarForm(request.GET or None)
    f = form.cleaned_data if form.is_valid() else {}
    baris = selectors.ikhtisar(user=request.user, jenis=f.get("jenis"), perangkat_daerah=f.get("perangkat_daerah"),
                               mitra=f.get("mitra"), q=f.get("q") or "", hanya_terlambat=bool(f.get("hanya_terlambat")))
    return form, baris


@login_required
def ikhtisar(request):
    if request.user.punya_peran(Peran.MITRA) and not melihat_semua(request.user):
        return redirect("pengawasan:laporan_saya")
    form, baris = _ikhtisar_baris(request)
    return render(request, "pengawasan/ikhtisar.html", {
        "form": form, "baris": baris, "query": request.GET.urlencode(), "now": timezone.now(),
        "boleh_mulai": dapat_mengelola_tim(request.user),
    })


@login_required
def ikhtisar_xlsx(request):
    _bukan_mitra(request)
    _form, baris = _ikhtisar_baris(request)
    isi = ekspor.ikhtisar_xlsx(baris, now=timezone.now())
    response = HttpResponse(isi, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="ikhtisar-pengawasan-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


# --- a cooperation's supervision file -----------------------------------------------------------


@login_required
def kerjasama(request, pk):
    ks = _kerjasama_pengawasan(request, pk)
    kasus = ks.kasus()
    return render(request, "pengawasan/kerjasama.html", {
        "ks": kasus,
        "tim": selectors.tim_dari(ks),
        "siklus": selectors.siklus_berjalan(ks),
        "kegiatan": selectors.kegiatan_list(user=request.user, kerjasama=ks),
        "tindak_lanjut": selectors.tindak_lanjut_list(user=request.user, kerjasama=ks),
        "laporan_mitra": selectors.laporan_mitra_list(user=request.user, kerjasama=ks),
        "laporan_terutang": selectors.laporan_mitra_terutang(ks),
        "kewajiban": Kewajiban.objects.filter(kerjasama_id=ks.pk),
        "tenggat": inti_selectors.tenggat_list(user=request.user, kerjasama=ks).filter(
            aturan__in=("pemantauan", "evaluasi", "laporan_mitra")).order_by("-jatuh_tempo")[:20],
        "riwayat": selectors.riwayat_pengawasan(kerjasama=ks)[:50],
        "boleh_awasi": dapat_mengawasi(request.user, ks),
        "boleh_tim": dapat_mengelola_tim(request.user),
        "boleh_lapor": dapat_mengunggah_laporan_mitra(request.user, ks),
        "now": timezone.now(), "hari_ini": timezone.localdate(),
        "pasal_tim": PASAL_TIM, "pasal_laporan": PASAL_LAPORAN_MITRA,
    })


@login_required
@require_POST
def mulai(request, pk):
    ks = _kerjasama_pengawasan(request, pk)
    if not dapat_mengelola_tim(request.user):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat memulai pengawasan.")
    if ks.tahap != "pelaksanaan":
        return _konflik(request, TransisiTidakTersedia("Kerja sama tidak dalam tahap pelaksanaan."),
                        reverse("pengawasan:kerjasama", args=[ks.pk]))
    services.pengawasan_mulai(kerjasama=ks, by=request.user)
    messages.success(request, "Pengawasan berjalan untuk kerja sama ini.")
    return redirect("pengawasan:kerjasama", pk=ks.pk)


@login_required
def tim(request, pk):
    ks = _kerjasama_pengawasan(request, pk)
    tim_obj = selectors.tim_dari(ks)
    boleh = dapat_mengelola_tim(request.user)
    if tim_obj is None:
        # A GET never writes (issue 12): forming the team creates it, grants access and audits, so it is
        # an explicit POST (supervision's start, pengawasan_mulai, forms it too).
        if not boleh:
            raise PermissionDenied("Tim Pengawasan belum dibentuk.")
        galat = ""
        if request.method == "POST" and request.POST.get("aksi") == "bentuk":
            try:
                services.tim_pengawasan_bentuk_manual(kerjasama=ks, by=request.user)
            except ValidationError as exc:
                galat = " ".join(exc.messages)
            else:
                messages.success(request, "Tim Pengawasan dibentuk dengan susunan baku.")
                return redirect("pengawasan:tim", pk=ks.pk)
        return render(request, "pengawasan/tim_belum.html", {"ks": ks, "pasal": PASAL_TIM, "galat": galat},
                      status=400 if galat or request.method == "POST" else 200)
    form_tim = TimPengawasanForm(initial={"nomor_surat_tugas": tim_obj.nomor_surat_tugas,
                                          "tanggal_surat_tugas": tim_obj.tanggal_surat_tugas})
    form_anggota = AnggotaTimForm(initial={"perangkat_daerah": None})
    status = 200
    if request.method == "POST" and request.POST.get("aksi") == "tugaskan":
        # Perwal 75/2021 Ps 8(1): the Ketua TKKSD assigns the team the Sekretariat prepared.
        try:
            services.tim_pengawasan_tugaskan(tim=tim_obj, by=request.user)
            messages.success(request, "Tim Pengawasan ditugaskan (Perwal 75/2021 Pasal 8 ayat (1)).")
        except ValidationError as exc:
            _pesan_galat(request, exc)
        return redirect("pengawasan:tim", pk=ks.pk)
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mengubah Tim Pengawasan.")
        aksi = request.POST.get("aksi")
        try:
            if aksi == "surat_tugas":
                form_tim = TimPengawasanForm(request.POST)
                if form_tim.is_valid():
                    services.tim_pengawasan_ubah(tim=tim_obj, by=request.user, **form_tim.cleaned_data)
                    messages.success(request, "Surat tugas tersimpan.")
                    return redirect("pengawasan:tim", pk=ks.pk)
            else:
                form_anggota = AnggotaTimForm(request.POST)
                if form_anggota.is_valid():
                    services.anggota_tim_tambah(tim=tim_obj, by=request.user, **form_anggota.cleaned_data)
                    messages.success(request, "Anggota ditambahkan dan diberi akses ke kerja sama ini.")
                    return redirect("pengawasan:tim", pk=ks.pk)
        except ValidationError as exc:
            _isi_galat(form_tim if aksi == "surat_tugas" else form_anggota, exc)
        status = 400
    anggota = list(tim_obj.anggota.all())
    return render(request, "pengawasan/tim.html", {
        "ks": ks, "tim": tim_obj, "anggota": [(a, AnggotaUbahForm(prefix=f"a{a.pk}", initial={
            "nama": a.nama, "pengguna": a.pengguna_id, "perangkat_daerah": a.perangkat_daerah_id})) for a in anggota],
        "form_tim": form_tim, "form_anggota": form_anggota, "boleh": boleh, "pasal": PASAL_TIM,
        "boleh_tugaskan": dapat_menugaskan_tim(request.user) and not tim_obj.ditugaskan,
    }, status=status)


@login_required
@require_POST
def anggota_ubah(request, pk):
    anggota = get_object_or_404(AnggotaTimPengawasan.objects.select_related("tim"), pk=pk)
    ks = _kerjasama_pengawasan(request, anggota.tim.kerjasama_id)
    # Perwal 75/2021 Ps 8(1)–(2): the team is set for the Ketua TKKSD by the Sekretariat; anyone else gets
    # 403 whatever the form holds, not the form's errors.
    if not dapat_mengelola_tim(request.user):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mengubah Tim Pengawasan.")
    form = AnggotaUbahForm(request.POST, prefix=f"a{anggota.pk}")
    if form.is_valid():
        try:
            services.anggota_tim_ubah(anggota=anggota, by=request.user, **form.cleaned_data)
            messages.success(request, "Anggota tim diperbarui.")
        except ValidationError as exc:
            _pesan_galat(request, exc)
    else:
        messages.error(request, "Isian anggota tidak valid.")
    return redirect("pengawasan:tim", pk=ks.pk)


@login_required
@require_POST
def anggota_hapus(request, pk):
    anggota = get_object_or_404(AnggotaTimPengawasan.objects.select_related("tim"), pk=pk)
    ks = _kerjasama_pengawasan(request, anggota.tim.kerjasama_id)
    try:
        services.anggota_tim_hapus(anggota=anggota, by=request.user)
        messages.success(request, "Anggota dihapus dari tim.")
    except ValidationError as exc:
        _pesan_galat(request, exc)
    return redirect("pengawasan:tim", pk=ks.pk)


# --- activities --------------------------------------------------------------------------------


@login_required
def kegiatan_baru(request, pk):
    ks = _kerjasama_pengawasan(request, pk)
    if not dapat_mengawasi(request.user, ks):
        raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat merencanakan kegiatan.")
    siklus = selectors.siklus_berjalan(ks)
    awal = {"jenis": siklus.aturan if siklus else JenisKegiatan.PEMANTAUAN,
            "sifat": "terjadwal" if siklus else "saat_diperlukan"}
    # The offer of an evaluation together with the extension (Perwal 75/2021 Ps 8(4)) links here prefilled.
    awal.update({k: request.GET[k] for k in ("jenis", "sifat") if request.GET.get(k)})
    form = KegiatanBaruForm(request.POST or None, initial=awal)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                k = services.kegiatan_rencanakan(kerjasama=ks, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _isi_galat(form, exc)
            except (KonflikTransisi, TransisiTidakTersedia) as exc:
                return _konflik(request, exc, reverse("pengawasan:kerjasama", args=[ks.pk]))
            else:
                messages.success(request, f"{k.get_jenis_display()} direncanakan.")
                return redirect("pengawasan:kegiatan", pk=k.pk)
        status = 400
    return render(request, "pengawasan/kegiatan_baru.html", {"ks": ks, "form": form, "siklus": siklus}, status=status)


def _transisi_kegiatan_tersedia(kegiatan, user):
    return [t for t in kegiatan.get_available_user_tahap_transitions(user) if not t.custom.get("sistem")]


def _tahapan(k) -> list[tuple[str, str]]:
    """The activity's stages for its timeline: done, current, next (Dibatalkan only when it happened)."""
    urutan = [TahapKegiatan.DIRENCANAKAN, TahapKegiatan.DILAKSANAKAN, TahapKegiatan.LAPORAN_DIAJUKAN,
              TahapKegiatan.DITERIMA]
    if k.tahap == TahapKegiatan.DIBATALKAN:
        return [(TahapKegiatan.DIRENCANAKAN.label, "selesai"), (TahapKegiatan.DIBATALKAN.label, "sekarang")]
    sekarang = urutan.index(k.tahap)
    return [(t.label, "selesai" if i < sekarang else "sekarang" if i == sekarang else "berikut")
            for i, t in enumerate(urutan)]


@login_required
def kegiatan(request, pk):
    k = _kegiatan(request, pk)
    boleh = dapat_mengawasi(request.user, k.kerjasama)
    bisa_ubah = boleh and k.tahap in ("direncanakan", "dilaksanakan")
    return render(request, "pengawasan/kegiatan.html", {
        "k": k, "ks": k.kerjasama,
        "transisi": _transisi_kegiatan_tersedia(k, request.user),
        "lampiran": selectors.lampiran_status(k),
        "dokumen": dokumen_terlihat(request.user, selectors.dokumen_kegiatan(k)),
        "laporan_mitra_semua": LaporanMitra.objects.filter(kerjasama_id=k.kerjasama_id).order_by("-periode_selesai"),
        "laporan_dipilih": set(k.laporan_mitra.values_list("pk", flat=True)),
        "laporan_terlambat": selectors.laporan_mitra_terlambat(k.kerjasama),
        "penilaian": k.penilaian.all(),
        "bagian_evaluasi": selectors.bagian_evaluasi_status(k),
        "kewajiban_mitra_kosong": (k.jenis == JenisKegiatan.EVALUASI
                                   and not Kewajiban.objects.filter(kerjasama_id=k.kerjasama_id).exists()),
        "bisa_isi_bagian": boleh and k.tahap == TahapKegiatan.DILAKSANAKAN,
        "pasal_analisa": PASAL_ANALISA_EVALUASI,
        "matrik": k.matrik.select_related("perangkat_daerah", "tindaklanjut"),
        "form_lampiran": LampiranForm(),
        "boleh": boleh, "bisa_ubah": bisa_ubah, "pasal_matrik": PASAL_MATRIK, "tahapan": _tahapan(k),
        "riwayat": selectors.riwayat_pengawasan(kerjasama=k.kerjasama).filter(objek_id=k.pk,
                                                                              aksi__startswith="kegiatan_"),
    })


FORM_TRANSISI = {
    "laksanakan": LaksanakanForm,
    "ajukan_laporan": AjukanLaporanForm,
    "terima_laporan": TerimaLaporanForm,
    "kembalikan_laporan": AlasanForm,
    "batalkan": AlasanForm,
}


def jalankan_transisi(*, kegiatan, nama: str, by, form, tahap_diharapkan: str | None):
    """Call the service of transition `nama` with a valid form's data (shared with the API)."""
    d = dict(form.cleaned_data)
    if nama == "laksanakan":
        return services.kegiatan_laksanakan(kegiatan=kegiatan, by=by, tahap_diharapkan=tahap_diharapkan, **form.argumen())
    if nama == "ajukan_laporan":
        return services.kegiatan_ajukan_laporan(kegiatan=kegiatan, by=by, tahap_diharapkan=tahap_diharapkan, **d)
    if nama == "terima_laporan":
        return services.kegiatan_terima_laporan(kegiatan=kegiatan, by=by, tahap_diharapkan=tahap_diharapkan, **d)
    if nama == "kembalikan_laporan":
        return services.kegiatan_kembalikan_laporan(kegiatan=kegiatan, by=by, tahap_diharapkan=tahap_diharapkan, **d)
    if nama == "batalkan":
        return services.kegiatan_batalkan(kegiatan=kegiatan, by=by, tahap_diharapkan=tahap_diharapkan, **d)
    raise TransisiTidakTersedia(f"Langkah \u201c{nama}\u201d tidak dikenal.")


def buat_form_transisi(nama, kegiatan, data=None):
    kelas = FORM_TRANSISI.get(nama)
    if kelas is None:
        return None
    return kelas(data, kegiatan=kegiatan) if kelas is LaksanakanForm else kelas(data)


@login_required
def kegiatan_transisi(request, pk, nama):
    k = _kegiatan(request, pk)
    kembali = reverse("pengawasan:kegiatan", args=[k.pk])
    metode = getattr(k, nama, None)
    meta = getattr(metode, "_django_fsm", None)
    t = meta.get_transition(k.tahap) if meta is not None and nama in FORM_TRANSISI else None
    if t is None:
        return _konflik(request, TransisiTidakTersedia(f"Langkah \u201c{nama}\u201d tidak tersedia pada tahap ini."), kembali)
    if t.permission and not t.permission(k, request.user):
        raise PermissionDenied("Anda tidak berwenang mengambil langkah ini.")
    form = buat_form_transisi(nama, k, request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                jalankan_transisi(kegiatan=k, nama=nama, by=request.user, form=form,
                                  tahap_diharapkan=request.POST.get("_tahap") or k.tahap)
            except ValidationError as exc:
                _isi_galat(form, exc)
            except (KonflikTransisi, TransisiTidakTersedia) as exc:
                return _konflik(request, exc, kembali)
            else:
                messages.success(request, f"{t.custom['label']}: berhasil.")
                return redirect("pengawasan:kegiatan", pk=k.pk)
        status = 400
    return render(request, "pengawasan/kegiatan_transisi.html", {
        "k": k, "ks": k.kerjasama, "t": t, "form": form, "nama": nama,
        "lampiran": selectors.lampiran_status(k) if nama == "ajukan_laporan" else None,
        "bagian_evaluasi": (selectors.bagian_evaluasi_status(k)
                            if nama in ("ajukan_laporan", "terima_laporan") else []),
        "laporan_terlambat": selectors.laporan_mitra_terlambat(k.kerjasama) if k.jenis == "evaluasi" else [],
    }, status=status)


@login_required
@require_POST
def lampiran(request, pk):
    k = _kegiatan(request, pk)
    # Perwal 57/2023 Ps 88, Perwal 75/2021 Ps 8(3): the team attaches its papers; anyone else who reads
    # the file gets 403 whatever the form holds, not the form's errors.
    if not dapat_mengawasi(request.user, k.kerjasama):
        raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat melampirkan dokumen.")
    form = LampiranForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.lampiran_unggah(kegiatan=k, by=request.user, **form.cleaned_data)
            messages.success(request, "Lampiran tersimpan.")
        except ValidationError as exc:
            _pesan_galat(request, exc)
        except (KonflikTransisi, TransisiTidakTersedia) as exc:
            return _konflik(request, exc, reverse("pengawasan:kegiatan", args=[k.pk]))
    else:
        for field, errors in form.errors.items():
            for e in errors:
                messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: {e}")
    return redirect("pengawasan:kegiatan", pk=k.pk)


@login_required
@require_POST
def laporan_dianalisa(request, pk):
    k = _kegiatan(request, pk)
    ids = request.POST.getlist("laporan")
    laporan = list(LaporanMitra.objects.filter(kerjasama_id=k.kerjasama_id, pk__in=[i for i in ids if i.isdigit()]))
    try:
        services.kegiatan_laporan_mitra_atur(kegiatan=k, by=request.user, laporan=laporan)
        messages.success(request, "Laporan mitra yang dianalisa tersimpan.")
    except ValidationError as exc:
        _pesan_galat(request, exc)
    except (KonflikTransisi, TransisiTidakTersedia) as exc:
        return _konflik(request, exc, reverse("pengawasan:kegiatan", args=[k.pk]))
    return redirect("pengawasan:kegiatan", pk=k.pk)


@login_required
def matrik_baris(request, pk, baris_pk=None):
    k = _kegiatan(request, pk)
    baris = get_object_or_404(BarisMatrik, pk=baris_pk, kegiatan=k) if baris_pk else None
    if not dapat_mengawasi(request.user, k.kerjasama):
        raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat mengisi matrik.")
    awal = {}
    if baris is not None:
        awal = {f: getattr(baris, f) for f in ("dasar_perjanjian", "materi_evaluasi", "permasalahan", "solusi",
                                               "tindak_lanjut", "keterangan", "rekomendasi")}
        awal.update(perangkat_daerah=baris.perangkat_daerah_id, kewajiban=baris.kewajiban_id)
    else:
        awal = {"perangkat_daerah": k.kerjasama.perangkat_daerah_id}
    form = BarisMatrikForm(request.POST or None, kegiatan=k, initial=awal)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.baris_matrik_simpan(kegiatan=k, by=request.user, baris=baris, **form.cleaned_data)
            except ValidationError as exc:
                _isi_galat(form, exc)
            except (KonflikTransisi, TransisiTidakTersedia) as exc:
                return _konflik(request, exc, reverse("pengawasan:kegiatan", args=[k.pk]))
            else:
                messages.success(request, "Baris matrik tersimpan.")
                return redirect(reverse("pengawasan:kegiatan", args=[k.pk]) + "#matrik")
        status = 400
    return render(request, "pengawasan/matrik_form.html", {"k": k, "ks": k.kerjasama, "form": form, "baris": baris,
                                                           "pasal": PASAL_MATRIK}, status=status)


@login_required
def bagian_evaluasi(request, pk, huruf):
    """Fill one part of the evaluation's analysis (Perwal 57/2023 Ps 85(4) huruf a, b or c)."""
    k = _kegiatan(request, pk)
    if k.jenis != JenisKegiatan.EVALUASI or huruf not in HurufEvaluasi.values:
        raise Http404("Bagian analisa Pasal 85 ayat (4) hanya ada pada evaluasi (huruf a, b, c).")
    if not dapat_mengawasi(request.user, k.kerjasama):
        raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat mengisi analisa evaluasi.")
    kembali = reverse("pengawasan:kegiatan", args=[k.pk]) + "#analisa"
    ada = k.bagian.filter(huruf=huruf).first()
    awal = {}
    if ada is not None:
        awal = {"temuan": ada.temuan, "dokumen": ada.dokumen_id, "rujukan": ada.rujukan,
                "tanpa_kewajiban": ada.tanpa_kewajiban, "alasan_tanpa_kewajiban": ada.alasan_tanpa_kewajiban}
    for p in k.penilaian.filter(kewajiban__isnull=False):
        awal[f"penilaian_{p.kewajiban_id}"] = p.status
        awal[f"catatan_{p.kewajiban_id}"] = p.catatan
    form = BagianEvaluasiForm(request.POST or None, kegiatan=k, huruf=huruf, initial=awal)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.bagian_evaluasi_simpan(kegiatan=k, by=request.user, huruf=huruf, **form.argumen())
            except ValidationError as exc:
                _isi_galat(form, exc)
            except (KonflikTransisi, TransisiTidakTersedia) as exc:
                return _konflik(request, exc, kembali)
            else:
                messages.success(request, f"Analisa Pasal 85 ayat (4) huruf {huruf} tersimpan.")
                return redirect(kembali)
        status = 400
    return render(request, "pengawasan/bagian_form.html", {
        "k": k, "ks": k.kerjasama, "form": form, "huruf": huruf, "label": HurufEvaluasi(huruf).label,
        "pasal": f"{PASAL_ANALISA_EVALUASI} huruf {huruf}",
        "kewajiban_kosong": huruf == HurufEvaluasi.A and not form.kewajiban,
    }, status=status)


@login_required
def kewajiban_evaluasi(request, pk):
    """Record the PKS/KB obligations from an evaluation when the cooperation has none (Ps 85(4) huruf a)."""
    k = _kegiatan(request, pk)
    if not dapat_mengawasi(request.user, k.kerjasama):
        raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat mencatat kewajiban.")
    kembali = reverse("pengawasan:kegiatan", args=[k.pk]) + "#analisa"
    form = KewajibanEvaluasiForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.kegiatan_kewajiban_catat(kegiatan=k, by=request.user, daftar=form.daftar())
            except ValidationError as exc:
                _isi_galat(form, exc)
            except (KonflikTransisi, TransisiTidakTersedia) as exc:
                return _konflik(request, exc, kembali)
            else:
                messages.success(request, "Kewajiban para pihak tercatat; nilai pelaksanaannya pada analisa huruf a.")
                return redirect(kembali)
        status = 400
    return render(request, "pengawasan/bagian_form.html", {
        "k": k, "ks": k.kerjasama, "form": form, "huruf": "a", "judul_form": "Catat kewajiban para pihak",
        "label": HurufEvaluasi.A.label, "pasal": f"{PASAL_ANALISA_EVALUASI} huruf a",
    }, status=status)


@login_required
@require_POST
def matrik_hapus(request, pk, baris_pk):
    k = _kegiatan(request, pk)
    baris = get_object_or_404(BarisMatrik, pk=baris_pk, kegiatan=k)
    try:
        services.baris_matrik_hapus(baris=baris, by=request.user)
        messages.success(request, "Baris matrik dihapus.")
    except (KonflikTransisi, TransisiTidakTersedia) as exc:
        return _konflik(request, exc, reverse("pengawasan:kegiatan", args=[k.pk]))
    return redirect(reverse("pengawasan:kegiatan", args=[k.pk]) + "#matrik")


@login_required
def matrik_pdf(request, pk):
    k = _kegiatan(request, pk)
    response = HttpResponse(services.matrik_pdf(kegiatan=k), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="matrik-evaluasi-{k.pk}.pdf"'
    return response


@login_required
def matrik_xlsx(request, pk):
    k = _kegiatan(request, pk)
    response = HttpResponse(ekspor.matrik_xlsx(k),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="matrik-evaluasi-{k.pk}.xlsx"'
    return response


# --- follow-ups ---------------------------------------------------------------------------------


@login_required
def tindak_lanjut(request, pk):
    tl = get_object_or_404(TindakLanjut.objects.select_related("kerjasama", "baris__kegiatan", "penanggung_jawab"),
                           pk=pk)
    _kerjasama_pengawasan(request, tl.kerjasama_id)
    form_ubah = TindakLanjutUbahForm(initial={"penanggung_jawab": tl.penanggung_jawab_id,
                                              "perangkat_daerah": tl.perangkat_daerah_id, "batas_waktu": tl.batas_waktu})
    form_tutup = TindakLanjutTutupForm()
    status = 200
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        try:
            if aksi == "ubah":
                form_ubah = TindakLanjutUbahForm(request.POST)
                if form_ubah.is_valid():
                    services.tindak_lanjut_ubah(tindak_lanjut=tl, by=request.user, **form_ubah.cleaned_data)
                    messages.success(request, "Penanggung jawab dan batas waktu tersimpan.")
                    return redirect("pengawasan:tindak_lanjut", pk=tl.pk)
            else:
                form_tutup = TindakLanjutTutupForm(request.POST)
                if form_tutup.is_valid():
                    services.tindak_lanjut_tutup(tindak_lanjut=tl, by=request.user, **form_tutup.cleaned_data)
                    messages.success(request, "Tindak lanjut ditutup.")
                    return redirect("pengawasan:tindak_lanjut", pk=tl.pk)
        except ValidationError as exc:
            _isi_galat(form_ubah if aksi == "ubah" else form_tutup, exc)
        except (KonflikTransisi, TransisiTidakTersedia) as exc:
            return _konflik(request, exc, reverse("pengawasan:tindak_lanjut", args=[tl.pk]))
        status = 400
    return render(request, "pengawasan/tindak_lanjut.html", {
        "tl": tl, "ks": tl.kerjasama, "form_ubah": form_ubah, "form_tutup": form_tutup,
        "boleh_ubah": dapat_mengelola_tim(request.user) and tl.status == StatusTindakLanjut.TERBUKA,
        "boleh_tutup": dapat_mengubah_tindak_lanjut(request.user, tl) and tl.status == StatusTindakLanjut.TERBUKA,
        "hari_ini": timezone.localdate(),
    }, status=status)


# --- partner reports (Ps 87) -----------------------------------------------------------------


@login_required
def laporan_saya(request):
    """The mitra's page: its cooperations in pelaksanaan, what it owes, what it sent."""
    daftar = []
    for ks in selectors.kerjasama_mitra_saya(user=request.user):
        daftar.append({"ks": ks, "terutang": selectors.laporan_mitra_terutang(ks),
                       "laporan": selectors.laporan_mitra_list(user=request.user, kerjasama=ks)})
    return render(request, "pengawasan/laporan_saya.html", {"daftar": daftar, "now": timezone.now(),
                                                            "pasal": PASAL_LAPORAN_MITRA})


def _pesan_laporan_diterima(laporan) -> str:
    """The confirmation names the period the report counted for and whether it was late (issue 14); in the
    partner's interface language (issue 14, "English for foreign partners")."""
    from django.utils.translation import gettext

    periode = gettext("%(mulai)s s.d. %(selesai)s") % {"mulai": f"{laporan.periode_mulai:%d-%m-%Y}",
                                                      "selesai": f"{laporan.periode_selesai:%d-%m-%Y}"}
    pesan = gettext("Laporan diterima untuk periode %(periode)s") % {"periode": periode}
    if laporan.terlambat and laporan.tenggat_id:
        hari = (laporan.tanggal_diterima - timezone.localtime(laporan.tenggat.jatuh_tempo).date()).days
        pesan += gettext(" — terlambat %(hari)s hari dari jatuh tempo %(tanggal)s") % {
            "hari": hari, "tanggal": f"{timezone.localtime(laporan.tenggat.jatuh_tempo):%d-%m-%Y}"} if hari > 0 \
            else gettext(" — tercatat terlambat")
    elif laporan.tenggat_id:
        pesan += gettext(" tepat waktu")
    return pesan + gettext(". Laporan diteruskan kepada Wali Kota, Bagian Kerja Sama dan Perangkat Daerah yang "
                           "membidangi (%(pasal)s).") % {"pasal": PASAL_LAPORAN_MITRA}


@login_required
def laporan_unggah(request, pk):
    ks = get_kerjasama_or_404(request.user, pk)
    if not dapat_mengunggah_laporan_mitra(request.user, ks):
        raise PermissionDenied("Anda tidak berwenang menyampaikan laporan untuk kerja sama ini.")
    atas_nama = not (request.user.mitra_id and request.user.mitra_id == ks.mitra_id)
    terutang = selectors.laporan_mitra_terutang(ks)
    form = LaporanMitraForm(request.POST or None, request.FILES or None, terutang=terutang, atas_nama=atas_nama)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                laporan = services.laporan_mitra_unggah(kerjasama=ks, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _isi_galat(form, exc)
            except (KonflikTransisi, TransisiTidakTersedia) as exc:
                return _konflik(request, exc, reverse("pengawasan:laporan_saya"))
            else:
                messages.success(request, _pesan_laporan_diterima(laporan))
                if atas_nama:
                    return redirect("pengawasan:kerjasama", pk=ks.pk)
                return redirect("pengawasan:laporan_saya")
        status = 400
    return render(request, "pengawasan/laporan_form.html", {"ks": ks, "form": form, "atas_nama": atas_nama,
                                                           "terutang": terutang, "pasal": PASAL_LAPORAN_MITRA,
                                                           "now": timezone.now()},
                  status=status)


# --- pembinaan and the Tim Pembinaan dan Pengawasan ----------------------------------------------


@login_required
def pembinaan(request):
    _bukan_mitra(request)
    tahun, status = _tahun(request), 200
    if tahun is None:
        messages.error(request, PESAN_TAHUN)
        tahun, status = timezone.localdate().year, 400
    return render(request, "pengawasan/pembinaan.html", {
        "kegiatan": selectors.pembinaan_list(user=request.user, tahun=tahun), "tahun": tahun,
        "boleh": dapat_mencatat_pembinaan(request.user), "pasal": PASAL_PEMBINAAN,
    }, status=status)


@login_required
def pembinaan_baru(request):
    if not dapat_mencatat_pembinaan(request.user):
        raise PermissionDenied("Hanya Sekretariat TKKSD atau Tim Pembinaan dan Pengawasan yang dapat mencatat pembinaan.")
    form = PembinaanForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.kegiatan_pembinaan_catat(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _isi_galat(form, exc)
            else:
                messages.success(request, "Kegiatan pembinaan tercatat.")
                return redirect("pengawasan:pembinaan")
        status = 400
    return render(request, "pengawasan/pembinaan_form.html", {"form": form, "pasal": PASAL_PEMBINAAN}, status=status)


@login_required
def pembinaan_per_pd(request):
    _bukan_mitra(request)
    tahun, status = _tahun(request), 200
    if tahun is None:
        messages.error(request, PESAN_TAHUN)
        tahun, status = timezone.localdate().year, 400
    return render(request, "pengawasan/pembinaan_per_pd.html", {
        "baris": selectors.pembinaan_per_pd(user=request.user, tahun=tahun), "tahun": tahun,
        "bentuk": BentukPembinaan.choices, "pasal": PASAL_PEMBINAAN,
        "tahun_pilihan": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
    }, status=status)


@login_required
def tim_pembinaan(request):
    _bukan_mitra(request)
    boleh = dapat_mengelola_tim(request.user)
    form = TimPembinaanForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mencatat Keputusan pembentukan tim.")
        if form.is_valid():
            try:
                tim_obj = services.tim_pembinaan_buat(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _isi_galat(form, exc)
            else:
                messages.success(request, "Keputusan Wali Kota tercatat.")
                return redirect("pengawasan:tim_pembinaan_detail", pk=tim_obj.pk)
        status = 400
    return render(request, "pengawasan/tim_pembinaan.html", {
        "daftar": TimPembinaanPengawasan.objects.prefetch_related("anggota"), "form": form, "boleh": boleh,
        "pasal": PASAL_TIM_PEMBINAAN,
    }, status=status)


@login_required
def tim_pembinaan_detail(request, pk):
    _bukan_mitra(request)
    tim_obj = get_object_or_404(TimPembinaanPengawasan, pk=pk)
    boleh = dapat_mengelola_tim(request.user)
    form = AnggotaTimPembinaanForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mengubah susunan tim.")
        if form.is_valid():
            try:
                services.anggota_tim_pembinaan_tambah(tim=tim_obj, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _isi_galat(form, exc)
            else:
                messages.success(request, "Anggota tim ditambahkan.")
                return redirect("pengawasan:tim_pembinaan_detail", pk=tim_obj.pk)
        status = 400
    return render(request, "pengawasan/tim_pembinaan_detail.html", {
        "tim": tim_obj, "anggota": tim_obj.anggota.select_related("pengguna"), "form": form, "boleh": boleh,
        "pasal": PASAL_TIM_PEMBINAAN,
    }, status=status)

