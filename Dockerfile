# lessonpack's web page for a trust's or district's IT: run it behind your own login and load
# balancer, and add replicas as schools join (each is stateless; nothing about a school is kept).
#   docker build -t lessonpack .
#   docker run --rm -p 8000:8000 lessonpack
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends libreoffice-writer libreoffice-impress poppler-utils \
      fontconfig fonts-liberation \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 lessonpack

WORKDIR /app
COPY pyproject.toml README.md ./
COPY generator generator
COPY lessons lessons
COPY templates templates
COPY schemas schemas
RUN pip install --no-cache-dir . && rm -rf /app/*

USER lessonpack
WORKDIR /home/lessonpack
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"
CMD ["lessonpack", "serve", "--host", "0.0.0.0", "--port", "8000"]
