-- Initial schema of the SaaS app: tenants (accounts), their users, and plans.
SET lock_timeout = '5s';
SET statement_timeout = '60s';

CREATE TABLE plans (
    id smallserial PRIMARY KEY,
    code varchar(32) NOT NULL UNIQUE,
    name varchar(100) NOT NULL,
    monthly_price_cents integer NOT NULL DEFAULT 0 CHECK (monthly_price_cents >= 0),
    features jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
    id bigserial PRIMARY KEY,
    plan_id smallint REFERENCES plans (id),
    name varchar(200) NOT NULL,
    slug varchar(100) NOT NULL,
    billing_email text,
    trial_ends_at timestamp without time zone,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone,
    CONSTRAINT accounts_slug_format CHECK (slug ~ '^[a-z0-9-]+$')
);

CREATE UNIQUE INDEX accounts_slug_idx ON accounts (slug);

CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email text NOT NULL,
    full_name varchar(120),
    password_hash char(60),
    is_admin boolean NOT NULL DEFAULT false,
    last_login_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_check CHECK (position('@' in email) > 1)
);

CREATE UNIQUE INDEX users_account_email_idx ON users (account_id, lower(email));
CREATE INDEX ON users (account_id);

COMMENT ON TABLE accounts IS 'One customer organisation (tenant)';
COMMENT ON COLUMN accounts.slug IS 'URL-safe identifier, unique';
COMMENT ON COLUMN users.password_hash IS 'bcrypt';

INSERT INTO plans (code, name, monthly_price_cents) VALUES
    ('free', 'Free', 0),
    ('team', 'Team', 2900),
    ('business', 'Business', 9900);
