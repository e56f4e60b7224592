-- Change notices (see 0016) for what the track, release and tier-access read caches depend on.
CREATE TRIGGER tracks_changed AFTER INSERT OR UPDATE OR DELETE ON tracks
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('c', 'community_id');
--> statement-breakpoint
CREATE TRIGGER releases_changed AFTER INSERT OR UPDATE OR DELETE ON releases
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('c', 'community_id');
--> statement-breakpoint
CREATE TRIGGER tiers_changed AFTER INSERT OR UPDATE OR DELETE ON tiers
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('c', 'community_id');
--> statement-breakpoint
CREATE TRIGGER subscriptions_changed AFTER INSERT OR UPDATE OR DELETE ON subscriptions
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('c', 'community_id');
