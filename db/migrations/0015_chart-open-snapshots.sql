CREATE TABLE "chart_cache_epochs" (
	"id" integer PRIMARY KEY NOT NULL,
	"epoch" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chart_open_snapshots" (
	"week" text NOT NULL,
	"scope" text NOT NULL,
	"community_id" text,
	"epoch" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"took_ms" integer NOT NULL,
	"view" jsonb NOT NULL,
	CONSTRAINT "chart_open_snapshots_week_scope_pk" PRIMARY KEY("week","scope")
);
--> statement-breakpoint
ALTER TABLE "chart_open_snapshots" ADD CONSTRAINT "chart_open_snapshots_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;