ALTER TABLE "communities" ADD COLUMN "logo_id" text;--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "banner_id" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "image_id" text;