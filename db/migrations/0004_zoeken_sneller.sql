DROP INDEX `contracten_aanbieder_idx`;--> statement-breakpoint
CREATE INDEX `contracten_aanbieder_idx` ON `contracten` (`aanbieder_id`,`zorgvorm`);--> statement-breakpoint
DROP INDEX `zoek_aanbod_wacht_idx`;--> statement-breakpoint
CREATE INDEX `zoek_aanbod_plekken_idx` ON `zoek_aanbod` ("vrije_plekken" DESC,"totaal_wachttijd" IS NULL,`totaal_wachttijd`,`id`);--> statement-breakpoint
CREATE INDEX `zoek_aanbod_wacht_idx` ON `zoek_aanbod` ("totaal_wachttijd" IS NULL,`totaal_wachttijd`,"vrije_plekken" DESC,`id`);
--> statement-breakpoint
-- A contract decides for which municipalities an offer is contracted: the external index must hear of it.
CREATE TRIGGER contracten_zoek_ai AFTER INSERT ON contracten BEGIN
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT id, 'upsert' FROM aanbod WHERE aanbieder_id IN (new.aanbieder_id) AND EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
--> statement-breakpoint
-- A contract decides for which municipalities an offer is contracted: the external index must hear of it.
CREATE TRIGGER contracten_zoek_au AFTER UPDATE ON contracten BEGIN
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT id, 'upsert' FROM aanbod WHERE aanbieder_id IN (old.aanbieder_id, new.aanbieder_id) AND EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
--> statement-breakpoint
-- A contract decides for which municipalities an offer is contracted: the external index must hear of it.
CREATE TRIGGER contracten_zoek_ad AFTER DELETE ON contracten BEGIN
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT id, 'upsert' FROM aanbod WHERE aanbieder_id IN (old.aanbieder_id) AND EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
