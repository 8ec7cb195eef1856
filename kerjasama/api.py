"""JSON API, /api/v1/ (interfaces.md). Thin: reads through selectors, writes through services.
Each kind's app plugs its cases in with `KasusViewSetMixin` and `KasusSerializer`."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse

from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from . import alur, selectors, services
from .api_masukan import JSONObjekParser
from .constants import Jenis, Peran
from .exceptions import KonflikTransisi, TransisiTidakTersedia
from .models import Dokumen, KerjaSama, Mitra, PerangkatDaerah, RiwayatAudit, Tenggat, VersiDokumen
from .permissions import (
    alasan_tolak_tulis_dokumen,
    dapat_melihat_dokumen,
    dapat_mengubah_dokumen,
    dokumen_terlihat,
    get_kerjasama_or_404,
    kerjasama_terlihat,
    melihat_semua,
)


class Konflik(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Kerja sama berubah sementara itu atau langkah tidak tersedia."
    default_code = "konflik"


def exception_handler(exc, context):
    """Service errors → the answers of interfaces.md (400/403/404/409), in Indonesian."""
    if isinstance(exc, (KonflikTransisi, TransisiTidakTersedia)):
        exc = Konflik(str(exc))
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "message_dict") else {"non_field_errors": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    elif isinstance(exc, DjangoPermissionDenied):
        return Response({"detail": str(exc) or "Anda tidak berwenang."}, status=status.HTTP_403_FORBIDDEN)
    elif isinstance(exc, Http404):
        return Response({"detail": "Tidak ditemukan."}, status=status.HTTP_404_NOT_FOUND)
    return drf_exception_handler(exc, context)


# --- serializers ----------------------------------------------------------------------------------


class TenggatSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tenggat
        fields = ["id", "kerjasama", "aturan", "judul", "dasar_hukum", "mulai", "jatuh_tempo", "status",
                  "cara_hitung", "diselesaikan_pada", "catatan"]


class RiwayatSerializer(serializers.ModelSerializer):
    oleh = serializers.SerializerMethodField()

    class Meta:
        model = RiwayatAudit
        fields = ["id", "aksi", "oleh", "pada", "dari_tahap", "ke_tahap", "komentar", "dasar_hukum", "data"]

    def get_oleh(self, obj) -> str | None:
        return obj.oleh.username if obj.oleh_id else None

    def to_representation(self, obj):
        rep = super().to_representation(obj)
        tersembunyi = self.context.get("dokumen_tersembunyi")
        isian = rep["data"].get("isian") if isinstance(rep.get("data"), dict) else None
        if tersembunyi and isinstance(isian, dict):
            rep["data"] = {**rep["data"], "isian": {k: v for k, v in isian.items() if str(v) not in {
                str(pk) for pk in tersembunyi}}}
        return rep


class TransisiSerializer(serializers.Serializer):
    nama = serializers.CharField()
    tujuan = serializers.CharField()
    label = serializers.CharField()
    pasal = serializers.CharField()
    komentar_wajib = serializers.BooleanField()
    isian = serializers.ListField(child=serializers.DictField())


def transisi_dict(t) -> dict:
    return {
        "nama": t.name,
        "tujuan": str(t.target) if isinstance(t.target, str) else "",
        "label": str(t.custom.get("label", t.name)),
        "pasal": t.custom.get("pasal", ""),
        "komentar_wajib": bool(t.custom.get("komentar_wajib")),
        "isian": [i.as_dict() for i in alur.isian_transisi(t)],
    }


class KasusSerializer(serializers.ModelSerializer):
    """Every case object (interfaces.md): id, nomor, judul, jenis, tahap, transisi_tersedia, tenggat, riwayat."""

    tahap_label = serializers.SerializerMethodField()
    transisi_tersedia = serializers.SerializerMethodField()
    tenggat = serializers.SerializerMethodField()
    riwayat = serializers.SerializerMethodField()

    class Meta:
        model = KerjaSama
        fields = ["id", "nomor", "judul", "jenis", "tahap", "tahap_label", "inisiatif", "asal", "perangkat_daerah",
                  "mitra", "uraian", "tanggal_penandatanganan", "tanggal_mulai", "tanggal_berakhir", "tanggal_selesai",
                  "nilai", "sumber_dana", "tahap_sejak", "dibuat_pada", "transisi_tersedia", "tenggat", "riwayat"]
        read_only_fields = fields

    def _kasus(self, obj):
        if type(obj) is not KerjaSama:
            return obj
        konkret = self.context.get("konkret") or {}
        return konkret.get(obj.pk) or obj.kasus()

    def get_tahap_label(self, obj) -> str:
        return alur.info_tahap(obj.kelas, obj.tahap).label

    def get_transisi_tersedia(self, obj) -> list[dict]:
        request = self.context.get("request")
        if request is None:
            return []
        kasus = self._kasus(obj)
        return [transisi_dict(t) for t in services.transisi_tersedia(kasus, request.user)]

    def get_tenggat(self, obj) -> list[dict]:
        daftar = getattr(obj, "tenggat_terbuka", None)
        if daftar is None:
            daftar = obj.tenggat.filter(status="terbuka").order_by("jatuh_tempo")
        return TenggatSerializer(daftar, many=True).data

    def get_riwayat(self, obj) -> list[dict]:
        if self.context.get("ringkas"):
            return []
        request = self.context.get("request")
        if request is None:
            return []
        # A step's recorded isian may name a document this user may not see (a partner and the TKKSD's
        # study): its id is left out too, not only the document itself (issue 12 item 2).
        semua = Dokumen.objects.filter(kerjasama=obj)
        tersembunyi = set(semua.values_list("pk", flat=True)) - set(
            dokumen_terlihat(request.user, semua, kerjasama=obj).values_list("pk", flat=True))
        return RiwayatSerializer(selectors.riwayat_list(kerjasama=obj, user=request.user), many=True,
                                 context={"dokumen_tersembunyi": tersembunyi}).data


class VersiDokumenSerializer(serializers.ModelSerializer):
    unduh = serializers.SerializerMethodField()

    class Meta:
        model = VersiDokumen
        fields = ["id", "nomor_versi", "nama_berkas", "tipe_konten", "ukuran", "sha256", "status",
                  "dihasilkan_sistem", "diunggah_pada", "unduh"]

    def get_unduh(self, obj) -> str:
        return reverse("kerjasama:dokumen_unduh", args=[obj.pk])


class DokumenSerializer(serializers.ModelSerializer):
    versi = VersiDokumenSerializer(many=True, read_only=True)

    class Meta:
        model = Dokumen
        fields = ["id", "jenis", "judul", "dibuat_pada", "klasifikasi", "dibagikan_mitra", "mengoreksi",
                  "alasan_koreksi", "versi"]


class UnggahDokumenSerializer(serializers.Serializer):
    jenis = serializers.ChoiceField(choices=Dokumen._meta.get_field("jenis").choices)
    judul = serializers.CharField(required=False, allow_blank=True, max_length=300)
    status = serializers.ChoiceField(choices=VersiDokumen._meta.get_field("status").choices, required=False)
    keterangan = serializers.CharField(required=False, allow_blank=True, max_length=300)
    dokumen = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1,
                                       help_text="Id dokumen untuk mengunggah versi baru.")
    mengoreksi = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1,
                                          help_text="Id dokumen yang ditandatangani/diarsipkan yang dikoreksi "
                                                    "(dokumen baru, dengan alasan_koreksi).")
    alasan_koreksi = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    berkas = serializers.FileField()


class PerangkatDaerahSerializer(serializers.ModelSerializer):
    class Meta:
        model = PerangkatDaerah
        fields = ["id", "kode", "nama", "singkatan", "nama_kepala", "jabatan_kepala", "aktif"]


class MitraSerializer(serializers.ModelSerializer):
    negara = serializers.CharField(source="negara.code")

    class Meta:
        model = Mitra
        fields = ["id", "nama", "jenis", "bentuk_hukum", "negara", "wilayah", "alamat", "nama_pimpinan",
                  "jabatan_pimpinan", "nama_perwakilan"]


# --- viewsets -------------------------------------------------------------------------------------


class KerjaSamaFilter(filters.FilterSet):
    jenis = filters.ChoiceFilter(choices=Jenis.choices)
    tahap = filters.CharFilter()
    perangkat_daerah = filters.NumberFilter(field_name="perangkat_daerah_id")
    mitra = filters.NumberFilter(field_name="mitra_id")
    # Bounded: an out-of-range year made datetime.date() overflow (a 500 found by the API fuzzer).
    tahun = filters.NumberFilter(method="filter_tahun", min_value=1900, max_value=2100)

    class Meta:
        model = KerjaSama
        fields = ["jenis", "tahap", "perangkat_daerah", "mitra", "tahun"]

    def filter_tahun(self, queryset, name, value):
        from django.db.models import Q

        value = int(value)
        return queryset.filter(
            Q(tanggal_penandatanganan__year=value) | Q(tanggal_penandatanganan__isnull=True, dibuat_pada__year=value)
        )


class TransisiBody(serializers.Serializer):
    komentar = serializers.CharField(required=False, allow_blank=True)


class KasusViewSetMixin:
    """The generic transition endpoint every kind's app plugs into:
    POST /{resource}/{id}/transisi/{nama}/ with a JSON body of the transition's fields."""

    def get_kasus(self):
        pk = self.kwargs["pk"]
        ks = get_kerjasama_or_404(self.request.user, pk, self.get_queryset_dasar())
        return ks.kasus()

    def get_queryset_dasar(self):
        return self.queryset.model.objects.all()

    @extend_schema(
        request=TransisiBody,
        responses={200: OpenApiResponse(description="Kasus yang diperbarui"), 400: OpenApiResponse(description="Isian salah"),
                   403: OpenApiResponse(description="Tidak berwenang"), 404: OpenApiResponse(description="Tidak ditemukan"),
                   409: OpenApiResponse(description="Konflik tahap")},
        description="Ambil satu transisi tahap. Isian mengikuti `transisi_tersedia[].isian`.",
    )
    @action(detail=True, methods=["post"], url_path=r"transisi/(?P<nama>[a-z0-9_]+)", parser_classes=[JSONObjekParser, FormParser, MultiPartParser])
    def transisi(self, request, pk=None, nama=None):
        kasus = self.get_kasus()
        data = request.data.dict() if hasattr(request.data, "dict") else dict(request.data)
        kasus = services.transisi_jalankan(kasus=kasus, nama=nama, by=request.user, data=data)
        serializer = self.get_serializer(kasus)
        return Response(serializer.data)


