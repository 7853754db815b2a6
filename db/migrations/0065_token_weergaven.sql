-- The one-time view of a new API token on the web pages (db/schema/toegang.ts): the token,
-- encrypted with a key only the creating browser's session cookie yields, shown once after the
-- redirect and then wiped; a reload finds nothing to show.
CREATE TABLE `token_weergaven` (
	`id` text PRIMARY KEY NOT NULL,
	`token_id` text NOT NULL,
	`gebruiker_id` text NOT NULL,
	`versleuteld` text,
	`verloopt_op` text NOT NULL,
	`getoond_op` text,
	FOREIGN KEY (`token_id`) REFERENCES `tokens`(`id`) ON UPDATE no action ON DELETE no action
);
