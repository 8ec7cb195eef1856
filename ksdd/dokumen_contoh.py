"""A small, valid one-page PDF made without WeasyPrint: the demo's and the tests' stand-in for the
scanned letters and drafts that users upload."""

from django.core.files.uploadedfile import SimpleUploadedFile


def _esc(teks: str) -> str:
    return teks.encode("latin-1", "replace").decode("latin-1").replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_contoh(judul: str) -> bytes:
    isi = f"BT /F1 14 Tf 72 760 Td ({_esc(judul)}) Tj ET".encode("latin-1")
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(isi)).encode() + b" >>\nstream\n" + isi + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    keluaran = bytearray(b"%PDF-1.4\n")
    posisi = []
    for i, badan in enumerate(objek, start=1):
        posisi.append(len(keluaran))
        keluaran += f"{i} 0 obj\n".encode() + badan + b"\nendobj\n"
    xref = len(keluaran)
    keluaran += f"xref\n0 {len(objek) + 1}\n0000000000 65535 f \n".encode()
    for p in posisi:
        keluaran += f"{p:010d} 00000 n \n".encode()
    keluaran += f"trailer\n<< /Size {len(objek) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(keluaran)


def berkas_contoh(judul: str, nama: str = "dokumen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, pdf_contoh(judul), content_type="application/pdf")
