/// The database schema as an ordered list of migration steps; `PRAGMA user_version` records
/// how many have run, so each step runs once per database, ever. Append, never edit.
enum BookingSchema {
    static let migrations: [String] = [
        // 1: slots, bookings, idempotency keys.
        """
        CREATE TABLE slots (
            slot_id            TEXT PRIMARY KEY,
            restaurant         TEXT NOT NULL,
            table_id           TEXT NOT NULL,
            starts_at          INTEGER NOT NULL,
            capacity           INTEGER NOT NULL CHECK (capacity >= 0),
            deposit_per_person INTEGER NOT NULL CHECK (deposit_per_person >= 0),
            max_party_size     INTEGER NOT NULL CHECK (max_party_size >= 1),
            order_name         TEXT NOT NULL,
            retired            INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX slots_by_restaurant ON slots (restaurant, starts_at);
        CREATE TABLE bookings (
            order_id         TEXT PRIMARY KEY,
            slot_id          TEXT NOT NULL REFERENCES slots (slot_id),
            customer_key     TEXT NOT NULL,
            guest_name       TEXT NOT NULL,
            phone            TEXT NOT NULL,
            comment          TEXT NOT NULL,
            party_size       INTEGER NOT NULL CHECK (party_size >= 1),
            amount           INTEGER NOT NULL CHECK (amount >= 0),
            state            TEXT NOT NULL CHECK (state IN ('READY', 'CONFIRMING', 'PAID', 'FAILED',
                                 'EXPIRED', 'CANCELLED', 'NEEDS_ATTENTION')),
            created_at       INTEGER NOT NULL,
            expires_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            payment_key      TEXT,
            paid_at          INTEGER,
            method           TEXT,
            receipt_url      TEXT,
            failure_code     TEXT,
            failure_message  TEXT,
            attention_reason TEXT,
            refund_amount    INTEGER,
            cancelled_at     INTEGER
        );
        CREATE INDEX bookings_by_slot ON bookings (slot_id, state, expires_at);
        CREATE INDEX bookings_by_customer ON bookings (customer_key, state, expires_at);
        CREATE INDEX bookings_by_state ON bookings (state);
        CREATE TABLE idempotency_keys (
            order_id   TEXT NOT NULL REFERENCES bookings (order_id),
            operation  TEXT NOT NULL,
            key        TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (order_id, operation)
        );
        """,
        // 2: the CANCELLING state (a refund recorded before the Toss cancel call) and the refund's
        // reason. SQLite cannot change a CHECK constraint in place, so the table is rebuilt as its
        // docs describe (create, copy, drop, rename, re-index; foreign keys checked after).
        """
        CREATE TABLE bookings_v2 (
            order_id         TEXT PRIMARY KEY,
            slot_id          TEXT NOT NULL REFERENCES slots (slot_id),
            customer_key     TEXT NOT NULL,
            guest_name       TEXT NOT NULL,
            phone            TEXT NOT NULL,
            comment          TEXT NOT NULL,
            party_size       INTEGER NOT NULL CHECK (party_size >= 1),
            amount           INTEGER NOT NULL CHECK (amount >= 0),
            state            TEXT NOT NULL CHECK (state IN ('READY', 'CONFIRMING', 'PAID', 'FAILED',
                                 'EXPIRED', 'CANCELLING', 'CANCELLED', 'NEEDS_ATTENTION')),
            created_at       INTEGER NOT NULL,
            expires_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            payment_key      TEXT,
            paid_at          INTEGER,
            method           TEXT,
            receipt_url      TEXT,
            failure_code     TEXT,
            failure_message  TEXT,
            attention_reason TEXT,
            refund_amount    INTEGER,
            cancelled_at     INTEGER,
            refund_reason    TEXT
        );
        INSERT INTO bookings_v2 (order_id, slot_id, customer_key, guest_name, phone, comment, party_size, amount,
            state, created_at, expires_at, updated_at, payment_key, paid_at, method, receipt_url, failure_code,
            failure_message, attention_reason, refund_amount, cancelled_at)
        SELECT order_id, slot_id, customer_key, guest_name, phone, comment, party_size, amount,
            state, created_at, expires_at, updated_at, payment_key, paid_at, method, receipt_url, failure_code,
            failure_message, attention_reason, refund_amount, cancelled_at FROM bookings;
        DROP TABLE bookings;
        ALTER TABLE bookings_v2 RENAME TO bookings;
        CREATE INDEX bookings_by_slot ON bookings (slot_id, state, expires_at);
        CREATE INDEX bookings_by_customer ON bookings (customer_key, state, expires_at);
        CREATE INDEX bookings_by_state ON bookings (state);
        """,
        // 3: where each hold came from, for the hold limits (PRODUCT.md invariant 10).
        """
        ALTER TABLE bookings ADD COLUMN client_address TEXT NOT NULL DEFAULT '';
        ALTER TABLE bookings ADD COLUMN client_network TEXT NOT NULL DEFAULT '';
        CREATE INDEX bookings_by_client_address ON bookings (client_address, state, expires_at);
        CREATE INDEX bookings_by_client_network ON bookings (client_network, state, expires_at);
        CREATE INDEX bookings_by_phone ON bookings (phone, state, expires_at);
        """,
        // 4: the notification outbox (PRODUCT.md invariant 12): one row per event a person must
        // hear of, written in the transaction of the change, with its delivery log.
        """
        CREATE TABLE notifications (
            seq             INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id        TEXT NOT NULL UNIQUE,
            type            TEXT NOT NULL,
            order_id        TEXT NOT NULL REFERENCES bookings (order_id),
            created_at      INTEGER NOT NULL,
            state           TEXT NOT NULL,
            refund_amount   INTEGER,
            attempts        INTEGER NOT NULL DEFAULT 0,
            last_status     TEXT,
            last_attempt_at INTEGER,
            next_attempt_at INTEGER NOT NULL,
            delivered_at    INTEGER,
            gave_up_at      INTEGER
        );
        CREATE INDEX notifications_pending ON notifications (delivered_at, gave_up_at, next_attempt_at);
        CREATE INDEX notifications_by_order ON notifications (order_id, seq);
        """,
        // 5: the short booking code a guest reads out (`BookingCode`); unique, so a code finds
        // one booking. Existing bookings get theirs from `afterStep[5]`, in the same transaction.
        """
        ALTER TABLE bookings ADD COLUMN booking_code TEXT;
        CREATE UNIQUE INDEX bookings_by_code ON bookings (booking_code);
        """,
        // 6: every hold sums the seats its slot has taken; with party_size in the slot index
        // that sum reads the index alone instead of one table row per booking of the slot,
        // which made each hold dearer as bookings accumulated (issue 14: 0.26 -> 0.44 ms of CPU
        // per hold over 600,000 holds).
        """
        DROP INDEX bookings_by_slot;
        CREATE INDEX bookings_by_slot ON bookings (slot_id, state, expires_at, party_size);
        """,
    ]

