CREATE TABLE `organisaties` (
	`id` text PRIMARY KEY NOT NULL,
	`naam` text NOT NULL,
	`type` text NOT NULL,
	`aanbieder_id` text,
	`regios` text DEFAULT '[]' NOT NULL,
	`aangemaakt_op` text NOT NULL,
	FOREIGN KEY (`aanbieder_id`) REFERENCES `aanbieders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisaties_naam_idx` ON `organisaties` (`naam`);--> statement-breakpoint
CREATE TABLE `toegangslog` (
	`volgnummer` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`op` text NOT NULL,
	`actor` text NOT NULL,
	`rol` text,
	`organisatie_id` text,
	`actie` text NOT NULL,
	`route` text NOT NULL,
	`resultaat` integer NOT NULL,
	`request_id` text NOT NULL,
	`clientadres` text
);
--> statement-breakpoint
CREATE INDEX `toegangslog_op_idx` ON `toegangslog` (`op`);--> statement-breakpoint
CREATE INDEX `toegangslog_actor_idx` ON `toegangslog` (`actor`,`op`);--> statement-breakpoint
CREATE TABLE `toegangslog_casussen` (
	`volgnummer` integer NOT NULL,
	`casus_id` text NOT NULL,
	FOREIGN KEY (`volgnummer`) REFERENCES `toegangslog`(`volgnummer`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `toegangslog_casussen_casus_idx` ON `toegangslog_casussen` (`casus_id`,`volgnummer`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`organisatie_id` text NOT NULL,
	`rol` text NOT NULL,
	`omschrijving` text,
	`hash` text NOT NULL,
	`verloopt_op` text NOT NULL,
	`ingetrokken_op` text,
	`laatst_gebruikt_op` text,
	`aangemaakt_op` text NOT NULL,
	`aangemaakt_door` text NOT NULL,
	FOREIGN KEY (`organisatie_id`) REFERENCES `organisaties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_hash_idx` ON `tokens` (`hash`);--> statement-breakpoint
CREATE INDEX `tokens_organisatie_idx` ON `tokens` (`organisatie_id`);--> statement-breakpoint
CREATE TRIGGER `toegangslog_geen_wijziging` BEFORE UPDATE ON `toegangslog`
BEGIN SELECT RAISE(ABORT, 'toegangslog is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `toegangslog_geen_verwijdering` BEFORE DELETE ON `toegangslog`
BEGIN SELECT RAISE(ABORT, 'toegangslog is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `toegangslog_casussen_geen_wijziging` BEFORE UPDATE ON `toegangslog_casussen`
BEGIN SELECT RAISE(ABORT, 'toegangslog is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `toegangslog_casussen_geen_verwijdering` BEFORE DELETE ON `toegangslog_casussen`
BEGIN SELECT RAISE(ABORT, 'toegangslog is append-only'); END;
