-- Change notices (see 0016) for the discovery page cache. `d:<user>` names a change to what a
-- person's feed is ranked from, or to what their trusters' feeds read of them: their events, picks,
-- trust, summary, curator profile, memberships and purchases. Whole-catalogue names, once per
-- statement, cover what is read beyond the people: new or changed tracks, releases and communities
-- (the views shown, the fresh fill), and the co-listening neighbours' rebuild. A join's member
-- count is not a catalogue change.
CREATE FUNCTION coterie_notify_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('coterie_changes', TG_ARGV[0]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER track_events_discovery_changed AFTER INSERT OR UPDATE OR DELETE ON track_events
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('d', 'user_id');
--> statement-breakpoint
CREATE TRIGGER picks_discovery_changed AFTER INSERT OR UPDATE OR DELETE ON picks
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('d', 'user_id');
--> statement-breakpoint
CREATE TRIGGER trust_edges_discovery_changed AFTER INSERT OR UPDATE OR DELETE ON trust_edges
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('d', 'truster_id');
--> statement-breakpoint
CREATE TRIGGER signal_summaries_discovery_changed AFTER INSERT OR UPDATE OR DELETE ON signal_summaries
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('d', 'user_id');
--> statement-breakpoint
CREATE TRIGGER curators_discovery_changed AFTER INSERT OR UPDATE OR DELETE ON curators
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('d', 'user_id');
--> statement-breakpoint
CREATE TRIGGER memberships_discovery_changed AFTER INSERT OR UPDATE OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('d', 'user_id');
--> statement-breakpoint
CREATE TRIGGER purchases_discovery_changed AFTER INSERT OR UPDATE OR DELETE ON purchases
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('d', 'user_id');
--> statement-breakpoint
CREATE TRIGGER releases_catalogue_changed AFTER INSERT OR UPDATE OR DELETE ON releases
  FOR EACH STATEMENT EXECUTE FUNCTION coterie_notify_name('d:catalogue');
--> statement-breakpoint
CREATE TRIGGER tracks_catalogue_changed AFTER INSERT OR UPDATE OR DELETE ON tracks
  FOR EACH STATEMENT EXECUTE FUNCTION coterie_notify_name('d:catalogue');
--> statement-breakpoint
CREATE TRIGGER communities_catalogue_changed AFTER INSERT OR DELETE OR UPDATE OF visibility, name ON communities
  FOR EACH STATEMENT EXECUTE FUNCTION coterie_notify_name('d:catalogue');
--> statement-breakpoint
CREATE TRIGGER track_neighbours_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON track_neighbours
  FOR EACH STATEMENT EXECUTE FUNCTION coterie_notify_name('d:neighbours');
