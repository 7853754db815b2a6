-- Referral histories, escalation steps and measure counts name the person who did them, like case
-- and offer histories.
ALTER TABLE `aanmelding_historie` ADD `gebruiker_id` text;--> statement-breakpoint
ALTER TABLE `escalaties` ADD `gebruiker_id` text;--> statement-breakpoint
ALTER TABLE `maatregeltellingen` ADD `ingevoerd_gebruiker_id` text;
