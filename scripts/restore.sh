#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY PostgreSQL database.
#
#   createdb stufenweg_restored
#   DATABASE_URL=postgres://user:pass@host:5432/stufenweg_restored scripts/restore.sh FILE
#
# Checks FILE.sha256 if present, refuses a database that already has tables, restores in one
# transaction (all or nothing, --exit-on-error). Afterwards: `stufenweg migrate --check` and a
# report to compare (see docs/security.md, "Backup and restore").
set -euo pipefail

file="${1:-}"
[ -n "$file" ] && [ -f "$file" ] || { echo "restore.sh: Sicherungsdatei fehlt: ${file:-<keine>}" >&2; exit 2; }
url="${DATABASE_URL:-}"
case "$url" in
  postgres://*|postgresql://*) ;;
  *) echo "restore.sh: DATABASE_URL muss eine PostgreSQL-URL sein (postgres://…)." >&2; exit 2 ;;
esac

if [ -f "$file.sha256" ]; then
  ( cd "$(dirname "$file")" && sha256sum --check --quiet "$(basename "$file").sha256" ) \
    || { echo "restore.sh: Prüfsumme stimmt nicht – Sicherung beschädigt?" >&2; exit 3; }
fi

tables=$(psql "$url" -At -c "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
if [ "$tables" != "0" ]; then
  echo "restore.sh: Die Zieldatenbank ist nicht leer ($tables Tabellen). Bitte in eine neue Datenbank wiederherstellen." >&2
  exit 4
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$url" "$file"
echo "Wiederhergestellt: $file"
