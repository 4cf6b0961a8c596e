# One app replica: serve.py (app.py with the sign-in cookie routes) on port 8501.
# Used by compose.yaml; not built in the tests (see README, Uitrol).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --system --home /app monitor && mkdir -p /app/var && chown monitor /app/var
USER monitor

EXPOSE 8501
HEALTHCHECK --interval=10s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)"
CMD ["sh", "-c", "python -m data_access migrate && exec streamlit run serve.py --server.address 0.0.0.0 --server.port 8501"]
