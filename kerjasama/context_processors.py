from .menu import menu_untuk
from .permissions import dapat_mengelola_referensi
from .selectors import notifikasi_belum_dibaca


def siksd(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "notifikasi_belum_dibaca": notifikasi_belum_dibaca(user=user),
        "peran_saya": sorted(user.peran),
        "menu_aplikasi": menu_untuk(user),
        # the "Tambah mitra/daerah baru" links on the case forms (templates/kerjasama/referensi/_tautan_tambah.html)
        "boleh_kelola_referensi": dapat_mengelola_referensi(user),
    }
