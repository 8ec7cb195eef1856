"""Who may see and do what on KSDPL/KSDLL: the core decides (kerjasama.permissions); these are the
app's shorthands. Child records (checklist, penjajakan, plans, disputes, reports) follow their case:
an invisible case answers 404, a visible one the user may not act on answers 403."""

from django.core.exceptions import PermissionDenied

from kerjasama.constants import PELAKU_PD, PELAKU_PENANDATANGAN, Peran
from kerjasama.permissions import dapat_bertindak, get_kerjasama_or_404, kerjasama_terlihat

from .models import KasusKsdln

SEKRETARIAT = (Peran.SEKRETARIAT_TKKSD,)
SEKRETARIAT_ATAU_PD = (Peran.SEKRETARIAT_TKKSD, PELAKU_PD)
SEKRETARIAT_ATAU_PENANDATANGAN = (Peran.SEKRETARIAT_TKKSD, PELAKU_PENANDATANGAN)


def kasus_ksdln_terlihat(user):
    return kerjasama_terlihat(user, KasusKsdln.objects.all())


def get_kasus_ksdln_or_404(user, pk) -> KasusKsdln:
    return get_kerjasama_or_404(user, pk, KasusKsdln.objects.select_related("perangkat_daerah", "mitra"))


def boleh(user, kasus, pelaku) -> bool:
    return dapat_bertindak(user, kasus, pelaku)


def wajib(user, kasus, pelaku, pesan="Anda tidak berwenang melakukan tindakan ini pada kerja sama ini.") -> None:
    if not boleh(user, kasus, pelaku):
        raise PermissionDenied(pesan)


def boleh_catat_prakarsa(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.punya_peran(Peran.SEKRETARIAT_TKKSD))
