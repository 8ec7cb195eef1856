"""Thin Celery wrappers around services (acks_late, idempotent)."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from celery import shared_task


@shared_task(name="kerjasama.tasks.process_deadlines", acks_late=True)
def process_deadlines(now_iso: str | None = None) -> list[str]:
    from .services import tenggat_sweep

    now = datetime.datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    return tenggat_sweep(now=now)


@shared_task(name="kerjasama.tasks.kirim_notifikasi", acks_late=True)
def kirim_notifikasi(*, penerima_ids: list[int], judul: str, pesan: str = "", tautan: str = "",
                     kerjasama_id: int | None = None, jenis: str = "informasi", kunci: str = "") -> int:
    from .models import KerjaSama, Notifikasi, Pengguna

    if kunci.startswith("tahap:") and kerjasama_id and not KerjaSama.objects.filter(
            pk=kerjasama_id, tahap=kunci.removeprefix("tahap:")).exists():
        return 0  # the case moved on before this ran: the action it asked for is no longer open
    users = list(Pengguna.objects.filter(pk__in=penerima_ids, is_active=True))
    semua = users
    if kunci:
        # No duplicates: who already has this open action (same case, same step) is not told again (a retried task,
        # a reminder on top of the stage's notification).
        # A later reminder of the same deadline refreshes the open one (unread again, new wording) instead.
        terbuka = Notifikasi.objects.filter(penerima__in=users, kerjasama_id=kerjasama_id, kunci=kunci,
                                            selesai_pada__isnull=True)
        sudah = set(terbuka.values_list("penerima_id", flat=True))
        if sudah and kunci.startswith("tenggat:"):
            terbuka.update(judul=judul[:300], pesan=pesan, dibuat_pada=timezone.now(), dibaca_pada=None)
        users = [u for u in users if u.pk not in sudah]
    Notifikasi.objects.bulk_create(
        [Notifikasi(penerima=u, judul=judul[:300], pesan=pesan, tautan=tautan, kerjasama_id=kerjasama_id,
                    jenis=jenis, kunci=kunci[:100]) for u in users]
    )
    # In-app always; e-mail now only for those who chose it (PreferensiNotifikasi; no row = immediate).
    # A refreshed reminder is news (closer deadline): e-mailed again; a duplicate stage notification is not.
    diberi_tahu = semua if kunci.startswith("tenggat:") else users
    surel = _preferensi_surel(diberi_tahu)
    alamat = [u.email for u in diberi_tahu if u.email and surel.get(u.pk, "segera") == "segera"]
    if alamat:
        url = f"{settings.SIKSD_BASE_URL}{tautan}" if tautan else settings.SIKSD_BASE_URL
        send_mail(
            subject=f"[SIKSD] {judul}"[:200], message=f"{pesan}\n\n{url}\n\n— SIKSD Kota Bekasi",
            from_email=None, recipient_list=alamat, fail_silently=True,
        )
    return len(users)


def _preferensi_surel(users) -> dict[int, str]:
    from .models import PreferensiNotifikasi

    return dict(PreferensiNotifikasi.objects.filter(pengguna__in=users).values_list("pengguna_id", "surel"))


@shared_task(name="kerjasama.tasks.kirim_ringkasan_harian", acks_late=True)
def kirim_ringkasan_harian() -> int:
    """Daily digest of unread notifications (for users who chose a digest)."""
    from .models import Pengguna, PreferensiNotifikasi

    terkirim = 0
    kemarin = timezone.now() - datetime.timedelta(days=1)
    harian = PreferensiNotifikasi.objects.filter(surel=PreferensiNotifikasi.Surel.HARIAN).values("pengguna_id")
    for user in Pengguna.objects.filter(is_active=True, pk__in=harian).exclude(email=""):
        belum = list(user.notifikasi.filter(dibaca_pada__isnull=True, dibuat_pada__gte=kemarin)[:50])
        if not belum:
            continue
        send_mail(
            subject=f"[SIKSD] Ringkasan harian: {len(belum)} notifikasi",
            message="\n".join(f"- {n.judul}" for n in belum), from_email=None, recipient_list=[user.email],
            fail_silently=True,
        )
        terkirim += 1
    return terkirim


@shared_task(name="kerjasama.tasks.bersihkan_berkas_yatim", acks_late=True)
def bersihkan_berkas_yatim() -> int:
    from .services import berkas_yatim_bersihkan

    return len(berkas_yatim_bersihkan())
