# TicketDesk in a container: `python -m bot` as an unprivileged user, everything it keeps on the /data volume.
# With compose (compose.yaml): docker compose up -d --build. Without:
#   docker build -t ticketdesk . && docker run -d --env-file ticketdesk.env -v ticketdesk-data:/data ticketdesk
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TICKETDESK_DATA_DIR=/data

RUN groupadd --system --gid 10001 ticketdesk \
    && useradd --system --uid 10001 --gid ticketdesk --no-create-home --home-dir /app \
       --shell /usr/sbin/nologin ticketdesk

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY storage ./storage
RUN pip install . \
    && mkdir /data \
    && chown ticketdesk:ticketdesk /data \
    && chmod 0700 /data

USER ticketdesk
VOLUME ["/data"]

# The bot closes cleanly on SIGINT (as on Ctrl-C); Python as PID 1 would ignore SIGTERM.
STOPSIGNAL SIGINT
# Cheap and read-only: the database is there, readable and migrated. It cannot see the Discord connection.
HEALTHCHECK --interval=1m --timeout=15s --start-period=1m --retries=3 CMD ["python", "-m", "bot", "health"]
CMD ["python", "-m", "bot"]
