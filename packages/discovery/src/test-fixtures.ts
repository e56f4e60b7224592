import { musicSchema } from '@coterie/music';
import { newId } from '@coterie/platform';
import type { TestApp, TestClient } from '@coterie/testing';
import { sql } from 'drizzle-orm';

/**
 * Ready tracks straight into the database: discovery tests are about who picked and played what,
 * and transcoding dozens of files would only slow them down (music's own tests cover uploads).
 */
export async function readyTrack(
  t: TestApp,
  communitySlug: string,
  title: string,
  options: { artist?: string; visibility?: 'public' | 'members'; readyAt?: Date } = {},
): Promise<string> {
  const rows = (await t.ctx.database.db.execute(
    sql`select id from communities where slug = ${communitySlug}`,
  )) as unknown as {
    rows: { id: string }[];
  };
  const communityId = rows.rows[0]?.id;
  if (!communityId) throw new Error(`no community ${communitySlug}`);
  const id = newId('trk');
  const file = { key: `originals/${id}`, bytes: 1000, sha256: id, contentType: 'audio/wav' };
  await t.ctx.database.db.insert(musicSchema.tracks).values({
    id,
    communityId,
    title,
    artist: options.artist ?? communitySlug,
    visibility: options.visibility ?? 'public',
    status: 'ready',
    progress: 100,
    durationMs: 180_000,
    peaks: [],
    original: { ...file, format: 'wav', extension: 'wav' },
    renditions: { opus: { ...file, contentType: 'audio/ogg' }, mp3: { ...file, contentType: 'audio/mpeg' } },
    readyAt: options.readyAt ?? t.clock.now(),
  });
  return id;
}

/** A counted listen this week, as the player would record after 30 s. */
export async function listen(client: TestClient, trackId: string): Promise<void> {
  const res = await client.post(`/api/tracks/${trackId}/plays`, { playedMs: 31_000 });
  if (res.status !== 204) throw new Error(`listen failed: ${res.status} ${res.text}`);
}

export async function curator(client: TestClient, handle: string): Promise<string> {
  const res = await client.put('/api/me/curator', { handle, bio: `${handle} picks` });
  if (res.status !== 200) throw new Error(`curator failed: ${res.status} ${res.text}`);
  return res.body.id;
}
