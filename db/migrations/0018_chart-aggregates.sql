CREATE TABLE "chart_listener_weeks" (
	"community_id" text NOT NULL,
	"week" text NOT NULL,
	"listeners" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "chart_listener_weeks_community_id_week_pk" PRIMARY KEY("community_id","week")
);
--> statement-breakpoint
CREATE TABLE "chart_listeners" (
	"community_id" text NOT NULL,
	"user_id" text NOT NULL,
	"first_week" text NOT NULL,
	CONSTRAINT "chart_listeners_community_id_user_id_pk" PRIMARY KEY("community_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "chart_support" (
	"track_id" text NOT NULL,
	"week" text NOT NULL,
	"user_id" text NOT NULL,
	"community_id" text NOT NULL,
	"born_at" timestamp with time zone NOT NULL,
	"listen_at" timestamp with time zone,
	"download_at" timestamp with time zone,
	"purchase_at" timestamp with time zone,
	"pick_at" timestamp with time zone,
	"member" boolean NOT NULL,
	"team" boolean NOT NULL,
	"voided" boolean NOT NULL,
	CONSTRAINT "chart_support_track_id_week_user_id_pk" PRIMARY KEY("track_id","week","user_id")
);
--> statement-breakpoint
CREATE TABLE "chart_track_weeks" (
	"week" text NOT NULL,
	"audience" text NOT NULL,
	"community_id" text NOT NULL,
	"track_id" text NOT NULL,
	"supporters" integer DEFAULT 0 NOT NULL,
	"fresh" integer DEFAULT 0 NOT NULL,
	"listen" integer DEFAULT 0 NOT NULL,
	"download" integer DEFAULT 0 NOT NULL,
	"purchase" integer DEFAULT 0 NOT NULL,
	"pick" integer DEFAULT 0 NOT NULL,
	"listen_half" integer DEFAULT 0 NOT NULL,
	"download_half" integer DEFAULT 0 NOT NULL,
	"purchase_half" integer DEFAULT 0 NOT NULL,
	"pick_half" integer DEFAULT 0 NOT NULL,
	"voided" integer DEFAULT 0 NOT NULL,
	"team" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "chart_track_weeks_week_audience_community_id_track_id_pk" PRIMARY KEY("week","audience","community_id","track_id")
);
--> statement-breakpoint
CREATE INDEX "chart_support_user_idx" ON "chart_support" USING btree ("user_id","community_id");--> statement-breakpoint
-- Charts' running aggregates, kept by triggers on the sources (see docs/decisions/0010): a cascaded
-- delete (an erased account, a deleted track), a refund or a void keeps them true as well.
-- Every change to one account's rows takes that account's advisory lock first and then reads the
-- sources afresh, so two writers of one account (a listen and a purchase at once) cannot each miss
-- the other's row; sums are increments under the row lock, right when writers race.
CREATE FUNCTION coterie_chart_week(at timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(at AT TIME ZONE 'UTC', 'IYYY-"W"IW')
$$;
--> statement-breakpoint
CREATE FUNCTION coterie_chart_lock(p_user text) RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(1128813141, hashtext(p_user))
$$;
--> statement-breakpoint
-- One account's support of one track in one week, recounted from the sources.
CREATE FUNCTION coterie_chart_support_refresh(p_week text, p_track text, p_user text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  tr record;
  born timestamptz;
  r chart_support%ROWTYPE;
BEGIN
  IF p_week IS NULL OR p_track IS NULL OR p_user IS NULL THEN RETURN; END IF;
  PERFORM coterie_chart_lock(p_user);
  SELECT t.id, t.community_id, t.release_id INTO tr FROM tracks t WHERE t.id = p_track;
  SELECT u.created_at INTO born FROM users u WHERE u.id = p_user;
  IF tr.id IS NOT NULL AND born IS NOT NULL THEN
    SELECT min(te.first_at) FILTER (WHERE te.kind = 'listen'), min(te.first_at) FILTER (WHERE te.kind = 'download')
      INTO r.listen_at, r.download_at
      FROM track_events te
      WHERE te.track_id = p_track AND te.user_id = p_user AND te.week = p_week;
    SELECT min(p.created_at) INTO r.purchase_at FROM purchases p
      WHERE p.user_id = p_user AND NOT p.refunded AND coterie_chart_week(p.created_at) = p_week
        AND ((p.item_type = 'track' AND p.item_id = p_track)
          OR (p.item_type = 'release' AND p.item_id = tr.release_id));
    SELECT min(pk.created_at) INTO r.pick_at FROM picks pk
      WHERE pk.user_id = p_user AND pk.track_id = p_track AND coterie_chart_week(pk.created_at) = p_week;
  END IF;
  IF r.listen_at IS NULL AND r.download_at IS NULL AND r.purchase_at IS NULL AND r.pick_at IS NULL THEN
    DELETE FROM chart_support s WHERE s.track_id = p_track AND s.week = p_week AND s.user_id = p_user;
    RETURN;
  END IF;
  SELECT true, m.role IN ('owner', 'moderator') INTO r.member, r.team
    FROM memberships m WHERE m.community_id = tr.community_id AND m.user_id = p_user;
  r.track_id := p_track; r.week := p_week; r.user_id := p_user;
  r.community_id := tr.community_id; r.born_at := born;
  r.member := coalesce(r.member, false); r.team := coalesce(r.team, false);
  r.voided := EXISTS (SELECT 1 FROM chart_voids v WHERE v.user_id = p_user);
  INSERT INTO chart_support AS s VALUES (r.*)
    ON CONFLICT (track_id, week, user_id) DO UPDATE SET
      community_id = excluded.community_id, born_at = excluded.born_at, listen_at = excluded.listen_at,
      download_at = excluded.download_at, purchase_at = excluded.purchase_at, pick_at = excluded.pick_at,
      member = excluded.member, team = excluded.team, voided = excluded.voided
    WHERE s IS DISTINCT FROM excluded;
END $$;
--> statement-breakpoint
-- Adds (sign 1) or takes away (sign -1) one support row's share of its track's week.
CREATE FUNCTION coterie_chart_tally_add(r chart_support, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  counted boolean := NOT r.voided AND NOT r.team;
  c int := CASE WHEN counted THEN sign ELSE 0 END;
  events int := (r.listen_at IS NOT NULL)::int + (r.download_at IS NOT NULL)::int
    + (r.purchase_at IS NOT NULL)::int + (r.pick_at IS NOT NULL)::int;
  c_fresh int := c * (extract(epoch FROM least(r.listen_at, r.download_at, r.purchase_at, r.pick_at) - r.born_at) < 172800)::int;
  aud text;
BEGIN
  FOREACH aud IN ARRAY CASE WHEN r.member THEN ARRAY['all', 'members'] ELSE ARRAY['all'] END LOOP
    INSERT INTO chart_track_weeks AS w (week, audience, community_id, track_id, supporters, fresh,
        listen, download, purchase, pick, listen_half, download_half, purchase_half, pick_half, voided, team)
      VALUES (r.week, aud, r.community_id, r.track_id, c, c_fresh,
        c * (r.listen_at IS NOT NULL)::int, c * (r.download_at IS NOT NULL)::int,
        c * (r.purchase_at IS NOT NULL)::int, c * (r.pick_at IS NOT NULL)::int,
        c * coalesce(extract(epoch FROM r.listen_at - r.born_at) < 604800, false)::int,
        c * coalesce(extract(epoch FROM r.download_at - r.born_at) < 604800, false)::int,
        c * coalesce(extract(epoch FROM r.purchase_at - r.born_at) < 604800, false)::int,
        c * coalesce(extract(epoch FROM r.pick_at - r.born_at) < 604800, false)::int,
        CASE WHEN r.voided THEN sign * events ELSE 0 END,
        CASE WHEN r.team AND NOT r.voided THEN sign * events ELSE 0 END)
      ON CONFLICT (week, audience, community_id, track_id) DO UPDATE SET
        supporters = w.supporters + excluded.supporters, fresh = w.fresh + excluded.fresh,
        listen = w.listen + excluded.listen, download = w.download + excluded.download,
        purchase = w.purchase + excluded.purchase, pick = w.pick + excluded.pick,
        listen_half = w.listen_half + excluded.listen_half, download_half = w.download_half + excluded.download_half,
        purchase_half = w.purchase_half + excluded.purchase_half, pick_half = w.pick_half + excluded.pick_half,
        voided = w.voided + excluded.voided, team = w.team + excluded.team;
  END LOOP;
END $$;
--> statement-breakpoint
CREATE FUNCTION coterie_chart_support_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM coterie_chart_tally_add(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM coterie_chart_tally_add(NEW, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER chart_support_tally AFTER INSERT OR UPDATE OR DELETE ON chart_support
  FOR EACH ROW EXECUTE FUNCTION coterie_chart_support_changed();
--> statement-breakpoint
-- A community's listener, ever: the week of their first listen there (gone with their last).
CREATE FUNCTION coterie_chart_listener_refresh(p_community text, p_user text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  first text;
BEGIN
  PERFORM coterie_chart_lock(p_user);
  SELECT min(te.week) INTO first FROM track_events te
    WHERE te.community_id = p_community AND te.user_id = p_user AND te.kind = 'listen';
  IF first IS NULL THEN
    DELETE FROM chart_listeners l WHERE l.community_id = p_community AND l.user_id = p_user;
  ELSE
    INSERT INTO chart_listeners AS l VALUES (p_community, p_user, first)
      ON CONFLICT (community_id, user_id) DO UPDATE SET first_week = excluded.first_week
      WHERE l.first_week IS DISTINCT FROM excluded.first_week;
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION coterie_chart_listener_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE chart_listener_weeks SET listeners = listeners - 1
      WHERE community_id = OLD.community_id AND week = OLD.first_week;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO chart_listener_weeks AS w VALUES (NEW.community_id, NEW.first_week, 1)
      ON CONFLICT (community_id, week) DO UPDATE SET listeners = w.listeners + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER chart_listeners_count AFTER INSERT OR UPDATE OR DELETE ON chart_listeners
  FOR EACH ROW EXECUTE FUNCTION coterie_chart_listener_changed();
--> statement-breakpoint
CREATE FUNCTION coterie_chart_track_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM coterie_chart_support_refresh(OLD.week, OLD.track_id, OLD.user_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM coterie_chart_support_refresh(NEW.week, NEW.track_id, NEW.user_id);
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.kind = 'listen' THEN
    PERFORM coterie_chart_listener_refresh(OLD.community_id, OLD.user_id);
  END IF;
  IF TG_OP = 'INSERT' AND NEW.kind = 'listen' THEN
    -- The common case, a new listen, without a recount: only an earlier week can change it.
    PERFORM coterie_chart_lock(NEW.user_id);
    INSERT INTO chart_listeners AS l VALUES (NEW.community_id, NEW.user_id, NEW.week)
      ON CONFLICT (community_id, user_id) DO UPDATE SET first_week = excluded.first_week
      WHERE l.first_week > excluded.first_week;
  ELSIF TG_OP = 'UPDATE' AND NEW.kind = 'listen' THEN
    PERFORM coterie_chart_listener_refresh(NEW.community_id, NEW.user_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER track_events_charts AFTER INSERT OR DELETE ON track_events
  FOR EACH ROW EXECUTE FUNCTION coterie_chart_track_event();
--> statement-breakpoint
-- A repeat listen only bumps repeats and last_at: no chart work.
CREATE TRIGGER track_events_charts_update AFTER UPDATE ON track_events FOR EACH ROW
  WHEN ((OLD.week, OLD.track_id, OLD.user_id, OLD.kind, OLD.first_at, OLD.community_id)
    IS DISTINCT FROM (NEW.week, NEW.track_id, NEW.user_id, NEW.kind, NEW.first_at, NEW.community_id))
  EXECUTE FUNCTION coterie_chart_track_event();
--> statement-breakpoint
-- Every track a purchase covers: the track, or each track of the release.
CREATE FUNCTION coterie_chart_purchase_refresh(p purchases) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p.user_id IS NULL THEN RETURN; END IF;
  IF p.item_type = 'track' THEN
    PERFORM coterie_chart_support_refresh(coterie_chart_week(p.created_at), p.item_id, p.user_id);
  ELSIF p.item_type = 'release' THEN
    PERFORM coterie_chart_support_refresh(coterie_chart_week(p.created_at), t.id, p.user_id)
      FROM (SELECT id FROM tracks WHERE release_id = p.item_id ORDER BY id) t;
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION coterie_chart_purchase() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM coterie_chart_purchase_refresh(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM coterie_chart_purchase_refresh(NEW); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER purchases_charts AFTER INSERT OR DELETE ON purchases
  FOR EACH ROW EXECUTE FUNCTION coterie_chart_purchase();
--> statement-breakpoint
-- A refund, an anonymised buyer (account erased) or a moved item.
CREATE TRIGGER purchases_charts_update AFTER UPDATE ON purchases FOR EACH ROW
  WHEN ((OLD.refunded, OLD.user_id, OLD.item_type, OLD.item_id, OLD.created_at)
    IS DISTINCT FROM (NEW.refunded, NEW.user_id, NEW.item_type, NEW.item_id, NEW.created_at))
  EXECUTE FUNCTION coterie_chart_purchase();
--> statement-breakpoint
CREATE FUNCTION coterie_chart_pick() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM coterie_chart_support_refresh(coterie_chart_week(OLD.created_at), OLD.track_id, OLD.user_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM coterie_chart_support_refresh(coterie_chart_week(NEW.created_at), NEW.track_id, NEW.user_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER picks_charts AFTER INSERT OR DELETE ON picks
  FOR EACH ROW EXECUTE FUNCTION coterie_chart_pick();
--> statement-breakpoint
CREATE TRIGGER picks_charts_update AFTER UPDATE ON picks FOR EACH ROW
  WHEN ((OLD.user_id, OLD.track_id, OLD.created_at) IS DISTINCT FROM (NEW.user_id, NEW.track_id, NEW.created_at))
  EXECUTE FUNCTION coterie_chart_pick();
--> statement-breakpoint
-- Joining, leaving or a role change: what the account's support is to that community's charts.
CREATE FUNCTION coterie_chart_member_refresh(p_community text, p_user text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  is_member boolean;
  is_team boolean;
BEGIN
  PERFORM coterie_chart_lock(p_user);
  SELECT true, m.role IN ('owner', 'moderator') INTO is_member, is_team
    FROM memberships m WHERE m.community_id = p_community AND m.user_id = p_user;
  UPDATE chart_support s SET member = coalesce(is_member, false), team = coalesce(is_team, false)
    WHERE s.user_id = p_user AND s.community_id = p_community
      AND (s.member, s.team) IS DISTINCT FROM (coalesce(is_member, false), coalesce(is_team, false));
END $$;
--> statement-breakpoint
CREATE FUNCTION coterie_chart_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM coterie_chart_member_refresh(OLD.community_id, OLD.user_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM coterie_chart_member_refresh(NEW.community_id, NEW.user_id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER memberships_charts AFTER INSERT OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION coterie_chart_membership();
--> statement-breakpoint
CREATE TRIGGER memberships_charts_update AFTER UPDATE ON memberships FOR EACH ROW
  WHEN ((OLD.role, OLD.user_id, OLD.community_id) IS DISTINCT FROM (NEW.role, NEW.user_id, NEW.community_id))
  EXECUTE FUNCTION coterie_chart_membership();
--> statement-breakpoint
CREATE FUNCTION coterie_chart_void() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  who text := CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END;
  is_voided boolean;
BEGIN
  PERFORM coterie_chart_lock(who);
  is_voided := EXISTS (SELECT 1 FROM chart_voids v WHERE v.user_id = who);
  UPDATE chart_support s SET voided = is_voided WHERE s.user_id = who AND s.voided IS DISTINCT FROM is_voided;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER chart_voids_charts AFTER INSERT OR DELETE ON chart_voids
  FOR EACH ROW EXECUTE FUNCTION coterie_chart_void();
--> statement-breakpoint
-- The last sweep of an erased account, whatever order its cascade ran in.
CREATE FUNCTION coterie_chart_user_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM chart_support WHERE user_id = OLD.id;
  DELETE FROM chart_listeners WHERE user_id = OLD.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_charts AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION coterie_chart_user_deleted();
--> statement-breakpoint
-- A deleted track takes its support with it (purchases of it are kept, as money records);
-- a track moved to another release or community is recounted.
CREATE FUNCTION coterie_chart_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM chart_support WHERE track_id = OLD.id;
    RETURN NULL;
  END IF;
  PERFORM coterie_chart_support_refresh(s.week, s.track_id, s.user_id)
    FROM (SELECT week, track_id, user_id FROM chart_support WHERE track_id = NEW.id ORDER BY user_id, week) s;
  PERFORM coterie_chart_support_refresh(coterie_chart_week(p.created_at), NEW.id, p.user_id)
    FROM purchases p
    WHERE p.item_type = 'release' AND p.item_id = NEW.release_id AND p.user_id IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tracks_charts AFTER DELETE ON tracks
  FOR EACH ROW EXECUTE FUNCTION coterie_chart_track();
--> statement-breakpoint
CREATE TRIGGER tracks_charts_update AFTER UPDATE ON tracks FOR EACH ROW
  WHEN ((OLD.release_id, OLD.community_id) IS DISTINCT FROM (NEW.release_id, NEW.community_id))
  EXECUTE FUNCTION coterie_chart_track();
--> statement-breakpoint
-- Everything recounted from the sources in a few set-based statements: this migration's backfill,
-- a repair, the bench after its bulk load, and the test that holds the triggers to a recount.
CREATE FUNCTION coterie_chart_aggregates_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE chart_support, chart_track_weeks, chart_listeners, chart_listener_weeks;
  ALTER TABLE chart_support DISABLE TRIGGER chart_support_tally;
  ALTER TABLE chart_listeners DISABLE TRIGGER chart_listeners_count;
  -- Millions of rows load far faster into a bare table, the indexes then built by one sort each.
  ALTER TABLE chart_support DROP CONSTRAINT chart_support_track_id_week_user_id_pk;
  DROP INDEX chart_support_user_idx;
  INSERT INTO chart_support
    WITH ev AS (
      SELECT te.week, te.track_id, te.user_id, te.kind, te.first_at AS at
        FROM track_events te WHERE te.kind IN ('listen', 'download')
      UNION ALL
      SELECT coterie_chart_week(p.created_at), t.id, p.user_id, 'purchase', p.created_at
        FROM purchases p JOIN tracks t ON t.id = p.item_id
        WHERE p.item_type = 'track' AND NOT p.refunded AND p.user_id IS NOT NULL
      UNION ALL
      SELECT coterie_chart_week(p.created_at), t.id, p.user_id, 'purchase', p.created_at
        FROM purchases p JOIN tracks t ON t.release_id = p.item_id
        WHERE p.item_type = 'release' AND NOT p.refunded AND p.user_id IS NOT NULL
      UNION ALL
      SELECT coterie_chart_week(pk.created_at), pk.track_id, pk.user_id, 'pick', pk.created_at FROM picks pk
    ),
    g AS (
      SELECT track_id, week, user_id,
             min(at) FILTER (WHERE kind = 'listen') AS listen_at,
             min(at) FILTER (WHERE kind = 'download') AS download_at,
             min(at) FILTER (WHERE kind = 'purchase') AS purchase_at,
             min(at) FILTER (WHERE kind = 'pick') AS pick_at
        FROM ev GROUP BY track_id, week, user_id
    )
    SELECT g.track_id, g.week, g.user_id, tr.community_id, u.created_at,
           g.listen_at, g.download_at, g.purchase_at, g.pick_at,
           m.user_id IS NOT NULL, coalesce(m.role IN ('owner', 'moderator'), false),
           EXISTS (SELECT 1 FROM chart_voids v WHERE v.user_id = g.user_id)
      FROM g
      JOIN tracks tr ON tr.id = g.track_id
      JOIN users u ON u.id = g.user_id
      LEFT JOIN memberships m ON m.community_id = tr.community_id AND m.user_id = g.user_id;
  ALTER TABLE chart_support ADD CONSTRAINT chart_support_track_id_week_user_id_pk PRIMARY KEY (track_id, week, user_id);
  CREATE INDEX chart_support_user_idx ON chart_support USING btree (user_id, community_id);
  INSERT INTO chart_track_weeks
    WITH r AS (
      SELECT s.*, a.audience,
             CASE WHEN NOT s.voided AND NOT s.team THEN 1 ELSE 0 END AS c,
             (s.listen_at IS NOT NULL)::int + (s.download_at IS NOT NULL)::int
               + (s.purchase_at IS NOT NULL)::int + (s.pick_at IS NOT NULL)::int AS events
        FROM chart_support s
        CROSS JOIN LATERAL (SELECT 'all' AS audience UNION ALL SELECT 'members' WHERE s.member) a
    )
    SELECT week, audience, community_id, track_id, sum(c),
           sum(c * (extract(epoch FROM least(listen_at, download_at, purchase_at, pick_at) - born_at) < 172800)::int),
           sum(c * (listen_at IS NOT NULL)::int), sum(c * (download_at IS NOT NULL)::int),
           sum(c * (purchase_at IS NOT NULL)::int), sum(c * (pick_at IS NOT NULL)::int),
           sum(c * coalesce(extract(epoch FROM listen_at - born_at) < 604800, false)::int),
           sum(c * coalesce(extract(epoch FROM download_at - born_at) < 604800, false)::int),
           sum(c * coalesce(extract(epoch FROM purchase_at - born_at) < 604800, false)::int),
           sum(c * coalesce(extract(epoch FROM pick_at - born_at) < 604800, false)::int),
           sum(CASE WHEN voided THEN events ELSE 0 END),
           sum(CASE WHEN team AND NOT voided THEN events ELSE 0 END)
      FROM r GROUP BY week, audience, community_id, track_id;
  INSERT INTO chart_listeners
    SELECT te.community_id, te.user_id, min(te.week) FROM track_events te
      WHERE te.kind = 'listen' GROUP BY te.community_id, te.user_id ORDER BY te.community_id, te.user_id;
  INSERT INTO chart_listener_weeks
    SELECT community_id, first_week, count(*) FROM chart_listeners GROUP BY community_id, first_week;
  ALTER TABLE chart_support ENABLE TRIGGER chart_support_tally;
  ALTER TABLE chart_listeners ENABLE TRIGGER chart_listeners_count;
END $$;
--> statement-breakpoint
SELECT coterie_chart_aggregates_rebuild();
