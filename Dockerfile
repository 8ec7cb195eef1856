# Production image: gunicorn + WhiteNoise; the same image runs migrate, the Celery worker and beat.
# What is copied in is limited by .dockerignore (no .venv, var/, .git or test artefacts).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=siksd.settings.production
# Pango/HarfBuzz for WeasyPrint; postgresql-client (15, as the db service) for `manage.py cadangkan`/`pulihkan`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 siksd
WORKDIR /app
COPY pyproject.toml README.md scripts/build-constraints.txt ./
RUN pip install --no-cache-dir --upgrade pip \
 && pip install --no-cache-dir --build-constraint build-constraints.txt .
COPY . .
# Static files are collected into the image (hashed names, compressed; WhiteNoise serves them). Settings
# need a key and an SMTP host to import; the real ones come from the environment at run time.
RUN SECRET_KEY=build-only EMAIL_HOST=build-only python manage.py collectstatic --noinput -v0 \
 && test -f /app/var/static/staticfiles.json \
 && mkdir -p /data/dokumen /data/cadangan /app/var \
 && chown -R siksd /data /app/var
USER siksd
EXPOSE 8000
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "siksd.wsgi:application"]
