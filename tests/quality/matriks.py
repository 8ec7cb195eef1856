"""The permission matrix machinery (issue 8, item 3): every URL of the project that takes an
object, every role, objects owned and not owned.

A *provider* (`penyedia`) turns one URL name into concrete requests: it creates the objects it
needs in the shared `Dunia` and says, for each request, who sees the object and who may do the
thing. The expectation is then the project's one rule (spec README "Actors and roles"):

- a user who may not see the object gets **404** (its existence does not leak);
- a user who sees it but may not do this gets **403**;
- a user who may gets one of `berhasil` (200, 201, 302…);
- nobody ever gets a 5xx; an anonymous visitor is sent to the login page (web) or gets 401 (API).

The sets `melihat` and `berwenang` are written by hand from the spec, never computed with the
code under test (a matrix that asks `kerjasama_terlihat` what to expect could not fail).

A case app registers its providers in `tests/<app>/matriks.py` (found automatically):

    from tests.quality.matriks import Permintaan, penyedia

    @penyedia("ksdd:buat_surat")
    def _(dunia):
        kasus = KasusKsddFactory(kajian_tkksd=True, perangkat_daerah=dunia.pd_dishub, mitra=dunia.mitra_bogor)
        return [Permintaan({"pk": kasus.pk}, melihat=dunia.melihat_kasus_dishub, berwenang={"tkksd"})]

`tests/quality/test_permission_matrix.py` fails when a URL taking an object has no provider.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

# Every user of the `pengguna` fixture (tests/conftest.py), one per role.
SEMUA = frozenset({
    "tkksd", "ketua", "pd_dishub", "pd_disbudpar", "dprd", "walikota", "pengawas", "auditor", "mitra_bogor", "mitra_pt",
})
# Roles that see every case (spec README: sekretariat, ketua, wali kota, auditor read-only).
MELIHAT_SEMUA = frozenset({"tkksd", "ketua", "walikota", "auditor"})
ANONIM = "(anonim)"

# URL namespaces that need no provider, with the reason (the test prints it).
DIKECUALIKAN_NAMESPACE = {
    "admin": "Django admin: hanya staf (is_staff); tidak satu peran pun adalah staf — diuji terpisah "
             "(test_admin_tertutup_bagi_semua_peran).",
}


@dataclasses.dataclass
class Permintaan:
    """One request of the matrix: a URL filled with an object's ids, and who may do what."""

    kwargs: dict
    melihat: Iterable[str]
    berwenang: Iterable[str]
    metode: str = "get"
    # a dict, or a callable returning one (for uploads: a fresh file per request)
    data: dict | Callable[[], dict] | None = None
    berhasil: tuple[int, ...] = (200,)
    keterangan: str = ""
    # extra check after a request: (username, response) -> error message or None
    periksa: Callable | None = None
    # what an anonymous visitor gets when it is not the login redirect (a secret calendar URL: 200)
    anonim: tuple[int, ...] | None = None

    def __post_init__(self):
        self.melihat = frozenset(self.melihat)
        self.berwenang = frozenset(self.berwenang)
        asing = (self.melihat | self.berwenang) - SEMUA
        assert not asing, f"pengguna tidak dikenal dalam matriks: {sorted(asing)}"
        assert self.berwenang <= self.melihat, "yang berwenang harus dapat melihat objeknya"

    def harapan(self, username: str) -> tuple[int, ...]:
        if username not in self.melihat:
            return (404,)
        if username not in self.berwenang:
            return (403,)
        return self.berhasil

    def isi(self) -> dict | None:
        return self.data() if callable(self.data) else self.data


def langkah_formulir(kwargs: dict, *, nama: str, data, melihat, berwenang) -> list[Permintaan]:
    """A web step: its form page (GET, 200) and its submission (POST, 302), for the same people."""
    return [
        Permintaan({**kwargs, "nama": nama}, melihat=melihat, berwenang=berwenang, keterangan=f"formulir {nama}"),
        Permintaan({**kwargs, "nama": nama}, melihat=melihat, berwenang=berwenang, metode="post", data=data,
                   berhasil=(302,), keterangan=nama),
    ]


PENYEDIA: dict[str, Callable] = {}


def penyedia(*nama_url: str):
    """Register `fn(dunia) -> list[Permintaan]` for these URL names ("kerjasama:detail", "kerjasama-detail")."""

    def decorator(fn):
        for nama in nama_url:
            assert nama not in PENYEDIA, f"penyedia untuk {nama} didaftarkan dua kali"
            PENYEDIA[nama] = fn
        return fn

    return decorator


def muat_penyedia() -> dict[str, Callable]:
    """The core's providers plus every local app's `tests/<app>/matriks.py`."""
    import pkgutil

    import tests.quality

    for modul in pkgutil.iter_modules(tests.quality.__path__):
        if modul.name.startswith("penyedia_"):
            importlib.import_module(f"tests.quality.{modul.name}")
    for app in settings.INSTALLED_APPS:
        if "." in app or app == "kerjasama":
            continue
        nama_modul = f"tests.{app}.matriks"
        try:
            importlib.import_module(nama_modul)
        except ModuleNotFoundError as exc:
            if exc.name not in (nama_modul, f"tests.{app}"):
                raise
    return PENYEDIA


