-- Room booking for the office plan: ranges, exclusion constraints, domains and sequences.
CREATE DOMAIN email_address AS text CHECK (VALUE ~ '^[^@]+@[^@]+$');
CREATE SEQUENCE booking_number_seq START WITH 1000 INCREMENT BY 1;
CREATE TABLE rooms (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name varchar(100) NOT NULL,
    capacity smallint NOT NULL CHECK (capacity > 0),
    floor smallint,
    equipment text[] NOT NULL DEFAULT ARRAY[]::text[],
    UNIQUE (account_id, name)
);
CREATE TABLE bookings (
    id bigint PRIMARY KEY DEFAULT nextval('booking_number_seq'),
    room_id integer NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    booked_by bigint REFERENCES users (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    contact email_address,
    during tstzrange NOT NULL,
    title varchar(200) NOT NULL DEFAULT 'Meeting',
    attendees integer[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    EXCLUDE USING gist (during WITH &&)
);
ALTER SEQUENCE booking_number_seq OWNED BY bookings.id;
CREATE INDEX bookings_room_idx ON bookings (room_id);
CREATE INDEX bookings_during_idx ON bookings USING gist (during);
ALTER TABLE bookings ADD COLUMN cancelled_at timestamptz;
ALTER TABLE bookings ADD COLUMN cancel_reason text;
ALTER TABLE bookings ADD CONSTRAINT bookings_cancel_reason_check CHECK (cancelled_at IS NOT NULL OR cancel_reason IS NULL);
COMMENT ON COLUMN bookings.during IS 'half-open interval [start, end)';
ALTER TABLE rooms ADD COLUMN bookable boolean NOT NULL DEFAULT true;
ALTER TABLE rooms ALTER COLUMN floor TYPE integer;
ALTER TABLE rooms ALTER COLUMN floor SET DEFAULT 0;
ALTER TABLE rooms RENAME COLUMN equipment TO amenities;
CREATE TABLE room_closures (
    room_id integer NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    closed_on date NOT NULL,
    reason varchar(200),
    PRIMARY KEY (room_id, closed_on)
);
CREATE TABLE booking_reminders (
    booking_id bigint NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    minutes_before smallint NOT NULL,
    sent boolean NOT NULL DEFAULT false,
    UNIQUE (booking_id, minutes_before)
);
INSERT INTO rooms (account_id, name, capacity)
    SELECT id, 'Main room', 8 FROM accounts;
