//! Migrations, applied in order by `PRAGMA user_version`. An applied migration is never edited:
//! archives already on disk were made by it. Change the schema by appending one.

use rusqlite::Connection;

use crate::error::{Error, Result};

const V1_CATALOGUE: &str = "
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE fonds (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

-- The archival code is not stored as text: its parts are, and their unique index is both the
-- code's identity and the group in which item numbers run.
CREATE TABLE records (
    id             INTEGER PRIMARY KEY,
    fonds          TEXT NOT NULL REFERENCES fonds(code),
    year           INTEGER NOT NULL,
    retention      TEXT NOT NULL,
    dept           TEXT NOT NULL,
    item           INTEGER NOT NULL,
    title          TEXT NOT NULL,
    responsible    TEXT NOT NULL,
    doc_no         TEXT NOT NULL,
    date           TEXT,
    date_sort      INTEGER,
    classification TEXT NOT NULL,
    carrier        TEXT NOT NULL,
    pages          INTEGER,
    location       TEXT NOT NULL,
    keywords       TEXT NOT NULL,
    notes          TEXT NOT NULL,
    status         TEXT NOT NULL,
    version        INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL
);
CREATE UNIQUE INDEX records_code ON records(fonds, year, retention, dept, item);

-- Each row is a version of a record that an edit replaced, as JSON, with who replaced it and when.
CREATE TABLE record_revisions (
    record_id   INTEGER NOT NULL REFERENCES records(id),
    version     INTEGER NOT NULL,
    data        TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    replaced_by TEXT NOT NULL,
    PRIMARY KEY (record_id, version)
) WITHOUT ROWID;
";

/// Import provenance: which file and line each imported record came from.
const V2_IMPORTS: &str = "
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    encoding    TEXT NOT NULL,
    records     INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);
ALTER TABLE records ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE records ADD COLUMN import_line INTEGER;
";

/// Accounts, and the audit trail: append-only (triggers refuse UPDATE and DELETE) and hash-chained.
const V3_ACCOUNTS_AUDIT: &str = "
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    clearance     TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user      TEXT NOT NULL,
    action    TEXT NOT NULL,
    object    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_user ON audit(user);
CREATE INDEX audit_object ON audit(object);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
";

/// The search index's outbox: written in the transaction of each change, applied by the index in
/// order. A row names a record, an import (all its records), or neither: everything. The first row
/// asks an existing archive's index to be built.
const V4_SEARCH_OUTBOX: &str = "
CREATE TABLE search_outbox (
    seq       INTEGER PRIMARY KEY,
    record_id INTEGER,
    import_id INTEGER
);
INSERT INTO search_outbox (record_id, import_id) VALUES (NULL, NULL);
";

/// Record counts per fonds, year and classification, kept by triggers in the transaction of each
/// change: browsing a million records counts a few hundred rows, not a million.
const V5_RECORD_COUNTS: &str = "
CREATE TABLE record_counts (
    fonds          TEXT NOT NULL,
    year           INTEGER NOT NULL,
    classification TEXT NOT NULL,
    n              INTEGER NOT NULL,
    PRIMARY KEY (fonds, year, classification)
) WITHOUT ROWID;
INSERT INTO record_counts (fonds, year, classification, n)
    SELECT fonds, year, classification, COUNT(*) FROM records WHERE true
    GROUP BY fonds, year, classification;
-- An import counts its rows once, at its end (store::records::count_import), not row by row.
CREATE TRIGGER record_counts_insert AFTER INSERT ON records WHEN NEW.import_id IS NULL BEGIN
    INSERT INTO record_counts (fonds, year, classification, n)
        VALUES (NEW.fonds, NEW.year, NEW.classification, 1)
        ON CONFLICT (fonds, year, classification) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER record_counts_delete AFTER DELETE ON records BEGIN
    UPDATE record_counts SET n = n - 1
        WHERE fonds = OLD.fonds AND year = OLD.year AND classification = OLD.classification;
END;
CREATE TRIGGER record_counts_update AFTER UPDATE OF fonds, year, classification ON records BEGIN
    UPDATE record_counts SET n = n - 1
        WHERE fonds = OLD.fonds AND year = OLD.year AND classification = OLD.classification;
    INSERT INTO record_counts (fonds, year, classification, n)
        VALUES (NEW.fonds, NEW.year, NEW.classification, 1)
        ON CONFLICT (fonds, year, classification) DO UPDATE SET n = n + 1;
