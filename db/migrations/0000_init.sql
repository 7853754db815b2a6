CREATE TABLE `aanbieders` (
	`id` text PRIMARY KEY NOT NULL,
	`naam` text NOT NULL,
	`agb_code` text,
	`kvk_nummer` text,
	`website` text,
	`telefoon` text,
	`email` text,
	`versie` integer DEFAULT 1 NOT NULL,
	`aangemaakt_op` text NOT NULL,
	`gewijzigd_op` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `aanbieders_naam_idx` ON `aanbieders` (`naam`);--> statement-breakpoint
CREATE TABLE `locaties` (
	`id` text PRIMARY KEY NOT NULL,
	`aanbieder_id` text NOT NULL,
	`naam` text NOT NULL,
	`adres` text NOT NULL,
	`postcode` text NOT NULL,
	`plaats` text NOT NULL,
	`gemeente` text NOT NULL,
	`lat` real,
	`lon` real,
	`versie` integer DEFAULT 1 NOT NULL,
	`aangemaakt_op` text NOT NULL,
	`gewijzigd_op` text NOT NULL,
	FOREIGN KEY (`aanbieder_id`) REFERENCES `aanbieders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`gemeente`) REFERENCES `gemeenten`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `locaties_aanbieder_idx` ON `locaties` (`aanbieder_id`);--> statement-breakpoint
CREATE INDEX `locaties_gemeente_idx` ON `locaties` (`gemeente`);--> statement-breakpoint
CREATE TABLE `aanbod` (
	`id` text PRIMARY KEY NOT NULL,
	`aanbieder_id` text NOT NULL,
	`locatie_id` text NOT NULL,
	`zorgvorm` text NOT NULL,
	`naam` text NOT NULL,
	`omschrijving` text,
	`leeftijd_van` integer NOT NULL,
	`leeftijd_tot` integer NOT NULL,
	`capaciteit` integer NOT NULL,
	`vrije_plekken` integer NOT NULL,
	`aanmeldwachttijd_weken` integer,
	`behandelwachttijd_weken` integer,
	`intake_status` text NOT NULL,
	`overbrugging` integer DEFAULT false NOT NULL,
	`versie` integer DEFAULT 1 NOT NULL,
	`aangemaakt_op` text NOT NULL,
	`gewijzigd_op` text NOT NULL,
	`bevestigd_op` text,
	FOREIGN KEY (`aanbieder_id`) REFERENCES `aanbieders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`locatie_id`) REFERENCES `locaties`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`zorgvorm`) REFERENCES `zorgvormen`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "aanbod_vrije_plekken_ck" CHECK("aanbod"."vrije_plekken" >= 0 AND "aanbod"."vrije_plekken" <= "aanbod"."capaciteit"),
	CONSTRAINT "aanbod_leeftijd_ck" CHECK("aanbod"."leeftijd_van" >= 0 AND "aanbod"."leeftijd_van" <= "aanbod"."leeftijd_tot" AND "aanbod"."leeftijd_tot" <= 23)
);
--> statement-breakpoint
CREATE INDEX `aanbod_aanbieder_idx` ON `aanbod` (`aanbieder_id`);--> statement-breakpoint
CREATE INDEX `aanbod_locatie_idx` ON `aanbod` (`locatie_id`);--> statement-breakpoint
CREATE INDEX `aanbod_zorgvorm_idx` ON `aanbod` (`zorgvorm`);--> statement-breakpoint
CREATE TABLE `aanbod_historie` (
	`id` text PRIMARY KEY NOT NULL,
	`aanbod_id` text NOT NULL,
	`soort` text NOT NULL,
	`wijzigingen` text NOT NULL,
	`door` text NOT NULL,
	`op` text NOT NULL,
	`volgnummer` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `aanbod_historie_aanbod_idx` ON `aanbod_historie` (`aanbod_id`,`volgnummer`);--> statement-breakpoint
CREATE TABLE `zorgvormen` (
	`code` text PRIMARY KEY NOT NULL,
	`naam` text NOT NULL,
	`categorie` text NOT NULL,
	`bovenliggend` text,
	`omschrijving` text,
	`actief` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`bovenliggend`) REFERENCES `zorgvormen`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `zorgvormen_bovenliggend_idx` ON `zorgvormen` (`bovenliggend`);--> statement-breakpoint
CREATE INDEX `zorgvormen_categorie_idx` ON `zorgvormen` (`categorie`);--> statement-breakpoint
CREATE TABLE `contracten` (
	`id` text PRIMARY KEY NOT NULL,
	`aanbieder_id` text NOT NULL,
	`zorgvorm` text NOT NULL,
	`gemeente` text,
	`regio` text,
	`geldig_vanaf` text NOT NULL,
	`geldig_tot` text,
	`aangemaakt_op` text NOT NULL,
	`gewijzigd_op` text NOT NULL,
	FOREIGN KEY (`aanbieder_id`) REFERENCES `aanbieders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`zorgvorm`) REFERENCES `zorgvormen`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`gemeente`) REFERENCES `gemeenten`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`regio`) REFERENCES `regios`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contracten_partij_ck" CHECK(("contracten"."gemeente" IS NULL) <> ("contracten"."regio" IS NULL)),
	CONSTRAINT "contracten_periode_ck" CHECK("contracten"."geldig_tot" IS NULL OR "contracten"."geldig_vanaf" <= "contracten"."geldig_tot")
);
--> statement-breakpoint
CREATE INDEX `contracten_aanbieder_idx` ON `contracten` (`aanbieder_id`);--> statement-breakpoint
CREATE INDEX `contracten_gemeente_idx` ON `contracten` (`gemeente`,`zorgvorm`);--> statement-breakpoint
CREATE INDEX `contracten_regio_idx` ON `contracten` (`regio`,`zorgvorm`);--> statement-breakpoint
CREATE TABLE `gemeenten` (
	`code` text PRIMARY KEY NOT NULL,
	`naam` text NOT NULL,
	`regio` text,
	`lat` real,
	`lon` real,
	FOREIGN KEY (`regio`) REFERENCES `regios`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `gemeenten_regio_idx` ON `gemeenten` (`regio`);--> statement-breakpoint
CREATE TABLE `regios` (
	`code` text PRIMARY KEY NOT NULL,
	`naam` text NOT NULL
);
