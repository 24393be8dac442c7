#!/usr/bin/env bash
# Restores the Yeyak booking database from a backup made by backup.sh (or any SQLite copy).
#
# Order matters, and every step before the service stops is harmless:
#   1. copy the backup next to the live database (same file system, so the final step is an
#      atomic rename) and verify THAT copy with PRAGMA integrity_check;
#   2. stop the service, so nothing writes to the old file while we swap it;
#   3. move the current database and its -wal/-shm aside together (the -wal holds commits not yet
#      in the main file: separating them would lose bookings), never delete them;
#   4. rename the verified copy into place with the service's owner and mode 0600;
#   5. start the service (it migrates an older schema itself, and refuses a newer one).
# If step 4 fails, the old files are moved back and the service is started on them again.
set -euo pipefail

DB="${YEYAK_DB:-/var/lib/yeyak/yeyak.sqlite}"
SERVICE="${YEYAK_SERVICE-yeyak}"
OWNER="${YEYAK_DB_OWNER:-yeyak:yeyak}"
ASSUME_YES=no
BACKUP=""

usage() {
    cat <<EOF
Usage: $(basename "$0") [--db FILE] [--service NAME | --no-service] [--owner USER:GROUP] [--yes] BACKUP

Replaces the Yeyak database with BACKUP: verifies the backup (integrity_check),
stops the service, moves the current database and its -wal/-shm files aside
(to FILE.before-restore-YYYYMMDDTHHMMSSZ*), puts the backup in place with the
right owner and mode 0600, and starts the service again.

Options (each also settable by environment variable):
  --db FILE          live database          [YEYAK_DB, default /var/lib/yeyak/yeyak.sqlite]
  --service NAME     systemd unit to stop/start [YEYAK_SERVICE, default yeyak]
  --no-service       do not call systemctl (the service is already stopped, or no systemd)
  --owner USER:GROUP owner of the restored file  [YEYAK_DB_OWNER, default yeyak:yeyak]
  --yes              do not ask for confirmation (required when not on a terminal)
  -h, --help         show this help

Exit status: 0 restored and service started, 1 on any failure, 2 on bad usage.
Bookings made after the backup was taken are NOT in it: compare with Toss
(payments by orderId) before reopening bookings. The moved-aside files are kept.
EOF
}

fail() { echo "restore: $*" >&2; exit 1; }
usage_error() { echo "restore: $*" >&2; echo "Try '$(basename "$0") --help'." >&2; exit 2; }

while [ "$#" -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --db) [ "$#" -ge 2 ] || usage_error "--db needs a value"; DB="$2"; shift 2 ;;
        --db=*) DB="${1#*=}"; shift ;;
        --service) [ "$#" -ge 2 ] || usage_error "--service needs a value"; SERVICE="$2"; shift 2 ;;
        --service=*) SERVICE="${1#*=}"; shift ;;
        --no-service) SERVICE=""; shift ;;
        --owner) [ "$#" -ge 2 ] || usage_error "--owner needs a value"; OWNER="$2"; shift 2 ;;
        --owner=*) OWNER="${1#*=}"; shift ;;
        --yes|-y) ASSUME_YES=yes; shift ;;
        --) shift
            if [ "$#" -ge 1 ] && [ -z "$BACKUP" ]; then BACKUP="$1"; shift; fi
            break ;;
        -*) usage_error "unknown option: $1" ;;
        *) [ -z "$BACKUP" ] || usage_error "only one BACKUP file, got '$BACKUP' and '$1'"; BACKUP="$1"; shift ;;
    esac
done
[ "$#" -eq 0 ] || usage_error "unexpected arguments after --: $*"
[ -n "$BACKUP" ] || usage_error "which backup? give the file to restore"
case "$OWNER" in *:*) ;; *) usage_error "--owner must be USER:GROUP, got '$OWNER'" ;; esac

command -v sqlite3 >/dev/null 2>&1 || fail "sqlite3 not found (Debian: apt-get install sqlite3)"
[ -f "$BACKUP" ] || fail "backup not found: $BACKUP"
[ -r "$BACKUP" ] || fail "backup not readable: $BACKUP"
if [ -n "$SERVICE" ]; then
    command -v systemctl >/dev/null 2>&1 || fail "systemctl not found: use --no-service after stopping the service yourself"
fi

