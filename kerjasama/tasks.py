"""Thin Celery wrappers around services (acks_late, idempotent)."""

import datetime
import logging
import re

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="kerjasama.tasks.process_deadlines", acks_late=True)
def process_deadlines(now_iso: str | None = None) -> list[str]:
    from .services import tenggat_sweep

    now = datetime.datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    return tenggat_sweep(now=now)


@shared_task(name="kerjasama.tasks.kirim_notifikasi", acks_late=True)
def kirim_notifikasi(*, penerima_ids: list[int], judul: str | dict, pesan: str | dict = "", tautan: str = "",
                     kerjasama_id: int | None = None, jenis: str = "informasi", kunci: str = "") -> int:
    from .models import KerjaSama, Notifikasi, Pengguna
    from .permissions import saring_penerima
    from .terjemahan import bahasa_pengguna, render

    if kunci.startswith("tahap:") and kerjasama_id and not KerjaSama.objects.filter(
            pk=kerjasama_id, tahap=kunci.removeprefix("tahap:")).exists():
        return 0  # the case moved on before this ran: the action it asked for is no longer open
    users = list(Pengguna.objects.filter(pk__in=penerima_ids, is_active=True))
    if kerjasama_id is not None:
        # A notification naming a case is a read by its recipient: only those who may open the case now
        # (issue 12 item 1; the rule is kerjasama.permissions). Checked at sending, after the commit.
        kasus = KerjaSama.objects.filter(pk=kerjasama_id).first()
        boleh = saring_penerima(kasus, users) if kasus is not None else set()
        ditolak = [u.pk for u in users if u not in boleh]
        if ditolak:
            logger.error("Notifikasi %r tidak dikirim kepada pengguna %s: tidak dapat membuka kerja sama #%s.",
                         render(judul), ditolak, kerjasama_id)
        users = [u for u in users if u in boleh]
    # Each recipient reads it in their interface language (issue 14): a title/text given as a catalog message
    # (kerjasama.terjemahan.pesan) is rendered once per language; plain text stays as it was written.
    teks = {b: (header_aman(render(judul, b)), render(pesan, b)) for b in {bahasa_pengguna(u) for u in users}}
    judul, pesan = header_aman(render(judul)), render(pesan)
    semua = users
    if kunci:
        # No duplicates: who already has this open action (same case, same step) is not told again (a retried task,
        # a reminder on top of the stage's notification).
        # A later reminder of the same deadline refreshes the open one (unread again, new wording) instead.
        terbuka = Notifikasi.objects.filter(penerima__in=users, kerjasama_id=kerjasama_id, kunci=kunci,
                                            selesai_pada__isnull=True)
        sudah = set(terbuka.values_list("penerima_id", flat=True))
        if sudah and kunci.startswith("tenggat:"):
            for b, (j, p) in teks.items():
                terbuka.filter(penerima__bahasa=b).update(judul=j[:300], pesan=p, dibuat_pada=timezone.now(),
                                                          dibaca_pada=None)
        users = [u for u in users if u.pk not in sudah]
    Notifikasi.objects.bulk_create(
        [Notifikasi(penerima=u, judul=teks[bahasa_pengguna(u)][0][:300], pesan=teks[bahasa_pengguna(u)][1], tautan=tautan,
                    kerjasama_id=kerjasama_id, jenis=jenis, kunci=kunci[:100]) for u in users]
    )
    # In-app always; e-mail now only for those who chose it (PreferensiNotifikasi; no row = immediate).
    # A refreshed reminder is news (closer deadline): e-mailed again; a duplicate stage notification is not.
    diberi_tahu = semua if kunci.startswith("tenggat:") else users
    surel = _preferensi_surel(diberi_tahu)
    url = f"{settings.SIKSD_BASE_URL}{tautan}" if tautan else settings.SIKSD_BASE_URL
    for b, (j, p) in teks.items():
        alamat = [u.email for u in diberi_tahu if u.email and surel.get(u.pk, "segera") == "segera"
                  and bahasa_pengguna(u) == b]
        if alamat:
            # Its own task: a failing SMTP server is retried without creating the in-app notifications twice.
            # One e-mail per language, in that language (issue 14).
            with translation.override(b):
                penutup = gettext("— SIKSD Kota Bekasi")
            kirim_surel.delay(alamat=alamat, subjek=f"[SIKSD] {j}"[:200], isi=f"{p}\n\n{url}\n\n{penutup}")
    return len(users)


