-- +goose Up
-- Who a session or API token acts as, in one read: the person, their
-- account flags and their roles (comma-separated, sorted).
CREATE VIEW actors AS
SELECT p.id, p.name, p.locale, p.photo_file_id, p.status, a.disabled, a.must_change,
       CAST(COALESCE((SELECT string_agg(r.role, ',' ORDER BY r.role) FROM person_roles r WHERE r.person_id = p.id), '') AS TEXT) AS roles
FROM people p JOIN accounts a ON a.person_id = p.id;

-- +goose Down
SELECT 1;
