#!/usr/bin/env bash
# Online backup of a Yeyak PostgreSQL database (several `yeyak serve` instances may keep serving).
#
# pg_dump reads the whole database in one REPEATABLE READ snapshot, so the dump is consistent
# while the instances commit, and it blocks no writer. Each dump is written in the custom format
# under a temporary name, checked by listing it with pg_restore, synced to disk, and only then
# given its dated name; so every yeyak-YYYYMMDDTHHMMSSZ.pgdump is complete, and only those count
# towards (and are pruned by) --keep. Restore with:
#   pg_restore --clean --if-exists --no-owner -d "$YEYAK_PG_URL" yeyak-....pgdump
# (stop the instances first). Credentials: libpq's usual ~/.pgpass or PGPASSWORD, never the URL.
set -euo pipefail

URL="${YEYAK_PG_URL:-postgresql:///yeyak}"
DEST="${YEYAK_BACKUP_DIR:-/var/backups/yeyak}"
KEEP="${YEYAK_BACKUP_KEEP:-14}"

while [ $# -gt 0 ]; do
    case "$1" in
        --url) URL="$2"; shift 2 ;;
        --dest) DEST="$2"; shift 2 ;;
        --keep) KEEP="$2"; shift 2 ;;
        -h|--help) echo "Usage: $(basename "$0") [--url postgresql://...] [--dest DIR] [--keep N]"; exit 0 ;;
        *) echo "pg-backup: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case "$KEEP" in ''|*[!0-9]*|0) echo "pg-backup: --keep must be a whole number of at least 1, not '$KEEP'" >&2; exit 2 ;; esac
command -v pg_dump >/dev/null || { echo "pg-backup: pg_dump is not installed (apt-get install postgresql-client)" >&2; exit 1; }

mkdir -p "$DEST"
chmod 700 "$DEST"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
partial="$DEST/.yeyak-$stamp.pgdump.partial"
trap 'rm -f "$partial"' EXIT
umask 077
pg_dump --format=custom --no-owner --file="$partial" "$URL"
pg_restore --list "$partial" | grep -q "TABLE DATA public bookings" \
    || { echo "pg-backup: the dump has no bookings table; not kept" >&2; exit 1; }
sync "$partial"
mv "$partial" "$DEST/yeyak-$stamp.pgdump"
sync "$DEST"
echo "pg-backup: $DEST/yeyak-$stamp.pgdump"
ls -1 "$DEST"/yeyak-*.pgdump | sort | head -n -"$KEEP" | while read -r old; do rm -f "$old"; done