def header_aman(teks: str) -> str:
    """Text fit for an e-mail header: CR, LF and other control or line-separator characters become one
    space (a CR/LF in a partner's name made the notification e-mail fail, issue 12 item 7)."""
    return _TIDAK_AMAN_HEADER.sub(" ", str(teks)).strip()


_TIDAK_AMAN_HEADER = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
SUREL_PERCOBAAN_MAKS = 5


@shared_task(bind=True, name="kerjasama.tasks.kirim_surel", acks_late=True, max_retries=SUREL_PERCOBAAN_MAKS)
def kirim_surel(self, *, alamat: list[str], subjek: str, isi: str) -> int:
    """Send one notification e-mail. A failure is never silent: each one is logged and retried with a
    growing delay (1, 2, 4, 8, 16 minutes); after the last retry the loss is logged as an error."""
    alamat = [header_aman(a) for a in alamat if header_aman(a)]
    try:
        return send_mail(subject=header_aman(subjek), message=isi, from_email=None, recipient_list=alamat,
                         fail_silently=False)
    except Exception as exc:  # SMTP errors, refused connections, timeouts: all are retried
        percobaan = self.request.retries + 1
        if self.request.retries >= self.max_retries:
            logger.error("Surel notifikasi %r kepada %s gagal setelah %s percobaan: %s", subjek, alamat, percobaan, exc,
                         exc_info=True)
            return 0
        logger.warning("Surel notifikasi %r kepada %s gagal (percobaan %s), dicoba lagi: %s", subjek, alamat,
                       percobaan, exc)
        if self.request.is_eager:
            # No worker to come back later (the embedded default, tests): the next attempt runs now.
            return kirim_surel.apply(kwargs={"alamat": alamat, "subjek": subjek, "isi": isi},
                                     retries=self.request.retries + 1).result
        raise self.retry(exc=exc, countdown=60 * 2 ** self.request.retries) from exc


def _preferensi_surel(users) -> dict[int, str]:
    from .models import PreferensiNotifikasi

    return dict(PreferensiNotifikasi.objects.filter(pengguna__in=users).values_list("pengguna_id", "surel"))


@shared_task(name="kerjasama.tasks.kirim_ringkasan_harian", acks_late=True)
def kirim_ringkasan_harian() -> int:
    """Daily digest of unread notifications (for users who chose a digest)."""
    from .models import Pengguna, PreferensiNotifikasi
    from .terjemahan import bahasa_pengguna

    terkirim = 0
    kemarin = timezone.now() - datetime.timedelta(days=1)
    harian = PreferensiNotifikasi.objects.filter(surel=PreferensiNotifikasi.Surel.HARIAN).values("pengguna_id")
    for user in Pengguna.objects.filter(is_active=True, pk__in=harian).exclude(email=""):
        belum = list(user.notifikasi.filter(dibaca_pada__isnull=True, dibuat_pada__gte=kemarin)[:50])
        if not belum:
            continue
        with translation.override(bahasa_pengguna(user)):  # in the recipient's language (issue 14)
            subjek = ngettext("[SIKSD] Ringkasan harian: %(n)d notifikasi", "[SIKSD] Ringkasan harian: %(n)d notifikasi",
                              len(belum)) % {"n": len(belum)}
        send_mail(
            subject=subjek,
            message="\n".join(f"- {n.judul}" for n in belum), from_email=None, recipient_list=[user.email],
            fail_silently=True,
        )
        terkirim += 1
    return terkirim


@shared_task(name="kerjasama.tasks.bersihkan_berkas_yatim", acks_late=True)
def bersihkan_berkas_yatim() -> int:
    from .services import berkas_yatim_bersihkan

    return len(berkas_yatim_bersihkan())
