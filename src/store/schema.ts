/**
 * The store's schema as a list of migrations. PRAGMA user_version holds the
 * number of migrations applied; opening a store applies the missing ones in one
 * transaction. A released migration is never edited: a change to the schema, a
 * view included, is a new migration appended to the list.
 */

/** PRAGMA application_id of a chitieu store ("ChTi"), so a foreign SQLite file is never taken for one. */
export const APPLICATION_ID = 0x43685469;

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

const V1_CORE = `
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  command TEXT NOT NULL,
  args TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  documents INTEGER,
  unchanged INTEGER,
  mentions INTEGER,
  errors INTEGER
);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  byte_size INTEGER NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('text', 'html', 'pdf', 'docx')),
  encoding TEXT NOT NULL,
  title TEXT,
  published_at TEXT,
  site_name TEXT,
  canonical_url TEXT,
  author TEXT,
  text TEXT NOT NULL,
  raw BLOB NOT NULL,
  structure TEXT,
  ingested_at TEXT NOT NULL,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  rules_version TEXT NOT NULL,
  extracted_at TEXT NOT NULL
);
CREATE INDEX documents_published_at ON documents(published_at);

CREATE TABLE blocks (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  type TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  page INTEGER,
  x REAL,
  y REAL,
  headers TEXT,
  source_start INTEGER,
  source_end INTEGER,
  PRIMARY KEY (document_id, ord)
) WITHOUT ROWID;

CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  sentence TEXT NOT NULL,
  sentence_start INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL,
  evidence TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  value_text TEXT NOT NULL,
  value_start INTEGER NOT NULL,
  value_end INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  indicator_start INTEGER,
  indicator_end INTEGER,
  kind TEXT NOT NULL CHECK (kind IN ('target', 'actual', 'attainment', 'comparison')),
  value REAL NOT NULL,
  value_max REAL,
  unit TEXT NOT NULL,
  qualifier TEXT CHECK (qualifier IN ('>=', '>', '<=', '<', '~')),
  per TEXT CHECK (per IN ('year')),
  period TEXT NOT NULL,
  basis TEXT,
  estimated INTEGER NOT NULL CHECK (estimated IN (0, 1)),
  rule TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  confidence REAL NOT NULL,
  page INTEGER
);
CREATE INDEX mentions_document ON mentions(document_id, sentence_start);
CREATE INDEX mentions_kind_period ON mentions(kind, period);
CREATE INDEX mentions_indicator ON mentions(indicator);
CREATE INDEX mentions_rule ON mentions(rule);

CREATE TABLE ingest_errors (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  source TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX ingest_errors_run ON ingest_errors(run_id);
CREATE INDEX ingest_errors_source ON ingest_errors(source);

CREATE VIEW mention_records AS
SELECT m.id AS mention_id, d.source AS doc, d.name AS doc_name, d.title, d.published_at, d.site_name,
       d.canonical_url, d.author, m.page, m.sentence, m.sentence_start, m.sentence_end,
       m.evidence, m.span_start, m.span_end, m.value_text, m.value_start, m.value_end,
       m.indicator, m.indicator_start, m.indicator_end, m.kind, m.value, m.value_max, m.unit,
       m.qualifier, m.per, m.period, m.basis, m.estimated, m.rule, m.rules_version, m.confidence,
       m.document_id
FROM mentions m JOIN documents d ON d.id = m.document_id;
`;

// Sentences are indexed with đ/Đ written d/D: unicode61 treats đ as a letter of its own, so
// remove_diacritics alone would not let "duong" find "đường".
export const SEARCH_FORM = (column: string) => `replace(replace(${column}, 'đ', 'd'), 'Đ', 'D')`;

