# Veikart in one image: the web app (bin/serve: migrate, then gunicorn) and the task worker (manage.py run_worker)
# run from it with different commands; see compose.yaml and docs/operations.md.
#   docker build -t veikart .
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=veikart.web.settings \
    VEIKART_DATA_DIR=/data \
    VEIKART_BIND=0.0.0.0:8000

# WeasyPrint (the PDF annual report) needs Pango; DejaVu gives it fonts with Norwegian letters.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --uid 10001 veikart \
 && mkdir -p /data && chown veikart /data

WORKDIR /app
# Dependencies first (their layer is rebuilt only when the lock changes), exactly as pinned, hashes checked.
COPY requirements.prod.lock ./
RUN python -m venv .venv && .venv/bin/pip install --require-hashes -r requirements.prod.lock
COPY . .
# Editable, as bin/setup does: settings find manage.py and the demo files beside the package.
RUN .venv/bin/pip install --no-deps -e . && .venv/bin/python -m compileall -q veikart

USER veikart
VOLUME ["/data"]
EXPOSE 8000
# 200 when the database answers and a task worker was seen lately (veikart/web/health.py).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD [".venv/bin/python", "-c", "import urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': 'localhost'}), timeout=4)"]
CMD ["bin/serve"]
