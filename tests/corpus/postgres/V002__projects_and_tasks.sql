CREATE TYPE task_status AS ENUM ('todo', 'doing', 'done');

CREATE TABLE projects (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL,
    owner_id bigint,
    name varchar(200) NOT NULL,
    description text,
    archived boolean DEFAULT false,
    color char(7) DEFAULT '#000000',
    created_at timestamptz DEFAULT now(),
    UNIQUE (account_id, name),
    FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT projects_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE tasks (
    id bigserial,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    title varchar(300) NOT NULL,
    body text,
    status task_status NOT NULL DEFAULT 'todo',
    priority smallint NOT NULL DEFAULT 3,
    due_on date,
    estimate_hours numeric(6,2),
    labels text[] DEFAULT '{}',
    reminder_times timestamp[],
    watcher_ids int[],
    position double precision,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tasks_pkey PRIMARY KEY (id),
    CONSTRAINT tasks_priority_range CHECK (priority BETWEEN 1 AND 5)
);

CREATE INDEX tasks_project_status_idx ON tasks (project_id, status);
CREATE INDEX tasks_due_on_idx ON tasks (due_on) WHERE status <> 'done';
CREATE INDEX tasks_labels_gin ON tasks USING gin (labels);

CREATE TABLE task_comments (
    id bigserial PRIMARY KEY,
    task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    author_id bigint REFERENCES users (id),
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON task_comments (task_id, created_at DESC);
