CREATE TABLE "post_reaction_counts" (
	"community_id" text NOT NULL,
	"post_id" text NOT NULL,
	"emoji" text NOT NULL,
	"count" integer NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	CONSTRAINT "post_reaction_counts_post_id_emoji_pk" PRIMARY KEY("post_id","emoji")
);
--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "pinned_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "comment_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "post_reaction_counts" ADD CONSTRAINT "post_reaction_counts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_reaction_counts" ADD CONSTRAINT "post_reaction_counts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Counters kept on write by triggers, so cascaded deletes (a member erased, a post deleted) keep
-- them true too. Increments under the row lock stay right when writers race.
CREATE FUNCTION coterie_comment_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.hidden_at IS NULL THEN
    UPDATE posts SET comment_count = comment_count - 1 WHERE id = OLD.post_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.hidden_at IS NULL THEN
    UPDATE posts SET comment_count = comment_count + 1 WHERE id = NEW.post_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER comments_count AFTER INSERT OR DELETE OR UPDATE OF hidden_at, post_id ON comments
  FOR EACH ROW EXECUTE FUNCTION coterie_comment_count();
--> statement-breakpoint
CREATE FUNCTION coterie_reaction_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO post_reaction_counts AS c (community_id, post_id, emoji, count, first_at)
      VALUES (NEW.community_id, NEW.post_id, NEW.emoji, 1, NEW.created_at)
      ON CONFLICT (post_id, emoji) DO UPDATE SET count = c.count + 1, first_at = least(c.first_at, excluded.first_at);
  ELSE
    UPDATE post_reaction_counts SET count = count - 1 WHERE post_id = OLD.post_id AND emoji = OLD.emoji;
    DELETE FROM post_reaction_counts WHERE post_id = OLD.post_id AND emoji = OLD.emoji AND count <= 0;
    UPDATE post_reaction_counts
      SET first_at = (SELECT min(r.created_at) FROM reactions r WHERE r.post_id = OLD.post_id AND r.emoji = OLD.emoji)
      WHERE post_id = OLD.post_id AND emoji = OLD.emoji AND first_at = OLD.created_at;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reactions_count AFTER INSERT OR DELETE ON reactions
  FOR EACH ROW EXECUTE FUNCTION coterie_reaction_count();
--> statement-breakpoint
CREATE FUNCTION coterie_pinned_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.pinned THEN
    UPDATE communities SET pinned_count = pinned_count - 1 WHERE id = OLD.community_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.pinned THEN
    UPDATE communities SET pinned_count = pinned_count + 1 WHERE id = NEW.community_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER posts_pinned_count AFTER INSERT OR DELETE OR UPDATE OF pinned, community_id ON posts
  FOR EACH ROW EXECUTE FUNCTION coterie_pinned_count();
--> statement-breakpoint
UPDATE posts p SET comment_count = (SELECT count(*) FROM comments c WHERE c.post_id = p.id AND c.hidden_at IS NULL);
--> statement-breakpoint
INSERT INTO post_reaction_counts (community_id, post_id, emoji, count, first_at)
  SELECT min(community_id), post_id, emoji, count(*), min(created_at) FROM reactions GROUP BY post_id, emoji;
--> statement-breakpoint
UPDATE communities c SET pinned_count = (SELECT count(*) FROM posts p WHERE p.community_id = c.id AND p.pinned);
--> statement-breakpoint
-- Change notices for the processes' read caches (platform/src/cache): a row written in a community
-- or for an account names it on one channel, delivered at commit, once per name and transaction.
CREATE FUNCTION coterie_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_json jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
  PERFORM pg_notify('coterie_changes', TG_ARGV[0] || ':' || (row_json ->> TG_ARGV[1]));
  IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) ->> TG_ARGV[1]) IS DISTINCT FROM (row_json ->> TG_ARGV[1]) THEN
    PERFORM pg_notify('coterie_changes', TG_ARGV[0] || ':' || (to_jsonb(OLD) ->> TG_ARGV[1]));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER communities_changed AFTER INSERT OR UPDATE OR DELETE ON communities
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('c', 'id');
--> statement-breakpoint
CREATE TRIGGER memberships_changed AFTER INSERT OR UPDATE OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('c', 'community_id');
--> statement-breakpoint
CREATE TRIGGER posts_changed AFTER INSERT OR UPDATE OR DELETE ON posts
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('c', 'community_id');
--> statement-breakpoint
CREATE TRIGGER comments_changed AFTER INSERT OR UPDATE OR DELETE ON comments
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('c', 'community_id');
--> statement-breakpoint
CREATE TRIGGER reactions_changed AFTER INSERT OR UPDATE OR DELETE ON reactions
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('c', 'community_id');
--> statement-breakpoint
CREATE TRIGGER community_keys_changed AFTER INSERT OR UPDATE OR DELETE ON community_keys
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('c', 'community_id');
--> statement-breakpoint
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('u', 'id');
--> statement-breakpoint
CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('u', 'user_id');
