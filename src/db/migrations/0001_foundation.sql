-- Leeway foundation schema: the whole domain of DOMAIN.md.
-- Conventions:
--   * money is bigint fen (分); rates are integer basis points.
--   * business dates are `date`; events are `timestamptz`.
--   * every row that belongs to one creditor carries creditor_id in its primary key, its
--     unique keys and its foreign keys, so the schema can be distributed by creditor later.
--   * personal data (ID numbers, phones, emails, addresses) is stored encrypted
--     (AES-256-GCM, *_enc), with a keyed hash for matching (*_hash) and a masked form for
--     display (*_mask); plaintext never lands in a column.

CREATE TABLE regions (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('province', 'city', 'county')),
  parent_code text
);

CREATE TABLE teams (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE creditors (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code       text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9_]{2,32}$'),
  name       text NOT NULL,
  column_mapping jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A contract is versioned: earlier versions stay and apply to what happened under them.
CREATE TABLE contracts (
  creditor_id    bigint NOT NULL REFERENCES creditors (id),
  version        integer NOT NULL CHECK (version > 0),
  name           text NOT NULL,
  pack           text NOT NULL CHECK (pack IN ('CN', 'US', 'UK')),
  effective_from date NOT NULL,
  placement_days integer NOT NULL DEFAULT 180 CHECK (placement_days > 0),
  -- commission schedule as data, e.g. [{"bucket_from": "M1", "rate_bp": 1500}, ...]
  commission     jsonb NOT NULL DEFAULT '[]',
  -- waiver authority, compliance parameter overrides (tighten only), grace days, ...
  terms          jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creditor_id, version)
);

-- Territory (片区): creditor x region code prefix -> team.
CREATE TABLE territories (
  creditor_id   bigint NOT NULL REFERENCES creditors (id),
  region_prefix text NOT NULL CHECK (region_prefix ~ '^[0-9]{2,6}$'),
  team_id       bigint NOT NULL REFERENCES teams (id),
  PRIMARY KEY (creditor_id, region_prefix)
);

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{2,64}$'),
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'supervisor', 'collector', 'creditor_user')),
  team_id       bigint REFERENCES teams (id),
  creditor_id   bigint REFERENCES creditors (id),
  locale        text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'creditor_user' OR creditor_id IS NOT NULL),
  CHECK (role NOT IN ('collector', 'supervisor') OR team_id IS NOT NULL)
);