// The fields a reviewer's correction can change; a corrected record holds all of them.
const CORRECTABLE = [
  "indicator", "indicator_id", "kind", "value", "value_max", "unit", "qualifier", "per", "period",
  "resolved_period", "place", "basis", "estimated", "value_base", "value_max_base", "base_unit",
];
// The id of the decision in force for mention m, written out where it is used (rather than joined
// as a view) so that a query for a few mentions looks up only their decisions.
const DECISION_IN_FORCE = `(
  SELECT x.id FROM review_decisions x
  WHERE x.document_id = m.document_id
    AND x.span_start = m.span_start AND x.span_end = m.span_end
    AND x.value_start = m.value_start AND x.value_end = m.value_end
    AND x.sentence_start = m.sentence_start AND x.sentence_end = m.sentence_end
    AND x.sentence = m.sentence
    AND x.action <> 'undo'
    AND NOT EXISTS (SELECT 1 FROM review_decisions u WHERE u.undoes = x.id)
  ORDER BY x.id DESC LIMIT 1
)`;
const effective = (field: string) => `CASE WHEN c.decision_id IS NULL THEN m.${field} ELSE c.${field} END AS ${field}`;

const V2_NORMALISATION_REVIEW_SEARCH = `
ALTER TABLE documents ADD COLUMN place TEXT;
ALTER TABLE mentions ADD COLUMN indicator_id TEXT;
ALTER TABLE mentions ADD COLUMN indicator_candidates TEXT;
ALTER TABLE mentions ADD COLUMN place TEXT;
ALTER TABLE mentions ADD COLUMN resolved_period TEXT;
ALTER TABLE mentions ADD COLUMN value_base REAL;
ALTER TABLE mentions ADD COLUMN value_max_base REAL;
ALTER TABLE mentions ADD COLUMN base_unit TEXT;
CREATE INDEX mentions_observation ON mentions(indicator_id, place, resolved_period, kind);
CREATE INDEX mentions_anchor ON mentions(document_id, span_start, span_end);

CREATE TABLE indicators (
  id TEXT PRIMARY KEY,
  label_vi TEXT NOT NULL,
  label_en TEXT NOT NULL,
  unit_class TEXT NOT NULL
);

CREATE TABLE indicator_mappings (
  surface TEXT PRIMARY KEY,
  indicator_id TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  decided_at TEXT NOT NULL
);

-- The index keeps its own copy of the (folded) sentences rather than being contentless, so that
-- SQLite versions before 3.43 (Python's and most systems' sqlite3) can open and search it too.
CREATE VIRTUAL TABLE sentence_search USING fts5(sentence, tokenize='unicode61 remove_diacritics 2');
INSERT INTO sentence_search(rowid, sentence) SELECT id, ${SEARCH_FORM("sentence")} FROM mentions;
CREATE TRIGGER mentions_search_insert AFTER INSERT ON mentions BEGIN
  INSERT INTO sentence_search(rowid, sentence) VALUES (new.id, ${SEARCH_FORM("new.sentence")});
END;
CREATE TRIGGER mentions_search_delete AFTER DELETE ON mentions BEGIN
  DELETE FROM sentence_search WHERE rowid = old.id;
END;
CREATE TRIGGER mentions_search_update AFTER UPDATE OF sentence ON mentions BEGIN
  DELETE FROM sentence_search WHERE rowid = old.id;
  INSERT INTO sentence_search(rowid, sentence) VALUES (new.id, ${SEARCH_FORM("new.sentence")});
END;

-- The audit trail. A decision is anchored by its document, sentence text and spans, never by a
-- mention id (mentions are replaced on every extraction): it applies to whichever mention has
-- exactly that anchor now, so it survives re-extraction only where the sentence and span are the same.
CREATE TABLE review_decisions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  sentence TEXT NOT NULL,
  sentence_start INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  value_start INTEGER NOT NULL,
  value_end INTEGER NOT NULL,
  mention_id INTEGER,
  reviewer TEXT NOT NULL CHECK (length(reviewer) > 0),
  decided_at TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'edit', 'undo')),
  reason TEXT,
  before TEXT NOT NULL CHECK (json_valid(before)),
  after TEXT NOT NULL CHECK (json_valid(after)),
  undoes INTEGER REFERENCES review_decisions(id),
  CHECK ((action = 'undo') = (undoes IS NOT NULL))
);
CREATE INDEX review_decisions_anchor ON review_decisions(document_id, span_start, span_end);
CREATE INDEX review_decisions_undoes ON review_decisions(undoes);
CREATE INDEX review_decisions_reviewer ON review_decisions(reviewer, decided_at);

-- A corrected record, kept beside the original mention (which is never changed).
CREATE TABLE review_corrections (
  decision_id INTEGER PRIMARY KEY REFERENCES review_decisions(id),
  indicator TEXT NOT NULL,
  indicator_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('target', 'actual', 'attainment', 'comparison')),
  value REAL NOT NULL,
  value_max REAL,
  unit TEXT NOT NULL,
  qualifier TEXT CHECK (qualifier IN ('>=', '>', '<=', '<', '~')),
  per TEXT CHECK (per IN ('year')),
  period TEXT NOT NULL,
  resolved_period TEXT,
  place TEXT,
  basis TEXT,
  estimated INTEGER NOT NULL CHECK (estimated IN (0, 1)),
  value_base REAL,
  value_max_base REAL,
  base_unit TEXT
);

CREATE TRIGGER review_decisions_no_update BEFORE UPDATE ON review_decisions BEGIN
  SELECT RAISE(ABORT, 'review_decisions is append-only');
END;
CREATE TRIGGER review_decisions_no_delete BEFORE DELETE ON review_decisions BEGIN
  SELECT RAISE(ABORT, 'review_decisions is append-only');
END;
CREATE TRIGGER review_corrections_no_update BEFORE UPDATE ON review_corrections BEGIN
  SELECT RAISE(ABORT, 'review_corrections is append-only');
END;
CREATE TRIGGER review_corrections_no_delete BEFORE DELETE ON review_corrections BEGIN
  SELECT RAISE(ABORT, 'review_corrections is append-only');
END;
CREATE TRIGGER review_corrections_edit_only BEFORE INSERT ON review_corrections
WHEN (SELECT action FROM review_decisions WHERE id = new.decision_id) IS NOT 'edit' BEGIN
  SELECT RAISE(ABORT, 'a correction belongs to an edit decision');
END;
CREATE TRIGGER review_decisions_undo_once BEFORE INSERT ON review_decisions
WHEN new.action = 'undo' AND (
  coalesce((SELECT action FROM review_decisions WHERE id = new.undoes), '') NOT IN ('accept', 'reject', 'edit')
  OR EXISTS (SELECT 1 FROM review_decisions WHERE undoes = new.undoes)
) BEGIN
  SELECT RAISE(ABORT, 'only a decision that is not yet undone can be undone');
END;

-- The decision in force for each mention: the latest one with its anchor that is not undone.
CREATE VIEW current_decisions AS
SELECT m.id AS mention_id, d.id AS decision_id, d.action, d.reviewer, d.decided_at, d.reason
FROM mentions m
JOIN review_decisions d ON d.id = ${DECISION_IN_FORCE};

DROP VIEW mention_records;
CREATE VIEW mention_records AS
SELECT m.id AS mention_id, d.source AS doc, d.name AS doc_name, d.title, d.published_at, d.site_name,
       d.canonical_url, d.author, m.page, m.sentence, m.sentence_start, m.sentence_end,
       m.evidence, m.span_start, m.span_end, m.value_text, m.value_start, m.value_end,
       m.indicator_start, m.indicator_end,
       ${CORRECTABLE.map(effective).join(",\n       ")},
       m.rule, m.rules_version, m.confidence,
       CASE cd.action WHEN 'accept' THEN 'accepted' WHEN 'reject' THEN 'rejected' WHEN 'edit' THEN 'corrected'
         ELSE 'unreviewed' END AS review_status,
       cd.reviewer, cd.decided_at AS reviewed_at,
       m.document_id
FROM mentions m
JOIN documents d ON d.id = m.document_id
LEFT JOIN review_decisions cd ON cd.id = ${DECISION_IN_FORCE}
LEFT JOIN review_corrections c ON c.decision_id = cd.id;

-- One row per observation (indicator × place × period × kind, in one unit) from the mentions not
-- rejected. Mapped mentions group by indicator id, unmapped ones by the indicator as written; the
-- unit (the base unit once normalised) keeps a count and a rate of one indicator apart. The value
-- shown is the one most documents state; conflict = 1 when the mentions state more than one.
CREATE VIEW observations AS
WITH m AS (
  SELECT r.*,
         json_array(r.indicator_id, CASE WHEN r.indicator_id IS NULL THEN r.indicator END, r.place,
                    coalesce(r.resolved_period, r.period), r.kind, coalesce(r.base_unit, r.unit)) AS obs_key,
         coalesce(r.value_base, r.value) AS cmp_value,
         coalesce(r.value_max_base, r.value_max) AS cmp_value_max
  FROM mention_records r
  WHERE r.review_status <> 'rejected'
),
variants AS (
  SELECT obs_key, count(*) AS n, count(DISTINCT document_id) AS n_docs, min(mention_id) AS rep_id
  FROM m GROUP BY obs_key, cmp_value, cmp_value_max
),
ranked AS (
  SELECT obs_key, rep_id, count(*) OVER (PARTITION BY obs_key) AS n_values,
         row_number() OVER (PARTITION BY obs_key ORDER BY n_docs DESC, n DESC, rep_id) AS rank_in_group
  FROM variants
),
groups AS (
  SELECT obs_key, count(*) AS n_mentions, count(DISTINCT document_id) AS n_documents,
         sum(review_status IN ('accepted', 'corrected')) AS n_accepted,
         min(published_at) AS first_published, max(published_at) AS last_published,
         group_concat(mention_id, ' ') AS mention_ids
  FROM m GROUP BY obs_key
)
SELECT rep.indicator_id,
       coalesce(i.label_vi, rep.indicator) AS indicator,
       i.label_en AS indicator_en,
       rep.place,
       coalesce(rep.resolved_period, rep.period) AS period,
       rep.kind, rep.value, rep.value_max, rep.unit, rep.value_base, rep.value_max_base, rep.base_unit,
       rep.qualifier, rep.per,
       g.n_mentions, g.n_documents, ranked.n_values, ranked.n_values > 1 AS conflict,
       CASE WHEN g.n_accepted = g.n_mentions THEN 'accepted' WHEN g.n_accepted = 0 THEN 'unreviewed'
         ELSE 'partial' END AS review_status,
       g.first_published, g.last_published, g.mention_ids
FROM ranked
JOIN groups g ON g.obs_key = ranked.obs_key
JOIN m rep ON rep.mention_id = ranked.rep_id
LEFT JOIN indicators i ON i.id = rep.indicator_id
WHERE ranked.rank_in_group = 1;
`;

