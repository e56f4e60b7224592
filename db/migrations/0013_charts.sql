CREATE TABLE "campaign_backers" (
	"campaign_id" text NOT NULL,
	"community_id" text NOT NULL,
	"user_id" text NOT NULL,
	"shown" boolean NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_backers_campaign_id_user_id_pk" PRIMARY KEY("campaign_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"track_id" text,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"chart" text,
	"target" bigint NOT NULL,
	"currency" text,
	"by_week" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"final_value" bigint,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "chart_editions" (
	"week" text NOT NULL,
	"scope" text NOT NULL,
	"revision" integer NOT NULL,
	"reason" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "chart_editions_week_scope_revision_pk" PRIMARY KEY("week","scope","revision")
);
--> statement-breakpoint
CREATE TABLE "chart_entries" (
	"week" text NOT NULL,
	"scope" text NOT NULL,
	"revision" integer NOT NULL,
	"rank" integer NOT NULL,
	"track_id" text NOT NULL,
	"community_id" text NOT NULL,
	"title" text NOT NULL,
	"artist" text NOT NULL,
	"points2" integer NOT NULL,
	"supporters" integer NOT NULL,
	"movement" text NOT NULL,
	"move_by" integer NOT NULL,
	"weeks_on_chart" integer NOT NULL,
	"peak" integer NOT NULL,
	"flagged" boolean NOT NULL,
	"breakdown" jsonb NOT NULL,
	CONSTRAINT "chart_entries_week_scope_revision_rank_pk" PRIMARY KEY("week","scope","revision","rank")
);
--> statement-breakpoint
CREATE TABLE "chart_voids" (
	"user_id" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"voided_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chart_weeks" (
	"week" text PRIMARY KEY NOT NULL,
	"closed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_backers" ADD CONSTRAINT "campaign_backers_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_backers" ADD CONSTRAINT "campaign_backers_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_backers" ADD CONSTRAINT "campaign_backers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chart_voids" ADD CONSTRAINT "chart_voids_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_backers_user_idx" ON "campaign_backers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "campaigns_community_idx" ON "campaigns" USING btree ("community_id","ends_at");--> statement-breakpoint
CREATE INDEX "chart_entries_track_idx" ON "chart_entries" USING btree ("track_id","scope","week");--> statement-breakpoint
CREATE INDEX "picks_created_idx" ON "picks" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "track_events_week_idx" ON "track_events" USING btree ("week","track_id");