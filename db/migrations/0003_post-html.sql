ALTER TABLE "comments" ADD COLUMN "body_html" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "body_html" text DEFAULT '' NOT NULL;