// How far an approximate figure ("khoảng", "gần", "xấp xỉ": qualifier "~") may lie from another
// and still state the same thing, as a share of its value.
const APPROXIMATE_TOLERANCE = 0.05;
// Stands for an unbounded end of the interval a figure states ("trên 18.000": [18000, ∞)).
const UNBOUNDED = "1e308";

// Migration 3: what normalisation needs beyond migration 2. Mentions keep the rounding step of
// the value as written, so that figures are compared as the intervals their digits stand for
// ("1,2 triệu" = 1150000..1250000); the gazetteer gets a table; observations are keyed also by
// the yearly-rate flag and, for comparisons, the basis ("so với tháng trước" and "so với cùng kỳ"
// are two observations), and a conflict is a set of figures no one value fits; targets, actuals
// and attainments of one indicator, place and period are linked and checked against each other.
const V3_PLACES_LINKS = `
ALTER TABLE mentions ADD COLUMN value_step_base REAL;

CREATE TABLE places (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('country', 'province', 'district')),
  parent_id TEXT,
  valid_from TEXT,
  merged_into TEXT,
  merged_on TEXT
);

DROP VIEW observations;

-- Each mention not rejected, with the key of its observation and the interval its value stands
-- for: the value ± half its rounding step (a reviewer's correction is exact), widened for "~",
-- open-ended for "trên", "dưới"...; first_in_document marks one mention per document and
-- observation, so that documents are counted without joining.
CREATE VIEW observation_mentions AS
WITH r AS (
  SELECT r.*,
         json_array(r.indicator_id, CASE WHEN r.indicator_id IS NULL THEN r.indicator END, r.place,
                    coalesce(r.resolved_period, r.period), r.kind, coalesce(r.base_unit, r.unit), r.per,
                    CASE WHEN r.kind = 'comparison' THEN lower(trim(coalesce(r.basis, ''))) END) AS obs_key,
         coalesce(r.value_base, r.value) AS cmp_value,
         coalesce(r.value_max_base, r.value_max, r.value_base, r.value) AS cmp_top,
         CASE WHEN r.review_status = 'corrected' THEN 0 ELSE coalesce(mm.value_step_base, 0) / 2 END AS half_step
  FROM mention_records r
  JOIN mentions mm ON mm.id = r.mention_id
  WHERE r.review_status <> 'rejected'
)
SELECT r.*,
       CASE WHEN r.qualifier IN ('<', '<=') THEN -${UNBOUNDED}
            WHEN r.qualifier = '~' THEN r.cmp_value - max(r.half_step, abs(r.cmp_value) * ${APPROXIMATE_TOLERANCE})
            ELSE r.cmp_value - r.half_step END AS lo,
       CASE WHEN r.qualifier IN ('>', '>=') THEN ${UNBOUNDED}
            WHEN r.qualifier = '~' THEN r.cmp_top + max(r.half_step, abs(r.cmp_top) * ${APPROXIMATE_TOLERANCE})
            ELSE r.cmp_top + r.half_step END AS hi,
       row_number() OVER (PARTITION BY r.obs_key, r.document_id ORDER BY r.mention_id) = 1 AS first_in_document
FROM r;

-- One row per observation. The value shown is the one most documents state (then most mentions,
-- then the first stored), with the widest interval its mentions give it; conflict = 1 when no
-- single value lies in every mention's interval. Window functions rather than joins between
-- grouped rows, so a large store is grouped in a few sorts.
CREATE VIEW observation_groups AS
WITH variants AS (
  SELECT obs_key, cmp_value, cmp_top, count(*) AS n, count(DISTINCT document_id) AS n_docs,
         sum(first_in_document) AS new_documents, min(mention_id) AS rep_id,
         min(lo) AS lo, max(hi) AS hi, max(lo) AS tight_lo, min(hi) AS tight_hi,
         sum(review_status IN ('accepted', 'corrected')) AS n_accepted,
         min(published_at) AS first_published, max(published_at) AS last_published,
         group_concat(mention_id, ' ') AS ids,
         CASE WHEN cmp_value = CAST(cmp_value AS INTEGER) THEN CAST(cmp_value AS INTEGER) ELSE cmp_value END AS shown_value
  FROM observation_mentions GROUP BY obs_key, cmp_value, cmp_top
),
ranked AS (
  SELECT *,
         count(*) OVER whole AS n_values, sum(n) OVER whole AS n_mentions, sum(new_documents) OVER whole AS n_documents,
         sum(n_accepted) OVER whole AS n_group_accepted,
         max(tight_lo) OVER whole > min(tight_hi) OVER whole AS conflict,
         json_group_array(shown_value) OVER whole AS values_base,
         min(first_published) OVER whole AS group_first_published, max(last_published) OVER whole AS group_last_published,
         group_concat(ids, ' ') OVER whole AS mention_ids,
         row_number() OVER (PARTITION BY obs_key ORDER BY n_docs DESC, n DESC, rep_id) AS rank_in_group
  FROM variants
  -- Ordered by value over the whole group, so lists of values read the same whatever order documents came in.
  WINDOW whole AS (PARTITION BY obs_key ORDER BY cmp_value, cmp_top ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
SELECT ranked.obs_key AS observation_key, rep.indicator_id,
       coalesce(i.label_vi, rep.indicator) AS indicator,
       i.label_en AS indicator_en,
       rep.place, p.name AS place_name,
       coalesce(rep.resolved_period, rep.period) AS period,
       rep.kind, rep.value, rep.value_max, rep.unit, rep.value_base, rep.value_max_base, rep.base_unit,
       rep.qualifier, rep.per, rep.basis,
       ranked.n_mentions, ranked.n_documents, ranked.n_values, ranked.conflict, ranked.values_base,
       CASE WHEN ranked.n_group_accepted = ranked.n_mentions THEN 'accepted' WHEN ranked.n_group_accepted = 0 THEN 'unreviewed'
         ELSE 'partial' END AS review_status,
       ranked.group_first_published AS first_published, ranked.group_last_published AS last_published,
       ranked.mention_ids, ranked.lo, ranked.hi
FROM ranked
JOIN mention_records rep ON rep.mention_id = ranked.rep_id
LEFT JOIN indicators i ON i.id = rep.indicator_id
LEFT JOIN places p ON p.id = rep.place
WHERE ranked.rank_in_group = 1;

-- Each observation with the target, actual and attainment (percentage of plan) of its indicator,
-- place and period beside it: of each kind the one most documents state (an actual in the
-- target's unit first). implied_target is the target an attainment and its actual imply (15.000
-- at 103,5% → about 14.493); check = 'inconsistent' when no values within the rounding of the
-- three figures satisfy actual = target × attainment / 100 (NULL unless all three are stated).
CREATE VIEW observation_checks AS
WITH s1 AS (
  SELECT o.*,
         o.indicator_id IS NOT NULL AND (o.kind IN ('target', 'actual') OR (o.kind = 'attainment' AND o.base_unit = '%')) AS linkable
  FROM observation_groups o
),
s2 AS (
  SELECT *, max(CASE WHEN kind = 'target' AND rk = 1 THEN base_unit END) OVER link AS target_unit
  FROM (SELECT *, row_number() OVER (PARTITION BY linkable, indicator_id, place, period, kind
                                     ORDER BY n_documents DESC, n_mentions DESC, observation_key) AS rk FROM s1)
  WINDOW link AS (PARTITION BY linkable, indicator_id, place, period)
),
s3 AS (
  SELECT *, row_number() OVER (PARTITION BY linkable, indicator_id, place, period, kind
                               ORDER BY base_unit IS target_unit DESC, n_documents DESC, n_mentions DESC, observation_key) AS pick
  FROM s2
),
s4 AS (
  SELECT *,
         max(CASE WHEN kind = 'target' AND pick = 1 THEN observation_key END) OVER link AS target_key,
         max(CASE WHEN kind = 'target' AND pick = 1 THEN value_base END) OVER link AS target,
         max(CASE WHEN kind = 'target' AND pick = 1 THEN lo END) OVER link AS t_lo,
         max(CASE WHEN kind = 'target' AND pick = 1 THEN hi END) OVER link AS t_hi,
         max(CASE WHEN kind = 'target' AND pick = 1 THEN mention_ids END) OVER link AS target_mention_ids,
         max(CASE WHEN kind = 'actual' AND pick = 1 THEN observation_key END) OVER link AS actual_key,
         max(CASE WHEN kind = 'actual' AND pick = 1 THEN value_base END) OVER link AS actual,
         max(CASE WHEN kind = 'actual' AND pick = 1 THEN base_unit END) OVER link AS actual_unit,
         max(CASE WHEN kind = 'actual' AND pick = 1 THEN lo END) OVER link AS a_lo,
         max(CASE WHEN kind = 'actual' AND pick = 1 THEN hi END) OVER link AS a_hi,
         max(CASE WHEN kind = 'actual' AND pick = 1 THEN mention_ids END) OVER link AS actual_mention_ids,
         max(CASE WHEN kind = 'attainment' AND pick = 1 THEN observation_key END) OVER link AS attainment_key,
         max(CASE WHEN kind = 'attainment' AND pick = 1 THEN value_base END) OVER link AS attainment,
         max(CASE WHEN kind = 'attainment' AND pick = 1 THEN lo END) OVER link AS p_lo,
         max(CASE WHEN kind = 'attainment' AND pick = 1 THEN hi END) OVER link AS p_hi,
         max(CASE WHEN kind = 'attainment' AND pick = 1 THEN mention_ids END) OVER link AS attainment_mention_ids,
         max(pick = 1 AND conflict) OVER link AS any_conflict
  FROM s3
  WINDOW link AS (PARTITION BY linkable, indicator_id, place, period)
),
s5 AS (
  SELECT *,
         linkable AND pick = 1 AND (target IS NOT NULL) + (actual IS NOT NULL) + (attainment IS NOT NULL) >= 2 AS linked,
         CASE WHEN actual IS NOT NULL AND attainment > 0 AND (target IS NULL OR actual_unit IS target_unit)
              THEN actual * 100.0 / attainment END AS link_implied_target,
         CASE WHEN actual IS NOT NULL AND target > 0 AND actual_unit IS target_unit
              THEN actual * 100.0 / target END AS implied_attainment,
         CASE WHEN a_lo >= 0 AND p_hi > 0 THEN a_lo * 100.0 / p_hi END AS implied_lo,
         CASE WHEN p_lo > 0 AND a_hi < ${UNBOUNDED} THEN a_hi * 100.0 / p_lo ELSE ${UNBOUNDED} END AS implied_hi
  FROM s4
)
SELECT *,
       CASE WHEN NOT linked OR target IS NULL OR actual IS NULL OR attainment IS NULL OR actual_unit IS NOT target_unit THEN NULL
            WHEN max(t_lo, coalesce(implied_lo, -${UNBOUNDED})) <= min(t_hi, implied_hi) THEN 'consistent'
            ELSE 'inconsistent' END AS link_check
FROM s5;

-- One row per linked indicator, place and period (two of target, actual, attainment stated).
CREATE VIEW observation_links AS
SELECT indicator_id, indicator, indicator_en, place, place_name, period,
       coalesce(target_unit, actual_unit) AS base_unit,
       target, actual, attainment, link_implied_target AS implied_target, implied_attainment,
       link_check AS "check", any_conflict AS conflict,
       target_key, actual_key, attainment_key,
       target_mention_ids, actual_mention_ids, attainment_mention_ids
FROM observation_checks
WHERE linked AND observation_key = coalesce(target_key, actual_key, attainment_key);

CREATE VIEW observations AS
SELECT observation_key, indicator_id, indicator, indicator_en, place, place_name, period, kind, value, value_max, unit,
       value_base, value_max_base, base_unit, qualifier, per, basis, n_mentions, n_documents, n_values, conflict,
       values_base, review_status, first_published, last_published, mention_ids, lo, hi,
       CASE WHEN linked THEN link_check END AS link_check,
       CASE WHEN linked THEN link_implied_target END AS implied_target
FROM observation_checks;
`;

