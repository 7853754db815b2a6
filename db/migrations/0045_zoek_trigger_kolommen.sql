-- The search projection follows an offer only when a column it shows changes. Before, every
-- UPDATE of aanbod rebuilt the projection row and wrote a change-feed row, also the guard
-- statements that touch no figure (`SET versie = versie`, the hold check of a weekly update),
-- so a weekly update did that work twice per offer.
DROP TRIGGER aanbod_zoek_au;
--> statement-breakpoint
CREATE TRIGGER aanbod_zoek_au AFTER UPDATE OF aanbieder_id, locatie_id, zorgvorm, naam, omschrijving, leeftijd_van, leeftijd_tot, vrije_plekken, aanmeldwachttijd_weken, behandelwachttijd_weken, intake_status, bevestigd_op ON aanbod BEGIN
  UPDATE zoek_aanbod SET (aanbieder_id, locatie_id, zorgvorm, categorie, contract_sleutel, leeftijd_van, leeftijd_tot, vrije_plekken, intake_status, totaal_wachttijd, bevestigd_op, gemeente, lat, lon, aanbieder_naam, naam, omschrijving, plaats) = (SELECT aanbieder_id, locatie_id, zorgvorm, categorie, contract_sleutel, leeftijd_van, leeftijd_tot, vrije_plekken, intake_status, totaal_wachttijd, bevestigd_op, gemeente, lat, lon, aanbieder_naam, naam, omschrijving, plaats FROM zoek_bron b WHERE b.id = new.id) WHERE id = new.id;
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT new.id, 'upsert' WHERE EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