END;
";

/// Loans (借阅). Kept forever: a trigger refuses DELETE. A record has at most one loan out.
const V6_LOANS: &str = "
CREATE TABLE loans (
    id          INTEGER PRIMARY KEY,
    record_id   INTEGER NOT NULL REFERENCES records(id),
    state       TEXT NOT NULL,
    borrower    TEXT NOT NULL,
    unit        TEXT NOT NULL DEFAULT '',
    borrower_id TEXT NOT NULL DEFAULT '',
    contact     TEXT NOT NULL DEFAULT '',
    purpose     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    requested_by TEXT,
    out_on      TEXT,
    due_on      TEXT,
    approver    TEXT,
    handled_by  TEXT,
    renewals    INTEGER NOT NULL DEFAULT 0,
    returned_on TEXT,
    condition   TEXT NOT NULL DEFAULT '',
    lost_on     TEXT
);
CREATE UNIQUE INDEX loans_one_out ON loans(record_id) WHERE state = 'out';
CREATE INDEX loans_record ON loans(record_id);
CREATE INDEX loans_due ON loans(due_on) WHERE state = 'out';
CREATE INDEX loans_out_on ON loans(out_on);
CREATE INDEX loans_borrower ON loans(borrower);
CREATE TRIGGER loans_no_delete BEFORE DELETE ON loans
BEGIN SELECT RAISE(ABORT, 'loans are kept forever'); END;
";

/// Paper registers (台账) being reconciled, one per scope, and their lines. Records of the scope
/// that no paper line has are lines too, without a line number (kind digital_only).
const V7_REGISTERS: &str = "
CREATE TABLE registers (
    id           INTEGER PRIMARY KEY,
    scope        TEXT NOT NULL UNIQUE,
    source       TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    columns      TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    imported_by  TEXT NOT NULL,
    certified_at TEXT,
    certified_by TEXT,
    certificate  TEXT
);
CREATE TABLE register_lines (
    id          INTEGER PRIMARY KEY,
    register_id INTEGER NOT NULL REFERENCES registers(id),
    line_no     INTEGER,
    raw         TEXT NOT NULL DEFAULT '',
    code        TEXT NOT NULL DEFAULT '',
    paper       TEXT NOT NULL DEFAULT '{}',
    record_id   INTEGER REFERENCES records(id),
    kind        TEXT NOT NULL,
    differs     TEXT NOT NULL DEFAULT '',
    score       REAL NOT NULL DEFAULT 0,
    candidates  TEXT NOT NULL DEFAULT '[]',
    resolution  TEXT,
    note        TEXT NOT NULL DEFAULT '',
    resolved_by TEXT,
    resolved_at TEXT
);
CREATE INDEX register_lines_register ON register_lines(register_id, line_no);
CREATE INDEX register_lines_record ON register_lines(record_id);
";

/// Digital objects: files kept content-addressed under `objects/`, each row tying one to a record
/// with the result of the ingest checks. Rows are never deleted: the fixity of every file is
/// checked against them.
const V8_OBJECTS: &str = "
CREATE TABLE objects (
    id          INTEGER PRIMARY KEY,
    record_id   INTEGER NOT NULL REFERENCES records(id),
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    format      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    checks      TEXT NOT NULL,
    attached_at TEXT NOT NULL,
    attached_by TEXT NOT NULL,
    UNIQUE (record_id, sha256)
);
CREATE INDEX objects_sha256 ON objects(sha256);
CREATE TRIGGER objects_no_delete BEFORE DELETE ON objects
BEGIN SELECT RAISE(ABORT, 'digital objects are kept; they are not deleted'); END;
";

