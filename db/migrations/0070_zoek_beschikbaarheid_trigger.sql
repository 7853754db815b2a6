-- The weekly figures of an offer reach its search row on their own. Before, any change of them
-- rebuilt the whole projection row from zoek_bron (four joins) and so rewrote every index of
-- zoek_aanbod, also those on care type, place and provider that the figures never touch.
DROP TRIGGER aanbod_zoek_au;
--> statement-breakpoint
CREATE TRIGGER aanbod_zoek_au AFTER UPDATE OF aanbieder_id, locatie_id, zorgvorm, naam, omschrijving, leeftijd_van, leeftijd_tot ON aanbod BEGIN
  UPDATE zoek_aanbod SET (aanbieder_id, locatie_id, zorgvorm, categorie, contract_sleutel, leeftijd_van, leeftijd_tot, vrije_plekken, intake_status, totaal_wachttijd, bevestigd_op, gemeente, lat, lon, aanbieder_naam, naam, omschrijving, plaats) = (SELECT aanbieder_id, locatie_id, zorgvorm, categorie, contract_sleutel, leeftijd_van, leeftijd_tot, vrije_plekken, intake_status, totaal_wachttijd, bevestigd_op, gemeente, lat, lon, aanbieder_naam, naam, omschrijving, plaats FROM zoek_bron b WHERE b.id = new.id) WHERE id = new.id;
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT new.id, 'upsert' WHERE EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
--> statement-breakpoint
-- The same expressions as zoek_bron (totaal_wachttijd is the sum of both waits).
CREATE TRIGGER aanbod_zoek_beschikbaarheid_au AFTER UPDATE OF vrije_plekken, aanmeldwachttijd_weken, behandelwachttijd_weken, intake_status, bevestigd_op ON aanbod BEGIN
  UPDATE zoek_aanbod SET vrije_plekken = new.vrije_plekken, intake_status = new.intake_status, totaal_wachttijd = new.aanmeldwachttijd_weken + new.behandelwachttijd_weken, bevestigd_op = new.bevestigd_op WHERE id = new.id;
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT new.id, 'upsert' WHERE EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
