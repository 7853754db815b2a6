-- The search projection is kept in step by triggers, so every write path (API, seeds, imports)
-- updates it in the same statement; see db/schema/zoeken.ts.
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
CREATE VIRTUAL TABLE zoek_tekst USING fts5(
  aanbieder_naam, naam, omschrijving, plaats,
  content = 'zoek_aanbod', content_rowid = 'nr',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE zoek_tekst_vocab USING fts5vocab(zoek_tekst, 'row');
--> statement-breakpoint
CREATE TRIGGER zoek_aanbod_tekst_ai AFTER INSERT ON zoek_aanbod BEGIN
  INSERT INTO zoek_tekst (rowid, aanbieder_naam, naam, omschrijving, plaats) VALUES (new.nr, new.aanbieder_naam, new.naam, new.omschrijving, new.plaats);
  UPDATE zoek_meta SET waarde = CAST(waarde AS INTEGER) + 1 WHERE sleutel = 'tekstversie';
END;
--> statement-breakpoint
CREATE TRIGGER zoek_aanbod_tekst_ad AFTER DELETE ON zoek_aanbod BEGIN
  INSERT INTO zoek_tekst (zoek_tekst, rowid, aanbieder_naam, naam, omschrijving, plaats) VALUES ('delete', old.nr, old.aanbieder_naam, old.naam, old.omschrijving, old.plaats);
  UPDATE zoek_meta SET waarde = CAST(waarde AS INTEGER) + 1 WHERE sleutel = 'tekstversie';
END;
--> statement-breakpoint
CREATE TRIGGER zoek_aanbod_tekst_au AFTER UPDATE ON zoek_aanbod
WHEN old.aanbieder_naam IS NOT new.aanbieder_naam OR old.naam IS NOT new.naam OR old.omschrijving IS NOT new.omschrijving OR old.plaats IS NOT new.plaats
BEGIN
  INSERT INTO zoek_tekst (zoek_tekst, rowid, aanbieder_naam, naam, omschrijving, plaats) VALUES ('delete', old.nr, old.aanbieder_naam, old.naam, old.omschrijving, old.plaats);
  INSERT INTO zoek_tekst (rowid, aanbieder_naam, naam, omschrijving, plaats) VALUES (new.nr, new.aanbieder_naam, new.naam, new.omschrijving, new.plaats);
  UPDATE zoek_meta SET waarde = CAST(waarde AS INTEGER) + 1 WHERE sleutel = 'tekstversie';
END;
--> statement-breakpoint
CREATE TRIGGER aanbod_zoek_ai AFTER INSERT ON aanbod BEGIN
  INSERT INTO zoek_aanbod (id, aanbieder_id, locatie_id, zorgvorm, categorie, contract_sleutel, leeftijd_van, leeftijd_tot, vrije_plekken, intake_status, totaal_wachttijd, bevestigd_op, gemeente, lat, lon, aanbieder_naam, naam, omschrijving, plaats) SELECT id, aanbieder_id, locatie_id, zorgvorm, categorie, contract_sleutel, leeftijd_van, leeftijd_tot, vrije_plekken, intake_status, totaal_wachttijd, bevestigd_op, gemeente, lat, lon, aanbieder_naam, naam, omschrijving, plaats FROM zoek_bron WHERE id = new.id;
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT new.id, 'upsert' WHERE EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
--> statement-breakpoint
CREATE TRIGGER aanbod_zoek_au AFTER UPDATE ON aanbod BEGIN
  UPDATE zoek_aanbod SET (aanbieder_id, locatie_id, zorgvorm, categorie, contract_sleutel, leeftijd_van, leeftijd_tot, vrije_plekken, intake_status, totaal_wachttijd, bevestigd_op, gemeente, lat, lon, aanbieder_naam, naam, omschrijving, plaats) = (SELECT aanbieder_id, locatie_id, zorgvorm, categorie, contract_sleutel, leeftijd_van, leeftijd_tot, vrije_plekken, intake_status, totaal_wachttijd, bevestigd_op, gemeente, lat, lon, aanbieder_naam, naam, omschrijving, plaats FROM zoek_bron b WHERE b.id = new.id) WHERE id = new.id;
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT new.id, 'upsert' WHERE EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
--> statement-breakpoint
CREATE TRIGGER aanbod_zoek_ad AFTER DELETE ON aanbod BEGIN
  DELETE FROM zoek_aanbod WHERE id = old.id;
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT old.id, 'delete' WHERE EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
--> statement-breakpoint
CREATE TRIGGER aanbieders_zoek_au AFTER UPDATE OF naam ON aanbieders WHEN old.naam IS NOT new.naam BEGIN
  UPDATE zoek_aanbod SET aanbieder_naam = new.naam WHERE aanbieder_id = new.id;
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT id, 'upsert' FROM aanbod WHERE aanbieder_id = new.id AND EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
--> statement-breakpoint
CREATE TRIGGER locaties_zoek_au AFTER UPDATE ON locaties BEGIN
  UPDATE zoek_aanbod SET (gemeente, lat, lon, plaats) = (SELECT gemeente, lat, lon, plaats FROM zoek_bron b WHERE b.id = zoek_aanbod.id) WHERE locatie_id = new.id;
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT id, 'upsert' FROM aanbod WHERE locatie_id = new.id AND EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
--> statement-breakpoint
CREATE TRIGGER gemeenten_zoek_au AFTER UPDATE OF lat, lon ON gemeenten BEGIN
  UPDATE zoek_aanbod SET (lat, lon) = (SELECT lat, lon FROM zoek_bron b WHERE b.id = zoek_aanbod.id) WHERE gemeente = new.code;
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT id, 'upsert' FROM aanbod WHERE locatie_id IN (SELECT id FROM locaties WHERE gemeente = new.code AND lat IS NULL) AND EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
--> statement-breakpoint
CREATE TRIGGER zorgvormen_zoek_au AFTER UPDATE OF categorie ON zorgvormen BEGIN
  UPDATE zoek_aanbod SET categorie = new.categorie WHERE zorgvorm = new.code;
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT id, 'upsert' FROM aanbod WHERE zorgvorm = new.code AND EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
--> statement-breakpoint
INSERT INTO zoek_meta (sleutel, waarde) VALUES ('outbox', 'uit'), ('tekstversie', '0');
--> statement-breakpoint
INSERT INTO zoek_aanbod (id, aanbieder_id, locatie_id, zorgvorm, categorie, contract_sleutel, leeftijd_van, leeftijd_tot, vrije_plekken, intake_status, totaal_wachttijd, bevestigd_op, gemeente, lat, lon, aanbieder_naam, naam, omschrijving, plaats) SELECT id, aanbieder_id, locatie_id, zorgvorm, categorie, contract_sleutel, leeftijd_van, leeftijd_tot, vrije_plekken, intake_status, totaal_wachttijd, bevestigd_op, gemeente, lat, lon, aanbieder_naam, naam, omschrijving, plaats FROM zoek_bron;
