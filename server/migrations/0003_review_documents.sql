-- A review's own documents that nothing is derived from (the Salford case discussion; the
-- findings and recommendations). Kept apart from the settings, so that saving one does not merge
-- the chronology again. One row per review and document, replaced by each save; who saved it and
-- when are kept with it (the audit trail keeps every request).
CREATE TABLE review_documents (
  review_id  TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  name       TEXT NOT NULL CHECK (name IN ('salford', 'findings')),
  body       TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (review_id, name)
);
