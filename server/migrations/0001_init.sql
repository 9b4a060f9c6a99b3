-- The review workspace: people, reviews and their members, the agency files as received, the
-- review's own settings, cause-analysis versions and the audit trail. Forward only; the number
-- of the last file applied is PRAGMA user_version.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  password_hash TEXT,                       -- scrypt$N$r$p$salt$hash; NULL until a password is set
  is_admin      INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL
);

-- Secrets are stored only as SHA-256 hashes: a copy of the database signs no one in.
CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  last_used_at TEXT
);

CREATE TABLE signin_links (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT
);

CREATE TABLE reviews (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  terms      TEXT NOT NULL,                 -- JSON: terms of reference
  settings   TEXT NOT NULL DEFAULT '{}',    -- JSON: analysis rules, episodes, tags, link rules
  revision   INTEGER NOT NULL DEFAULT 1,    -- bumped by every change that alters derived data
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE members (
  review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role      TEXT NOT NULL CHECK (role IN ('author', 'investigator', 'viewer')),
  PRIMARY KEY (review_id, user_id)
);

-- Agency files byte for byte, addressed by their SHA-256: the same bytes are kept once.
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  size   INTEGER NOT NULL,
  bytes  BLOB NOT NULL
);

CREATE TABLE agency_files (
  id          TEXT PRIMARY KEY,
  review_id   TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  sha256      TEXT NOT NULL REFERENCES blobs(sha256),
  agency      TEXT,
  profile     TEXT,                         -- JSON: this file's own profile (column mapping, date order…)
  position    INTEGER NOT NULL,
  uploaded_by INTEGER NOT NULL REFERENCES users(id),
  uploaded_at TEXT NOT NULL,
  UNIQUE (review_id, name)
);

CREATE TABLE rca_graphs (
  id         TEXT PRIMARY KEY,
  review_id  TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  title      TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Every save of a cause analysis is kept: history, restore, and the analysis of any version.
CREATE TABLE rca_versions (
  graph_id   TEXT NOT NULL REFERENCES rca_graphs(id) ON DELETE CASCADE,
  version    INTEGER NOT NULL,
  format     TEXT NOT NULL CHECK (format IN ('whys', 'fishbone-csv', 'json')),
  source     TEXT NOT NULL,
  note       TEXT,
  author     INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (graph_id, version)
);

-- Who read or changed what, when, from where: no names, bodies or query strings.
CREATE TABLE audit (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  user_id    INTEGER,
  review_id  TEXT,
  method     TEXT NOT NULL,
  route      TEXT NOT NULL,
  status     INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  ip         TEXT NOT NULL
);
CREATE INDEX audit_review ON audit(review_id, id);

-- The audit trail is append-only, in the database itself and not only in the API.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
