CREATE TYPE notification_channel AS ENUM ('email', 'push', 'sms');
CREATE TABLE notifications (
    id bigint GENERATED ALWAYS AS IDENTITY,
    user_id bigint NOT NULL,
    channel notification_channel NOT NULL DEFAULT 'email',
    subject varchar(200),
    body text NOT NULL,
    read_at timestamptz,
    sent_at timestamptz,
    attempts smallint DEFAULT 0 NOT NULL,
    created_at timestamptz DEFAULT now() NOT NULL
);
ALTER TABLE notifications ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);
ALTER TABLE notifications ADD CONSTRAINT notifications_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at) WHERE read_at IS NULL;
CREATE TABLE notification_preferences (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel notification_channel NOT NULL,
    enabled boolean NOT NULL DEFAULT true,
    quiet_hours int4range,
    UNIQUE (user_id, channel)
);
ALTER TYPE notification_channel ADD VALUE 'webhook';
