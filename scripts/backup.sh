#!/usr/bin/env bash
# Backup of the Stufenweg PostgreSQL database (pg_dump, custom format, compressed).
#
#   DATABASE_URL=postgres://user:pass@host:5432/stufenweg scripts/backup.sh [FILE]
#
# Writes FILE (default: backups/stufenweg-YYYYMMDD-HHMMSS.dump) and FILE.sha256. The dump holds
# social data: store it encrypted (e.g. on an encrypted volume or with `age`/`gpg`), restrict
# access to the operators, and delete it with the retention of the backup plan. Uploaded files
# are not part of the database: back up STUFENWEG_DATA_DIR/media separately if used.
set -euo pipefail
umask 077

url="${DATABASE_URL:-}"
case "$url" in
  postgres://*|postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL muss eine PostgreSQL-URL sein (postgres://…)." >&2; exit 2 ;;
esac

out="${1:-backups/stufenweg-$(date -u +%Y%m%d-%H%M%S).dump}"
mkdir -p "$(dirname "$out")"
tmp="$out.partial"
trap 'rm -f "$tmp"' EXIT

pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$tmp" --dbname="$url"
mv "$tmp" "$out"
( cd "$(dirname "$out")" && sha256sum "$(basename "$out")" > "$(basename "$out").sha256" )
echo "Sicherung geschrieben: $out ($(du -h "$out" | cut -f1))"
