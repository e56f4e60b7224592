import type { MediaService } from '@coterie/media';
import { type AppContext, badRequest, newId, type Viewer } from '@coterie/platform';
import { type MusicAccess, type MusicAccessResult, releaseNotFound } from './access.ts';
import { EVERYTHING, mayHear, priceColumns } from './paid-music.ts';
import type { MusicStore, ReleaseRow } from './store.ts';
import { type ReleaseView, releaseView, trackView } from './views.ts';

export type ReleaseKind = 'album' | 'ep' | 'single';

export interface ReleaseInput {
  title?: string;
  kind?: ReleaseKind;
  releaseDate?: string | null;
  description?: string;
  credits?: string;
  trackIds?: string[];
  price?: { amountMinor: number; currency: string; payWhatYouWant?: boolean } | null;
}

/** Albums, EPs and singles: ordered tracks with artwork, a date and credits. */
export class ReleaseService {
  readonly #ctx: AppContext;
  readonly #store: MusicStore;
  readonly #media: MediaService;
  readonly #access: MusicAccess;

  constructor(ctx: AppContext, store: MusicStore, media: MediaService, access: MusicAccess) {
    this.#ctx = ctx;
    this.#store = store;
    this.#media = media;
    this.#access = access;
  }

  async create(viewer: Viewer, slug: string, input: ReleaseInput & { title: string; kind: ReleaseKind }) {
    const access = await this.#access.requireTeam(slug, viewer, 'create releases');
    const now = this.#ctx.clock();
    const row = await this.#store.insertRelease({
      id: newId('rel'),
      communityId: access.community.id,
      title: input.title.trim(),
      kind: input.kind,
      releaseDate: checkDate(input.releaseDate ?? null),
      description: input.description?.trim() ?? '',
      credits: input.credits?.trim() ?? '',
      createdAt: now,
      updatedAt: now,
    });
    return releaseView(row, access.ref, [], true, EVERYTHING);
  }

  async list(viewer: Viewer | null, slug: string): Promise<{ releases: ReleaseView[] }> {
    const access = await this.#access.bySlug(slug, viewer);
    const rows = await this.#store.listReleases(access.community.id);
    const views = await Promise.all(rows.map((row) => this.#view(viewer, row, access)));
    // A release with nothing the viewer can hear is not shown to them (the team sees drafts).
    return { releases: views.filter((v) => access.isTeam || v.tracks.length > 0) };
  }

  async get(viewer: Viewer | null, id: string): Promise<ReleaseView> {
    const row = await this.#find(id);
    const access = await this.#access.ofCommunity(row.communityId, viewer);
    const view = await this.#view(viewer, row, access);
    if (!access.isTeam && view.tracks.length === 0) throw releaseNotFound();
    return view;
  }

  async update(viewer: Viewer, id: string, input: ReleaseInput): Promise<ReleaseView> {
    const row = await this.#find(id);
    const access = await this.#access.requireTeamById(row.communityId, viewer, 'edit releases');
    if (input.trackIds !== undefined) {
      const current = (await this.#store.releaseTracks(id)).map((t) => t.id);
      const wanted = input.trackIds;
      if (
        wanted.length !== current.length ||
        new Set(wanted).size !== wanted.length ||
        !wanted.every((t) => current.includes(t))
      ) {
        throw badRequest(
          'validation_failed',
          "trackIds must list exactly this release's tracks, each once, in the new order.",
        );
      }
      await this.#store.setOrder(id, wanted);
    }
    const patch: Parameters<MusicStore['updateRelease']>[1] = { updatedAt: this.#ctx.clock() };
    if (input.title !== undefined) patch.title = input.title.trim();
    if (input.kind !== undefined) patch.kind = input.kind;
    if (input.releaseDate !== undefined) patch.releaseDate = checkDate(input.releaseDate);
    if (input.description !== undefined) patch.description = input.description.trim();
    if (input.credits !== undefined) patch.credits = input.credits.trim();
    if (input.price !== undefined) Object.assign(patch, priceColumns(input.price));
    const updated = await this.#store.updateRelease(id, patch);
    if (!updated) throw releaseNotFound();
    return this.#view(viewer, updated, access);
  }

  async setArtwork(viewer: Viewer, id: string, upload: Buffer | null): Promise<ReleaseView> {
    const row = await this.#find(id);
    const access = await this.#access.requireTeamById(row.communityId, viewer, 'change artwork');
    const image = upload
      ? await this.#media.saveArtwork(row.communityId, access.membership?.id ?? '', upload)
      : null;
    const updated = await this.#store.updateRelease(id, {
      artworkId: image?.id ?? null,
      updatedAt: this.#ctx.clock(),
    });
    if (row.artworkId) await this.#media.deleteImage(row.communityId, row.artworkId);
    if (!updated) throw releaseNotFound();
    return this.#view(viewer, updated, access);
  }

  async remove(viewer: Viewer, id: string): Promise<void> {
    const row = await this.#find(id);
    await this.#access.requireTeamById(row.communityId, viewer, 'delete releases');
    await this.#store.deleteRelease(id);
    if (row.artworkId) await this.#media.deleteImage(row.communityId, row.artworkId);
  }

  /** The release as the viewer may hear it, for the purchase flow (its 404 when they cannot). */
  async sellable(viewer: Viewer, id: string): Promise<{ row: ReleaseRow; access: MusicAccessResult }> {
    const row = await this.#find(id);
    const access = await this.#access.ofCommunity(row.communityId, viewer);
    const view = await this.#view(viewer, row, access);
    if (!access.isTeam && view.tracks.length === 0) throw releaseNotFound();
    return { row, access };
  }

  async #view(viewer: Viewer | null, row: ReleaseRow, access: MusicAccessResult): Promise<ReleaseView> {
    const member = access.membership !== null || viewer?.isAdmin === true;
    const all = await this.#store.releaseTracks(row.id);
    const entitlement = await this.#access.paid.entitlement(access, viewer, [
      ...all,
      { id: '', releaseId: row.id },
    ]);
    const tracks = all.filter(
      (t) =>
        access.isTeam ||
        (t.status === 'ready' && (t.visibility === 'public' || member) && mayHear(t, entitlement)),
    );
    return releaseView(
      row,
      access.ref,
      tracks.map((t) => trackView(t, access.ref, access.isTeam, entitlement)),
      access.isTeam,
      entitlement,
    );
  }

  async #find(id: string): Promise<ReleaseRow> {
    const row = await this.#store.findRelease(id);
    if (!row) throw releaseNotFound();
    return row;
  }
}

function checkDate(value: string | null): string | null {
  if (value === null || value === '') return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== value
  ) {
    throw badRequest('validation_failed', 'releaseDate must be a real date written YYYY-MM-DD.', [
      { field: 'releaseDate', message: 'not a date' },
    ]);
  }
  return value;
}
