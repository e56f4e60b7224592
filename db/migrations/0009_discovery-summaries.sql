CREATE TABLE "signal_summaries" (
	"user_id" text PRIMARY KEY NOT NULL,
	"signals" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "signal_summaries" ADD CONSTRAINT "signal_summaries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;