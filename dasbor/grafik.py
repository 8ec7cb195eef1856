"""Charts of the cockpit, drawn on the server as SVG by pygal (no hand-written SVG, no CDN: the
chart's own JavaScript is switched off, so nothing is fetched from outside)."""

from __future__ import annotations

import re

import pygal
from pygal.style import Style

GAYA = Style(
    background="transparent", plot_background="transparent", foreground="#212529", foreground_strong="#212529",
    foreground_subtle="#adb5bd", colors=("#0b6e4f", "#0d6efd", "#fd7e14", "#6f42c1", "#dc3545", "#20c997"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", title_font_size=15, label_font_size=11,
    major_label_font_size=11, value_font_size=11,
)


_TANPA_SKRIP = re.compile(r"<script\b[^>]*>.*?</script>", re.S)


def _konfig(**kwargs) -> pygal.Config:
    cfg = pygal.Config()
    cfg.js = []  # pygal would load its tooltip script from a CDN
    cfg.disable_xml_declaration = True
    cfg.style = GAYA
    cfg.show_legend = False
    cfg.print_values = True
    cfg.no_data_text = "Belum ada data"
    cfg.width = 560
    cfg.height = 320
    cfg.truncate_label = 28
    for k, v in kwargs.items():
        setattr(cfg, k, v)
    return cfg


def batang(judul: str, data: list[tuple[str, int]], *, mendatar: bool = False, **kwargs) -> str:
    """A bar chart of (label, count) as an inline SVG string."""
    kelas = pygal.HorizontalBar if mendatar else pygal.Bar
    chart = kelas(_konfig(title=judul, **kwargs))
    chart.x_labels = [str(label) for label, _ in data]
    if any(n for _, n in data):
        chart.add("Jumlah", [n for _, n in data])
    # pygal always writes an inline <script> with its tooltip config into the SVG; with no tooltip
    # script loaded (cfg.js = []) nothing reads it, and the Content-Security-Policy forbids inline script.
    return _TANPA_SKRIP.sub("", chart.render(is_unicode=True))


def grafik_kokpit(data: dict) -> dict[str, str]:
    per_tahap: dict[str, int] = {}
    for b in data["per_tahap"]:
        per_tahap[b["label"]] = per_tahap.get(b["label"], 0) + b["n"]
    return {
        "jenis": batang("Kerja sama per jenis", [(b["jenis"], b["n"]) for b in data["per_jenis"]]),
        "tahap": batang("Kerja sama per tahap", sorted(per_tahap.items(), key=lambda x: -x[1]), mendatar=True,
                        height=max(320, 26 * len(per_tahap) + 80)),
        "tahun": batang("Kerja sama per tahun", [(str(t), n) for t, n in data["per_tahun"]]),
        "pd": batang("Kerja sama per Perangkat Daerah", data["per_pd"][:15], mendatar=True,
                     height=max(320, 26 * min(15, len(data["per_pd"])) + 80)),
        "berakhir": batang("Perjanjian berakhir per bulan (12 bulan ke depan)", data["berakhir_per_bulan"],
                           x_label_rotation=30),
    }
