"""A local SMTP stand-in for the smoke test: accepts every message on 127.0.0.1 and writes it to a
folder as NNNN.eml (production settings require an SMTP server; nothing reaches the internet).

    python scripts/_smtp_pengganti.py PORT FOLDER
"""

import asyncore
import sys
import warnings
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import smtpd  # Python 3.11's standard library (the project's Python)


class Pengganti(smtpd.SMTPServer):
    def __init__(self, port: int, folder: Path):
        super().__init__(("127.0.0.1", port), None, decode_data=False)
        self.folder = folder
        self.nomor = 0

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        self.nomor += 1
        (self.folder / f"{self.nomor:04d}.eml").write_bytes(data)


if __name__ == "__main__":
    folder = Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    Pengganti(int(sys.argv[1]), folder)
    asyncore.loop()
