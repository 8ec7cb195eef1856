"""API of supervision, under /api/v1/pengawasan/ (interfaces.md):

- `kegiatan/` monitoring and evaluation activities: list, read, POST to plan one;
  `kegiatan/{id}/transisi/{nama}/` takes a step (laksanakan, ajukan_laporan, terima_laporan,
  kembalikan_laporan, batalkan); `kegiatan/{id}/matrik/` reads and adds matrix rows;
  `kegiatan/{id}/lampiran/` uploads an attachment (multipart); `kegiatan/{id}/analisa/` reads and
  fills the parts of an evaluation's analysis (Ps 85(4) huruf a–c); `kegiatan/{id}/kewajiban/`
  records the PKS/KB obligations when the cooperation has none (Ps 85(4) huruf a).
- `laporan-mitra/` partner reports: a mitra sees and posts only its own (multipart, with `berkas`).

Answers as the rest of the API: 400 fields, 403 not allowed, 404 invisible, 409 stage conflict.
The same forms and services as the web pages."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse

from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from kerjasama.api_masukan import JSONObjekParser
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.permissions import dokumen_terlihat, get_kerjasama_or_404

from . import selectors, services
from .forms import BagianEvaluasiForm, BarisMatrikForm, KegiatanBaruForm, LampiranForm, LaporanMitraForm
from .models import BarisMatrik, KegiatanPengawasan, LaporanMitra, PenilaianKewajiban, TindakLanjut
from .permissions import dapat_melihat_pengawasan, dapat_mengawasi, dapat_mengunggah_laporan_mitra
from .views import FORM_TRANSISI, buat_form_transisi, jalankan_transisi


def _galat_form(form) -> DjangoValidationError:
    return DjangoValidationError({k: [e["message"] for e in v] for k, v in form.errors.get_json_data().items()})


# --- serializers ----------------------------------------------------------------------------------


class BarisMatrikSerializer(serializers.ModelSerializer):
    rekomendasi_label = serializers.CharField(source="get_rekomendasi_display", read_only=True)
    tindak_lanjut_id = serializers.SerializerMethodField()

    class Meta:
        model = BarisMatrik
        fields = ["id", "urutan", "dasar_perjanjian", "materi_evaluasi", "permasalahan", "solusi", "tindak_lanjut",
                  "perangkat_daerah", "keterangan", "rekomendasi", "rekomendasi_label", "kewajiban", "tindak_lanjut_id"]
        read_only_fields = fields

    def get_tindak_lanjut_id(self, obj) -> int | None:
        try:
            return obj.tindaklanjut.pk
        except TindakLanjut.DoesNotExist:
            return None


class PenilaianSerializer(serializers.ModelSerializer):
    class Meta:
        model = PenilaianKewajiban
        fields = ["kewajiban", "pihak", "uraian", "dasar", "status", "catatan"]


def bagian_evaluasi_data(kegiatan) -> list[dict]:
    """The parts of Ps 85(4) of an evaluation (empty for a monitoring): each with its finding, evidence
    and what is still missing (`lengkap` false blocks the report)."""
    hasil = []
    for s in selectors.bagian_evaluasi_status(kegiatan):
        b = s.bagian
        hasil.append({"huruf": s.huruf, "label": s.label, "dasar": f"Perwal 57/2023 {s.dasar}", "lengkap": s.lengkap,
                      "kekurangan": list(s.kekurangan), "temuan": b.temuan if b else "",
                      "dokumen": b.dokumen_id if b else None, "rujukan": b.rujukan if b else "",
                      "tanpa_kewajiban": bool(b and b.tanpa_kewajiban),
                      "alasan_tanpa_kewajiban": b.alasan_tanpa_kewajiban if b else ""})
    return hasil


class BagianEvaluasiBody(serializers.Serializer):
    huruf = serializers.ChoiceField(choices=["a", "b", "c"])
    temuan = serializers.CharField()
    dokumen = serializers.IntegerField(required=False, allow_null=True,
                                       help_text="Id dokumen bukti: lampiran kegiatan ini atau dokumen kerja sama.")
    rujukan = serializers.CharField(required=False, allow_blank=True,
                                    help_text="Rujukan data tercatat; wajib bila tanpa dokumen.")
    tanpa_kewajiban = serializers.BooleanField(required=False, help_text="Huruf a: perjanjian tidak menetapkan "
                                               "kewajiban mitra (hanya bila tidak ada kewajiban mitra tercatat).")
    alasan_tanpa_kewajiban = serializers.CharField(required=False, allow_blank=True)
    penilaian = serializers.ListField(child=serializers.DictField(), required=False,
                                      help_text="Huruf a: [{kewajiban, status, catatan}].")


class KewajibanBody(serializers.Serializer):
    pihak = serializers.ChoiceField(choices=["mitra", "daerah"])
    uraian = serializers.CharField()
    dasar = serializers.CharField(required=False, allow_blank=True)


class KewajibanDaftarBody(serializers.Serializer):
    kewajiban = KewajibanBody(many=True, allow_empty=False)


class KegiatanSerializer(serializers.ModelSerializer):
    tahap_label = serializers.CharField(source="get_tahap_display", read_only=True)
    transisi_tersedia = serializers.SerializerMethodField()
    lampiran = serializers.SerializerMethodField()
    dokumen = serializers.SerializerMethodField()
    matrik = BarisMatrikSerializer(many=True, read_only=True)
    penilaian = PenilaianSerializer(many=True, read_only=True)
    bagian_evaluasi = serializers.SerializerMethodField()

    class Meta:
        model = KegiatanPengawasan
        fields = ["id", "kerjasama", "jenis", "sifat", "tahap", "tahap_label", "jatuh_tempo", "tanggal_rencana",
                  "keterangan", "tanggal_pelaksanaan", "lokasi", "analisa_laporan_mitra", "tinjau_lokasi", "fgd",
                  "wawancara_dokumentasi", "peserta", "hasil", "permasalahan", "solusi", "saran", "ringkasan_laporan",
                  "diajukan_pada", "diterima_pada", "catatan_ketua", "laporan_mitra", "lampiran", "dokumen", "matrik",
                  "penilaian", "bagian_evaluasi", "transisi_tersedia", "dibuat_pada"]
        read_only_fields = fields

    def get_transisi_tersedia(self, obj) -> list[dict]:
        request = self.context.get("request")
        if request is None:
            return []
        return [{"nama": t.name, "tujuan": t.target, "label": t.custom.get("label", t.name),
                 "pasal": t.custom.get("pasal", ""), "komentar_wajib": bool(t.custom.get("komentar_wajib"))}
                for t in obj.get_available_user_tahap_transitions(request.user) if not t.custom.get("sistem")]

    def get_bagian_evaluasi(self, obj) -> list[dict]:
        return bagian_evaluasi_data(obj)

    def get_lampiran(self, obj) -> list[dict]:
        return [{"kode": lp.kode, "label": lp.label, "dasar": lp.dasar, "wajib": lp.wajib, "ada": lp.ada}
                for lp in selectors.lampiran_status(obj)]

    def get_dokumen(self, obj) -> list[dict]:
        hasil = []
        request = self.context.get("request")
        qs = selectors.dokumen_kegiatan(obj)
        for d in (dokumen_terlihat(request.user, qs) if request is not None else qs.none()):
            v = d.versi_terakhir
            hasil.append({"id": d.pk, "jenis": d.jenis, "judul": d.judul,
                          "unduh": reverse("kerjasama:dokumen_unduh", args=[v.pk]) if v else None})
        return hasil


class KegiatanBuatSerializer(serializers.Serializer):
    kerjasama = serializers.IntegerField()
    jenis = serializers.CharField()
    sifat = serializers.CharField()
    tanggal_rencana = serializers.DateField(required=False, allow_null=True)
    keterangan = serializers.CharField(required=False, allow_blank=True)


class TransisiKegiatanBody(serializers.Serializer):
    komentar = serializers.CharField(required=False, allow_blank=True)


class LaporanMitraSerializer(serializers.ModelSerializer):
    unduh = serializers.SerializerMethodField()

    class Meta:
        model = LaporanMitra
        fields = ["id", "kerjasama", "tenggat", "sifat", "periode_mulai", "periode_selesai", "kemajuan", "permasalahan",
                  "dokumen", "unduh", "atas_nama_mitra", "tanggal_diterima", "terlambat", "dibuat_pada"]
        read_only_fields = fields

    def get_unduh(self, obj) -> str | None:
        v = obj.dokumen.versi_terakhir if obj.dokumen_id else None
        return reverse("kerjasama:dokumen_unduh", args=[v.pk]) if v else None


class LaporanMitraBuatSerializer(serializers.Serializer):
    kerjasama = serializers.IntegerField()
    sifat = serializers.ChoiceField(choices=["berkala", "saat_diperlukan"], required=False)
    tenggat = serializers.IntegerField(required=False, help_text="Id tenggat periode yang dilaporkan (default: periode terbuka).")
    periode_mulai = serializers.DateField(required=False)
    periode_selesai = serializers.DateField(required=False)
    kemajuan = serializers.CharField()
    permasalahan = serializers.CharField(required=False, allow_blank=True)
    tanggal_diterima = serializers.DateField(required=False, help_text="Staf: tanggal laporan kertas diterima.")
    berkas = serializers.FileField()


# --- viewsets -------------------------------------------------------------------------------------


class KegiatanFilter(filters.FilterSet):
    kerjasama = filters.NumberFilter(field_name="kerjasama_id")
    jenis = filters.CharFilter()
    sifat = filters.CharFilter()
    tahap = filters.CharFilter()

    class Meta:
        model = KegiatanPengawasan
        fields = ["kerjasama", "jenis", "sifat", "tahap"]


class KegiatanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Monitoring and evaluation activities (Perwal 57/2023 Ps 85(1)–(5), Ps 88)."""

    serializer_class = KegiatanSerializer
    filterset_class = KegiatanFilter
    queryset = KegiatanPengawasan.objects.none()

    def get_queryset(self):
        return selectors.kegiatan_list(user=self.request.user).prefetch_related("matrik", "penilaian", "laporan_mitra")

    @extend_schema(request=KegiatanBuatSerializer, responses={201: KegiatanSerializer})
    def create(self, request):
        try:
            pk = int(request.data.get("kerjasama"))
        except (TypeError, ValueError):
            raise DjangoValidationError({"kerjasama": "Isi id kerja sama."}) from None
        ks = get_kerjasama_or_404(request.user, pk)
        if not dapat_melihat_pengawasan(request.user, ks):
            raise PermissionDenied("Berkas pengawasan hanya untuk Pemerintah Daerah.")
        form = KegiatanBaruForm(request.data)
        if not form.is_valid():
            raise _galat_form(form)
        kegiatan = services.kegiatan_rencanakan(kerjasama=ks, by=request.user, **form.cleaned_data)
        return Response(self.get_serializer(kegiatan).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=TransisiKegiatanBody,
        responses={200: KegiatanSerializer, 400: OpenApiResponse(description="Isian salah"),
                   403: OpenApiResponse(description="Tidak berwenang"), 404: OpenApiResponse(description="Tidak ditemukan"),
                   409: OpenApiResponse(description="Konflik tahap")},
        description="Ambil satu langkah kegiatan: laksanakan, ajukan_laporan, terima_laporan, kembalikan_laporan, "
                    "batalkan. Untuk laksanakan evaluasi, `penilaian` berisi daftar {kewajiban, status, catatan}.",
    )
    @action(detail=True, methods=["post"], url_path=r"transisi/(?P<nama>[a-z0-9_]+)",
            parser_classes=[JSONObjekParser, FormParser, MultiPartParser])
    def transisi(self, request, pk=None, nama=None):
        kegiatan = self.get_object()
        meta = getattr(getattr(kegiatan, nama, None), "_django_fsm", None)
        t = meta.get_transition(kegiatan.tahap) if meta is not None and nama in FORM_TRANSISI else None
        if t is None:
            raise TransisiTidakTersedia(f"Langkah \u201c{nama}\u201d tidak tersedia pada tahap {kegiatan.tahap}.")
        if t.permission and not t.permission(kegiatan, request.user):
            raise PermissionDenied("Anda tidak berwenang mengambil langkah ini.")
        data = request.data.dict() if hasattr(request.data, "dict") else dict(request.data)
        for item in data.pop("penilaian", None) or []:
            if isinstance(item, dict) and item.get("kewajiban") is not None:
                data[f"penilaian_{item['kewajiban']}"] = item.get("status", "")
                data[f"catatan_{item['kewajiban']}"] = item.get("catatan", "")
        form = buat_form_transisi(nama, kegiatan, data)
        if not form.is_valid():
            raise _galat_form(form)
        kegiatan = jalankan_transisi(kegiatan=kegiatan, nama=nama, by=request.user, form=form,
                                     tahap_diharapkan=data.get("_tahap") or kegiatan.tahap)
        return Response(self.get_serializer(kegiatan).data)

    @extend_schema(methods=["GET"], responses=BarisMatrikSerializer(many=True))
    @extend_schema(methods=["POST"], request=BarisMatrikSerializer, responses={201: BarisMatrikSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=BarisMatrikSerializer)
    def matrik(self, request, pk=None):
        kegiatan = self.get_object()
        if request.method == "GET":
            return Response(BarisMatrikSerializer(kegiatan.matrik.all(), many=True).data)
        if not dapat_mengawasi(request.user, kegiatan.kerjasama):
            raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat mengisi matrik.")
        form = BarisMatrikForm(request.data, kegiatan=kegiatan)
        if not form.is_valid():
            raise _galat_form(form)
        baris = services.baris_matrik_simpan(kegiatan=kegiatan, by=request.user, **form.cleaned_data)
        return Response(BarisMatrikSerializer(baris).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["POST"], request=BagianEvaluasiBody,
                   description="Isi satu bagian analisa evaluasi (Perwal 57/2023 Pasal 85 ayat (4) huruf a, b atau c): "
                               "temuan dan bukti (dokumen atau rujukan). Laporan evaluasi ditolak (400, "
                               "`bagian_evaluasi`) selama ada bagian yang belum lengkap.")
    @action(detail=True, methods=["get", "post"], url_path="analisa", parser_classes=[JSONObjekParser, FormParser,
                                                                                       MultiPartParser])
    def analisa(self, request, pk=None):
        kegiatan = self.get_object()
        if request.method == "GET":
            return Response(bagian_evaluasi_data(kegiatan))
        if not dapat_mengawasi(request.user, kegiatan.kerjasama):
            raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat mengisi analisa "
                                   "evaluasi.")
        data = request.data.dict() if hasattr(request.data, "dict") else dict(request.data)
        huruf = str(data.get("huruf") or "")
        if huruf not in ("a", "b", "c"):
            raise DjangoValidationError({"huruf": "Huruf Pasal 85 ayat (4) harus a, b, atau c."})
        for item in data.pop("penilaian", None) or []:
            if isinstance(item, dict) and item.get("kewajiban") is not None:
                data[f"penilaian_{item['kewajiban']}"] = item.get("status", "")
                data[f"catatan_{item['kewajiban']}"] = item.get("catatan", "")
        form = BagianEvaluasiForm(data, kegiatan=kegiatan, huruf=huruf)
        if not form.is_valid():
            raise _galat_form(form)
        services.bagian_evaluasi_simpan(kegiatan=kegiatan, by=request.user, huruf=huruf, **form.argumen())
        return Response(bagian_evaluasi_data(kegiatan), status=status.HTTP_201_CREATED)

    @extend_schema(request=KewajibanDaftarBody, responses={201: OpenApiResponse(description="Kewajiban tercatat")},
                   description="Catat kewajiban para pihak dari PKS/KB bila kerja sama belum mencatatnya (Perwal "
                               "57/2023 Pasal 85 ayat (4) huruf a). Badan: {\"kewajiban\": [{pihak, uraian, dasar}]}.")
    @action(detail=True, methods=["post"], url_path="kewajiban", parser_classes=[JSONObjekParser])
    def kewajiban(self, request, pk=None):
        kegiatan = self.get_object()
        if not dapat_mengawasi(request.user, kegiatan.kerjasama):
            raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat mencatat kewajiban.")
        badan = KewajibanDaftarBody(data=request.data)
        badan.is_valid(raise_exception=True)
        services.kegiatan_kewajiban_catat(kegiatan=kegiatan, by=request.user,
                                          daftar=[dict(d) for d in badan.validated_data["kewajiban"]])
        return Response(list(kegiatan.kerjasama.kewajiban.values("id", "pihak", "uraian", "dasar")),
                        status=status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": {"type": "object", "properties": {
        "jenis": {"type": "string"}, "judul": {"type": "string"}, "berkas": {"type": "string", "format": "binary"}}}},
        responses={201: OpenApiResponse(description="Lampiran tersimpan")})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def lampiran(self, request, pk=None):
        kegiatan = self.get_object()
        if not dapat_mengawasi(request.user, kegiatan.kerjasama):
            raise PermissionDenied("Hanya Sekretariat TKKSD atau anggota Tim Pengawasan yang dapat melampirkan dokumen.")
        form = LampiranForm(request.data, request.FILES)
        if not form.is_valid():
            raise _galat_form(form)
        versi = services.lampiran_unggah(kegiatan=kegiatan, by=request.user, **form.cleaned_data)
        return Response({"dokumen": versi.dokumen_id, "versi": versi.nomor_versi, "sha256": versi.sha256,
                         "unduh": reverse("kerjasama:dokumen_unduh", args=[versi.pk])}, status=status.HTTP_201_CREATED)


