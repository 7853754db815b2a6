-- How to refer to an offer: the intake procedure and whom to contact for an intake (issue 15).
-- Kept by the provider itself on Mijn aanbod; empty for offers that had none.
ALTER TABLE `aanbod` ADD `intake_procedure` text;
--> statement-breakpoint
ALTER TABLE `aanbod` ADD `intake_contact` text;
