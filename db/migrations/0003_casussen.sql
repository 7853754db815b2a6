CREATE TABLE `casus_historie` (
	`id` text PRIMARY KEY NOT NULL,
	`casus_id` text NOT NULL,
	`volgnummer` integer NOT NULL,
	`soort` text NOT NULL,
	`van` text,
	`naar` text,
	`reden` text,
	`door` text NOT NULL,
	`op` text NOT NULL,
	FOREIGN KEY (`casus_id`) REFERENCES `casussen`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `casus_historie_casus_idx` ON `casus_historie` (`casus_id`,`volgnummer`);--> statement-breakpoint
CREATE TABLE `casussen` (
	`id` text PRIMARY KEY NOT NULL,
	`organisatie` text DEFAULT '' NOT NULL,
	`referentie` text NOT NULL,
	`geboortedatum` text NOT NULL,
	`woongemeente` text NOT NULL,
	`zorgvorm` text NOT NULL,
	`aanmelddatum` text NOT NULL,
	`urgentie` text NOT NULL,
	`maatregel_type` text,
	`maatregel_ingangsdatum` text,
	`overbrugging_zorgvorm` text,
	`status` text DEFAULT 'wachtend' NOT NULL,
	`stopreden` text,
	`handmatige_groep` integer,
	`handmatige_reden` text,
	`versie` integer DEFAULT 1 NOT NULL,
	`aangemaakt_op` text NOT NULL,
	`gewijzigd_op` text NOT NULL,
	FOREIGN KEY (`woongemeente`) REFERENCES `gemeenten`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`zorgvorm`) REFERENCES `zorgvormen`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`overbrugging_zorgvorm`) REFERENCES `zorgvormen`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `casussen_referentie_uq` ON `casussen` (`organisatie`,`referentie`);--> statement-breakpoint
CREATE INDEX `casussen_status_idx` ON `casussen` (`status`);--> statement-breakpoint
CREATE INDEX `casussen_woongemeente_idx` ON `casussen` (`woongemeente`);--> statement-breakpoint
CREATE TABLE `matchvoorstellen` (
	`id` text PRIMARY KEY NOT NULL,
	`run` text NOT NULL,
	`casus_id` text NOT NULL,
	`aanbod_id` text NOT NULL,
	`score` integer NOT NULL,
	`uitleg` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`afwijsreden` text,
	`toelichting` text,
	`verloopt_op` text NOT NULL,
	`aangemaakt_op` text NOT NULL,
	`gewijzigd_op` text NOT NULL,
	FOREIGN KEY (`casus_id`) REFERENCES `casussen`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `matchvoorstellen_casus_idx` ON `matchvoorstellen` (`casus_id`,`status`);--> statement-breakpoint
CREATE INDEX `matchvoorstellen_afgewezen_idx` ON `matchvoorstellen` (`casus_id`,`aanbod_id`,`status`);--> statement-breakpoint
CREATE TABLE `prioriteringsregels` (
	`id` text PRIMARY KEY NOT NULL,
	`regio` text NOT NULL,
	`versie` integer NOT NULL,
	`geldig_vanaf` text NOT NULL,
	`groepen` text NOT NULL,
	`aangemaakt_op` text NOT NULL,
	FOREIGN KEY (`regio`) REFERENCES `regios`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prioriteringsregels_versie_uq` ON `prioriteringsregels` (`regio`,`versie`);--> statement-breakpoint
CREATE TABLE `reserveringen` (
	`id` text PRIMARY KEY NOT NULL,
	`aanbod_id` text NOT NULL,
	`casus_id` text NOT NULL,
	`voorstel_id` text,
	`status` text DEFAULT 'actief' NOT NULL,
	`verloopt_op` text NOT NULL,
	`aangemaakt_op` text NOT NULL,
	`gewijzigd_op` text NOT NULL,
	FOREIGN KEY (`casus_id`) REFERENCES `casussen`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voorstel_id`) REFERENCES `matchvoorstellen`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reserveringen_actief_idx` ON `reserveringen` (`status`,`verloopt_op`);--> statement-breakpoint
CREATE INDEX `reserveringen_aanbod_idx` ON `reserveringen` (`aanbod_id`);