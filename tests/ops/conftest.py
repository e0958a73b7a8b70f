"""The operations tests need PostgreSQL (pg_dump/pg_restore). On SQLite they are not collected
(not skipped): run them with DATABASE_URL=postgres://… (CI does, in its PostgreSQL step)."""

import os

_url = os.environ.get("DATABASE_URL", "")
collect_ignore_glob = [] if _url.startswith(("postgres://", "postgresql://")) else ["test_*.py"]