class KerjaSamaViewSet(KasusViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The registry of all cooperations (every kind)."""

    queryset = KerjaSama.objects.all()
    serializer_class = KasusSerializer
    filterset_class = KerjaSamaFilter

    def get_queryset(self):
        from django.db.models import Prefetch

        return kerjasama_terlihat(self.request.user).select_related("perangkat_daerah", "mitra").prefetch_related(
            Prefetch("tenggat", queryset=Tenggat.objects.filter(status="terbuka").order_by("jatuh_tempo"), to_attr="tenggat_terbuka")
        ).order_by("-dibuat_pada", "-id")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["ringkas"] = self.action == "list"
        return context

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = page if page is not None else list(queryset)
        context = self.get_serializer_context()
        # The concrete cases of the page, one query per kind (not one per row).
        context["konkret"] = selectors.kasus_konkret(rows)
        data = self.get_serializer_class()(rows, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_kasus()).data)

    @extend_schema(responses=DokumenSerializer(many=True), methods=["GET"])
    @extend_schema(request=UnggahDokumenSerializer, responses=VersiDokumenSerializer, methods=["POST"])
    # Not paginated: the schema said a paginated object while a plain list is served (found by the API fuzzer).
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser, FormParser],
            serializer_class=DokumenSerializer, pagination_class=None)
    def dokumen(self, request, pk=None):
        kasus = get_kerjasama_or_404(request.user, pk)
        if request.method == "GET":
            return Response(DokumenSerializer(selectors.dokumen_list(kerjasama=kasus, user=request.user),
                                              many=True).data)
        merujuk = any(request.data.get(k) for k in ("dokumen", "mengoreksi"))
        if not merujuk and not dapat_mengubah_dokumen(request.user, kasus):
            # (With a document id the document is looked up first: one the user may not see answers 404.)
            raise DjangoPermissionDenied("Anda tidak berwenang mengunggah dokumen pada kerja sama ini.")
        body = UnggahDokumenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data

        def dokumen_kasus(pk):
            # A document the user may not see is not there (404), like an invisible case.
            d = Dokumen.objects.filter(kerjasama=kasus, pk=pk).first()
            if d is None or not dapat_melihat_dokumen(request.user, d):
                raise Http404("Dokumen tidak ditemukan pada kerja sama ini.")
            return d

        dokumen = dokumen_kasus(data["dokumen"]) if data.get("dokumen") else None
        mengoreksi = dokumen_kasus(data["mengoreksi"]) if data.get("mengoreksi") else None
        status_versi = data.get("status", "draft")
        # The one write rule (permissions.alasan_tolak_tulis_dokumen): 403 with its reason.
        alasan = alasan_tolak_tulis_dokumen(request.user, jenis=data["jenis"], kerjasama=kasus, dokumen=dokumen,
                                            status=status_versi)
        if alasan:
            raise DjangoPermissionDenied(alasan)
        versi = services.dokumen_unggah(
            by=request.user, kerjasama=kasus, dokumen=dokumen, berkas=data["berkas"],
            jenis=data["jenis"], judul=data.get("judul", ""), status=status_versi,
            keterangan=data.get("keterangan", ""), mengoreksi=mengoreksi,
            alasan_koreksi=data.get("alasan_koreksi", ""),
        )
        return Response(VersiDokumenSerializer(versi).data, status=status.HTTP_201_CREATED)


class TenggatFilter(filters.FilterSet):
    kerjasama = filters.NumberFilter(field_name="kerjasama_id")
    status = filters.CharFilter()
    aturan = filters.CharFilter()

    class Meta:
        model = Tenggat
        fields = ["kerjasama", "status", "aturan"]


class TenggatViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TenggatSerializer
    filterset_class = TenggatFilter
    queryset = Tenggat.objects.none()

    def get_queryset(self):
        return selectors.tenggat_list(user=self.request.user)


class PerangkatDaerahViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = PerangkatDaerah.objects.all()
    serializer_class = PerangkatDaerahSerializer
    filterset_fields = ["kode", "aktif"]


class MitraViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MitraSerializer
    queryset = Mitra.objects.none()
    filterset_fields = ["jenis"]

    def get_queryset(self):
        user = self.request.user
        qs = Mitra.objects.select_related("wilayah").order_by("nama")
        # A mitra's representative sees only its own organisation (spec README).
        if user.punya_peran(Peran.MITRA) and not melihat_semua(user):
            return qs.filter(pk=user.mitra_id)
        return qs