db_dir="$(dirname -- "$DB")"
[ -d "$db_dir" ] || fail "database folder does not exist: $db_dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
staged="$db_dir/.$(basename -- "$DB").restore-$stamp"
aside="$DB.before-restore-$stamp"
for file in "$aside" "$aside-wal" "$aside-shm"; do
    [ ! -e "$file" ] || fail "$file already exists: wait a second and retry (nothing changed)"
done
moved=()           # files moved aside so far, for the rollback
service_stopped=no

cleanup() { rm -f -- "$staged" "$staged-journal" "$staged-wal" "$staged-shm"; }
trap cleanup EXIT

# 1. Stage and verify, while the service still runs: a bad backup changes nothing.
umask 077
cp -- "$BACKUP" "$staged" || fail "cannot copy $BACKUP to $staged"
check="$(sqlite3 -batch -bail -readonly "$staged" "PRAGMA integrity_check;" 2>&1)" \
    || fail "integrity_check could not run on $BACKUP: $check"
[ "$check" = "ok" ] || fail "integrity_check on $BACKUP reported: $check (nothing changed)"
tables="$(sqlite3 -batch -bail -readonly "$staged" "SELECT count(*) FROM sqlite_master WHERE type = 'table';")" \
    || fail "cannot read the schema of $BACKUP"
[ "$tables" -gt 0 ] || fail "$BACKUP has no tables: not a Yeyak database (nothing changed)"
version="$(sqlite3 -batch -bail -readonly "$staged" "PRAGMA user_version;")"
# A -readonly open of a WAL-mode copy may leave empty -wal/-shm beside it: drop them.
rm -f -- "$staged-wal" "$staged-shm"
echo "restore: $BACKUP is intact (schema version $version, $tables tables)"

if [ "$ASSUME_YES" != yes ]; then
    [ -t 0 ] || usage_error "not on a terminal: pass --yes to confirm replacing $DB"
    printf 'Replace %s with %s%s? Type yes: ' "$DB" "$BACKUP" "${SERVICE:+ (stops $SERVICE)}"
    read -r answer
    [ "$answer" = yes ] || fail "not confirmed; nothing changed"
fi

rollback() {
    echo "restore: FAILED before the restored copy was in place; putting the old files back" >&2
    local file
    for file in "${moved[@]}"; do
        mv -f -- "$aside${file#"$DB"}" "$file" && echo "restore: put back $file" >&2
    done
    if [ "$service_stopped" = yes ]; then
        systemctl start "$SERVICE" || echo "restore: could not start $SERVICE: see journalctl -u $SERVICE" >&2
    fi
}

# 2. Stop the service; systemd waits for its graceful stop (TimeoutStopSec).
if [ -n "$SERVICE" ]; then
    echo "restore: stopping $SERVICE"
    systemctl stop "$SERVICE" || fail "could not stop $SERVICE (nothing changed)"
    service_stopped=yes
    if systemctl is-active --quiet "$SERVICE"; then
        systemctl start "$SERVICE" || true
        fail "$SERVICE is still active after stop (nothing changed)"
    fi
fi

# 3. Move the current database and its WAL companions aside, together.
undo_unless_done() {
    local status=$?
    if [ "$status" -ne 0 ]; then rollback; fi
    cleanup
}
trap undo_unless_done EXIT
for file in "$DB" "$DB-wal" "$DB-shm"; do
    if [ -e "$file" ]; then
        mv -- "$file" "$aside${file#"$DB"}" || fail "cannot move $file aside"
        moved+=("$file")
        echo "restore: moved $file -> $aside${file#"$DB"}"
    fi
done

# 4. Owner and mode first, then one atomic rename into place.
chown -- "$OWNER" "$staged" || fail "cannot chown $staged to $OWNER"
chmod 0600 -- "$staged" || fail "cannot chmod $staged"
sync -- "$staged" || fail "sync failed for $staged"
mv -- "$staged" "$DB" || fail "cannot move the restored copy to $DB"
sync -- "$db_dir" 2>/dev/null || sync
trap cleanup EXIT   # from here on the restore stands; nothing to roll back
echo "restore: $DB restored from $BACKUP"

# 5. Start the service again.
if [ -n "$SERVICE" ]; then
    echo "restore: starting $SERVICE"
    systemctl start "$SERVICE" || fail "restored, but $SERVICE did not start: see journalctl -u $SERVICE"
    systemctl is-active --quiet "$SERVICE" || fail "restored, but $SERVICE is not active: see journalctl -u $SERVICE"
fi
echo "restore: done. The previous database is kept as $aside (with any -wal/-shm)."
echo "restore: check the service (curl -fsS http://127.0.0.1:8081/healthz) and reconcile with Toss."
