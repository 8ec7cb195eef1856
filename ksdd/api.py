"""/api/v1/ksdd/ (interfaces.md): KSDD cases, their creation (Ps 22(1)), the partner-offer entry (Ps 35(3))
and, through KasusViewSetMixin, POST /api/v1/ksdd/{id}/transisi/{nama}/ for every stage step."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from kerjasama.api import KasusSerializer, KasusViewSetMixin
from kerjasama.api_masukan import JSONObjekParser
from kerjasama.constants import JenisMitra
from kerjasama.models import Mitra, PerangkatDaerah, Wilayah

from . import selectors, services
from .constants import Sifat
from .models import KasusKsdd, LaporanPelaksanaanKsdd, PerpanjanganKsdd, PerubahanPksKsdd


class PerubahanSerializer(serializers.ModelSerializer):
    class Meta:
        model = PerubahanPksKsdd
        fields = ["id", "ke", "uraian", "alasan", "menambah_beban", "status", "tanggal_diterima_dprd",
                  "tanggal_keputusan_dprd", "nomor", "tanggal_penandatanganan", "catatan", "diajukan_pada"]


class PerpanjanganSerializer(serializers.ModelSerializer):
    class Meta:
        model = PerpanjanganKsdd
        fields = ["id", "pemohon", "tahapan", "tanggal_mulai_lama", "tanggal_berakhir_lama", "tanggal_mulai",
                  "tanggal_berakhir", "status", "tanggal_kesepakatan", "tanggal_penandatanganan", "catatan"]


class LaporanSerializer(serializers.ModelSerializer):
    class Meta:
        model = LaporanPelaksanaanKsdd
        fields = ["id", "jenis", "status", "periode_awal", "periode_akhir", "ringkasan", "dokumen",
                  "tanggal_penandatanganan", "tanggal_dikirim"]


class KasusKsddSerializer(KasusSerializer):
    persetujuan_dprd_diperlukan = serializers.SerializerMethodField()
    perubahan = serializers.SerializerMethodField()
    perpanjangan = serializers.SerializerMethodField()
    laporan = serializers.SerializerMethodField()

    class Meta(KasusSerializer.Meta):
        model = KasusKsdd
        fields = [*KasusSerializer.Meta.fields, "sifat", "daerah_berbatasan", "eksternalitas", "urusan", "program",
                  "kegiatan", "membebani_masyarakat_daerah", "sudah_dianggarkan_apbd", "persetujuan_dprd_diperlukan",
                  "alasan_dprd", "nomor_surat_penawaran", "tanggal_surat_penawaran", "tanggal_jawaban_mitra", "nomor_kb",
                  "cara_penandatanganan_kb", "kb_tanggal_penandatanganan", "kb_tanggal_mulai", "kb_tanggal_berakhir",
                  "tanggal_diterima_dprd", "tanggal_keputusan_dprd", "nomor_pks", "penandatangan_mitra",
                  "atas_dasar_surat_kuasa", "perubahan", "perpanjangan", "laporan"]
        read_only_fields = fields

    def get_persetujuan_dprd_diperlukan(self, obj) -> bool | None:
        if obj.membebani_masyarakat_daerah is None or obj.sudah_dianggarkan_apbd is None:
            return None
        return obj.persetujuan_dprd_diperlukan

    def get_perubahan(self, obj) -> list[dict]:
        return PerubahanSerializer(obj.daftar_perubahan(), many=True).data if not self.context.get("ringkas") else []

    def get_perpanjangan(self, obj) -> list[dict]:
        return PerpanjanganSerializer(obj.daftar_perpanjangan(), many=True).data if not self.context.get("ringkas") else []

    def get_laporan(self, obj) -> list[dict]:
        return LaporanSerializer(obj.daftar_laporan(), many=True).data if not self.context.get("ringkas") else []


class KsddBuatSerializer(serializers.Serializer):
    judul = serializers.CharField(max_length=300)
    sifat = serializers.ChoiceField(choices=Sifat.choices)
    urusan = serializers.CharField(max_length=200)
    perangkat_daerah = serializers.PrimaryKeyRelatedField(queryset=PerangkatDaerah.objects.all(), required=False,
                                                          allow_null=True)
    mitra = serializers.PrimaryKeyRelatedField(queryset=Mitra.objects.filter(jenis=JenisMitra.DAERAH_LAIN))
    program = serializers.CharField(max_length=300, required=False, allow_blank=True)
    kegiatan = serializers.CharField(max_length=300, required=False, allow_blank=True)
    uraian = serializers.CharField(required=False, allow_blank=True)
    daerah_berbatasan = serializers.PrimaryKeyRelatedField(queryset=Wilayah.objects.all(), many=True, required=False)
    eksternalitas = serializers.CharField(required=False, allow_blank=True)
    membebani_masyarakat_daerah = serializers.BooleanField()
    sudah_dianggarkan_apbd = serializers.BooleanField()
    nilai = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    sumber_dana = serializers.CharField(max_length=200, required=False, allow_blank=True)


class TawaranMitraSerializer(KsddBuatSerializer):
    perangkat_daerah = None
    nomor_surat = serializers.CharField(max_length=120)
    tanggal_surat = serializers.DateField()
    surat_penawaran = serializers.FileField()
    rancangan_kb = serializers.FileField()


class KasusKsddViewSet(KasusViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = KasusKsdd.objects.all()
    serializer_class = KasusKsddSerializer
    filterset_fields = ["tahap", "sifat", "inisiatif", "perangkat_daerah", "mitra"]

    def get_queryset(self):
        return selectors.ksdd_list(user=self.request.user)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["ringkas"] = self.action == "list"
        return context

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_kasus()).data)

    @extend_schema(request=KsddBuatSerializer, responses={201: KasusKsddSerializer})
    def create(self, request, *args, **kwargs):
        """Ps 22(1): start a KSDD in persiapan (a PD for itself; the Sekretariat names the PD)."""
        body = KsddBuatSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        kasus = services.ksdd_buat(by=request.user, **body.validated_data)
        return Response(self.get_serializer(kasus).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TawaranMitraSerializer, responses={201: KasusKsddSerializer})
    @action(detail=False, methods=["post"], url_path="tawaran-mitra", parser_classes=[MultiPartParser, FormParser, JSONObjekParser])
    def tawaran_mitra(self, request):
        """Ps 35(3): record another region's offer letter with its draft KB (multipart)."""
        body = TawaranMitraSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        kasus = services.ksdd_tawaran_mitra_catat(by=request.user, **body.validated_data)
        return Response(self.get_serializer(kasus).data, status=status.HTTP_201_CREATED)


def daftar(router):
    router.register("ksdd", KasusKsddViewSet, basename="ksdd")