// The crawler's memory, so a nightly crawl is incremental and a killed one resumes: the frontier
// (every URL met, with what became of it), the last response of each URL (raw bytes and headers,
// for conditional requests and offline replay), the boilerplate learnt per host, the lock that
// keeps two crawls of one store apart, and the report of each run.
const V4_CRAWL = `
ALTER TABLE runs ADD COLUMN report TEXT CHECK (report IS NULL OR json_valid(report));

-- One pass over the sources. A run killed mid-round leaves it open, and the next run finishes it.
CREATE TABLE crawl_rounds (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT
);

CREATE TABLE crawl_urls (
  url TEXT PRIMARY KEY,
  site TEXT NOT NULL,
  host TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('feed', 'sitemap', 'listing', 'page', 'article')),
  depth INTEGER NOT NULL DEFAULT 0,
  page_no INTEGER NOT NULL DEFAULT 1,
  found_on TEXT,
  found_at TEXT NOT NULL,
  dated TEXT,
  state TEXT NOT NULL CHECK (state IN ('queued', 'fetched', 'done')),
  round INTEGER REFERENCES crawl_rounds(id),
  fetched_at TEXT,
  fetches INTEGER NOT NULL DEFAULT 0,
  outcome TEXT,
  reason TEXT,
  retry INTEGER NOT NULL DEFAULT 0 CHECK (retry IN (0, 1)),
  document TEXT,
  duplicate_of TEXT,
  boilerplate_version INTEGER NOT NULL DEFAULT 0,
  blocks TEXT
);
CREATE INDEX crawl_urls_state ON crawl_urls(state, site);
CREATE INDEX crawl_urls_host ON crawl_urls(host, boilerplate_version);

CREATE TABLE crawl_responses (
  url TEXT PRIMARY KEY REFERENCES crawl_urls(url),
  run_id INTEGER NOT NULL REFERENCES runs(id),
  fetched_at TEXT NOT NULL,
  status INTEGER NOT NULL,
  final_url TEXT NOT NULL,
  headers TEXT NOT NULL CHECK (json_valid(headers)),
  etag TEXT,
  last_modified TEXT,
  content_type TEXT,
  charset TEXT,
  sha256 TEXT NOT NULL,
  body BLOB NOT NULL
);
CREATE INDEX crawl_responses_sha256 ON crawl_responses(sha256);

CREATE TABLE crawl_boilerplate (
  host TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  pages INTEGER NOT NULL,
  sample TEXT NOT NULL,
  learnt_version INTEGER,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  PRIMARY KEY (host, fingerprint)
) WITHOUT ROWID;

CREATE TABLE crawl_lock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  run_id INTEGER NOT NULL REFERENCES runs(id),
  pid INTEGER NOT NULL,
  hostname TEXT NOT NULL,
  started_at TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL
);
`;

