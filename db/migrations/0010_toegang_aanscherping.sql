CREATE TABLE `register_gegevens` (
	`sleutel` text PRIMARY KEY NOT NULL,
	`waarde` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `toegangslog` ADD `client_request_id` text;--> statement-breakpoint
ALTER TABLE `toegangslog` ADD `toegekend_aan` text;--> statement-breakpoint
ALTER TABLE `toegangslog` ADD `toegekende_rol` text;--> statement-breakpoint
CREATE INDEX `toegangslog_toegekend_idx` ON `toegangslog` (`toegekend_aan`);