class LaporanMitraFilter(filters.FilterSet):
    kerjasama = filters.NumberFilter(field_name="kerjasama_id")

    class Meta:
        model = LaporanMitra
        fields = ["kerjasama"]


class LaporanMitraViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Partner reports (Perwal 57/2023 Ps 87(1)). A mitra sees and sends only its own."""

    serializer_class = LaporanMitraSerializer
    filterset_class = LaporanMitraFilter
    queryset = LaporanMitra.objects.none()
    parser_classes = [MultiPartParser, FormParser, JSONObjekParser]

    def get_queryset(self):
        return selectors.laporan_mitra_list(user=self.request.user)

    @extend_schema(request={"multipart/form-data": LaporanMitraBuatSerializer}, responses={201: LaporanMitraSerializer})
    def create(self, request):
        try:
            pk = int(request.data.get("kerjasama"))
        except (TypeError, ValueError):
            raise DjangoValidationError({"kerjasama": "Isi id kerja sama."}) from None
        ks = get_kerjasama_or_404(request.user, pk)
        if not dapat_mengunggah_laporan_mitra(request.user, ks):
            raise PermissionDenied("Anda tidak berwenang menyampaikan laporan untuk kerja sama ini.")
        atas_nama = not (request.user.mitra_id and request.user.mitra_id == ks.mitra_id)
        form = LaporanMitraForm(request.data, request.FILES, terutang=selectors.laporan_mitra_terutang(ks),
                                atas_nama=atas_nama)
        if not form.is_valid():
            raise _galat_form(form)
        laporan = services.laporan_mitra_unggah(kerjasama=ks, by=request.user, **form.cleaned_data)
        return Response(self.get_serializer(laporan).data, status=status.HTTP_201_CREATED)


def daftar(router):
    router.register("pengawasan/kegiatan", KegiatanViewSet, basename="pengawasan-kegiatan")
    router.register("pengawasan/laporan-mitra", LaporanMitraViewSet, basename="pengawasan-laporan-mitra")
