CREATE TABLE `aanmelding_historie` (
	`id` text PRIMARY KEY NOT NULL,
	`aanmelding_id` text NOT NULL,
	`volgnummer` integer NOT NULL,
	`van` text,
	`naar` text NOT NULL,
	`reden` text,
	`door` text NOT NULL,
	`op` text NOT NULL,
	FOREIGN KEY (`aanmelding_id`) REFERENCES `aanmeldingen`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `aanmelding_historie_idx` ON `aanmelding_historie` (`aanmelding_id`,`volgnummer`);--> statement-breakpoint
CREATE TABLE `aanmeldingen` (
	`id` text PRIMARY KEY NOT NULL,
	`casus_id` text NOT NULL,
	`aanbod_id` text NOT NULL,
	`aanbieder_id` text NOT NULL,
	`organisatie` text NOT NULL,
	`status` text DEFAULT 'verzonden' NOT NULL,
	`zorgvorm` text NOT NULL,
	`hulpvraag_categorieen` text DEFAULT '[]' NOT NULL,
	`gewenste_startdatum` text,
	`maatregelen` text DEFAULT '[]' NOT NULL,
	`urgentie` text NOT NULL,
	`contactpersoon` text NOT NULL,
	`toelichting` text,
	`reservering_id` text,
	`voorstel_id` text,
	`op_wachtlijst` integer DEFAULT false NOT NULL,
	`antwoord_voor` text NOT NULL,
	`verwachte_startdatum` text,
	`startdatum` text,
	`afwijsreden` text,
	`reden` text,
	`bevestigd_op` text,
	`verzonden_op` text NOT NULL,
	`gewijzigd_op` text NOT NULL,
	`versie` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`casus_id`) REFERENCES `casussen`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`aanbieder_id`) REFERENCES `aanbieders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`zorgvorm`) REFERENCES `zorgvormen`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reservering_id`) REFERENCES `reserveringen`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voorstel_id`) REFERENCES `matchvoorstellen`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `aanmeldingen_actief_uq` ON `aanmeldingen` (`casus_id`,`aanbod_id`) WHERE status IN ('verzonden', 'geaccepteerd');--> statement-breakpoint
CREATE INDEX `aanmeldingen_aanbieder_idx` ON `aanmeldingen` (`aanbieder_id`,`status`);--> statement-breakpoint
CREATE INDEX `aanmeldingen_casus_idx` ON `aanmeldingen` (`casus_id`,`status`);--> statement-breakpoint
CREATE INDEX `aanmeldingen_verloop_idx` ON `aanmeldingen` (`status`,`antwoord_voor`);--> statement-breakpoint
CREATE TABLE `escalaties` (
	`id` text PRIMARY KEY NOT NULL,
	`casus_id` text NOT NULL,
	`stap` text NOT NULL,
	`datum` text NOT NULL,
	`uitkomst` text,
	`aanbieder_id` text,
	`besluitdatum` text,
	`door` text NOT NULL,
	`op` text NOT NULL,
	FOREIGN KEY (`casus_id`) REFERENCES `casussen`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`aanbieder_id`) REFERENCES `aanbieders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `escalaties_casus_idx` ON `escalaties` (`casus_id`,`datum`);--> statement-breakpoint
CREATE TABLE `hulpvraagcategorieen` (
	`code` text PRIMARY KEY NOT NULL,
	`naam` text NOT NULL,
	`volgorde` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `regio_instellingen` (
	`regio` text PRIMARY KEY NOT NULL,
	`antwoordtermijn_werkdagen` integer DEFAULT 5 NOT NULL,
	`max_wachttijd_weken` integer DEFAULT 14 NOT NULL,
	`gewijzigd_op` text NOT NULL,
	FOREIGN KEY (`regio`) REFERENCES `regios`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `casussen` ADD `maatregelen` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `casussen` ADD `startdatum` text;--> statement-breakpoint
ALTER TABLE `casussen` ADD `gestopt_op` text;--> statement-breakpoint
UPDATE `casussen` SET `maatregelen` = json_array(json_object('type', `maatregel_type`, 'uitspraakdatum', NULL, 'ingangsdatum', `maatregel_ingangsdatum`)) WHERE `maatregel_type` IS NOT NULL;--> statement-breakpoint
UPDATE `casussen` SET `startdatum` = substr(`gewijzigd_op`, 1, 10) WHERE `status` = 'geplaatst';--> statement-breakpoint
UPDATE `casussen` SET `gestopt_op` = substr(`gewijzigd_op`, 1, 10) WHERE `status` = 'gestopt';--> statement-breakpoint
ALTER TABLE `casussen` DROP COLUMN `maatregel_type`;--> statement-breakpoint
ALTER TABLE `casussen` DROP COLUMN `maatregel_ingangsdatum`;--> statement-breakpoint
ALTER TABLE `prioriteringsregels` ADD `opties` text;;--> statement-breakpoint
INSERT INTO `hulpvraagcategorieen` (`code`, `naam`, `volgorde`) VALUES
	('opvoeding-en-gezin', 'Opvoeding en gezin', 1),
	('veiligheid', 'Veiligheid en huiselijk geweld', 2),
	('gedrag', 'Gedrag', 3),
	('psychische-klachten', 'Psychische klachten', 4),
	('trauma', 'Trauma', 5),
	('ontwikkeling', 'Ontwikkeling en (licht) verstandelijke beperking', 6),
	('middelengebruik', 'Middelengebruik', 7),
	('school-en-dagbesteding', 'School en dagbesteding', 8),
	('wonen', 'Wonen en verblijf', 9),
	('anders', 'Anders', 10);