// Indexing sentences one mention at a time (a trigger) cost more than all the other writes of a
// document together; the store now indexes each transaction's new mentions in one statement
// (SqliteStore.indexNewMentions). Deletions and sentence updates keep their triggers.
const V5_BULK_SEARCH_INDEX = `
DROP TRIGGER mentions_search_insert;
`;

// A re-run skips, unread, a file whose size and modification time are those stored: reading and
// hashing every file was most of a re-run. Null when unknown (a URL, standard input, a file too recent
// for its time to tell a later write).
const V6_FILE_TIME = `
ALTER TABLE documents ADD COLUMN file_mtime_ns INTEGER;
`;

/**
 * Indexes of mentions that a load into a store without mentions builds once at its end (a sort each) rather
 * than row by row, as the migrations create them. mentions_document stays: replacing a document's mentions
 * finds them by it.
 */
export const BULK_LOAD_INDEXES: Readonly<Record<string, string>> = {
  mentions_kind_period: "CREATE INDEX mentions_kind_period ON mentions(kind, period)",
  mentions_indicator: "CREATE INDEX mentions_indicator ON mentions(indicator)",
  mentions_rule: "CREATE INDEX mentions_rule ON mentions(rule)",
  mentions_observation: "CREATE INDEX mentions_observation ON mentions(indicator_id, place, resolved_period, kind)",
  mentions_anchor: "CREATE INDEX mentions_anchor ON mentions(document_id, span_start, span_end)",
};

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: "documents, blocks, mentions, runs, ingest errors", sql: V1_CORE },
  {
    version: 2,
    description: "normalisation columns, indicator taxonomy and mappings, sentence search, review audit trail, observations",
    sql: V2_NORMALISATION_REVIEW_SEARCH,
  },
  { version: 3, description: "normalisation: places, value rounding steps, observation links", sql: V3_PLACES_LINKS },
  { version: 4, description: "crawl: frontier, responses, learnt boilerplate, lock, run reports", sql: V4_CRAWL },
  { version: 5, description: "sentence search index filled per transaction, not per mention", sql: V5_BULK_SEARCH_INDEX },
  { version: 6, description: "re-runs: the source file's modification time", sql: V6_FILE_TIME },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