-- Server-side sessions: the cookie holds a random token, the table its SHA-256.
CREATE TABLE sessions (
  token_hash   bytea PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_attempts (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username  text NOT NULL,
  ip        text NOT NULL,
  at        timestamptz NOT NULL DEFAULT now(),
  succeeded boolean NOT NULL
);
CREATE INDEX login_attempts_recent ON login_attempts (username, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- A debtor is a person; they may owe on accounts of several creditors.
CREATE TABLE debtors (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name           text NOT NULL,
  id_number_enc  bytea,
  id_number_hash bytea UNIQUE,
  id_number_mask text,
  birth_date     date,
  region_code    text,
  region_source  text CHECK (region_source IN ('code', 'address', 'id_number', 'manual')),
  time_zone      text NOT NULL DEFAULT 'Asia/Shanghai',
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contact_points (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  debtor_id        bigint NOT NULL REFERENCES debtors (id),
  kind             text NOT NULL CHECK (kind IN ('phone', 'address', 'email')),
  value_enc        bytea NOT NULL,
  value_hash       bytea NOT NULL,
  value_mask       text NOT NULL,
  owner            text NOT NULL CHECK (owner IN ('debtor', 'third_party')),
  third_party_name text,
  relation         text,
  source           text NOT NULL,            -- placement file, skip-trace vendor, debtor, collector
  provenance       jsonb NOT NULL DEFAULT '{}',
  verified         text NOT NULL DEFAULT 'unverified' CHECK (verified IN ('unverified', 'verified', 'invalid')),
  opted_out        text[] NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (owner = 'debtor' OR third_party_name IS NOT NULL),
  UNIQUE (debtor_id, kind, value_hash)
);

CREATE TABLE placements (
  creditor_id bigint NOT NULL REFERENCES creditors (id),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  batch_ref   text NOT NULL,
  placed_on   date NOT NULL,
  ends_on     date NOT NULL,
  file_sha256 text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creditor_id, id),
  UNIQUE (creditor_id, batch_ref)
);

CREATE TABLE accounts (
  creditor_id            bigint NOT NULL REFERENCES creditors (id),
  id                     bigint GENERATED ALWAYS AS IDENTITY,
  account_no             text NOT NULL,
  account_no_mask        text NOT NULL,
  debtor_id              bigint NOT NULL REFERENCES debtors (id),
  placement_id           bigint NOT NULL,
  product                text NOT NULL DEFAULT 'credit_card',
  principal_fen          bigint NOT NULL DEFAULT 0 CHECK (principal_fen >= 0),
  interest_fen           bigint NOT NULL DEFAULT 0 CHECK (interest_fen >= 0),
  fees_fen               bigint NOT NULL DEFAULT 0 CHECK (fees_fen >= 0),
  first_delinquency_date date NOT NULL,
  region_code            text,
  status                 text NOT NULL DEFAULT 'active' CHECK (status IN
    ('placed', 'active', 'promised', 'in_plan', 'on_hold', 'lost_contact', 'paid', 'settled', 'recalled', 'closed')),
  version                integer NOT NULL DEFAULT 1,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creditor_id, id),
  UNIQUE (creditor_id, account_no),
  FOREIGN KEY (creditor_id, placement_id) REFERENCES placements (creditor_id, id)
);
CREATE INDEX accounts_debtor ON accounts (debtor_id);
CREATE UNIQUE INDEX accounts_id ON accounts (id);

-- 分案 history: the open row (ended_at IS NULL) is the current owner.
CREATE TABLE assignments (
  creditor_id  bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  account_id   bigint NOT NULL,
  collector_id bigint NOT NULL REFERENCES users (id),
  team_id      bigint NOT NULL REFERENCES teams (id),
  assigned_at  timestamptz NOT NULL DEFAULT now(),
  ended_at     timestamptz,
  reason       text NOT NULL,
  assigned_by  bigint REFERENCES users (id),
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);
CREATE UNIQUE INDEX assignments_current ON assignments (creditor_id, account_id) WHERE ended_at IS NULL;
CREATE INDEX assignments_collector ON assignments (collector_id) WHERE ended_at IS NULL;

-- 催记: one try by one channel.
CREATE TABLE contact_attempts (
  creditor_id      bigint NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  account_id       bigint NOT NULL,
  debtor_id        bigint NOT NULL REFERENCES debtors (id),
  contact_point_id bigint REFERENCES contact_points (id),
  channel          text NOT NULL CHECK (channel IN ('call', 'sms', 'email', 'letter', 'visit')),
  party            text NOT NULL CHECK (party IN ('debtor', 'third_party')),
  purpose          text NOT NULL CHECK (purpose IN ('collect', 'location', 'notice')),
  outcome          text NOT NULL,
  initiated_by     text NOT NULL DEFAULT 'agency' CHECK (initiated_by IN ('agency', 'debtor')),
  at               timestamptz NOT NULL,
  collector_id     bigint REFERENCES users (id),
  note             text,
  recording_ref    text,
  decision         jsonb,                     -- the compliance decision that allowed it
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);
CREATE INDEX contact_attempts_debtor ON contact_attempts (debtor_id, at);

-- 承诺还款
CREATE TABLE promises (
  creditor_id bigint NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  account_id  bigint NOT NULL,
  amount_fen  bigint NOT NULL CHECK (amount_fen > 0),
  due_date    date NOT NULL,
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'partially_kept', 'broken', 'cancelled')),
  taken_by    bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);

-- 停催/缓催 on one account or on a debtor (all their accounts).
CREATE TABLE holds (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  debtor_id   bigint NOT NULL REFERENCES debtors (id),
  creditor_id bigint,
  account_id  bigint,
  kind        text NOT NULL CHECK (kind IN ('dispute', 'cease', 'deceased', 'bankrupt', 'attorney', 'capacity',
                'complaint_review', 'hardship_review', 'breathing_space', 'mental_health_crisis', 'plan_pending')),
  reason      text NOT NULL,
  set_by      bigint REFERENCES users (id),
  set_at      timestamptz NOT NULL DEFAULT now(),
  ends_on     date,
  released_at timestamptz,
  released_by bigint REFERENCES users (id),
  CHECK ((account_id IS NULL) = (creditor_id IS NULL)),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);
CREATE INDEX holds_open ON holds (debtor_id) WHERE released_at IS NULL;

-- 区域停催: inclusive local dates; to_date NULL = open-ended.
CREATE TABLE suspensions (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  scope      text NOT NULL CHECK (scope IN ('region', 'creditor', 'account')),
  code       text NOT NULL,
  from_date  date NOT NULL,
  to_date    date,
  reason     text NOT NULL,
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_at   timestamptz,
  CHECK (to_date IS NULL OR to_date >= from_date)
);

CREATE TABLE import_batches (
  creditor_id bigint NOT NULL REFERENCES creditors (id),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  kind        text NOT NULL CHECK (kind IN ('placements', 'payments', 'recalls')),
  file_name   text NOT NULL,
  file_sha256 text NOT NULL,
  status      text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  summary     jsonb NOT NULL DEFAULT '{}',
  created_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creditor_id, id)
);

