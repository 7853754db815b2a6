CREATE TABLE `zoek_aanbod` (
	`nr` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`aanbieder_id` text NOT NULL,
	`locatie_id` text NOT NULL,
	`zorgvorm` text NOT NULL,
	`categorie` text NOT NULL,
	`contract_sleutel` text NOT NULL,
	`leeftijd_van` integer NOT NULL,
	`leeftijd_tot` integer NOT NULL,
	`vrije_plekken` integer NOT NULL,
	`intake_status` text NOT NULL,
	`totaal_wachttijd` integer,
	`bevestigd_op` text,
	`gemeente` text NOT NULL,
	`lat` real,
	`lon` real,
	`aanbieder_naam` text NOT NULL,
	`naam` text NOT NULL,
	`omschrijving` text,
	`plaats` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zoek_aanbod_id_unique` ON `zoek_aanbod` (`id`);--> statement-breakpoint
CREATE INDEX `zoek_aanbod_zorgvorm_idx` ON `zoek_aanbod` (`zorgvorm`);--> statement-breakpoint
CREATE INDEX `zoek_aanbod_contract_idx` ON `zoek_aanbod` (`contract_sleutel`);--> statement-breakpoint
CREATE INDEX `zoek_aanbod_wacht_idx` ON `zoek_aanbod` (`totaal_wachttijd`,`vrije_plekken`);--> statement-breakpoint
CREATE INDEX `zoek_aanbod_geo_idx` ON `zoek_aanbod` (`lat`,`lon`);--> statement-breakpoint
CREATE INDEX `zoek_aanbod_aanbieder_idx` ON `zoek_aanbod` (`aanbieder_id`);--> statement-breakpoint
CREATE TABLE `zoek_meta` (
	`sleutel` text PRIMARY KEY NOT NULL,
	`waarde` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `zoek_outbox` (
	`nr` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`aanbod_id` text NOT NULL,
	`actie` text NOT NULL
);
