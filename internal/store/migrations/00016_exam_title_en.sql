-- +goose Up
-- An exam's title in English, shown on English pages ('' falls back to
-- the Chinese title). Exams made from the curriculum carried it in their
-- description until now; it moves here.
ALTER TABLE exams ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
UPDATE exams SET title_en = description, description = ''
WHERE id IN (SELECT exam_id FROM curriculum_exams);

-- +goose Down
UPDATE exams SET description = title_en WHERE id IN (SELECT exam_id FROM curriculum_exams);
ALTER TABLE exams DROP COLUMN title_en;
