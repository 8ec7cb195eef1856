# Production image: gunicorn + WhiteNoise; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=siksd.settings.production
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 siksd
WORKDIR /app
COPY pyproject.toml README.md scripts/build-constraints.txt ./
RUN pip install --no-cache-dir --upgrade pip \
 && pip install --no-cache-dir --build-constraint build-constraints.txt .
COPY . .
# collectstatic needs a key to import settings; the real one comes from the environment at run time.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput -v0 \
 && mkdir -p /data/dokumen /app/var \
 && chown -R siksd /data /app/var
USER siksd
EXPOSE 8000
CMD ["gunicorn", "siksd.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
