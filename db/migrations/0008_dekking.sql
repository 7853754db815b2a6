CREATE TABLE `zorgvorm_voorouders` (
	`code` text NOT NULL,
	`voorouder` text NOT NULL,
	PRIMARY KEY(`code`, `voorouder`)
);
--> statement-breakpoint
CREATE INDEX `zorgvorm_voorouders_voorouder_idx` ON `zorgvorm_voorouders` (`voorouder`);--> statement-breakpoint
-- The catalogue as a closure (db/schema/catalogus.ts), filled for the forms already there.
INSERT INTO `zorgvorm_voorouders` (`code`, `voorouder`)
WITH RECURSIVE boom(code, voorouder) AS (
  SELECT code, code FROM zorgvormen
  UNION
  SELECT boom.code, z.bovenliggend FROM boom JOIN zorgvormen z ON z.code = boom.voorouder WHERE z.bovenliggend IS NOT NULL
)
SELECT code, voorouder FROM boom;
--> statement-breakpoint
-- A new form: itself, and every form above its parent (the parent exists first: a foreign key).
CREATE TRIGGER zorgvormen_voorouders_ai AFTER INSERT ON zorgvormen BEGIN
  INSERT INTO zorgvorm_voorouders (code, voorouder) VALUES (NEW.code, NEW.code);
  INSERT INTO zorgvorm_voorouders (code, voorouder) SELECT NEW.code, voorouder FROM zorgvorm_voorouders WHERE code = NEW.bovenliggend;
END;
--> statement-breakpoint
-- A form moved: its subtree loses the forms above it and gets those above its new parent.
CREATE TRIGGER zorgvormen_voorouders_au AFTER UPDATE OF bovenliggend ON zorgvormen
WHEN OLD.bovenliggend IS NOT NEW.bovenliggend BEGIN
  DELETE FROM zorgvorm_voorouders
  WHERE code IN (SELECT code FROM zorgvorm_voorouders WHERE voorouder = NEW.code)
    AND voorouder NOT IN (SELECT code FROM zorgvorm_voorouders WHERE voorouder = NEW.code);
  INSERT INTO zorgvorm_voorouders (code, voorouder)
  SELECT s.code, a.voorouder FROM zorgvorm_voorouders s JOIN zorgvorm_voorouders a ON a.code = NEW.bovenliggend
  WHERE s.voorouder = NEW.code;
END;
--> statement-breakpoint
CREATE TRIGGER zorgvormen_voorouders_ad AFTER DELETE ON zorgvormen BEGIN
  DELETE FROM zorgvorm_voorouders WHERE code = OLD.code;
END;
--> statement-breakpoint
-- The one contracted rule: a contract covers its own care type and every form beneath it.
CREATE VIEW contract_dekking AS
SELECT c.id AS contract_id, c.aanbieder_id, v.code AS zorgvorm, c.gemeente, c.regio, c.geldig_vanaf, c.geldig_tot
FROM contracten c JOIN zorgvorm_voorouders v ON v.voorouder = c.zorgvorm;