@dataclasses.dataclass(frozen=True)
class Pola:
    nama: str  # "kerjasama:detail", "kerjasama-detail"; the route when the pattern has no name
    rute: str
    argumen: tuple[str, ...]
    namespace: str
    api: bool

    @property
    def berobjek(self) -> bool:
        """Takes an object: an id (`pk`, `id`, `…_id`) or a secret token standing for one (a calendar
        feed). Arguments that only choose a format or a list (`ext`, `jenis`, `nama`) do not count."""
        return any(a in ("pk", "id", "token") or a.endswith(("_id", "_pk")) for a in self.argumen)


def semua_pola() -> list[Pola]:
    """Every URL pattern of the project (django.urls.get_resolver()), flattened."""
    hasil: list[Pola] = []

    def telusuri(resolver, awalan: str, ns: tuple[str, ...], argumen: tuple[str, ...]):
        for p in resolver.url_patterns:
            grup = tuple(p.pattern.regex.groupindex)
            if isinstance(p, URLResolver):
                telusuri(p, awalan + str(p.pattern), ns + ((p.namespace,) if p.namespace else ()), argumen + grup)
            elif isinstance(p, URLPattern):
                rute = awalan + str(p.pattern)
                nama = ":".join((*ns, p.name)) if p.name else rute
                view = p.callback
                api = hasattr(view, "cls") and hasattr(view.cls, "permission_classes")
                hasil.append(Pola(nama=nama, rute=rute, argumen=argumen + grup, namespace=ns[0] if ns else "", api=api))

    telusuri(get_resolver(), "/", (), ())
    return hasil


def pola_berobjek() -> dict[str, Pola]:
    return {p.nama: p for p in semua_pola() if p.berobjek and p.namespace not in DIKECUALIKAN_NAMESPACE}


def pola_berargumen() -> dict[str, Pola]:
    """Every pattern with arguments: a provider may cover one that takes no object too (an export format)."""
    return {p.nama: p for p in semua_pola() if p.argumen and p.namespace not in DIKECUALIKAN_NAMESPACE}


# --- the shared world ---------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Unique markers: a list, count, search or export that shows one of them to a user who may not
# see its case leaks.
PENANDA_DISHUB = "Penanda Dishub QX7"
PENANDA_DISBUDPAR = "Penanda Disbudpar JW4"


@dataclasses.dataclass
class Dunia:
    """Two cooperations that belong to different owners, as every provider starts from:
    `kasus_dishub` (PD Dishub, mitra Kota Bogor) and `kasus_disbudpar` (PD Disbudpar, mitra "PT Lain"),
    both legacy agreements in pelaksanaan with one uploaded PKS each."""

    pengguna: dict
    pd_dishub: object
    pd_disbudpar: object
    mitra_bogor: object
    mitra_pt: object
    kasus_dishub: object
    kasus_disbudpar: object
    versi_dishub: object
    versi_disbudpar: object

    # who sees each case (spec README "Actors and roles"): the roles that see everything, the PD
    # Pemrakarsa and the case's own mitra. Not the DPRD (not submitted to it), not the supervision
    # team (not assigned), not the other PD or the other mitra.
    melihat_kasus_dishub = MELIHAT_SEMUA | {"pd_dishub", "mitra_bogor"}
    melihat_kasus_disbudpar = MELIHAT_SEMUA | {"pd_disbudpar", "mitra_pt"}

    def penanda_tak_terlihat(self, username: str) -> list[str]:
        """The markers (judul, nomor) of the cases `username` must not see."""
        hasil = []
        for kasus, melihat in ((self.kasus_dishub, self.melihat_kasus_dishub),
                               (self.kasus_disbudpar, self.melihat_kasus_disbudpar)):
            if username not in melihat:
                hasil += [kasus.judul, kasus.nomor]
        return hasil


def dunia_bangun(pengguna: dict) -> Dunia:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kerjasama import services
    from tests.factories import PerjanjianLamaFactory

    tkksd = pengguna["tkksd"]
    pd_dishub, pd_disbudpar = pengguna["pd_dishub"].perangkat_daerah, pengguna["pd_disbudpar"].perangkat_daerah
    mitra_bogor, mitra_pt = pengguna["mitra_bogor"].mitra, pengguna["mitra_pt"].mitra
    kasus_dishub = PerjanjianLamaFactory(by=tkksd, perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul=PENANDA_DISHUB,
                                         jenis="KSDD")
    kasus_disbudpar = PerjanjianLamaFactory(by=tkksd, perangkat_daerah=pd_disbudpar, mitra=mitra_pt,
                                            judul=PENANDA_DISBUDPAR, jenis="KSDPK")
    versi = {}
    for nama, kasus in (("dishub", kasus_dishub), ("disbudpar", kasus_disbudpar)):
        versi[nama] = services.dokumen_unggah(by=tkksd, kerjasama=kasus, jenis="pks", judul=f"PKS {kasus.judul}",
                                              berkas=SimpleUploadedFile(f"pks-{nama}.pdf", PDF))
    return Dunia(pengguna=pengguna, pd_dishub=pd_dishub, pd_disbudpar=pd_disbudpar, mitra_bogor=mitra_bogor,
                 mitra_pt=mitra_pt, kasus_dishub=kasus_dishub, kasus_disbudpar=kasus_disbudpar,
                 versi_dishub=versi["dishub"], versi_disbudpar=versi["disbudpar"])
