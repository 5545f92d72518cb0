CREATE SCHEMA IF NOT EXISTS billing;
SET search_path TO billing, public;

CREATE TABLE invoices (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id bigint NOT NULL REFERENCES public.accounts (id),
    number varchar(32) NOT NULL,
    currency char(3) NOT NULL DEFAULT 'USD',
    subtotal_cents bigint NOT NULL,
    tax_cents bigint NOT NULL DEFAULT 0,
    total_cents bigint GENERATED ALWAYS AS (subtotal_cents + tax_cents) STORED,
    issued_on date NOT NULL,
    paid_at timestamptz,
    CONSTRAINT invoices_number_key UNIQUE (number)
);

CREATE TABLE invoice_lines (
    id bigserial PRIMARY KEY,
    invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    description varchar(500) NOT NULL,
    quantity numeric(12,3) NOT NULL DEFAULT 1,
    unit_price_cents bigint NOT NULL,
    line_total_cents numeric GENERATED ALWAYS AS (quantity * unit_price_cents) STORED
);

CREATE INDEX invoices_account_issued_idx ON invoices (account_id, issued_on DESC);
CREATE INDEX ON invoice_lines (invoice_id);
COMMENT ON TABLE invoices IS 'Issued invoices; totals are generated';
RESET search_path;
