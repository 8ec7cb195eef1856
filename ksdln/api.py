"""API of KSDPL/KSDLL, /api/v1/ksdln/ (interfaces.md): list and read visible cases, record an
initiative (POST), take transitions (POST /ksdln/{id}/transisi/{nama}/, the core's mixin), and
keep the Ps 51 checklist and the penjajakan activities. Thin: reads through selectors, writes
through services."""

from django.core.exceptions import ValidationError as DjangoValidationError

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kerjasama.api import KasusSerializer, KasusViewSetMixin
from kerjasama.models import Mitra, PerangkatDaerah

from . import selectors, services
from .constants import CaraPenjajakan, JenisLembaga, Objek, SumberPrakarsa
from .models import (
    IzinLembaga,
    KasusKsdln,
    KegiatanPenjajakan,
    LaporanTahunanKsdln,
    PermohonanPerpanjangan,
    Perselisihan,
    PersyaratanKsdln,
    RencanaKegiatanTahunan,
)
from .permissions import get_kasus_ksdln_or_404


class PersyaratanSerializer(serializers.ModelSerializer):
    dikonfirmasi_oleh = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = PersyaratanKsdln
        fields = ["id", "kode", "uraian", "pasal", "terpenuhi", "catatan", "dokumen", "dikonfirmasi_oleh",
                  "dikonfirmasi_pada"]


class PenjajakanSerializer(serializers.ModelSerializer):
    class Meta:
        model = KegiatanPenjajakan
        fields = ["id", "cara", "tanggal", "catatan", "dokumen", "dicatat_pada"]


class IzinSerializer(serializers.ModelSerializer):
    class Meta:
        model = IzinLembaga
        fields = ["id", "jenis", "nomor", "tanggal", "penerbit", "berlaku_sampai", "dokumen"]


class RencanaTahunanSerializer(serializers.ModelSerializer):
    kegiatan = serializers.SerializerMethodField()

    class Meta:
        model = RencanaKegiatanTahunan
        fields = ["id", "tahun", "peran_para_pihak", "hasil_diharapkan", "rencana_pembiayaan", "tanggal_ditandatangani",
                  "kegiatan"]

    def get_kegiatan(self, obj) -> list[dict]:
        return [{"id": k.pk, "uraian": k.uraian, "waktu": k.waktu, "pelaksana": k.pelaksana, "anggaran": k.anggaran,
                 "status": k.status, "hasil": k.hasil} for k in obj.kegiatan.all()]


class PerselisihanSerializer(serializers.ModelSerializer):
    langkah = serializers.SerializerMethodField()

    class Meta:
        model = Perselisihan
        fields = ["id", "uraian", "tanggal_mulai", "status", "hasil", "tanggal_selesai", "langkah"]

    def get_langkah(self, obj) -> list[dict]:
        return [{"jenis": x.jenis, "tanggal": x.tanggal, "uraian": x.uraian, "berhasil": x.berhasil}
                for x in obj.langkah.all()]


class LaporanSerializer(serializers.ModelSerializer):
    class Meta:
        model = LaporanTahunanKsdln
        fields = ["id", "tahun", "batas", "status", "tanggal_dikirim", "terlambat", "dokumen"]


class PerpanjanganSerializer(serializers.ModelSerializer):
    class Meta:
        model = PermohonanPerpanjangan
        fields = ["id", "tanggal_berakhir_lama", "batas", "tanggal_dikirim", "terlambat", "tanggal_disetujui",
                  "tanggal_berakhir_baru"]


class KasusKsdlnSerializer(KasusSerializer):
    """A KSDPL/KSDLL case: the core's case object (interfaces.md) plus BAB V data."""

    negara = serializers.SerializerMethodField()
    persyaratan = PersyaratanSerializer(many=True, read_only=True)
    kegiatan_penjajakan = PenjajakanSerializer(many=True, read_only=True)
    izin_lembaga = IzinSerializer(many=True, read_only=True)
    rencana_tahunan = RencanaTahunanSerializer(many=True, read_only=True)
    perselisihan = PerselisihanSerializer(many=True, read_only=True)
    laporan_tahunan = LaporanSerializer(many=True, read_only=True)
    permohonan_perpanjangan = PerpanjanganSerializer(many=True, read_only=True)

    class Meta(KasusSerializer.Meta):
        model = KasusKsdln
        fields = [
            *KasusSerializer.Meta.fields,
            "bentuk", "sumber_prakarsa", "negara", "objek", "objek_lainnya", "jenis_lembaga", "item_pemetaan_id",
            "rujukan_pemetaan", "kajian", "kajian_lembaga", "tanggal_permohonan_tanggapan", "tanggal_tanggapan_menteri",
            "tanggapan_menteri", "loi", "loi_tanggal_penandatanganan", "loi_tempat_penandatanganan", "berlaku_sampai",
            "rencana", "rencana_perlu_perbaikan", "tanggal_permohonan_dprd", "tanggal_diterima_dprd", "keputusan_dprd",
            "tanggal_keputusan_dprd", "dprd_dianggap_setuju_pada", "tanggal_dikirim_gubernur", "batas_gubernur",
            "tanggal_diteruskan_gubernur", "tanggal_dikirim_langsung_menteri", "tanggal_pertimbangan_menteri",
            "pertimbangan_menteri", "naskah", "pembahasan", "tanggal_persetujuan_menteri",
            "rencana_tempat_penandatanganan", "rencana_tanggal_penandatanganan", "tempat_penandatanganan",
            "tanggal_naskah_asli_dikirim", "tanggal_salinan_sekjen", "alasan_pengakhiran",
            "persyaratan", "kegiatan_penjajakan", "izin_lembaga", "rencana_tahunan", "perselisihan", "laporan_tahunan",
            "permohonan_perpanjangan",
        ]
        read_only_fields = fields

    def get_negara(self, obj) -> str | None:
        return obj.negara.code if obj.negara else None


