CREATE TABLE `limiet_tellers` (
	`sleutel` text PRIMARY KEY NOT NULL,
	`venster_start` integer NOT NULL,
	`aantal` integer NOT NULL
);
--> statement-breakpoint
-- A guard inside an atomic write on D1, whose batch() has no interactive transaction: after a
-- guarded statement, inserting (step, expected, changes()) here aborts the whole batch when the
-- statement changed another number of rows than it had to. The view stores nothing.
CREATE VIEW `atomic_guard` AS SELECT 0 AS `step`, 0 AS `expected`, 0 AS `actual`;
--> statement-breakpoint
CREATE TRIGGER `atomic_guard_check` INSTEAD OF INSERT ON `atomic_guard`
WHEN NEW.`actual` IS NOT NEW.`expected`
BEGIN
  SELECT RAISE(ABORT, 'atomic guard ' || NEW.`step`);
END;
