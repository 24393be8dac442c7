#!/usr/bin/env bash
# Online backup of the Yeyak booking database (SQLite, WAL mode) while the service keeps serving.
#
# Why VACUUM INTO and not the CLI's `.backup`: VACUUM INTO reads the whole database inside ONE read
# transaction, so it is a consistent snapshot even while the service commits, and in WAL mode it
# never blocks the service's writer. The CLI's `.backup` copies in steps and starts over whenever
# another connection writes between two steps, which on a busy site may never finish.
#
# Each copy is written under a temporary name, checked with PRAGMA integrity_check, synced to disk,
# and only then given its dated name; so every file named yeyak-YYYYMMDDTHHMMSSZ.sqlite is a
# complete, verified backup, and only those count towards (and are pruned by) --keep.
set -euo pipefail

DB="${YEYAK_DB:-/var/lib/yeyak/yeyak.sqlite}"
DEST="${YEYAK_BACKUP_DIR:-/var/backups/yeyak}"
KEEP="${YEYAK_BACKUP_KEEP:-14}"
BUSY_TIMEOUT_MS="${YEYAK_BACKUP_BUSY_TIMEOUT_MS:-10000}"

usage() {
    cat <<EOF
Usage: $(basename "$0") [--db FILE] [--dest DIR] [--keep N]

Copies the Yeyak SQLite database (safe while 'yeyak serve' is running) into
DIR/yeyak-YYYYMMDDTHHMMSSZ.sqlite (UTC), verifies the copy with
PRAGMA integrity_check, then deletes all but the newest N verified copies.

Options (each also settable by environment variable):
  --db FILE    database to back up     [YEYAK_DB, default /var/lib/yeyak/yeyak.sqlite]
  --dest DIR   folder for the copies   [YEYAK_BACKUP_DIR, default /var/backups/yeyak]
  --keep N     verified copies to keep [YEYAK_BACKUP_KEEP, default 14; at least 1]
  -h, --help   show this help

Exit status: 0 when a verified copy was written, 1 on any failure, 2 on bad usage.
Copies are mode 0600. Keep a copy off this machine too (rsync, restic, object storage):
a backup on the same disk does not survive the disk.
EOF
}

fail() { echo "backup: $*" >&2; exit 1; }
usage_error() { echo "backup: $*" >&2; echo "Try '$(basename "$0") --help'." >&2; exit 2; }

while [ "$#" -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --db) [ "$#" -ge 2 ] || usage_error "--db needs a value"; DB="$2"; shift 2 ;;
        --dest) [ "$#" -ge 2 ] || usage_error "--dest needs a value"; DEST="$2"; shift 2 ;;
        --keep) [ "$#" -ge 2 ] || usage_error "--keep needs a value"; KEEP="$2"; shift 2 ;;
        --db=*) DB="${1#*=}"; shift ;;
        --dest=*) DEST="${1#*=}"; shift ;;
        --keep=*) KEEP="${1#*=}"; shift ;;
        *) usage_error "unknown argument: $1" ;;
    esac
done

case "$KEEP" in
    ''|*[!0-9]*) usage_error "--keep must be a whole number >= 1, got '$KEEP'" ;;
esac
[ "$KEEP" -ge 1 ] || usage_error "--keep must be at least 1 (0 would delete the copy just made)"

command -v sqlite3 >/dev/null 2>&1 || fail "sqlite3 not found (Debian: apt-get install sqlite3)"
# A missing file must not be "backed up": sqlite3 would silently create an empty database.
[ -f "$DB" ] || fail "database not found: $DB"
[ -r "$DB" ] || fail "database not readable by $(id -un): $DB"

umask 077
mkdir -p -- "$DEST" || fail "cannot create $DEST"
[ -w "$DEST" ] || fail "backup folder not writable by $(id -un): $DEST"

# SQL string literal: double every single quote, so any path is safe inside '...'.
sql_quote() { printf "'%s'" "${1//\'/\'\'}"; }

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
final="$DEST/yeyak-$stamp.sqlite"
[ -e "$final" ] && fail "$final already exists (two backups in the same second?)"
partial="$DEST/.yeyak-$stamp.sqlite.partial"
rm -f -- "$partial"

cleanup() { rm -f -- "$partial" "$partial-journal"; }
trap cleanup EXIT

# Read-only: the backup never writes to the live database. The busy timeout covers the rare
# moments (WAL recovery, a checkpoint restart) when even a reader must wait.
sqlite3 -batch -bail -readonly -cmd ".timeout $BUSY_TIMEOUT_MS" "$DB" \
    "VACUUM INTO $(sql_quote "$partial");" \
    || fail "VACUUM INTO failed for $DB"

# Verify the copy itself, not the source: this is the file a restore would use.
check="$(sqlite3 -batch -bail -readonly "$partial" "PRAGMA integrity_check;" 2>&1)" \
    || fail "integrity_check could not run on the copy: $check"
[ "$check" = "ok" ] || fail "integrity_check on the copy reported: $check"

# An empty schema means we copied the wrong file (or a fresh one); do not keep it as a backup.
tables="$(sqlite3 -batch -bail -readonly "$partial" \
    "SELECT count(*) FROM sqlite_master WHERE type = 'table';")" || fail "cannot read the copy's schema"
[ "$tables" -gt 0 ] || fail "the copy has no tables: is $DB really the Yeyak database?"
version="$(sqlite3 -batch -bail -readonly "$partial" "PRAGMA user_version;")" || fail "cannot read user_version"

chmod 0600 -- "$partial"
sync -- "$partial" || fail "sync failed for $partial"
mv -- "$partial" "$final" || fail "cannot rename $partial to $final"
sync -- "$DEST" 2>/dev/null || sync

size="$(wc -c <"$final" | tr -d ' ')"
echo "backup: wrote $final ($size bytes, schema version $version, $tables tables, integrity ok)"

# Retention: only our own verified, dated names; the glob sorts them oldest first (UTC stamps).
shopt -s nullglob
LC_ALL=C
copies=("$DEST"/yeyak-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z.sqlite)
excess=$(( ${#copies[@]} - KEEP ))
if [ "$excess" -gt 0 ]; then
    for old in "${copies[@]:0:excess}"; do
        rm -f -- "$old" || fail "cannot delete old backup $old"
        echo "backup: removed old $old"
    done
fi
echo "backup: keeping $(( ${#copies[@]} - (excess > 0 ? excess : 0) )) of at most $KEEP copies in $DEST"
