-- Issue 14: erasure reaches every store. After she withdraws, what dispatch keeps of her closed
-- incidents for statistics names her no longer (service/WorkerErasureService): their worker id is
-- set to NULL, at once for closed ones and at the closing for one still unfinished (help goes on
-- while it is open). erased_worker keeps her id, as the guard against keeping anything fetched later.
-- The partial unique index incident_one_unfinished_per_worker (V6) leaves closed incidents out, and
-- NULLs never collide in a unique index anyway.
ALTER TABLE incident ALTER COLUMN worker_id DROP NOT NULL;

-- A button's warnings are shown by incident (or kept alone until retention); nothing reads them by
-- worker. Erasure sets their worker id to NULL at once, open incident or not.
ALTER TABLE device_warning ALTER COLUMN worker_id DROP NOT NULL;