/// Every row a change leaves behind names the audit entry of that change (`audit_seq`), so a
/// trail cut short at its end, or emptied, is seen against the data it no longer covers. Rows
/// made before this version have none.
const V9_AUDIT_REFERENCES: &str = "
ALTER TABLE records ADD COLUMN audit_seq INTEGER;
ALTER TABLE record_revisions ADD COLUMN audit_seq INTEGER;
ALTER TABLE loans ADD COLUMN audit_seq INTEGER;
ALTER TABLE registers ADD COLUMN audit_seq INTEGER;
ALTER TABLE register_lines ADD COLUMN audit_seq INTEGER;
ALTER TABLE users ADD COLUMN audit_seq INTEGER;
ALTER TABLE objects ADD COLUMN audit_seq INTEGER;
-- The 密级 a paper line states (a register with a 密级 column): a line only on paper is hidden
-- from readers below it, as a record would be.
ALTER TABLE register_lines ADD COLUMN class TEXT;
";

/// Two shapes of 档号 (DA/T 22-2015 as written, with the 档案门类代码 and an optional 机构 part,
/// and the older one without 门类), chosen per fonds: records keep their 门类 (empty in the
/// older shape), and the code's unique index takes it in, in the order codes sort.
const V10_CODE_SCHEMES: &str = "
ALTER TABLE records ADD COLUMN category TEXT NOT NULL DEFAULT '';
DROP INDEX records_code;
CREATE UNIQUE INDEX records_code ON records(fonds, category, year, retention, dept, item);
ALTER TABLE fonds ADD COLUMN scheme TEXT NOT NULL DEFAULT 'plain';
ALTER TABLE fonds ADD COLUMN categories TEXT NOT NULL DEFAULT '';
";

/// Boxes (盒) of a code group in item order, each on a shelf; every move kept; what leaves the
/// stacks and comes back (出入库登记); each stocktake (清点检查) and what it found.
const V11_BOXES: &str = "
CREATE TABLE boxes (
    id          INTEGER PRIMARY KEY,
    fonds       TEXT NOT NULL REFERENCES fonds(code),
    category    TEXT NOT NULL,
    year        INTEGER NOT NULL,
    retention   TEXT NOT NULL,
    dept        TEXT NOT NULL,
    number      INTEGER NOT NULL,
    first_item  INTEGER NOT NULL,
    last_item   INTEGER NOT NULL,
    location    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    arranged_by TEXT NOT NULL DEFAULT '',
    checked_by  TEXT NOT NULL DEFAULT '',
    arranged_on TEXT,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    UNIQUE (fonds, category, year, retention, dept, number)
);
CREATE TABLE box_moves (
    id       INTEGER PRIMARY KEY,
    box_id   INTEGER NOT NULL REFERENCES boxes(id),
    from_loc TEXT NOT NULL,
    to_loc   TEXT NOT NULL,
    at       TEXT NOT NULL,
    by       TEXT NOT NULL
);
CREATE TABLE stack_register (
    id        INTEGER PRIMARY KEY,
    box_id    INTEGER NOT NULL REFERENCES boxes(id),
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    reason    TEXT NOT NULL,
    at        TEXT NOT NULL,
    by        TEXT NOT NULL
);
CREATE TABLE stocktakes (
    id     INTEGER PRIMARY KEY,
    stretch TEXT NOT NULL,
    at     TEXT NOT NULL,
    by     TEXT NOT NULL,
    result TEXT NOT NULL
);
CREATE TRIGGER box_moves_kept BEFORE DELETE ON box_moves
BEGIN SELECT RAISE(ABORT, 'box moves are kept'); END;
CREATE TRIGGER stack_register_kept BEFORE DELETE ON stack_register
BEGIN SELECT RAISE(ABORT, 'the stack register is kept'); END;
";

/// Volume-level arrangement (DA/T 13, GB/T 9705): volumes (案卷) with their own description and
/// place on the shelves, every move kept; items inside a volume keep its 目录号 and 案卷号, and the
/// code's unique index takes them in (a volume's items share its year and retention).
const V12_VOLUMES: &str = "
ALTER TABLE records ADD COLUMN catalogue TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN volume INTEGER NOT NULL DEFAULT 0;
DROP INDEX records_code;
CREATE UNIQUE INDEX records_code
    ON records(fonds, category, year, retention, dept, catalogue, volume, item);
CREATE UNIQUE INDEX records_in_volume
    ON records(fonds, catalogue, volume, item) WHERE volume > 0;
