"""gunicorn for SIKSD, the same under docker-compose, systemd and the production smoke test.

Environment: GUNICORN_BIND (default 0.0.0.0:8000 inside the container; 127.0.0.1:8000 under systemd),
GUNICORN_WORKERS (3), FORWARDED_ALLOW_IPS (the proxy's address: only that peer may say "https").
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = 60
accesslog = "-"
# Trust X-Forwarded-Proto only from the proxy. A client that reaches gunicorn directly and sends the
# header stays "http" (Django's SECURE_PROXY_SSL_HEADER is off in production; gunicorn decides).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Caddy sets X-Forwarded-Proto only; the other two default scheme headers would pass from the client
# through the proxy untouched, so they are not read at all.
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
# No runtime control socket ($HOME/.gunicorn/gunicorn.ctl): systemd or compose manage the process by signals,
# and the home directory is read-only under the systemd units' ProtectHome.
control_socket_disable = True
