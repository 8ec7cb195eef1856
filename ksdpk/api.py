"""/api/v1/ksdpk/ (interfaces.md): KSDPK cases, their creation (Ps 37–38), a third party's application
(Ps 50), the obligations, the selection among candidates (Ps 39(2)–(3)) and, through KasusViewSetMixin,
POST /api/v1/ksdpk/{id}/transisi/{nama}/ for every stage step. Thin: the same services as the pages."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from kerjasama.api import KasusSerializer, KasusViewSetMixin
from kerjasama.constants import JenisMitra
from kerjasama.models import Kewajiban, Mitra, PerangkatDaerah

from . import permissions, selectors, services
from .constants import BENTUK_HUKUM, KRITERIA, NILAI_MAKS, JenisKsdpk, KedudukanTim
from .models import CalonMitra, KasusKsdpk


def _rekam(model, *, tanpa=("kerjasama",)):
    """A read-only serializer of a related record: every field but the link back to the case."""
    meta = type("Meta", (), {"model": model, "exclude": tanpa})
    return type(f"{model.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta})


class CalonSerializer(serializers.ModelSerializer):
    nama = serializers.CharField(source="mitra.nama", read_only=True)

    class Meta:
        model = CalonMitra
        fields = ["id", "mitra", "nama", "memenuhi_syarat", "tanggal_jawaban", "catatan_syarat"]


class KasusKsdpkSerializer(KasusSerializer):
    persetujuan_dprd_diperlukan = serializers.SerializerMethodField()
    kewajiban = serializers.SerializerMethodField()
    calon = serializers.SerializerMethodField()
    terkait = serializers.SerializerMethodField(help_text="Addendum (perubahan), perpanjangan dan laporan pelaksanaan.")

    class Meta(KasusSerializer.Meta):
        model = KasusKsdpk
        fields = [*KasusSerializer.Meta.fields, "jenis_ksdpk", "dasar_hukum", "objek", "pendapatan_daerah", "lokasi",
                  "lintang", "bujur", "jangka_waktu_bulan", "membebani_masyarakat_daerah", "sudah_dianggarkan_apbd",
                  "persetujuan_dprd_diperlukan", "alasan_dprd", "studi_kelayakan", "kak", "kajian", "tenaga_ahli",
                  "nomor_surat_penawaran", "tanggal_surat_penawaran", "tanggal_jawaban_mitra", "tanggal_pemilihan",
                  "alasan_pemilihan", "berita_acara_pemilihan", "nomor_kb", "kb_tanggal_penandatanganan",
                  "kb_tanggal_mulai", "kb_tanggal_berakhir", "tanggal_diterima_dprd", "tanggal_keputusan_dprd",
                  "nomor_pks", "penandatangan_mitra", "atas_dasar_surat_kuasa", "kewajiban", "calon", "terkait",
                  "item_pemetaan", "alasan_tanpa_pemetaan"]
        read_only_fields = fields

    item_pemetaan = serializers.SerializerMethodField(
        help_text="Id item pemetaan asal kerja sama (Pasal 38 ayat (1)), atau null.")

    def get_item_pemetaan(self, obj) -> int | None:
        # The reverse link the pemetaan app keeps (ItemRencana.kerjasama, related_name item_pemetaan).
        try:
            return obj.item_pemetaan.pk
        except (AttributeError, ObjectDoesNotExist):
            return None

    def get_persetujuan_dprd_diperlukan(self, obj) -> bool | None:
        if None in (obj.membebani_masyarakat_daerah, obj.sudah_dianggarkan_apbd):
            return None
        return obj.persetujuan_dprd_diperlukan

    def get_kewajiban(self, obj) -> list[dict]:
        return list(obj.kewajiban.values("id", "pihak", "uraian", "dasar"))

    def get_calon(self, obj) -> list[dict]:
        # Ps 39: the Daerah's internal selection; a partner's representative does not read its competitors.
        request = self.context.get("request")
        if self.context.get("ringkas") or request is None or not permissions.boleh_lihat_pemilihan(request.user, obj):
            return []
        return CalonSerializer(obj.calon.select_related("mitra"), many=True).data

    def get_terkait(self, obj) -> dict:
        if self.context.get("ringkas"):
            return {}
        return {nama: _rekam(qs.model)(qs, many=True).data for nama, qs in (
            ("perubahan", obj.daftar_perubahan()), ("perpanjangan", obj.daftar_perpanjangan()),
            ("laporan", obj.daftar_laporan()))}


class _DataKsdpk(serializers.Serializer):
    judul = serializers.CharField(max_length=300)
    jenis_ksdpk = serializers.ChoiceField(choices=JenisKsdpk.choices)
    objek = serializers.CharField()
    dasar_hukum = serializers.CharField(required=False, allow_blank=True)
    uraian = serializers.CharField(required=False, allow_blank=True)
    nilai = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    pendapatan_daerah = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    sumber_dana = serializers.CharField(max_length=200, required=False, allow_blank=True)
    lokasi = serializers.CharField(max_length=300, required=False, allow_blank=True)
    lintang = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    bujur = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    jangka_waktu_bulan = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class KsdpkBuatSerializer(_DataKsdpk):
    perangkat_daerah = serializers.PrimaryKeyRelatedField(queryset=PerangkatDaerah.objects.all(), required=False,
                                                          allow_null=True)
    calon_mitra = serializers.PrimaryKeyRelatedField(queryset=Mitra.objects.filter(jenis=JenisMitra.PIHAK_KETIGA),
                                                     many=True, required=False)
    membebani_masyarakat_daerah = serializers.BooleanField(required=False, allow_null=True)
    sudah_dianggarkan_apbd = serializers.BooleanField(required=False, allow_null=True)
    # Ps 38(1): one of the two (issue 15). Optional fields added to the create body; without either → 400.
    item_pemetaan = serializers.IntegerField(
        required=False, allow_null=True, min_value=1,
        help_text="Id item pemetaan KSDPK dari Daftar Rencana Program dan Kegiatan yang telah ditetapkan Wali Kota "
                  "(Pasal 38 ayat (1)). Wajib, kecuali Sekretariat TKKSD mengisi alasan_tanpa_pemetaan.")
    alasan_tanpa_pemetaan = serializers.CharField(
        required=False, allow_blank=True,
        help_text="Hanya Sekretariat TKKSD: alasan memulai tanpa item pemetaan (keadaan mendesak, Pasal 38 ayat (1)); "
                  "dicatat di kasus dan riwayat.")


class PermohonanSerializer(_DataKsdpk):
    studi_kelayakan = serializers.FileField(required=False)
    surat_permohonan = serializers.FileField(required=False)
    mitra = serializers.PrimaryKeyRelatedField(queryset=Mitra.objects.filter(jenis=JenisMitra.PIHAK_KETIGA), required=False,
                                               allow_null=True, help_text="Hanya untuk Sekretariat (permohonan kertas).")
    nama_pihak_ketiga = serializers.CharField(required=False, allow_blank=True, max_length=200)
    nomor_surat = serializers.CharField(required=False, allow_blank=True, max_length=120)
    tanggal_surat = serializers.DateField(required=False, allow_null=True)
    bentuk_hukum = serializers.ChoiceField(choices=BENTUK_HUKUM, required=False, allow_blank=True)
    nib = serializers.CharField(required=False, allow_blank=True, max_length=30)
    npwp = serializers.CharField(required=False, allow_blank=True, max_length=30)
    alamat = serializers.CharField(required=False, allow_blank=True)
    nama_perwakilan = serializers.CharField(required=False, allow_blank=True, max_length=120)


class CalonBody(serializers.Serializer):
    """Add a candidate (`mitra` or `nama`), or qualify one (`calon` with `memenuhi_syarat`)."""

    mitra = serializers.PrimaryKeyRelatedField(queryset=Mitra.objects.filter(jenis=JenisMitra.PIHAK_KETIGA), required=False)
    nama = serializers.CharField(required=False, allow_blank=True, max_length=200)
    calon = serializers.IntegerField(required=False)
    memenuhi_syarat = serializers.BooleanField(required=False, allow_null=True, default=None)
    tanggal_jawaban = serializers.DateField(required=False, allow_null=True)
    catatan = serializers.CharField(required=False, allow_blank=True, default="")


class AnggotaBody(serializers.Serializer):
    pengguna = serializers.PrimaryKeyRelatedField(queryset=selectors.pengguna_dapat_dipilih_tim())
    kedudukan = serializers.ChoiceField(choices=KedudukanTim.choices)


class TimBody(serializers.Serializer):
    nomor_keputusan = serializers.CharField(max_length=120)
    tanggal_keputusan = serializers.DateField()
    anggota = AnggotaBody(many=True)


class TimJawaban(serializers.Serializer):
    """The team as set (all empty while the Ketua TKKSD has set none)."""

    nomor_keputusan = serializers.CharField(allow_null=True)
    tanggal_keputusan = serializers.DateField(allow_null=True)
    anggota = serializers.ListField(child=serializers.DictField())


class NilaiBody(serializers.Serializer):
    calon = serializers.IntegerField()
    bonafiditas = serializers.IntegerField(min_value=0, max_value=NILAI_MAKS)
    pengalaman = serializers.IntegerField(min_value=0, max_value=NILAI_MAKS)
    komitmen = serializers.IntegerField(min_value=0, max_value=NILAI_MAKS)
    catatan_bonafiditas = serializers.CharField(required=False, allow_blank=True)
    catatan_pengalaman = serializers.CharField(required=False, allow_blank=True)
    catatan_komitmen = serializers.CharField(required=False, allow_blank=True)


class PenilaianBody(serializers.Serializer):
    nilai = NilaiBody(many=True)
    serahkan = serializers.BooleanField(default=False)


class KewajibanBody(serializers.Serializer):
    pihak = serializers.ChoiceField(choices=Kewajiban.Pihak.choices)
    uraian = serializers.CharField()
    dasar = serializers.CharField(required=False, allow_blank=True, max_length=120)


class KewajibanJawaban(KewajibanBody):
    id = serializers.IntegerField()


class LembarJawaban(serializers.Serializer):
    """A scoring sheet: when it was handed in (null: a draft) and its rows."""

    diserahkan_pada = serializers.DateTimeField(allow_null=True)
    nilai = serializers.ListField(child=serializers.DictField())


class PeringkatJawaban(serializers.Serializer):
    peringkat = serializers.ListField(child=serializers.DictField())
    lembar = serializers.ListField(child=serializers.DictField())
    belum_lengkap = serializers.ListField(child=serializers.CharField())


def _nilai_lembar(lembar) -> list[dict]:
    kolom = ["calon_id", *(k for kode, _l, _p in KRITERIA for k in (kode, f"catatan_{kode}"))]
    return list(lembar.nilai.values(*kolom)) if lembar else []


class KasusKsdpkViewSet(KasusViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Lists are light (`ringkas`: no history, no related records); a case is read through the core's 404 rule."""

    queryset = KasusKsdpk.objects.all()
    serializer_class = KasusKsdpkSerializer
    filterset_fields = ["tahap", "jenis_ksdpk", "inisiatif", "perangkat_daerah", "mitra"]

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "ringkas": self.action == "list"}

    def get_queryset(self):
        return selectors.ksdpk_list(user=self.request.user)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_kasus()).data)

    def _pemilihan(self):
        kasus = self.get_kasus()
        if not permissions.boleh_lihat_pemilihan(self.request.user, kasus):
            raise PermissionDenied("Pemilihan calon mitra adalah pekerjaan internal Pemerintah Daerah.")
        return kasus

    def _badan(self, kelas, **kwargs) -> dict:
        """The request body, validated by `kelas` (400 with the field errors otherwise)."""
        body = kelas(data=self.request.data, **kwargs)
        body.is_valid(raise_exception=True)
        return body.validated_data

    def _dibuat(self, kasus) -> Response:
        return Response(self.get_serializer(kasus).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=KsdpkBuatSerializer, responses={201: KasusKsdpkSerializer})
    def create(self, request, *args, **kwargs):
        """Ps 37–38(1): start a KSDPK in persiapan (a PD for itself; the Sekretariat names the PD) from a mapping
        item (`item_pemetaan`), or — the Sekretariat TKKSD only, urgent cases — with `alasan_tanpa_pemetaan`.
        Neither: 400 citing Pasal 38 ayat (1)."""
        d = dict(self._badan(KsdpkBuatSerializer))
        item_id = d.pop("item_pemetaan", None)
        if item_id is None:
            return self._dibuat(services.ksdpk_buat(by=request.user, **d))
        item = selectors.item_pemetaan_get(item_id)
        if item is None:
            raise serializers.ValidationError({"item_pemetaan": ["Item pemetaan tidak ditemukan."]})
        kasus = services.ksdpk_buat_dari_item(item=item, by=request.user, **d)
        return self._dibuat(self.get_queryset().get(pk=kasus.pk))

    @extend_schema(request=PermohonanSerializer, responses={201: KasusKsdpkSerializer})
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def permohonan(self, request):
        """Ps 50(1): a third party's application with its feasibility study (multipart)."""
        d = dict(self._badan(PermohonanSerializer))
        rinci = {k: d.pop(k) for k in ("bentuk_hukum", "nib", "npwp", "alamat", "nama_perwakilan") if k in d}
        return self._dibuat(services.ksdpk_permohonan_ajukan(
            by=request.user, studi_kelayakan=d.pop("studi_kelayakan", None), data_pihak_ketiga=rinci, **d))

    @extend_schema(request=KewajibanBody(many=True), responses={200: KewajibanJawaban(many=True)})
    # Its body is a list (the whole list of obligations), not an object: plain JSON here; the serializer refuses
    # anything that is not a list of objects with a 400.
    @action(detail=True, methods=["get", "put"], parser_classes=[JSONParser])
    def kewajiban(self, request, pk=None):
        """The obligations of each side (Ps 85(4) huruf a); PUT replaces the list."""
        kasus = self.get_kasus()
        if request.method == "PUT":
            services.ksdpk_kewajiban_atur(kasus=kasus, by=request.user, daftar=self._badan(KewajibanBody, many=True))
        return Response(list(kasus.kewajiban.values("id", "pihak", "uraian", "dasar")))

    @extend_schema(request=CalonBody, responses={200: CalonSerializer(many=True)})
    @action(detail=True, methods=["get", "post"])
    def calon(self, request, pk=None):
        """Candidates (Ps 39(1)); POST adds one (`mitra` or `nama`) or qualifies one (`calon`, Ps 39(2))."""
        kasus = self._pemilihan()
        if request.method == "POST":
            d = self._badan(CalonBody)
            if d.get("calon"):
                calon = kasus.calon.filter(pk=d["calon"]).first()
                if calon is None:
                    raise serializers.ValidationError({"calon": "Calon tidak ditemukan pada kerja sama ini."})
                services.calon_kualifikasi(kasus=kasus, by=request.user, calon=calon, memenuhi_syarat=d["memenuhi_syarat"],
                                           tanggal_jawaban=d.get("tanggal_jawaban"), catatan=d["catatan"])
            else:
                services.calon_tambah(kasus=kasus, by=request.user, mitra=d.get("mitra"), nama=d.get("nama", ""))
        return Response(CalonSerializer(kasus.calon.select_related("mitra"), many=True).data)

    @extend_schema(request=TimBody, responses={200: TimJawaban})
    @action(detail=True, methods=["get", "post"])
    def tim(self, request, pk=None):
        """Ps 39(3): the Tim Pemilihan Calon Mitra; POST (Ketua TKKSD) sets it."""
        kasus = self._pemilihan()
        if request.method == "POST":
            d = self._badan(TimBody)
            services.tim_pemilihan_tetapkan(kasus=kasus, by=request.user, nomor_keputusan=d["nomor_keputusan"],
                                            tanggal_keputusan=d["tanggal_keputusan"],
                                            anggota=[(a["pengguna"], a["kedudukan"]) for a in d["anggota"]])
        tim = kasus.tim_pemilihan()
        return Response(TimJawaban({
            "nomor_keputusan": getattr(tim, "nomor_keputusan", None), "tanggal_keputusan": getattr(tim, "tanggal_keputusan", None),
            "anggota": [{"pengguna": a.pengguna_id, "kedudukan": a.kedudukan} for a in tim.anggota.all()] if tim else [],
        }).data)

    @extend_schema(request=PenilaianBody, responses={200: LembarJawaban})
    @action(detail=True, methods=["get", "post"])
    def penilaian(self, request, pk=None):
        """Ps 39(2): the requesting scorer's own sheet (never another's); POST keeps it, `serahkan` hands it in."""
        kasus = self._pemilihan()
        if not permissions.penilai_sah(request.user, kasus):
            raise PermissionDenied("Penilaian calon mitra diberikan oleh anggota Tim Pemilihan Calon Mitra "
                                   "(atau TKKSD bila tidak ada tim).")
        if request.method == "POST":
            services.penilaian_simpan(kasus=kasus, by=request.user, **self._badan(PenilaianBody))
        lembar = selectors.lembar_milik(kasus, request.user)
        return Response(LembarJawaban({"diserahkan_pada": getattr(lembar, "diserahkan_pada", None),
                                       "nilai": _nilai_lembar(lembar)}).data)

    @extend_schema(responses={200: PeringkatJawaban})
    @action(detail=True, methods=["get"])
    def peringkat(self, request, pk=None):
        """Ps 39(2): totals and ranking over the handed-in sheets; a scorer sees it after handing in their own."""
        kasus = self._pemilihan()
        if not permissions.boleh_lihat_nilai(request.user, kasus):
            raise PermissionDenied("Nilai anggota lain tampil setelah Anda menyerahkan lembar penilaian sendiri.")
        return Response({
            "peringkat": [{"calon": b.calon.pk, "mitra": b.calon.mitra_id, "nama": b.calon.mitra.nama,
                           "peringkat": b.peringkat, "total": b.total, "rata_total": str(b.rata_total),
                           "rata": {k: str(v) for k, v in b.rata.items()}, "penilai": b.penilai}
                          for b in selectors.peringkat_calon(kasus)],
            "lembar": [{"penilai": lb.penilai.username, "diserahkan_pada": lb.diserahkan_pada.isoformat(),
                        "nilai": _nilai_lembar(lb)}
                       for lb in selectors.lembar_diserahkan(kasus)],
            "belum_lengkap": selectors.penilaian_belum_lengkap(kasus),
        })


def daftar(router):
    router.register("ksdpk", KasusKsdpkViewSet, basename="ksdpk")
