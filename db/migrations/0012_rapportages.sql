CREATE TABLE `rapportagegroepen` (
	`code` text PRIMARY KEY NOT NULL,
	`naam` text NOT NULL,
	`bovenliggend` text,
	`volgorde` integer NOT NULL,
	FOREIGN KEY (`bovenliggend`) REFERENCES `rapportagegroepen`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `maatregeltellingen` (
	`id` text PRIMARY KEY NOT NULL,
	`regio` text NOT NULL,
	`organisatie` text NOT NULL,
	`maand` text NOT NULL,
	`aantal` integer NOT NULL,
	`ingevoerd_door` text NOT NULL,
	`ingevoerd_op` text NOT NULL,
	FOREIGN KEY (`regio`) REFERENCES `regios`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisatie`) REFERENCES `organisaties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `maatregeltellingen_uq` ON `maatregeltellingen` (`regio`,`organisatie`,`maand`);--> statement-breakpoint
CREATE TABLE `norm_momentopnames` (
	`regio` text NOT NULL,
	`peildatum` text NOT NULL,
	`rapport` text NOT NULL,
	`gemaakt_op` text NOT NULL,
	PRIMARY KEY(`regio`, `peildatum`),
	FOREIGN KEY (`regio`) REFERENCES `regios`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `regio_instellingen` ADD `publiek_overzicht` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `zorgvormen` ADD `rapportagegroep` text REFERENCES rapportagegroepen(code);;--> statement-breakpoint
INSERT INTO `rapportagegroepen` (`code`, `naam`, `bovenliggend`, `volgorde`) VALUES
	('verblijf', 'Verblijf', NULL, 1),
	('verblijf-gezinshuis', 'Gezinshuis en kleinschalig wonen', 'verblijf', 2),
	('verblijf-begeleid-wonen', 'Begeleid en beschermd wonen', 'verblijf', 3),
	('verblijf-overig', 'Ander verblijf', 'verblijf', 4),
	('ambulant', 'Ambulant', NULL, 5),
	('ambulant-jggz', 'Ambulante jeugd-ggz', 'ambulant', 6),
	('ambulant-overig', 'Andere ambulante hulp', 'ambulant', 7),
	('dagbehandeling', 'Dagbehandeling', NULL, 8),
	('crisis', 'Crisis', NULL, 9),
	('onbekend', 'Onbekend', NULL, 10);--> statement-breakpoint
UPDATE `zorgvormen` SET `rapportagegroep` = CASE `code`
	WHEN '43' THEN 'verblijf-overig' WHEN '44' THEN 'verblijf-overig'
	WHEN 'gezinshuis' THEN 'verblijf-gezinshuis' WHEN 'kleinschalige-woonvoorziening' THEN 'verblijf-gezinshuis'
	WHEN 'begeleid-beschermd-wonen' THEN 'verblijf-begeleid-wonen'
	WHEN '45' THEN 'ambulant-overig' WHEN '51' THEN 'ambulant-jggz' WHEN '52' THEN 'ambulant-jggz' WHEN '54' THEN 'ambulant-jggz'
	WHEN 'ambulante-jggz' THEN 'ambulant-jggz'
	WHEN '41' THEN 'dagbehandeling' WHEN '46' THEN 'crisis'
	ELSE `rapportagegroep` END;
