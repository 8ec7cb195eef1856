"""API of the mapping under /api/v1/pemetaan/ (interfaces.md): `siklus/` and `rekomendasi/`.
Thin: reads through the visibility selectors (invisible → 404), writes through services; the
core's exception handler turns their errors into 400/403/404/409 in Indonesian."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse

from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from kerjasama.api import RiwayatSerializer, TenggatSerializer, VersiDokumenSerializer, transisi_dict
from kerjasama.api_masukan import JSONObjekParser
from kerjasama.constants import JenisDokumen
from kerjasama.permissions import dokumen_terlihat

from . import selectors, services
from .alur import info_tahap
from .constants import TahapRekomendasi
from .models import (
    BAGIAN_REKOMENDASI,
    EvaluasiPemetaan,
    ItemRencana,
    ItemUsulan,
    KehadiranPleno,
    Rekomendasi,
    SiklusPemetaan,
)
from .permissions import (
    get_rekomendasi_or_404,
    get_siklus_or_404,
    periksa_pd_penyusun,
    periksa_pleno,
    rekomendasi_terlihat,
    siklus_terlihat,
)

NAMA_BAGIAN = [nama for nama, _label, _pasal in BAGIAN_REKOMENDASI]
RESPON_TRANSISI = {
    200: OpenApiResponse(description="Data yang diperbarui"), 400: OpenApiResponse(description="Isian salah"),
    403: OpenApiResponse(description="Tidak berwenang"), 404: OpenApiResponse(description="Tidak ditemukan"),
    409: OpenApiResponse(description="Konflik tahap"),
}


class _TahapMixin(serializers.Serializer):
    tahap_label = serializers.SerializerMethodField()
    transisi_tersedia = serializers.SerializerMethodField()
    riwayat = serializers.SerializerMethodField()

    def get_tahap_label(self, obj) -> str:
        return info_tahap(obj.tahapan, obj.tahap).label

    def get_transisi_tersedia(self, obj) -> list[dict]:
        request = self.context.get("request")
        if request is None:
            return []
        return [transisi_dict(t) for t in services.transisi_tersedia(obj, request.user)]

    def get_riwayat(self, obj) -> list[dict]:
        if self.context.get("ringkas"):
            return []
        return RiwayatSerializer(selectors.riwayat_objek(obj), many=True).data


def _dokumen_data(obj, user) -> list[dict]:
    # Classification decides within a visible record too (kerjasama.permissions.dokumen_terlihat).
    return [{"id": d.pk, "jenis": d.jenis, "judul": d.judul,
             "versi": VersiDokumenSerializer(d.versi.all(), many=True).data}
            for d in dokumen_terlihat(user, selectors.dokumen_pemilik(obj))]


# --- cycles ---------------------------------------------------------------------------------------


class ItemRencanaSerializer(serializers.ModelSerializer):
    kerjasama_nomor = serializers.SerializerMethodField()

    class Meta:
        model = ItemRencana
        fields = ["id", "peringkat", "perangkat_daerah", "item_usulan", "urusan", "program", "kegiatan", "jenis_usulan",
                  "calon_mitra", "mitra", "jangka_waktu_bulan", "ruang_lingkup", "catatan", "kerjasama",
                  "kerjasama_nomor", "dimulai_pada"]

    def get_kerjasama_nomor(self, obj) -> str | None:
        return obj.kerjasama.nomor if obj.kerjasama_id else None


class KehadiranSerializer(serializers.ModelSerializer):
    class Meta:
        model = KehadiranPleno
        fields = ["nama", "jabatan", "unsur"]


class EvaluasiSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluasiPemetaan
        fields = ["id", "tanggal_evaluasi", "hasil", "tindak_lanjut", "dibuat_pada"]


class SiklusSerializer(_TahapMixin, serializers.ModelSerializer):
    daftar_rencana = serializers.SerializerMethodField()
    kehadiran = KehadiranSerializer(many=True, read_only=True)
    evaluasi = EvaluasiSerializer(source="daftar_evaluasi", many=True, read_only=True)
    rekomendasi = serializers.SerializerMethodField()
    tenggat = serializers.SerializerMethodField()
    dokumen = serializers.SerializerMethodField()

    class Meta:
        model = SiklusPemetaan
        fields = ["id", "tahun", "tahap", "tahap_label", "tahap_sejak", "tanggal_dibuka", "batas_pengumpulan",
                  "nomor_surat_permintaan", "keterangan", "tanggal_pleno", "tempat_pleno", "nomor_berita_acara",
                  "tanggal_berita_acara", "tanggal_diajukan", "nomor_keputusan", "tanggal_keputusan", "rekomendasi",
                  "daftar_rencana", "kehadiran", "evaluasi", "transisi_tersedia", "tenggat", "dokumen", "riwayat"]
        read_only_fields = fields

    def get_daftar_rencana(self, obj) -> list[dict]:
        return ItemRencanaSerializer(selectors.daftar_rencana(siklus=obj), many=True).data

    def get_rekomendasi(self, obj) -> dict:
        """How many recommendations are in each stage (the PDs' own contents: /rekomendasi/)."""
        return selectors.ringkasan_rekomendasi(siklus=obj)

    def get_tenggat(self, obj) -> list[dict]:
        return TenggatSerializer(selectors.tenggat_objek(obj).filter(status="terbuka"), many=True).data

    def get_dokumen(self, obj) -> list[dict]:
        request = self.context.get("request")
        if self.context.get("ringkas") or request is None:
            return []
        return _dokumen_data(obj, request.user)


class SiklusBukaSerializer(serializers.Serializer):
    tahun = serializers.IntegerField(min_value=2000, max_value=2100)
    batas_pengumpulan = serializers.DateField()
    nomor_surat_permintaan = serializers.CharField(required=False, allow_blank=True, max_length=120)
    keterangan = serializers.CharField(required=False, allow_blank=True)


ID_MAKS = 2**31 - 1


class PilihanSerializer(serializers.Serializer):
    item_usulan = serializers.IntegerField(min_value=1, max_value=ID_MAKS)
    peringkat = serializers.IntegerField(min_value=1, max_value=ID_MAKS)
    catatan = serializers.CharField(required=False, allow_blank=True, max_length=300)


class DaftarRencanaBody(serializers.Serializer):
    pilihan = PilihanSerializer(many=True)


class KehadiranBody(serializers.Serializer):
    daftar = KehadiranSerializer(many=True)


class SiklusViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Annual mapping cycles (Perwal 57/2023 Ps 11, 15–18, 20)."""

    serializer_class = SiklusSerializer
    queryset = SiklusPemetaan.objects.none()
    filterset_fields = ["tahun", "tahap"]

    def get_queryset(self):
        return siklus_terlihat(self.request.user).prefetch_related("kehadiran", "daftar_evaluasi").order_by("-tahun")

    def get_object(self):
        return get_siklus_or_404(self.request.user, self.kwargs["pk"], self.get_queryset())

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "ringkas": self.action == "list"}

    def _jawab(self, siklus, kode=status.HTTP_200_OK):
        siklus = SiklusPemetaan.objects.get(pk=siklus.pk)
        return Response(SiklusSerializer(siklus, context=self.get_serializer_context()).data, status=kode)

    @extend_schema(request=SiklusBukaSerializer, responses={201: SiklusSerializer},
                   description="Buka siklus pemetaan tahunan dan minta data dari setiap PD (Pasal 11 ayat (1)). "
                               "Hanya Sekretariat TKKSD.")
    def create(self, request):
        body = SiklusBukaSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        siklus = services.siklus_buka(by=request.user, **body.validated_data)
        return self._jawab(siklus, status.HTTP_201_CREATED)

    @extend_schema(request=inline_serializer("TransisiSiklusBody", {"komentar": serializers.CharField(required=False)}),
                   responses=RESPON_TRANSISI,
                   description="Ambil satu langkah siklus; isian mengikuti `transisi_tersedia[].isian`.")
    @action(detail=True, methods=["post"], url_path=r"transisi/(?P<nama>[a-z0-9_]+)",
            parser_classes=[JSONObjekParser, FormParser, MultiPartParser])
    def transisi(self, request, pk=None, nama=None):
        siklus = self.get_object()
        data = request.data.dict() if hasattr(request.data, "dict") else dict(request.data)
        siklus = services.siklus_transisi(siklus=siklus, nama=nama, by=request.user, data=data)
        return self._jawab(siklus)

    @extend_schema(request=DaftarRencanaBody, responses=RESPON_TRANSISI,
                   description="Susun Daftar Rencana Program dan Kegiatan berperingkat selama rapat pleno "
                               "(Pasal 15–16). Mengganti daftar sebelumnya.")
    @action(detail=True, methods=["post"], url_path="daftar-rencana")
    def daftar_rencana(self, request, pk=None):
        siklus = self.get_object()
        periksa_pleno(request.user)
        body = DaftarRencanaBody(data=request.data)
        body.is_valid(raise_exception=True)
        services.daftar_rencana_atur(siklus=siklus, by=request.user,
                                     pilihan=[dict(row) for row in body.validated_data["pilihan"]])
        return self._jawab(siklus)

    @extend_schema(request=KehadiranBody, responses=RESPON_TRANSISI,
                   description="Catat daftar hadir rapat pleno (mengganti daftar sebelumnya).")
    @action(detail=True, methods=["post"])
    def kehadiran(self, request, pk=None):
        siklus = self.get_object()
        periksa_pleno(request.user)
        body = KehadiranBody(data=request.data)
        body.is_valid(raise_exception=True)
        services.kehadiran_atur(siklus=siklus, by=request.user, daftar=[dict(row) for row in body.validated_data["daftar"]])
        return self._jawab(siklus)

    @extend_schema(request=None, responses={201: inline_serializer("KasusDimulai", {
        "kerjasama": serializers.IntegerField(), "nomor": serializers.CharField(), "tautan": serializers.CharField()})},
        description="Mulai kerja sama dari satu item daftar yang sudah ditetapkan (Pasal 18–19).")
    @action(detail=True, methods=["post"], url_path=r"item/(?P<item_id>[0-9]+)/mulai-kasus")
    def mulai_kasus(self, request, pk=None, item_id=None):
        siklus = self.get_object()
        item = siklus.daftar_rencana.filter(pk=item_id).first()
        if item is None:
            raise Http404("Item tidak ditemukan pada siklus ini.")
        kasus = services.item_mulai_kasus(item=item, by=request.user)
        return Response({"kerjasama": kasus.pk, "nomor": kasus.nomor,
                         "tautan": reverse("kerjasama:detail", args=[kasus.pk])}, status=status.HTTP_201_CREATED)


# --- recommendations ------------------------------------------------------------------------------


class ItemUsulanSerializer(serializers.ModelSerializer):
    class Meta:
        model = ItemUsulan
        fields = ["id", "urusan", "program", "kegiatan", "jenis_usulan", "calon_mitra", "mitra", "jangka_waktu_bulan",
                  "ruang_lingkup"]
        read_only_fields = ["id"]


class RekomendasiSerializer(_TahapMixin, serializers.ModelSerializer):
    item = ItemUsulanSerializer(many=True, read_only=True)
    kekurangan = serializers.SerializerMethodField()
    dokumen = serializers.SerializerMethodField()

    class Meta:
        model = Rekomendasi
        fields = ["id", "siklus", "perangkat_daerah", "tahap", "tahap_label", "tahap_sejak", *NAMA_BAGIAN, "item",
                  "tim", "catatan_pengembalian", "diajukan_pada", "kekurangan", "transisi_tersedia", "dokumen",
                  "riwayat"]
        read_only_fields = fields

    def get_kekurangan(self, obj) -> list[str]:
        """What still blocks submission or acceptance (Ps 10, 12, 13)."""
        if obj.tahap in (TahapRekomendasi.LENGKAP, TahapRekomendasi.DIBAHAS):
            return []
        return obj.kekurangan()

    def get_dokumen(self, obj) -> list[dict]:
        request = self.context.get("request")
        if self.context.get("ringkas") or request is None:
            return []
        return _dokumen_data(obj, request.user)


class ItemUsulanTulis(serializers.Serializer):
    urusan = serializers.CharField(allow_blank=True, required=False)
    program = serializers.CharField(allow_blank=True, required=False)
    kegiatan = serializers.CharField(allow_blank=True, required=False)
    jenis_usulan = serializers.CharField(allow_blank=True, required=False)
    calon_mitra = serializers.CharField(allow_blank=True, required=False)
    mitra = serializers.IntegerField(allow_null=True, required=False, min_value=1, max_value=ID_MAKS)
    jangka_waktu_bulan = serializers.IntegerField(allow_null=True, required=False, min_value=-ID_MAKS, max_value=ID_MAKS)
    ruang_lingkup = serializers.CharField(allow_blank=True, required=False)


class RekomendasiTulisSerializer(serializers.Serializer):
    siklus = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAKS, help_text="Wajib saat membuat.")
    item = ItemUsulanTulis(many=True, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nama in NAMA_BAGIAN:
            self.fields[nama] = serializers.CharField(allow_blank=True, required=False)


class RekomendasiFilter(filters.FilterSet):
    siklus = filters.NumberFilter(field_name="siklus_id")
    tahun = filters.NumberFilter(field_name="siklus__tahun")
    tahap = filters.ChoiceFilter(choices=TahapRekomendasi.choices)
    perangkat_daerah = filters.NumberFilter(field_name="perangkat_daerah_id")

    class Meta:
        model = Rekomendasi
        fields = ["siklus", "tahun", "tahap", "perangkat_daerah"]


class UnggahBody(serializers.Serializer):
    jenis = serializers.ChoiceField(choices=JenisDokumen.choices, required=False)
    judul = serializers.CharField(required=False, allow_blank=True, max_length=300)
    keterangan = serializers.CharField(required=False, allow_blank=True, max_length=300)
    berkas = serializers.FileField()


class RekomendasiViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """PD recommendations (Perwal 57/2023 Ps 12–14). A PD sees only its own; others answer 404."""

    serializer_class = RekomendasiSerializer
    queryset = Rekomendasi.objects.none()
    filterset_class = RekomendasiFilter

    def get_queryset(self):
        return (rekomendasi_terlihat(self.request.user).select_related("siklus", "perangkat_daerah")
                .prefetch_related("item").order_by("siklus__tahun", "perangkat_daerah__nama"))

    def get_object(self):
        return get_rekomendasi_or_404(self.request.user, self.kwargs["pk"], self.get_queryset())

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "ringkas": self.action == "list"}

    def _jawab(self, rek, kode=status.HTTP_200_OK):
        rek = Rekomendasi.objects.select_related("siklus", "perangkat_daerah").get(pk=rek.pk)
        return Response(RekomendasiSerializer(rek, context=self.get_serializer_context()).data, status=kode)

    def _tulis(self, request, rek=None, partial=False):
        if rek is not None:
            periksa_pd_penyusun(request.user, rek)
        body = RekomendasiTulisSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        bagian = {nama: data[nama] for nama in NAMA_BAGIAN if nama in data}
        if rek is None:
            if "siklus" not in data:
                raise DjangoValidationError({"siklus": "Pilih siklus pemetaan."})
            siklus = get_siklus_or_404(request.user, data["siklus"])
        else:
            siklus = rek.siklus
            if partial:
                bagian = {**{nama: getattr(rek, nama) for nama in NAMA_BAGIAN}, **bagian}
        if "item" in data:
            item = [dict(row) for row in data["item"]]
        elif rek is not None and partial:
            item = [{f: getattr(i, f"{f}_id" if f == "mitra" else f) for f in services.FIELD_ITEM} for i in rek.item.all()]
        else:
            item = []
        return services.rekomendasi_simpan(by=request.user, siklus=siklus, rekomendasi=rek, item=item, **bagian)

    @extend_schema(request=RekomendasiTulisSerializer, responses={201: RekomendasiSerializer},
                   description="Susun rekomendasi PD Anda untuk satu siklus (draf; Pasal 12–13).")
    def create(self, request):
        return self._jawab(self._tulis(request), status.HTTP_201_CREATED)

    @extend_schema(request=RekomendasiTulisSerializer, responses={200: RekomendasiSerializer},
                   description="Ubah rekomendasi selama draf atau dikembalikan; `item` mengganti seluruh usulan.")
    def update(self, request, pk=None):
        return self._jawab(self._tulis(request, self.get_object()))

    @extend_schema(request=RekomendasiTulisSerializer, responses={200: RekomendasiSerializer})
    def partial_update(self, request, pk=None):
        return self._jawab(self._tulis(request, self.get_object(), partial=True))

    @extend_schema(request=inline_serializer("TransisiRekomendasiBody", {"komentar": serializers.CharField(required=False)}),
                   responses=RESPON_TRANSISI,
                   description="ajukan / ajukan_ulang (PD), kembalikan dengan komentar / terima (Sekretariat TKKSD).")
    @action(detail=True, methods=["post"], url_path=r"transisi/(?P<nama>[a-z0-9_]+)",
            parser_classes=[JSONObjekParser, FormParser, MultiPartParser])
    def transisi(self, request, pk=None, nama=None):
        rek = self.get_object()
        data = request.data.dict() if hasattr(request.data, "dict") else dict(request.data)
        return self._jawab(services.rekomendasi_transisi(rekomendasi=rek, nama=nama, by=request.user, data=data))

    @extend_schema(request=UnggahBody, responses={201: VersiDokumenSerializer},
                   description="Unggah data pendukung (Pasal 11) selama rekomendasi dapat diubah.")
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def dokumen(self, request, pk=None):
        rek = self.get_object()
        periksa_pd_penyusun(request.user, rek)
        body = UnggahBody(data=request.data)
        body.is_valid(raise_exception=True)
        versi = services.rekomendasi_dokumen_unggah(
            rekomendasi=rek, by=request.user, berkas=body.validated_data["berkas"],
            jenis=body.validated_data.get("jenis") or JenisDokumen.LAINNYA,
            judul=body.validated_data.get("judul", ""), keterangan=body.validated_data.get("keterangan", ""),
        )
        return Response(VersiDokumenSerializer(versi).data, status=status.HTTP_201_CREATED)


def daftar(router):
    router.register("pemetaan/siklus", SiklusViewSet, basename="pemetaan-siklus")
    router.register("pemetaan/rekomendasi", RekomendasiViewSet, basename="pemetaan-rekomendasi")

