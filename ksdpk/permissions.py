"""Who may do what in a KSDPK beyond the stage steps (those are decided by each step's `pelaku`).
Every check starts from the core's visibility rule (kerjasama.permissions): an invisible case is a
404 before any of these is asked; a visible case where the answer is no is a 403."""

from __future__ import annotations

from kerjasama.constants import Peran
from kerjasama.permissions import adalah_pd_pemrakarsa, dapat_melihat, melihat_semua


def dapat_memulai(user) -> bool:
    """Ps 38(1): a KSDPK on the Daerah's initiative is started by a PD (for itself) or the Sekretariat TKKSD."""
    return user.punya_peran(Peran.SEKRETARIAT_TKKSD) or (user.punya_peran(Peran.PD) and user.perangkat_daerah_id is not None)


def pengelola_data(user, kasus) -> bool:
    """The case's data, candidates and obligations are kept by its PD Pemrakarsa or the Sekretariat TKKSD."""
    return dapat_melihat(user, kasus) and (user.punya_peran(Peran.SEKRETARIAT_TKKSD) or adalah_pd_pemrakarsa(user, kasus))


def boleh_lihat_pemilihan(user, kasus) -> bool:
    """The selection among candidates (Ps 39(2)–(3)) is the Daerah's internal work: everyone who sees the
    case except a partner's representative (a candidate must not read its competitors' file)."""
    if not dapat_melihat(user, kasus):
        return False
    return melihat_semua(user) or not user.punya_peran(Peran.MITRA)


def penilai_sah(user, kasus) -> bool:
    """Who scores the candidates: the members of the Tim Pemilihan Calon Mitra when the Ketua TKKSD has set
    one (Ps 39(3)); otherwise the TKKSD itself (Sekretariat and Ketua, Ps 39(2))."""
    if not boleh_lihat_pemilihan(user, kasus):
        return False
    tim = kasus.tim_pemilihan()
    if tim is not None:
        return tim.anggota.filter(pengguna_id=user.pk).exists()
    return user.punya_peran(Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD)


def boleh_lihat_nilai(user, kasus) -> bool:
    """Everyone's scores and the ranking: a scorer only after handing in their own sheet, so that no
    member is swayed by the others (issue 9); the others who may see the selection at any time."""
    if not boleh_lihat_pemilihan(user, kasus):
        return False
    if not penilai_sah(user, kasus):
        return True
    return kasus.lembar_penilaian.filter(penilai_id=user.pk, diserahkan_pada__isnull=False).exists()


def boleh_tetapkan_tim(user, kasus) -> bool:
    """Ps 39(3): "Ketua TKKSD dapat menetapkan Tim Pemilihan Calon Mitra Kerja Sama"."""
    return dapat_melihat(user, kasus) and user.punya_peran(Peran.KETUA_TKKSD)