CREATE TABLE volumes (
    id             INTEGER PRIMARY KEY,
    fonds          TEXT NOT NULL REFERENCES fonds(code),
    catalogue      TEXT NOT NULL,
    number         INTEGER NOT NULL,
    title          TEXT NOT NULL,
    year           INTEGER NOT NULL,
    retention      TEXT NOT NULL,
    classification TEXT NOT NULL,
    start_date     TEXT,
    end_date       TEXT,
    pages          INTEGER,
    notes          TEXT NOT NULL,
    location       TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    UNIQUE (fonds, catalogue, number)
);
CREATE TABLE volume_moves (
    id        INTEGER PRIMARY KEY,
    volume_id INTEGER NOT NULL REFERENCES volumes(id),
    from_loc  TEXT NOT NULL,
    to_loc    TEXT NOT NULL,
    at        TEXT NOT NULL,
    by        TEXT NOT NULL
);
CREATE TRIGGER volume_moves_kept BEFORE DELETE ON volume_moves
BEGIN SELECT RAISE(ABORT, 'volume moves are kept'); END;
";

/// Volumes leave the stacks and come back too (出入库登记), as boxes do.
const V13_VOLUME_REGISTER: &str = "
CREATE TABLE volume_register (
    id        INTEGER PRIMARY KEY,
    volume_id INTEGER NOT NULL REFERENCES volumes(id),
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    reason    TEXT NOT NULL,
    at        TEXT NOT NULL,
    by        TEXT NOT NULL
);
CREATE TRIGGER volume_register_kept BEFORE DELETE ON volume_register
BEGIN SELECT RAISE(ABORT, 'the stack register is kept'); END;
";

/// The transfer register (移交登记): every package offered, received or refused, with who handed
/// it over, the checks' refusals and what it brought. A package is received once: a second
/// accepted row for the same package hash is refused by the index, whoever races for it.
const V14_TRANSFERS: &str = "
CREATE TABLE transfers (
    id             INTEGER PRIMARY KEY,
    package_hash   TEXT NOT NULL,
    package_name   TEXT NOT NULL,
    source         TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    received_by    TEXT NOT NULL,
    outcome        TEXT NOT NULL CHECK (outcome IN ('accepted', 'refused')),
    records        INTEGER NOT NULL,
    files          INTEGER NOT NULL,
    bytes          INTEGER NOT NULL,
    classification TEXT NOT NULL,
    import_id      INTEGER REFERENCES imports(id),
    refusals       TEXT NOT NULL,
    notes          TEXT NOT NULL,
    audit_seq      INTEGER
);
CREATE UNIQUE INDEX transfers_once ON transfers(package_hash) WHERE outcome = 'accepted';
CREATE INDEX transfers_source ON transfers(source);
CREATE TRIGGER transfers_kept BEFORE DELETE ON transfers
BEGIN SELECT RAISE(ABORT, 'the transfer register is kept'); END;
CREATE TRIGGER transfers_fixed BEFORE UPDATE ON transfers
BEGIN SELECT RAISE(ABORT, 'the transfer register is kept'); END;
";

/// Calling systems log in to `dangan serve` with a token; only its SHA-256 is kept.
const V15_TOKENS: &str = "
ALTER TABLE users ADD COLUMN token_sha256 TEXT;
CREATE UNIQUE INDEX users_token ON users(token_sha256) WHERE token_sha256 IS NOT NULL;
";

const MIGRATIONS: &[&str] = &[
    V1_CATALOGUE,
    V2_IMPORTS,
    V3_ACCOUNTS_AUDIT,
    V4_SEARCH_OUTBOX,
    V5_RECORD_COUNTS,
    V6_LOANS,
    V7_REGISTERS,
    V8_OBJECTS,
    V9_AUDIT_REFERENCES,
    V10_CODE_SCHEMES,
    V11_BOXES,
    V12_VOLUMES,
    V13_VOLUME_REGISTER,
    V14_TRANSFERS,
    V15_TOKENS,
    super::schema_appraisal::V16_APPRAISAL,
    super::schema_stats::V17_HOLDINGS,
    super::suggest::V18_LOOK_ALIKES,
    super::safekeeping::V19_SAFEKEEPING,
];

/// The schema version this build writes.
pub const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > CURRENT_VERSION {
        return Err(Error::NewerSchema {
            found,
            known: CURRENT_VERSION,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
        // Another process may have migrated while this one waited for the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now > index as i64 {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
