CREATE TABLE "products" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"pay_what_you_want" boolean DEFAULT false NOT NULL,
	"file" jsonb NOT NULL,
	"created_by" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "return_path" text;--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "price_minor" bigint;--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "price_currency" text;--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "pay_what_you_want" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "tier_id" text;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "price_minor" bigint;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "price_currency" text;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "pay_what_you_want" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "tier_id" text;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "products_community_idx" ON "products" USING btree ("community_id","created_at");--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_tier_id_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."tiers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_tier_id_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."tiers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "purchases_community_created_idx" ON "purchases" USING btree ("community_id","created_at");