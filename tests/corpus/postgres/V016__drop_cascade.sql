-- Comments move to a generic table; the old one and what depends on it go.
CREATE TABLE comments (
    id bigserial PRIMARY KEY,
    subject_type varchar(32) NOT NULL,
    subject_id bigint NOT NULL,
    author_id bigint REFERENCES users (id) ON DELETE SET NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_subject_idx ON comments (subject_type, subject_id);
INSERT INTO comments (subject_type, subject_id, author_id, body, created_at)
    SELECT 'task', task_id, author_id, body, created_at FROM task_comments;
CREATE TABLE comment_reactions (
    comment_id bigint NOT NULL REFERENCES task_comments (id),
    user_id bigint NOT NULL REFERENCES users (id),
    emoji varchar(16) NOT NULL,
    PRIMARY KEY (comment_id, user_id, emoji)
);
DROP TABLE task_comments CASCADE;
ALTER TABLE comment_reactions ADD CONSTRAINT comment_reactions_comment_id_fkey
    FOREIGN KEY (comment_id) REFERENCES comments (id) ON DELETE CASCADE;
DROP VIEW open_tasks;
DROP INDEX tasks_due_on_idx, tasks_created_brin;
