/*
 * The raw durable-transaction rate of SQLite on one disk: the ceiling a hold would have if every
 * hold were its own commit. Each transaction is what a hold does at its core:
 *   BEGIN IMMEDIATE; INSERT one booking row; UPDATE the slot's counter; COMMIT
 * with journal_mode=WAL and synchronous=FULL (each COMMIT waits for fsync of the WAL).
 * Prepared statements are reused, as the service does.
 *
 * Usage: sqlite-durable-tx DBFILE SECONDS     prints "tx=N seconds=S tx_per_s=R"
 * Build: cc -O2 -o sqlite-durable-tx sqlite-durable-tx.c -lsqlite3
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void check(int rc, sqlite3 *db, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s DBFILE SECONDS\n", argv[0]);
        return 2;
    }
    double seconds = atof(argv[2]);
    sqlite3 *db;
    check(sqlite3_open(argv[1], &db), db, "open");
    check(sqlite3_exec(db,
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
        "CREATE TABLE IF NOT EXISTS slots (slot_id TEXT PRIMARY KEY, seats_held INTEGER NOT NULL);"
        "CREATE TABLE IF NOT EXISTS bookings (order_id TEXT PRIMARY KEY, slot_id TEXT NOT NULL,"
        "  customer_key TEXT NOT NULL, party_size INTEGER NOT NULL, state TEXT NOT NULL, created_at REAL NOT NULL);"
        "INSERT OR IGNORE INTO slots VALUES ('bench.t1.20270101.1200', 0);",
        NULL, NULL, NULL), db, "schema");

    sqlite3_stmt *begin, *insert, *update, *commit;
    check(sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL), db, "prepare begin");
    check(sqlite3_prepare_v2(db,
        "INSERT INTO bookings VALUES (?1, 'bench.t1.20270101.1200', ?2, 2, 'READY', ?3)", -1, &insert, NULL),
        db, "prepare insert");
    check(sqlite3_prepare_v2(db,
        "UPDATE slots SET seats_held = seats_held + 2 WHERE slot_id = 'bench.t1.20270101.1200'", -1, &update, NULL),
        db, "prepare update");
    check(sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL), db, "prepare commit");

    long n = 0;
    char key[64];
    double start = now(), elapsed = 0;
    while (elapsed < seconds) {
        check(sqlite3_step(begin), db, "begin"); sqlite3_reset(begin);
        snprintf(key, sizeof key, "order-%ld-%.6f", n, start);
        sqlite3_bind_text(insert, 1, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, key + 6, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(insert, 3, now());
        check(sqlite3_step(insert), db, "insert"); sqlite3_reset(insert);
        check(sqlite3_step(update), db, "update"); sqlite3_reset(update);
        check(sqlite3_step(commit), db, "commit"); sqlite3_reset(commit);
        n++;
        elapsed = now() - start;
    }
    printf("tx=%ld seconds=%.2f tx_per_s=%.0f sqlite=%s\n", n, elapsed, n / elapsed, sqlite3_libversion());
    sqlite3_finalize(begin); sqlite3_finalize(insert); sqlite3_finalize(update); sqlite3_finalize(commit);
    sqlite3_close(db);
    return 0;
}
