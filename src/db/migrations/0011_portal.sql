-- Debtor self-service portal and the agency's public site (docs/portal.md).

-- A personal link sent by SMS or letter: the token itself is never stored, only its SHA-256.
CREATE TABLE portal_links (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash  bytea NOT NULL UNIQUE,
  debtor_id   bigint NOT NULL REFERENCES debtors (id),
  account_id  bigint,
  created_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX portal_links_debtor ON portal_links (debtor_id);

-- A browser session opened by a link. debtor_id is NULL for a session opened with an unknown,
-- used or expired token: it behaves exactly like a real one until the check, which it always
-- fails, so the two cannot be told apart. verified_at is set once the check passed.
CREATE TABLE portal_sessions (
  token_hash      bytea PRIMARY KEY,
  debtor_id       bigint REFERENCES debtors (id),
  link_id         bigint REFERENCES portal_links (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  verified_at     timestamptz,
  verified_by     text CHECK (verified_by IN ('id_and_birth_date', 'sms_code')),
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_at       timestamptz,
  code_hash       bytea,
  code_expires_at timestamptz,
  codes_sent      integer NOT NULL DEFAULT 0
);

-- Every portal request that can be abused (open a link, answer the check, send a code), by a
-- keyed hash of the client address, for the per-address rate limit.
CREATE TABLE portal_attempts (
  client_hash bytea NOT NULL,
  kind        text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portal_attempts_recent ON portal_attempts (client_hash, kind, at);

-- What the debtor did in the portal, each with the reference number shown to them.
CREATE TABLE portal_actions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  reference   text NOT NULL UNIQUE,
  debtor_id   bigint NOT NULL REFERENCES debtors (id),
  creditor_id bigint,
  account_id  bigint,
  kind        text NOT NULL CHECK (kind IN ('promise', 'hardship', 'dispute', 'complaint', 'preferences')),
  summary     text NOT NULL,
  detail      jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portal_actions_debtor ON portal_actions (debtor_id, created_at);

-- The debtor's contact preferences: preferred hours (inside the pack's legal window) and the
-- adviser they asked us to contact instead. Channel opt-outs live on debtors.opted_out_channels
-- and "contact my adviser" as an `attorney` hold, where the compliance engine reads them.
CREATE TABLE debtor_contact_preferences (
  debtor_id       bigint PRIMARY KEY REFERENCES debtors (id),
  preferred_from  text CHECK (preferred_from ~ '^[0-2][0-9]:[0-5][0-9]$'),
  preferred_to    text CHECK (preferred_to ~ '^[0-2][0-9]:[0-5][0-9]$'),
  adviser_name    text,
  adviser_phone_enc  bytea,
  adviser_phone_mask text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- The public site: editable pages (home, services, contact) per language.
CREATE TABLE site_pages (
  key        text NOT NULL CHECK (key IN ('home', 'services', 'contact')),
  locale     text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
  title      text NOT NULL,
  body_md    text NOT NULL,
  fields     jsonb NOT NULL DEFAULT '{}',
  updated_by bigint REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, locale)
);

CREATE TABLE site_articles (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug         text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,80}$'),
  locale       text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
  category     text NOT NULL CHECK (category IN ('repayment-help', 'your-rights', 'hardship-plans')),
  title        text NOT NULL,
  summary      text NOT NULL DEFAULT '',
  body_md      text NOT NULL,
  published_at timestamptz,
  views        bigint NOT NULL DEFAULT 0,
  updated_by   bigint REFERENCES users (id),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (locale, slug)
);
CREATE INDEX site_articles_category ON site_articles (locale, category, published_at);

-- One view per visitor per article per day: a reload does not count again.
CREATE TABLE site_article_views (
  article_id   bigint NOT NULL REFERENCES site_articles (id),
  day          date NOT NULL,
  visitor_hash bytea NOT NULL,
  PRIMARY KEY (article_id, day, visitor_hash)
);
