-- name: GetAccount :one
SELECT * FROM accounts WHERE person_id = $1;

-- name: InsertAccount :exec
INSERT INTO accounts (person_id, password_hash, must_change, disabled, activation_hash,
    activation_expires, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);

-- name: SetPassword :exec
UPDATE accounts SET password_hash = $2, must_change = $3, failed_logins = 0, locked_until = 0,
    activation_hash = '', activation_expires = 0, updated_at = $4
WHERE person_id = $1;

-- name: SetActivation :exec
UPDATE accounts SET activation_hash = $2, activation_expires = $3, must_change = TRUE, updated_at = $4
WHERE person_id = $1;

-- name: FindActivation :one
SELECT person_id FROM accounts WHERE activation_hash = $1 AND activation_hash <> '';

-- name: RecordLoginFailure :exec
UPDATE accounts SET failed_logins = $2, locked_until = $3 WHERE person_id = $1;

-- name: RecordLoginSuccess :exec
UPDATE accounts SET failed_logins = 0, locked_until = 0 WHERE person_id = $1;

-- name: SetDisabled :exec
UPDATE accounts SET disabled = $2, updated_at = $3 WHERE person_id = $1;

-- name: Unlock :exec
UPDATE accounts SET failed_logins = 0, locked_until = 0, updated_at = $2 WHERE person_id = $1;

-- name: InsertSession :exec
INSERT INTO sessions (id_hash, person_id, created_at, last_seen_at, expires_at, ip, user_agent)
VALUES ($1, $2, $3, $4, $5, $6, $7);

-- name: TouchSession :exec
UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id_hash = $1;

-- name: ListSessions :many
SELECT * FROM sessions WHERE person_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC;

-- name: DeleteSession :exec
DELETE FROM sessions WHERE id_hash = $1;

-- name: DeletePersonSession :execrows
DELETE FROM sessions WHERE person_id = $1 AND id_hash = $2;

-- name: DeletePersonSessions :exec
DELETE FROM sessions WHERE person_id = $1;

-- name: DeleteExpiredSessions :execrows
DELETE FROM sessions WHERE expires_at <= $1;

-- name: InsertToken :exec
INSERT INTO api_tokens (id, person_id, name, token_hash, scopes, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7);

-- name: GetTokenByHash :one
SELECT * FROM api_tokens WHERE token_hash = $1;

-- name: GetToken :one
SELECT * FROM api_tokens WHERE id = $1;

-- name: TouchToken :exec
UPDATE api_tokens SET last_used_at = $2 WHERE id = $1;

-- name: ListTokens :many
SELECT * FROM api_tokens WHERE person_id = $1 ORDER BY created_at DESC;

-- name: RevokeToken :exec
UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at = 0;

-- name: RevokePersonTokens :exec
UPDATE api_tokens SET revoked_at = $2 WHERE person_id = $1 AND revoked_at = 0;

-- name: ListAccounts :many
SELECT p.id, p.employee_no, p.name, p.status, a.disabled, a.must_change, a.locked_until
FROM people p JOIN accounts a ON a.person_id = p.id
ORDER BY p.employee_no;

-- name: GetActor :one
SELECT * FROM actors WHERE id = $1;

-- name: GetSessionActor :one
-- A session with who it acts as, in one read.
SELECT s.expires_at, s.last_seen_at, sqlc.embed(a)
FROM sessions s JOIN actors a ON a.id = s.person_id
WHERE s.id_hash = $1;