    /// Work a step needs that SQL cannot do well, run right after that step's SQL inside its
    /// transaction, keyed by step number. Step 5's codes must come from a cryptographic
    /// generator, which SQLite's `random()` is not documented to be.
    static let afterStep: [Int: @Sendable (SQLiteConnection) throws -> Void] = [
        5: { db in
            let orders = try db.rows("SELECT order_id FROM bookings WHERE booking_code IS NULL") { $0.text(0) }
            for orderId in orders { try BookingRecords.assignCode(db, orderId: orderId, newCode: BookingCode.random) }
        },
    ]

    /// Brings the database up to date; returns how many steps ran (0 for an up-to-date file).
    static func migrate(_ db: SQLiteConnection) throws -> Int {
        let found = try db.pragmaInt("user_version")
        guard found <= migrations.count else {
            throw BookingStoreError.schemaTooNew(found: found, known: migrations.count)
        }
        var applied = 0
        // A step may rebuild a table, which drops the old one: foreign keys are off while steps
        // run (the pragma cannot change inside a transaction) and checked before each commit.
        let foreignKeys = try db.pragmaInt("foreign_keys")
        try db.execute("PRAGMA foreign_keys = OFF")
        defer { if foreignKeys != 0 { try? db.execute("PRAGMA foreign_keys = ON") } }
        for version in found..<migrations.count {
            try db.execute("BEGIN IMMEDIATE")
            do {
                // Re-read inside the write lock: another process may have migrated meanwhile.
                if try db.pragmaInt("user_version") == version {
                    try db.execute(migrations[version])
                    try afterStep[version + 1]?(db)
                    if try db.row("PRAGMA foreign_key_check", [], { _ in true }) != nil {
                        throw BookingStoreError.migrationBrokeForeignKeys(step: version + 1)
                    }
                    try db.execute("PRAGMA user_version = \(version + 1)")
                    applied += 1
                }
                try db.execute("COMMIT")
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        }
        return applied
    }
}
