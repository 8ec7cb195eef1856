"""A local stand-in for BSrE's e-sign API v2 (loopback only), speaking its contract: HTTP basic auth with the
client id/secret; `POST /api/v2/sign/pdf` {nik, passphrase, signatureProperties[…], file[base64]} →
{file: [base64]}; `POST /api/v2/verify/pdf`; `POST /api/v2/user/check/status` {nik}; and its error answers
{status_code, error}: wrong passphrase (2031), user not registered (1111, HTTP 404), certificate expired
(2011). A NIK listed in `lambat` makes the server hold the answer until the test ends (client timeout)."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CLIENT_ID, CLIENT_SECRET = "siksd-bekasi", "rahasia-klien"


class BsreTiruan:
    def __init__(self, signer):
        self.signer = signer  # pyHanko SimpleSigner of the stand-in's "BSrE" CA
        self.pengguna: dict[str, dict] = {}
        self.lambat: set[str] = set()
        self.permintaan: list[dict] = []
        self._lepas = threading.Event()
        tiruan = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _jawab(self, kode: int, isi: dict):
                body = json.dumps(isi).encode()
                self.send_response(kode)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                panjang = int(self.headers.get("Content-Length", 0))
                try:
                    isi = json.loads(self.rfile.read(panjang) or b"{}")
                except ValueError:
                    return self._jawab(400, {"status_code": 400, "error": "JSON tidak sah"})
                harap = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
                if self.headers.get("Authorization") != harap:
                    return self._jawab(401, {"status_code": 401, "error": "Unauthorized"})
                tiruan.permintaan.append({"path": self.path, "isi": isi})
                nik = isi.get("nik", "")
                if self.path == "/api/v2/user/check/status":
                    p = tiruan.pengguna.get(nik)
                    if p is None:
                        return self._jawab(404, {"status_code": 1111, "error": "User tidak terdaftar"})
                    return self._jawab(200, {"status_code": 1111 if p is None else 200, "status": p["status"],
                                             "message": "Sertifikat aktif" if p["status"] == "ISSUE" else p["status"]})
                if self.path == "/api/v2/verify/pdf":
                    return self._jawab(200, {"conclusion": "VALID", "signatureInformations": []})
                if self.path != "/api/v2/sign/pdf":
                    return self._jawab(404, {"status_code": 404, "error": "Not found"})
                if nik in tiruan.lambat:
                    tiruan._lepas.wait()
                    return None
                p = tiruan.pengguna.get(nik)
                if p is None:
                    return self._jawab(404, {"status_code": 1111, "error": "Pengguna tidak terdaftar"})
                if p["status"] == "EXPIRED":
                    return self._jawab(400, {"status_code": 2011, "error": "Sertifikat kadaluarsa"})
                if isi.get("passphrase") != p["passphrase"]:
                    return self._jawab(400, {"status_code": 2031, "error": "Passphrase anda salah"})
                from tte.penanda import Tampilan, tandatangani_pades

                prop = isi["signatureProperties"][0]
                box = (prop["originX"], prop["originY"], prop["originX"] + prop["width"], prop["originY"] + prop["height"])
                keluar = []
                for f in isi["file"]:
                    pdf = base64.b64decode(f)
                    signed = tandatangani_pades(pdf, signer=tiruan.signer, tampilan=Tampilan(
                        nama=p["nama"], jabatan="", kode="BSRE", alasan=prop["reason"], lokasi=prop["location"],
                        halaman=prop["page"] - 1, kotak=box))
                    keluar.append(base64.b64encode(signed).decode())
                return self._jawab(200, {"file": keluar, "time": 1})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._lepas.set()
        self.server.shutdown()
        self.server.server_close()
