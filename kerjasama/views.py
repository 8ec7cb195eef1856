"""Thin views: read through selectors, write through services, answer 404/403/409 as the API does."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from . import alur, filter_registri, pdf, selectors, services
from .constants import Peran
from .ekspor import PenulisCsv
from .exceptions import KonflikTransisi, TransisiTidakTersedia
from .forms import (
    URUTAN_REGISTRI,
    FilterRegistryForm,
    KlasifikasiForm,
    PerjanjianLamaForm,
    UnggahDokumenForm,
    VersiBaruForm,
)
from .models import Dokumen, Notifikasi, VersiDokumen
from .permissions import (
    alasan_tolak_tulis_dokumen,
    dapat_melihat_dokumen,
    dapat_mengubah_klasifikasi,
    get_kerjasama_or_404,
    jenis_boleh_diunggah,
)


def _pesan_validasi(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [f"{'' if k == '__all__' else k + ': '}{m}" for k, v in exc.message_dict.items() for m in v]
    return list(exc.messages)


def _isi_galat_form(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    form.is_valid()
    items = exc.message_dict.items() if hasattr(exc, "message_dict") else [(None, exc.messages)]
    for field, pesan_list in items:
        target = field if field in form.fields else None
        for pesan in pesan_list:
            if target and pesan in form.errors.get(target, []):
                continue
            if target and target not in form.cleaned_data and target in form.errors:
                form.errors[target].append(pesan)
            else:
                form.add_error(target, pesan)


def sehat(request):
    """Health check for the load balancer and docker-compose: the database answers."""
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _beranda_penandatangan(user) -> bool:
    """The Wali Kota (and an official holding a surat kuasa, with nothing else to do here) lands on the approval
    dashboard: his work is to read and sign (Ps 29(2), 45)."""
    if user.punya_peran(Peran.WALI_KOTA):
        return True
    if user.peran - {Peran.AUDITOR}:
        return False
    return selectors.kasus_menunggu_penandatangan(user=user).exists()


@login_required
def beranda(request):
    if request.GET.get("tampil") != "tugas" and _beranda_penandatangan(request.user):
        return redirect("dasbor:persetujuan")
    tugas = selectors.tugas_aksi(user=request.user)
    notifikasi = selectors.notifikasi_list(user=request.user)[:10]
    return render(request, "kerjasama/beranda.html",
                  {"tugas": tugas, "notifikasi": notifikasi, "boleh_mulai": _boleh_mulai(request.user)})


def _boleh_mulai(user) -> bool:
    return user.punya_peran(Peran.SEKRETARIAT_TKKSD) or (user.punya_peran(Peran.PD) and bool(user.perangkat_daerah_id))


# "Dengan siapa?" × "Dari mana?" → the form that starts that kind (Perwal 57/2023 Ps 4: the four kinds).
_MULAI = {
    ("daerah", "usulan"): ("/ksdd/baru/", None),
    ("daerah", "tawaran"): ("/ksdd/tawaran-mitra/", Peran.SEKRETARIAT_TKKSD),
    ("pihak_ketiga", "usulan"): ("/ksdpk/baru/", None),
    ("pihak_ketiga", "tawaran"): ("/ksdpk/permohonan/baru/", Peran.SEKRETARIAT_TKKSD),
    ("luar_negeri", "usulan"): ("/ksdln/baru/", Peran.SEKRETARIAT_TKKSD),
    ("luar_negeri", "tawaran"): ("/ksdln/baru/", Peran.SEKRETARIAT_TKKSD),
}


@login_required
def mulai(request):
    """The start wizard: a GET that only chooses where to go (it writes nothing)."""
    if not _boleh_mulai(request.user):
        raise PermissionDenied("Kerja sama baru diajukan oleh Perangkat Daerah atau Sekretariat TKKSD.")
    pilihan = (request.GET.get("dengan", ""), request.GET.get("dari", ""))
    tujuan = _MULAI.get(pilihan)
    pesan = ""
    if tujuan is None:
        if any(pilihan):
            pesan = "Pilih satu jawaban untuk “Dengan siapa?” dan satu untuk “Dari mana?”."
    elif tujuan[1] and not request.user.punya_peran(tujuan[1]):
        pesan = ("Kerja sama dengan mitra di luar negeri dan tawaran yang datang dari mitra dicatat oleh Sekretariat "
                 "TKKSD (Bagian Kerja Sama). Sampaikan usulan atau surat mitra kepada Sekretariat TKKSD.")
    else:
        return redirect(tujuan[0])
    return render(request, "kerjasama/mulai.html", {"pesan": pesan}, status=400 if pesan else 200)


@login_required
def registry(request):
    form = FilterRegistryForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.registry_list(
        user=request.user,
        jenis=filters.get("jenis"), tahap=filters.get("tahap"),
        perangkat_daerah=getattr(filters.get("perangkat_daerah"), "pk", None),
        mitra=getattr(filters.get("mitra"), "pk", None), tahun=filters.get("tahun"),
        berakhir_dalam_hari=filters.get("berakhir_dalam_hari"), q=filters.get("q") or "",
    )
    urut = request.GET.get("urut", "")
    kolom = URUTAN_REGISTRI.get(urut.lstrip("-"))
    if kolom:
        qs = qs.order_by(*(f"-{k}" if urut.startswith("-") else k for k in kolom))
    halaman = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    tanpa_urut = query.copy()
    tanpa_urut.pop("urut", None)
    return render(request, "kerjasama/registry.html", {
        "form": form, "halaman": halaman, "query": query.urlencode(), "query_tanpa_urut": tanpa_urut.urlencode(),
        "urut": urut if kolom else "", "boleh_mulai": _boleh_mulai(request.user),
        "filter_tersimpan": filter_registri.filter_list(user=request.user),
        "query_filter": filter_registri.query_bersih(request.GET)})


@login_required
@require_POST
def filter_simpan(request):
    """Save the registry's current filter (sent as the form's `query`) under a name (issue 14)."""
    from django.http import QueryDict

    query = QueryDict(request.POST.get("query", "")[:2000])
    try:
        f, baru = filter_registri.filter_simpan(user=request.user, nama=request.POST.get("nama", ""), query=query)
    except ValidationError as exc:
        for pesan in exc.messages:
            messages.error(request, pesan)
        bersih = filter_registri.query_bersih(query)
        return redirect(f"{reverse('kerjasama:registry')}?{bersih}" if bersih else reverse("kerjasama:registry"))
    pesan = gettext("Filter “%(nama)s” disimpan.") if baru else gettext("Filter “%(nama)s” diperbarui.")
    messages.success(request, pesan % {"nama": f.nama})
    return redirect(f"{reverse('kerjasama:registry')}?{f.query}")


@login_required
def filter_terapkan(request, pk):
    """Open the registry with a saved filter: a redirect (the registry's form validates it); nothing is written."""
    f = filter_registri.filter_get_or_404(user=request.user, pk=pk)
    return redirect(f"{reverse('kerjasama:registry')}?{f.query}")


@login_required
@require_POST
def filter_hapus(request, pk):
    nama = filter_registri.filter_hapus(user=request.user, pk=pk)
    messages.success(request, gettext("Filter “%(nama)s” dihapus.") % {"nama": nama})
    return redirect("kerjasama:registry")


@login_required
def detail(request, pk):
    kasus = selectors.kerjasama_detail(user=request.user, pk=pk)
    transisi = services.transisi_tersedia(kasus, request.user)
    jenis_boleh = jenis_boleh_diunggah(request.user, kasus)
    riwayat = list(selectors.riwayat_list(kerjasama=kasus, user=request.user))
    context = {
        "kasus": kasus,
        "tahap_info": alur.info_tahap(kasus._meta.label_lower, kasus.tahap),
        "timeline": selectors.timeline(kasus, riwayat=riwayat),
        "transisi": transisi,
        "dokumen": selectors.dokumen_list(kerjasama=kasus, user=request.user),
        "tenggat": selectors.tenggat_list(user=request.user, kerjasama=kasus),
        "riwayat": riwayat,
        "boleh_unggah": bool(jenis_boleh),
        "boleh_klasifikasi": request.user.punya_peran("sekretariat_tkksd") or request.user.is_superuser,
        "form_unggah": UnggahDokumenForm(jenis_boleh=jenis_boleh),
        "form_klasifikasi": KlasifikasiForm(),
        "panel_kasus": getattr(kasus, "template_panel", None),
    }
    return render(request, "kerjasama/detail.html", context)


@login_required
def transisi(request, pk, nama):
    kasus = selectors.kerjasama_detail(user=request.user, pk=pk)
    t = services.transisi_cari(kasus, nama)
    if t is None or t.custom.get("sistem"):
        messages.error(request, services.pesan_tidak_tersedia(kasus, nama, f"Langkah “{nama}” tidak tersedia pada tahap ini."))
        return render(request, "kerjasama/konflik.html", {"kasus": kasus}, status=409)
    if not t.has_perm(kasus, request.user):
        raise PermissionDenied("Anda tidak berwenang mengambil langkah ini.")
    isian = alur.isian_transisi(t)
    # Rules the apps lay over this step (alur.PenjagaLangkah), e.g. a signing step closes only on a signed text
    # (issue 13): the page says where to go instead and offers only the documents that may close the step.
    penjaga = alur.penjaga_langkah(t)
    petunjuk = [p for p in (j.petunjuk(kasus=kasus, t=t, user=request.user) for j in penjaga if j.petunjuk) if p]
    dijaga = {i.nama for i in isian if i.tipe == "dokumen" and any(j.dokumen_sah for j in penjaga)}
    dokumen_fields = {i.nama for i in isian if i.tipe == "dokumen"} - dijaga
    context = {"kasus": kasus, "t": t, "dokumen_fields": dokumen_fields, "perlu_dokumen": bool(dokumen_fields),
               "petunjuk": petunjuk}

    def _form(data=None):
        form = alur.buat_form(isian, kasus=kasus, data=data, user=request.user)
        for item in isian:
            for j in penjaga:
                if item.nama in dijaga and j.dokumen_sah:
                    form.fields[item.nama].queryset = j.dokumen_sah(kasus=kasus, t=t, isian=item,
                                                                    qs=form.fields[item.nama].queryset)
        # A form that could only fail is not shown: a required guarded document with nothing to choose.
        context["tanpa_form"] = any(form.fields[n].required and not form.fields[n].queryset.exists() for n in dijaga)
        return form

    if request.method == "POST":
        data = request.POST.copy()
        galat_unggah = _unggah_untuk_isian(request, kasus, [i for i in isian if i.nama not in dijaga], data)
        form = _form(data)
        if galat_unggah:
            form.is_valid()
            # One error per problem: the refused file is the problem, not the document field it left empty.
            for nama in {nama for nama, _pesan in galat_unggah}:
                form.errors.pop(nama, None)
            for nama, pesan in galat_unggah:
                form.add_error(nama, pesan)
            return render(request, "kerjasama/transisi.html", {**context, "form": form}, status=400)
        try:
            services.transisi_jalankan(
                kasus=kasus, nama=nama, by=request.user, data=data, tahap_diharapkan=request.POST.get("_tahap") or kasus.tahap
            )
        except ValidationError as exc:
            _isi_galat_form(form, exc)
            return render(request, "kerjasama/transisi.html", {**context, "form": form}, status=400)
        except (KonflikTransisi, TransisiTidakTersedia) as exc:
            messages.error(request, str(exc))
            return render(request, "kerjasama/konflik.html", {"kasus": kasus}, status=409)
        messages.success(request, gettext("%(langkah)s: berhasil.") % {"langkah": gettext(t.custom["label"])})
        return redirect("kerjasama:detail", pk=kasus.pk)
    form = _form()
    return render(request, "kerjasama/transisi.html", {**context, "form": form})


def _unggah_untuk_isian(request, kasus, isian, data) -> list[tuple[str, str]]:
    """A document field may come with a new file: it is uploaded first, in its own transaction, so
    that it stays stored even when the transition then refuses (nothing is lost); the field then
    points at the new document."""
    galat = []
    for item in isian:
        berkas = request.FILES.get(f"{item.nama}__berkas")
        if item.tipe != "dokumen" or berkas is None:
            continue
        try:
            versi = services.dokumen_unggah(
                by=request.user, kerjasama=kasus, berkas=berkas,
                jenis=item.jenis_dokumen[0] if item.jenis_dokumen else "lainnya", judul=str(item.label),
            )
        except (ValidationError, PermissionDenied) as exc:
            pesan = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            galat.extend((item.nama, p) for p in pesan)
        else:
            data[item.nama] = str(versi.dokumen_id)
            messages.info(request, gettext("Berkas “%(berkas)s” tersimpan sebagai dokumen %(dokumen)s.") % {
                "berkas": versi.nama_berkas, "dokumen": versi.dokumen.judul})
    return galat


class _Ditolak(Exception):
    """A refused document write: answered 403 with the rule's Indonesian reason (dokumen_ditolak.html)."""


def _tolak(alasan: str | None):
    if alasan:
        raise _Ditolak(alasan)


def _jawab_ditolak(view):
    """Document writes answer 403 with the reason the one rule gave, shown on the page (not a bare 403)."""
    import functools

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (_Ditolak, PermissionDenied) as exc:
            pesan = str(exc) or "Anda tidak berwenang melakukan ini."
            return render(request, "kerjasama/dokumen_ditolak.html",
                          {"pesan": pesan, "kembali": request.headers.get("Referer", "")[:500]
                           if url_has_allowed_host_and_scheme(request.headers.get("Referer", ""),
                                                              allowed_hosts={request.get_host()}) else ""},
                          status=403)

    return wrapper


@login_required
@require_POST
@_jawab_ditolak
def dokumen_unggah(request, pk):
    """Upload a document (or a correction of a signed/archived one) to a case: 404 when the case is
    invisible, 403 with the reason when the one write rule refuses (permissions.alasan_tolak_tulis_dokumen)."""
    kasus = get_kerjasama_or_404(request.user, pk)
    jenis_boleh = jenis_boleh_diunggah(request.user, kasus)
    if not jenis_boleh:
        raise PermissionDenied("Anda tidak berwenang mengunggah dokumen pada kerja sama ini.")
    form = UnggahDokumenForm(request.POST, request.FILES)
    if form.is_valid():
        mengoreksi = None
        if form.cleaned_data.get("mengoreksi"):
            mengoreksi = Dokumen.objects.filter(kerjasama=kasus, pk=form.cleaned_data["mengoreksi"]).first()
            if mengoreksi is None or not dapat_melihat_dokumen(request.user, mengoreksi):
                raise Http404("Dokumen tidak ditemukan.")
        _tolak(alasan_tolak_tulis_dokumen(request.user, jenis=form.cleaned_data["jenis"], kerjasama=kasus,
                                          status=form.cleaned_data["status"]))
        try:
            versi = services.dokumen_unggah(
                by=request.user, kerjasama=kasus, berkas=form.cleaned_data["berkas"], jenis=form.cleaned_data["jenis"],
                judul=form.cleaned_data["judul"], status=form.cleaned_data["status"],
                keterangan=form.cleaned_data["keterangan"], mengoreksi=mengoreksi,
                alasan_koreksi=form.cleaned_data.get("alasan_koreksi") or "",
            )
        except ValidationError as exc:
            for pesan in _pesan_validasi(exc):
                messages.error(request, pesan)
        else:
            messages.success(request, gettext("Dokumen “%(judul)s” versi %(versi)s tersimpan.") % {
                "judul": versi.dokumen.judul, "versi": versi.nomor_versi})
    else:
        for field, errors in form.errors.items():
            for e in errors:
                messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: {e}")
    kembali = request.POST.get("kembali")
    if kembali and kembali.startswith("/kerjasama/"):
        return redirect(kembali)
    return redirect("kerjasama:detail", pk=kasus.pk)


def _dokumen_terlihat_or_404(user, pk) -> Dokumen:
    try:
        dokumen = Dokumen.objects.select_related("kerjasama").get(pk=int(pk))
    except (Dokumen.DoesNotExist, ValueError, OverflowError) as exc:
        raise Http404("Dokumen tidak ditemukan.") from exc
    if not dapat_melihat_dokumen(user, dokumen):
        raise Http404("Dokumen tidak ditemukan.")
    return dokumen


def _kembali_ke(dokumen):
    return redirect("kerjasama:detail", pk=dokumen.kerjasama_id) if dokumen.kerjasama_id else redirect("beranda")


@login_required
@require_POST
@_jawab_ditolak
def dokumen_versi_baru(request, pk):
    """A new version of any document (of a case or of another record): the same one write rule decides,
    by role, stage and type; never on top of a signed or archived version."""
    dokumen = _dokumen_terlihat_or_404(request.user, pk)
    form = VersiBaruForm(request.POST, request.FILES)
    if not form.is_valid():
        _tolak(alasan_tolak_tulis_dokumen(request.user, dokumen=dokumen))
        messages.error(request, gettext("Pilih berkas untuk versi baru."))
        return _kembali_ke(dokumen)
    _tolak(alasan_tolak_tulis_dokumen(request.user, dokumen=dokumen, status=form.cleaned_data["status"]))
    try:
        versi = services.dokumen_unggah(
            by=request.user, dokumen=dokumen, berkas=form.cleaned_data["berkas"], jenis=dokumen.jenis,
            status=form.cleaned_data["status"], keterangan=form.cleaned_data["keterangan"],
        )
        messages.success(request, gettext("Versi %(versi)s dari “%(judul)s” tersimpan.") % {
            "versi": versi.nomor_versi, "judul": dokumen.judul})
    except ValidationError as exc:
        for pesan in _pesan_validasi(exc):
            messages.error(request, pesan)
    return _kembali_ke(dokumen)


@login_required
@require_POST
@_jawab_ditolak
def dokumen_klasifikasi(request, pk):
    """The Sekretariat changes a document's ANRI classification and its sharing with the partner, with a
    reason (audited)."""
    dokumen = _dokumen_terlihat_or_404(request.user, pk)
    if not dapat_mengubah_klasifikasi(request.user, dokumen):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mengubah klasifikasi dan pembagian dokumen.")
    form = KlasifikasiForm(request.POST)
    if form.is_valid():
        try:
            services.dokumen_ubah_klasifikasi(dokumen=dokumen, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for pesan in _pesan_validasi(exc):
                messages.error(request, pesan)
        else:
            messages.success(request, f"Klasifikasi “{dokumen.judul}” diubah.")
    else:
        for field, errors in form.errors.items():
            for e in errors:
                messages.error(request, f"{form.fields[field].label}: {e}")
    return _kembali_ke(dokumen)


@login_required
@xframe_options_sameorigin  # the approval dashboard previews PDFs in a frame of our own origin
def dokumen_unduh(request, pk):
    """Documents are served only here, after the permission check (never from the web root)."""
    versi = get_object_or_404(VersiDokumen.objects.select_related("dokumen__kerjasama"), pk=pk)
    # The one document rule: the case (or owner), then classification and sharing with the partner.
    if not dapat_melihat_dokumen(request.user, versi.dokumen):
        raise Http404("Dokumen tidak ditemukan.")
    inline = request.GET.get("tampil") == "1" and versi.tipe_konten == "application/pdf"
    response = FileResponse(versi.berkas.open("rb"), as_attachment=not inline, filename=versi.nama_berkas,
                            content_type=versi.tipe_konten)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def riwayat_csv(request, pk):
    kasus = get_kerjasama_or_404(request.user, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="riwayat-{kasus.nomor.replace("/", "-")}.csv"'
    writer = PenulisCsv(response)  # no field becomes a formula in a spreadsheet (issue 12 item 5)
    # Labels, never codes; the time in WIB as on the screen (issue 14).
    writer.writerow(["Waktu (WIB)", "Oleh", "Aksi", "Dari tahap", "Ke tahap", "Komentar/alasan", "Dasar hukum"])
    for r in selectors.riwayat_list(kerjasama=kasus, user=request.user):
        label = alur.label_riwayat(r)
        writer.writerow([f"{timezone.localtime(r.pada):%d-%m-%Y %H:%M:%S}", r.oleh_label, label["aksi"], label["dari"],
                         label["ke"], r.komentar, r.dasar_hukum])
    return response


@login_required
def riwayat_pdf(request, pk):
    kasus = get_kerjasama_or_404(request.user, pk)
    response = HttpResponse(pdf.riwayat_pdf(kasus=kasus, user=request.user), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="riwayat-{kasus.nomor.replace("/", "-")}.pdf"'
    return response


@login_required
def notifikasi(request):
    daftar = selectors.notifikasi_list(user=request.user).exclude(
        jenis=Notifikasi.Jenis.TINDAKAN, selesai_pada__isnull=True)
    halaman = Paginator(daftar, 30).get_page(request.GET.get("halaman"))
    return render(request, "kerjasama/notifikasi.html", {
        "halaman": halaman, "tindakan": selectors.notifikasi_tindakan_per_kasus(user=request.user)})


@login_required
@require_POST
def notifikasi_baca(request, pk=None):
    services.notifikasi_tandai_dibaca(user=request.user, notifikasi_id=pk)
    n = Notifikasi.objects.filter(penerima=request.user, pk=pk).first() if pk else None
    if n and n.tautan.startswith("/"):
        return redirect(n.tautan)
    return redirect("kerjasama:notifikasi")


@login_required
def perjanjian_lama_baru(request):
    if not request.user.punya_peran("sekretariat_tkksd"):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mencatat perjanjian lama.")
    form = PerjanjianLamaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                kasus = services.perjanjian_lama_buat(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for pesan in _pesan_validasi(exc):
                form.add_error(None, pesan)
        else:
            messages.success(request, f"Perjanjian lama dicatat sebagai {kasus.nomor}.")
            return redirect("kerjasama:detail", pk=kasus.pk)
    return render(request, "kerjasama/perjanjian_lama_form.html", {"form": form})