-- 还款: money the debtor paid, usually to the bank, reported in a file.
CREATE TABLE payments (
  creditor_id bigint NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  account_id  bigint NOT NULL,
  txn_id      text NOT NULL,
  amount_fen  bigint NOT NULL,
  paid_on     date NOT NULL,
  batch_id    bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creditor_id, id),
  UNIQUE (creditor_id, txn_id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);

-- 停息挂账 / 个性化分期 applications, decided by the creditor.
CREATE TABLE hardship_applications (
  creditor_id      bigint NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  account_id       bigint NOT NULL,
  reason           text NOT NULL CHECK (reason IN ('unemployment', 'illness', 'disaster', 'business_failure', 'income_drop', 'other')),
  debtor_statement text NOT NULL,
  monthly_income_fen   bigint,
  monthly_essentials_fen bigint,
  requested_plan   jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'submitted' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'withdrawn')),
  decision_due_on  date,
  decided_by       bigint REFERENCES users (id),
  decided_at       timestamptz,
  decision_note    text,
  created_by       bigint REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);

-- 分期还款计划 and its dated instalments.
CREATE TABLE instalment_plans (
  creditor_id    bigint NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  account_id     bigint NOT NULL,
  application_id bigint,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'defaulted', 'cancelled')),
  total_fen      bigint NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);
CREATE TABLE plan_instalments (
  creditor_id bigint NOT NULL,
  plan_id     bigint NOT NULL,
  n           integer NOT NULL CHECK (n > 0),
  due_date    date NOT NULL,
  amount_fen  bigint NOT NULL,
  paid_fen    bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (creditor_id, plan_id, n),
  FOREIGN KEY (creditor_id, plan_id) REFERENCES instalment_plans (creditor_id, id)
);

-- 减免: waivers and settlements within the contract's authority, approved.
CREATE TABLE waivers (
  creditor_id bigint NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  account_id  bigint NOT NULL,
  interest_fen bigint NOT NULL DEFAULT 0,
  fees_fen     bigint NOT NULL DEFAULT 0,
  principal_fen bigint NOT NULL DEFAULT 0,
  status      text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'rejected', 'paid', 'lapsed')),
  requested_by bigint REFERENCES users (id),
  decided_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);

-- 投诉 and disputes, linked to the contact, recording and collector.
CREATE TABLE complaints (
  creditor_id        bigint NOT NULL,
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  account_id         bigint NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('complaint', 'dispute')),
  channel            text NOT NULL,
  description        text NOT NULL,
  contact_attempt_id bigint,
  collector_id       bigint REFERENCES users (id),
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'investigating', 'upheld', 'rejected', 'resolved')),
  created_at         timestamptz NOT NULL DEFAULT now(),
  resolved_at        timestamptz,
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);

-- The local outbox: the default channel adapter. Nothing leaves the machine unless configured.
CREATE TABLE outbox (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  creditor_id bigint,
  account_id  bigint,
  channel     text NOT NULL CHECK (channel IN ('sms', 'email', 'letter')),
  to_enc      bytea NOT NULL,
  to_mask     text NOT NULL,
  body        text NOT NULL,
  decision    jsonb NOT NULL,
  status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'cancelled')),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Append-only audit log, hash-chained. Rows are written by the application in the same
-- transaction as the change; the trigger below assigns the order and the chain, and no row
-- may ever be updated or deleted.
CREATE TABLE audit_log (
  id            bigint PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor_user_id bigint,
  actor         text NOT NULL,              -- username, 'cli', 'system'
  action        text NOT NULL,              -- e.g. creditor.create, pii.reveal, user.login
  entity        text NOT NULL,
  entity_id     text,
  creditor_id   bigint,
  detail        jsonb NOT NULL DEFAULT '{}',
  prev_hash     bytea NOT NULL,
  hash          bytea NOT NULL
);
CREATE SEQUENCE audit_log_id_seq;

CREATE FUNCTION audit_digest(a audit_log) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(a.prev_hash || convert_to(concat_ws(E'\x1f',
    a.id::text, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(a.actor_user_id::text, ''), a.actor, a.action, a.entity, coalesce(a.entity_id, ''),
    coalesce(a.creditor_id::text, ''), a.detail::text), 'UTF8'))
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_hash bytea;
BEGIN
  -- One writer at a time until commit, so ids and the chain follow commit order.
  PERFORM pg_advisory_xact_lock(7423001);
  SELECT hash INTO last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
  NEW.id := nextval('audit_log_id_seq');
  NEW.at := date_trunc('milliseconds', clock_timestamp());
  NEW.prev_hash := coalesce(last_hash, '\x00'::bytea);
  NEW.hash := audit_digest(NEW);
  RETURN NEW;
END $$;

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