class KasusKsdlnBuatSerializer(serializers.Serializer):
    """POST /api/v1/ksdln/: record an initiative (Ps 58)."""

    jenis = serializers.ChoiceField(choices=["KSDPL", "KSDLL"])
    bentuk = serializers.ChoiceField(choices=["kota_kembar", "penerusan", "lainnya"])
    judul = serializers.CharField(max_length=300)
    perangkat_daerah = serializers.PrimaryKeyRelatedField(queryset=PerangkatDaerah.objects.all())
    sumber_prakarsa = serializers.ChoiceField(choices=SumberPrakarsa.choices)
    mitra = serializers.PrimaryKeyRelatedField(queryset=Mitra.objects.all(), required=False, allow_null=True)
    objek = serializers.ListField(child=serializers.ChoiceField(choices=Objek.choices), required=False)
    objek_lainnya = serializers.CharField(required=False, allow_blank=True, max_length=300)
    jenis_lembaga = serializers.ChoiceField(choices=JenisLembaga.choices, required=False, allow_blank=True)
    uraian = serializers.CharField(required=False, allow_blank=True)
    item_pemetaan = serializers.IntegerField(required=False, allow_null=True,
                                             help_text="Id item pemetaan (wajib untuk prakarsa Daerah, Pasal 58 ayat (3)).")


class PersyaratanBody(serializers.Serializer):
    kode = serializers.CharField()
    terpenuhi = serializers.BooleanField()
    catatan = serializers.CharField(required=False, allow_blank=True)
    dokumen = serializers.IntegerField(required=False, allow_null=True)


class PenjajakanBody(serializers.Serializer):
    cara = serializers.ChoiceField(choices=CaraPenjajakan.choices)
    tanggal = serializers.DateField()
    catatan = serializers.CharField()
    dokumen = serializers.IntegerField(required=False, allow_null=True)


class KasusKsdlnFilter(filters.FilterSet):
    jenis = filters.ChoiceFilter(choices=[("KSDPL", "KSDPL"), ("KSDLL", "KSDLL")])
    tahap = filters.CharFilter()
    bentuk = filters.CharFilter()

    class Meta:
        model = KasusKsdln
        fields = ["jenis", "tahap", "bentuk"]


class KasusKsdlnViewSet(KasusViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = KasusKsdln.objects.all()
    serializer_class = KasusKsdlnSerializer
    filterset_class = KasusKsdlnFilter
    # An id is a positive 64-bit integer: anything else is simply not found (404), never a database error.
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return selectors.kasus_ksdln_list(user=self.request.user).prefetch_related(
            "persyaratan", "kegiatan_penjajakan", "izin_lembaga", "rencana_tahunan__kegiatan",
            "perselisihan__langkah", "laporan_tahunan", "permohonan_perpanjangan")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["ringkas"] = self.action == "list"
        return context

    @extend_schema(request=KasusKsdlnBuatSerializer, responses={201: KasusKsdlnSerializer})
    def create(self, request, *args, **kwargs):
        body = KasusKsdlnBuatSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        item_id = data.pop("item_pemetaan", None)
        item = selectors.item_pemetaan_get(item_id) if item_id else None
        if item_id and item is None:
            raise DjangoValidationError({"item_pemetaan": "Item pemetaan tidak ditemukan."})
        if item is not None and data["sumber_prakarsa"] == SumberPrakarsa.DAERAH:
            kasus = services.kasus_ksdln_buat_dari_item(
                item=item, by=request.user, judul=data["judul"], bentuk=data["bentuk"],
                jenis_lembaga=data.get("jenis_lembaga", ""), objek=data.get("objek", []),
                objek_lainnya=data.get("objek_lainnya", ""), uraian=data.get("uraian", ""),
                **({"mitra": data["mitra"]} if data.get("mitra") else {}))
        else:
            kasus = services.kasus_ksdln_buat(by=request.user, item_pemetaan=item, **data)
        return Response(self.get_serializer(KasusKsdln.objects.get(pk=kasus.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PersyaratanBody, responses=PersyaratanSerializer)
    @action(detail=True, methods=["post"], url_path="persyaratan")
    def persyaratan(self, request, pk=None):
        """Ps 51: confirm (or withdraw) one requirement, with evidence."""
        kasus = get_kasus_ksdln_or_404(request.user, pk)
        body = PersyaratanBody(data=request.data)
        body.is_valid(raise_exception=True)
        item = kasus.persyaratan.filter(kode=body.validated_data["kode"]).first()
        if item is None:
            raise DjangoValidationError({"kode": "Persyaratan ini tidak berlaku untuk kerja sama ini."})
        item = services.persyaratan_konfirmasi(
            persyaratan=item, by=request.user, terpenuhi=body.validated_data["terpenuhi"],
            catatan=body.validated_data.get("catatan", ""), dokumen=body.validated_data.get("dokumen"))
        return Response(PersyaratanSerializer(item).data)

    @extend_schema(request=PenjajakanBody, responses={201: PenjajakanSerializer})
    @action(detail=True, methods=["post"], url_path="penjajakan")
    def penjajakan(self, request, pk=None):
        """Ps 59(2): record an exploration activity."""
        kasus = get_kasus_ksdln_or_404(request.user, pk)
        body = PenjajakanBody(data=request.data)
        body.is_valid(raise_exception=True)
        kegiatan = services.penjajakan_catat(kasus=kasus, by=request.user, **body.validated_data)
        return Response(PenjajakanSerializer(kegiatan).data, status=status.HTTP_201_CREATED)


def daftar(router):
    router.register("ksdln", KasusKsdlnViewSet, basename="ksdln")
