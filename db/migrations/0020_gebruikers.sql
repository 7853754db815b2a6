CREATE TABLE `accountlog` (
	`volgnummer` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`op` text NOT NULL,
	`gebruiker_id` text,
	`organisatie_id` text NOT NULL,
	`soort` text NOT NULL,
	`van` text,
	`naar` text,
	`door_actor` text NOT NULL,
	`door_gebruiker_id` text,
	`door` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `accountlog_organisatie_idx` ON `accountlog` (`organisatie_id`,`volgnummer`);--> statement-breakpoint
CREATE INDEX `accountlog_gebruiker_idx` ON `accountlog` (`gebruiker_id`);--> statement-breakpoint
CREATE TABLE `eenmalige_codes` (
	`hash` text PRIMARY KEY NOT NULL,
	`soort` text NOT NULL,
	`gebruiker_id` text NOT NULL,
	`verloopt_op` text NOT NULL,
	`gebruikt_op` text,
	`aangemaakt_op` text NOT NULL,
	FOREIGN KEY (`gebruiker_id`) REFERENCES `gebruikers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `eenmalige_codes_gebruiker_idx` ON `eenmalige_codes` (`gebruiker_id`,`soort`);--> statement-breakpoint
CREATE TABLE `gebruikers` (
	`id` text PRIMARY KEY NOT NULL,
	`naam` text NOT NULL,
	`email` text NOT NULL,
	`organisatie_id` text NOT NULL,
	`rol` text NOT NULL,
	`status` text NOT NULL,
	`totp_geheim` text,
	`totp_stap` integer,
	`totp_sinds` text,
	`mislukt_aantal` integer DEFAULT 0 NOT NULL,
	`mislukt_vanaf` text,
	`vergrendeld_tot` text,
	`aangemaakt_op` text NOT NULL,
	`gewijzigd_op` text NOT NULL,
	`geactiveerd_op` text,
	`laatst_ingelogd_op` text,
	FOREIGN KEY (`organisatie_id`) REFERENCES `organisaties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gebruikers_email_uq` ON `gebruikers` (`email`);--> statement-breakpoint
CREATE INDEX `gebruikers_organisatie_idx` ON `gebruikers` (`organisatie_id`,`naam`);--> statement-breakpoint
CREATE TABLE `herstelcodes` (
	`hash` text PRIMARY KEY NOT NULL,
	`gebruiker_id` text NOT NULL,
	`gebruikt_op` text,
	`aangemaakt_op` text NOT NULL,
	FOREIGN KEY (`gebruiker_id`) REFERENCES `gebruikers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `herstelcodes_gebruiker_idx` ON `herstelcodes` (`gebruiker_id`);--> statement-breakpoint
CREATE TABLE `inlogbeleid` (
	`organisatie_id` text PRIMARY KEY NOT NULL,
	`tweede_factor_verplicht` integer DEFAULT false NOT NULL,
	`sso_issuer` text,
	`sso_client_id` text,
	`sso_client_secret` text,
	`gewijzigd_op` text NOT NULL,
	FOREIGN KEY (`organisatie_id`) REFERENCES `organisaties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `inlogpogingen` (
	`hash` text PRIMARY KEY NOT NULL,
	`gebruiker_id` text,
	`stap` text NOT NULL,
	`csrf` text NOT NULL,
	`totp_kandidaat` text,
	`sso_organisatie_id` text,
	`sso_state` text,
	`sso_nonce` text,
	`sso_verifier` text,
	`terug` text,
	`verloopt_op` text NOT NULL,
	`aangemaakt_op` text NOT NULL,
	FOREIGN KEY (`gebruiker_id`) REFERENCES `gebruikers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Sessions belonged to a token; from now on they belong to a person. Tokens no longer sign in, so
-- every old session ends here.
DROP TABLE `sessies`;--> statement-breakpoint
CREATE TABLE `sessies` (
	`hash` text PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`gebruiker_id` text NOT NULL,
	`csrf` text NOT NULL,
	`via` text NOT NULL,
	`clientadres` text,
	`apparaat` text,
	`aangemaakt_op` text NOT NULL,
	`laatst_gezien_op` text NOT NULL,
	`verloopt_op` text NOT NULL,
	FOREIGN KEY (`gebruiker_id`) REFERENCES `gebruikers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessies_gebruiker_idx` ON `sessies` (`gebruiker_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sessies_id_uq` ON `sessies` (`id`);--> statement-breakpoint
ALTER TABLE `aanbod_historie` ADD `gebruiker_id` text;--> statement-breakpoint
ALTER TABLE `casus_historie` ADD `gebruiker_id` text;--> statement-breakpoint
ALTER TABLE `toegangslog` ADD `gebruiker_id` text;--> statement-breakpoint
CREATE INDEX `toegangslog_gebruiker_idx` ON `toegangslog` (`gebruiker_id`,`op`);--> statement-breakpoint
CREATE TRIGGER `accountlog_geen_wijziging` BEFORE UPDATE ON `accountlog`
BEGIN SELECT RAISE(ABORT, 'accountlog is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `accountlog_geen_verwijdering` BEFORE DELETE ON `accountlog`
BEGIN SELECT RAISE(ABORT, 'accountlog is append-only'); END;
