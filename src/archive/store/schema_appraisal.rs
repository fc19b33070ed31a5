//! Migration 16: appraisal and disposition (鉴定与处置). Kept apart from `schema` for its size;
//! like every applied migration it is never edited.

pub(super) const V16_APPRAISAL: &str = "
-- 开放标识 (DA/T 18): every record starts not yet reviewed.
ALTER TABLE records ADD COLUMN openness TEXT NOT NULL DEFAULT 'unreviewed';
-- The year a decision to keep (续存), to keep closed (延期开放) or to keep classified (继续保密)
-- brings the record up again. NULL: reckoned from the record's year and retention or class.
ALTER TABLE records ADD COLUMN kept_until INTEGER;
ALTER TABLE records ADD COLUMN closed_until INTEGER;
ALTER TABLE records ADD COLUMN secret_until INTEGER;
-- Due lists over all fonds read these instead of every record.
CREATE INDEX records_retention_year ON records(retention, year);
CREATE INDEX records_openness_year ON records(openness, year);
CREATE INDEX records_class_year ON records(classification, year);
CREATE INDEX records_kept ON records(kept_until) WHERE kept_until IS NOT NULL;
CREATE INDEX records_closed ON records(closed_until) WHERE closed_until IS NOT NULL;
CREATE INDEX records_secret ON records(secret_until) WHERE secret_until IS NOT NULL;

-- The kept counts learn openness, so a public account's counts come from them too.
DROP TRIGGER record_counts_insert;
DROP TRIGGER record_counts_delete;
DROP TRIGGER record_counts_update;
DROP TABLE record_counts;
CREATE TABLE record_counts (
    fonds          TEXT NOT NULL,
    year           INTEGER NOT NULL,
    classification TEXT NOT NULL,
    openness       TEXT NOT NULL,
    n              INTEGER NOT NULL,
    PRIMARY KEY (fonds, year, classification, openness)
) WITHOUT ROWID;
INSERT INTO record_counts (fonds, year, classification, openness, n)
    SELECT fonds, year, classification, openness, COUNT(*) FROM records WHERE true
    GROUP BY fonds, year, classification, openness;
CREATE TRIGGER record_counts_insert AFTER INSERT ON records WHEN NEW.import_id IS NULL BEGIN
    INSERT INTO record_counts (fonds, year, classification, openness, n)
        VALUES (NEW.fonds, NEW.year, NEW.classification, NEW.openness, 1)
        ON CONFLICT (fonds, year, classification, openness) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER record_counts_delete AFTER DELETE ON records BEGIN
    UPDATE record_counts SET n = n - 1
        WHERE fonds = OLD.fonds AND year = OLD.year AND classification = OLD.classification
        AND openness = OLD.openness;
END;
CREATE TRIGGER record_counts_update AFTER UPDATE OF fonds, year, classification, openness ON records
BEGIN
    UPDATE record_counts SET n = n - 1
        WHERE fonds = OLD.fonds AND year = OLD.year AND classification = OLD.classification
        AND openness = OLD.openness;
    INSERT INTO record_counts (fonds, year, classification, openness, n)
        VALUES (NEW.fonds, NEW.year, NEW.classification, NEW.openness, 1)
        ON CONFLICT (fonds, year, classification, openness) DO UPDATE SET n = n + 1;
END;

-- An appraisal (鉴定) and the decisions it takes; with its destruction list (销毁清册) it is kept
-- for ever: triggers refuse DELETE, and a decision once proposed is not changed.
CREATE TABLE appraisals (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    state          TEXT NOT NULL,
    note           TEXT NOT NULL,
    proposed_by    TEXT NOT NULL,
    proposed_at    TEXT NOT NULL,
    decided_by     TEXT,
    decided_at     TEXT,
    decision_note  TEXT NOT NULL DEFAULT '',
    carried_out_by TEXT,
    carried_out_at TEXT,
    witness        TEXT,
    audit_seq      INTEGER
);
CREATE TABLE appraisal_items (
    appraisal_id INTEGER NOT NULL REFERENCES appraisals(id),
    record_id    INTEGER NOT NULL REFERENCES records(id),
    verdict      TEXT NOT NULL,
    period       TEXT,
    until_year   INTEGER,
    new_class    TEXT,
    reason       TEXT NOT NULL,
    PRIMARY KEY (appraisal_id, record_id)
) WITHOUT ROWID;
CREATE INDEX appraisal_items_record ON appraisal_items(record_id);
CREATE TRIGGER appraisals_kept BEFORE DELETE ON appraisals
BEGIN SELECT RAISE(ABORT, 'appraisals and destruction lists are kept'); END;
CREATE TRIGGER appraisal_items_kept BEFORE DELETE ON appraisal_items
BEGIN SELECT RAISE(ABORT, 'appraisals and destruction lists are kept'); END;
CREATE TRIGGER appraisal_items_fixed BEFORE UPDATE ON appraisal_items
BEGIN SELECT RAISE(ABORT, 'a decision once proposed is not changed'); END;

-- A destroyed record's objects: the row stays as evidence of what was removed, and when.
ALTER TABLE objects ADD COLUMN removed_at TEXT;
";
