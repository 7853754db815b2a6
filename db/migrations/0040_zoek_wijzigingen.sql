CREATE TABLE `zoek_wijzigingen` (
	`nr` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`soort` text NOT NULL,
	`sleutel` text NOT NULL
);
--> statement-breakpoint
-- The change feed of search (db/schema/zoeken.ts): every change of the projection, of a contract
-- and of the catalogue closure, in commit order, for the in-memory index of every process.
INSERT INTO zoek_meta (sleutel, waarde) VALUES ('wijzigingen-gewist-tot', '0');
--> statement-breakpoint
CREATE TRIGGER zoek_aanbod_wijziging_ai AFTER INSERT ON zoek_aanbod BEGIN
  INSERT INTO zoek_wijzigingen (soort, sleutel) VALUES ('aanbod', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER zoek_aanbod_wijziging_au AFTER UPDATE ON zoek_aanbod BEGIN
  INSERT INTO zoek_wijzigingen (soort, sleutel) VALUES ('aanbod', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER zoek_aanbod_wijziging_ad AFTER DELETE ON zoek_aanbod BEGIN
  INSERT INTO zoek_wijzigingen (soort, sleutel) VALUES ('aanbod', old.id);
END;
--> statement-breakpoint
CREATE TRIGGER contracten_wijziging_ai AFTER INSERT ON contracten BEGIN
  INSERT INTO zoek_wijzigingen (soort, sleutel) VALUES ('contract', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER contracten_wijziging_au AFTER UPDATE ON contracten BEGIN
  INSERT INTO zoek_wijzigingen (soort, sleutel) VALUES ('contract', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER contracten_wijziging_ad AFTER DELETE ON contracten BEGIN
  INSERT INTO zoek_wijzigingen (soort, sleutel) VALUES ('contract', old.id);
END;
--> statement-breakpoint
-- A moved or new form changes what every contract above it covers (the view contract_dekking).
CREATE TRIGGER zorgvorm_voorouders_wijziging_ai AFTER INSERT ON zorgvorm_voorouders BEGIN
  INSERT INTO zoek_wijzigingen (soort, sleutel) VALUES ('catalogus', new.code);
END;
--> statement-breakpoint
CREATE TRIGGER zorgvorm_voorouders_wijziging_ad AFTER DELETE ON zorgvorm_voorouders BEGIN
  INSERT INTO zoek_wijzigingen (soort, sleutel) VALUES ('catalogus', old.code);
END;
--> statement-breakpoint
-- Municipalities: their region decides contracts through it, their centroid a search near them.
CREATE TRIGGER gemeenten_wijziging_ai AFTER INSERT ON gemeenten BEGIN
  INSERT INTO zoek_wijzigingen (soort, sleutel) VALUES ('gemeente', new.code);
END;
--> statement-breakpoint
CREATE TRIGGER gemeenten_wijziging_au AFTER UPDATE ON gemeenten BEGIN
  INSERT INTO zoek_wijzigingen (soort, sleutel) VALUES ('gemeente', new.code);
END;
--> statement-breakpoint
CREATE TRIGGER gemeenten_wijziging_ad AFTER DELETE ON gemeenten BEGIN
  INSERT INTO zoek_wijzigingen (soort, sleutel) VALUES ('gemeente', old.code);
END;
--> statement-breakpoint
-- The feed trims itself: every 1,000th change drops what is more than 20,000 changes old. A
-- process further behind than that rebuilds its index instead of following.
CREATE TRIGGER zoek_wijzigingen_snoei AFTER INSERT ON zoek_wijzigingen WHEN new.nr % 1000 = 0 BEGIN
  DELETE FROM zoek_wijzigingen WHERE nr <= new.nr - 20000;
  UPDATE zoek_meta SET waarde = CAST(max(CAST(waarde AS INTEGER), new.nr - 20000) AS TEXT) WHERE sleutel = 'wijzigingen-gewist-tot';
END;
--> statement-breakpoint
-- Search documents (in memory and in Meilisearch) carry the provider's contact details an answer shows.
CREATE TRIGGER aanbieders_zoek_contact_au AFTER UPDATE OF telefoon, email, website ON aanbieders
WHEN old.telefoon IS NOT new.telefoon OR old.email IS NOT new.email OR old.website IS NOT new.website BEGIN
  INSERT INTO zoek_wijzigingen (soort, sleutel) SELECT 'aanbod', id FROM aanbod WHERE aanbieder_id = new.id;
  INSERT INTO zoek_outbox (aanbod_id, actie) SELECT id, 'upsert' FROM aanbod WHERE aanbieder_id = new.id AND EXISTS (SELECT 1 FROM zoek_meta WHERE sleutel = 'outbox' AND waarde = 'aan');
END;
