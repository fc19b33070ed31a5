//! Migration 17: the kept holdings counts behind the yearly statistics (统计). Like every applied
//! migration it is never edited.

/// `holdings` counts records (and sums their declared pages) by everything the yearly forms break
/// holdings down by, and by when each came in (the local year, and how: entered, imported or
/// received) and the local year it was destroyed (0 while held). Triggers keep it in the
/// transaction of each change, as `record_counts`; an import counts its rows once, at its end.
/// So a year's statistics read a few thousand rows, not a million records.
pub(super) const V17_HOLDINGS: &str = "
ALTER TABLE imports ADD COLUMN via TEXT NOT NULL DEFAULT 'import';
UPDATE imports SET via = 'receipt'
    WHERE id IN (SELECT import_id FROM transfers WHERE import_id IS NOT NULL);

-- The year's lost loans, without reading every loan.
CREATE INDEX loans_lost ON loans(lost_on) WHERE state = 'lost';

-- An import's records are counted by it, once, at its end.
CREATE INDEX records_import ON records(import_id) WHERE import_id IS NOT NULL;

CREATE TABLE holdings (
    fonds          TEXT NOT NULL,
    year           INTEGER NOT NULL,
    category       TEXT NOT NULL,
    retention      TEXT NOT NULL,
    carrier        TEXT NOT NULL,
    classification TEXT NOT NULL,
    openness       TEXT NOT NULL,
    in_volume      INTEGER NOT NULL,
    added          INTEGER NOT NULL,
    via            TEXT NOT NULL,
    gone           INTEGER NOT NULL,
    n              INTEGER NOT NULL,
    pages          INTEGER NOT NULL,
    PRIMARY KEY (fonds, year, category, retention, carrier, classification, openness,
                 in_volume, added, via, gone)
) WITHOUT ROWID;

CREATE VIEW holdings_keys AS SELECT id, fonds, year, category, retention, carrier,
    classification, openness, volume > 0 AS in_volume,
    CAST(strftime('%Y', created_at, 'localtime') AS INTEGER) AS added,
    CASE WHEN import_id IS NULL THEN 'entry'
         ELSE COALESCE((SELECT via FROM imports i WHERE i.id = import_id), 'import') END AS via,
    CASE WHEN status = 'disposed' THEN CAST(strftime('%Y', updated_at, 'localtime') AS INTEGER)
         ELSE 0 END AS gone,
    COALESCE(pages, 0) AS pages,
    import_id
    FROM records;

INSERT INTO holdings SELECT fonds, year, category, retention, carrier, classification, openness,
    in_volume, added, via, gone, COUNT(*), SUM(pages) FROM holdings_keys WHERE true
    GROUP BY fonds, year, category, retention, carrier, classification, openness, in_volume,
    added, via, gone;

-- A row of an import not yet finished (its count still 0) is counted when it finishes.
CREATE TRIGGER holdings_insert AFTER INSERT ON records
WHEN NEW.import_id IS NULL OR (SELECT records FROM imports WHERE id = NEW.import_id) > 0
BEGIN
    INSERT INTO holdings SELECT fonds, year, category, retention, carrier, classification,
        openness, in_volume, added, via, gone, 1, pages FROM holdings_keys WHERE id = NEW.id
        ON CONFLICT DO UPDATE SET n = holdings.n + 1, pages = holdings.pages + excluded.pages;
END;

CREATE TRIGGER holdings_update BEFORE UPDATE OF fonds, year, category, retention, carrier,
    classification, openness, volume, status, pages, created_at, updated_at, import_id ON records
WHEN OLD.import_id IS NULL OR (SELECT records FROM imports WHERE id = OLD.import_id) > 0
BEGIN
    UPDATE holdings SET n = holdings.n - 1, pages = holdings.pages - k.pages
        FROM holdings_keys k
        WHERE k.id = OLD.id AND holdings.fonds = k.fonds AND holdings.year = k.year
        AND holdings.category = k.category AND holdings.retention = k.retention
        AND holdings.carrier = k.carrier AND holdings.classification = k.classification
        AND holdings.openness = k.openness AND holdings.in_volume = k.in_volume
        AND holdings.added = k.added AND holdings.via = k.via AND holdings.gone = k.gone;
END;

CREATE TRIGGER holdings_updated AFTER UPDATE OF fonds, year, category, retention, carrier,
    classification, openness, volume, status, pages, created_at, updated_at, import_id ON records
WHEN NEW.import_id IS NULL OR (SELECT records FROM imports WHERE id = NEW.import_id) > 0
BEGIN
    INSERT INTO holdings SELECT fonds, year, category, retention, carrier, classification,
        openness, in_volume, added, via, gone, 1, pages FROM holdings_keys WHERE id = NEW.id
        ON CONFLICT DO UPDATE SET n = holdings.n + 1, pages = holdings.pages + excluded.pages;
END;

CREATE TRIGGER holdings_delete BEFORE DELETE ON records
WHEN OLD.import_id IS NULL OR (SELECT records FROM imports WHERE id = OLD.import_id) > 0
BEGIN
    UPDATE holdings SET n = holdings.n - 1, pages = holdings.pages - k.pages
        FROM holdings_keys k
        WHERE k.id = OLD.id AND holdings.fonds = k.fonds AND holdings.year = k.year
        AND holdings.category = k.category AND holdings.retention = k.retention
        AND holdings.carrier = k.carrier AND holdings.classification = k.classification
        AND holdings.openness = k.openness AND holdings.in_volume = k.in_volume
        AND holdings.added = k.added AND holdings.via = k.via AND holdings.gone = k.gone;
END;
";
