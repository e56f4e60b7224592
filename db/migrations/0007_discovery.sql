CREATE TABLE "curators" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"handle" text NOT NULL,
	"handle_key" text NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "picks" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"user_id" text NOT NULL,
	"track_id" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "track_neighbours" (
	"track_id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"neighbours" jsonb NOT NULL,
	"popularity" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trust_edges" (
	"truster_id" text NOT NULL,
	"curator_id" text NOT NULL,
	"curator_user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trust_edges_truster_id_curator_id_pk" PRIMARY KEY("truster_id","curator_id")
);
--> statement-breakpoint
ALTER TABLE "curators" ADD CONSTRAINT "curators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "picks" ADD CONSTRAINT "picks_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "picks" ADD CONSTRAINT "picks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "picks" ADD CONSTRAINT "picks_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_neighbours" ADD CONSTRAINT "track_neighbours_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_neighbours" ADD CONSTRAINT "track_neighbours_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_edges" ADD CONSTRAINT "trust_edges_truster_id_users_id_fk" FOREIGN KEY ("truster_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_edges" ADD CONSTRAINT "trust_edges_curator_id_curators_id_fk" FOREIGN KEY ("curator_id") REFERENCES "public"."curators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_edges" ADD CONSTRAINT "trust_edges_curator_user_id_users_id_fk" FOREIGN KEY ("curator_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "curators_user_key" ON "curators" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "curators_handle_key" ON "curators" USING btree ("handle_key");--> statement-breakpoint
CREATE UNIQUE INDEX "picks_user_track_key" ON "picks" USING btree ("user_id","track_id");--> statement-breakpoint
CREATE INDEX "picks_user_created_idx" ON "picks" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "picks_track_idx" ON "picks" USING btree ("track_id");--> statement-breakpoint
CREATE INDEX "trust_edges_curator_user_idx" ON "trust_edges" USING btree ("curator_user_id");