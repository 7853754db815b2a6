DROP INDEX `reserveringen_aanbod_idx`;--> statement-breakpoint
CREATE INDEX `reserveringen_casus_idx` ON `reserveringen` (`casus_id`,`status`);--> statement-breakpoint
CREATE INDEX `reserveringen_aanbod_idx` ON `reserveringen` (`aanbod_id`,`status`);--> statement-breakpoint
ALTER TABLE `zoek_aanbod` ADD `vastgehouden` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `zoek_aanbod` ADD `vastgehouden_tot` text;--> statement-breakpoint
-- A provider's vrije_plekken is now the places it has free, including those held through the
-- register; a hold no longer takes one off. Existing active holds give their place back here.
UPDATE aanbod SET vrije_plekken = MIN(capaciteit, vrije_plekken + (
  SELECT count(*) FROM reserveringen r WHERE r.aanbod_id = aanbod.id AND r.status = 'actief'
)) WHERE EXISTS (SELECT 1 FROM reserveringen r WHERE r.aanbod_id = aanbod.id AND r.status = 'actief');
--> statement-breakpoint
DROP VIEW zoek_bron;
--> statement-breakpoint
CREATE VIEW zoek_bron AS
SELECT
  a.id,
  a.aanbieder_id,
  a.locatie_id,
  a.zorgvorm,
  z.categorie,
  a.aanbieder_id || '|' || a.zorgvorm AS contract_sleutel,
  a.leeftijd_van,
  a.leeftijd_tot,
  a.vrije_plekken,
  (SELECT count(*) FROM reserveringen r WHERE r.aanbod_id = a.id AND r.status = 'actief') AS vastgehouden,
  (SELECT min(verloopt_op) FROM reserveringen r WHERE r.aanbod_id = a.id AND r.status = 'actief') AS vastgehouden_tot,
  a.intake_status,
  a.aanmeldwachttijd_weken + a.behandelwachttijd_weken AS totaal_wachttijd,
  a.bevestigd_op,
  l.gemeente,
  COALESCE(l.lat, g.lat) AS lat,
  COALESCE(l.lon, g.lon) AS lon,
  p.naam AS aanbieder_naam,
  a.naam,
  a.omschrijving,
  l.plaats
FROM aanbod a
JOIN aanbieders p ON p.id = a.aanbieder_id
JOIN locaties l ON l.id = a.locatie_id
JOIN zorgvormen z ON z.code = a.zorgvorm
LEFT JOIN gemeenten g ON g.code = l.gemeente;
--> statement-breakpoint
-- Holds reach search through the projection, like every other change of an offer.
CREATE TRIGGER reserveringen_zoek_ai AFTER INSERT ON reserveringen BEGIN
  UPDATE zoek_aanbod SET (vastgehouden, vastgehouden_tot) = (SELECT vastgehouden, vastgehouden_tot FROM zoek_bron b WHERE b.id = new.aanbod_id) WHERE id = new.aanbod_id;
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT new.aanbod_id, 'upsert' WHERE EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan') AND EXISTS (SELECT 1 FROM aanbod WHERE id = new.aanbod_id);
END;
--> statement-breakpoint
CREATE TRIGGER reserveringen_zoek_au AFTER UPDATE OF status ON reserveringen WHEN old.status IS NOT new.status BEGIN
  UPDATE zoek_aanbod SET (vastgehouden, vastgehouden_tot) = (SELECT vastgehouden, vastgehouden_tot FROM zoek_bron b WHERE b.id = new.aanbod_id) WHERE id = new.aanbod_id;
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT new.aanbod_id, 'upsert' WHERE EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan') AND EXISTS (SELECT 1 FROM aanbod WHERE id = new.aanbod_id);
END;
--> statement-breakpoint
UPDATE zoek_aanbod SET (vrije_plekken, vastgehouden, vastgehouden_tot) = (SELECT vrije_plekken, vastgehouden, vastgehouden_tot FROM zoek_bron b WHERE b.id = zoek_aanbod.id);
