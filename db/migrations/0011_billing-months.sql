CREATE TABLE "ledger_months" (
	"community_id" text NOT NULL,
	"month" text NOT NULL,
	"currency" text NOT NULL,
	"gross_minor" bigint DEFAULT 0 NOT NULL,
	"artist_share_minor" bigint DEFAULT 0 NOT NULL,
	"platform_share_minor" bigint DEFAULT 0 NOT NULL,
	"refunds_minor" bigint DEFAULT 0 NOT NULL,
	"net_payable_minor" bigint DEFAULT 0 NOT NULL,
	"paid_out_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_months_community_id_month_currency_pk" PRIMARY KEY("community_id","month","currency")
);
