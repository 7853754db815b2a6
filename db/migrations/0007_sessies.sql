CREATE TABLE `sessies` (
	`hash` text PRIMARY KEY NOT NULL,
	`token_id` text NOT NULL,
	`csrf` text NOT NULL,
	`aangemaakt_op` text NOT NULL,
	`verloopt_op` text NOT NULL,
	FOREIGN KEY (`token_id`) REFERENCES `tokens`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessies_token_idx` ON `sessies` (`token_id`);