import { newId } from '@coterie/platform';
import type { CommunitiesStore, MembershipRow } from './store.ts';

/** Writes the community's audit log: who (persona), did what, to whom, when. */
export class AuditTrail {
  readonly #store: CommunitiesStore;
  readonly #clock: () => Date;
  constructor(store: CommunitiesStore, clock: () => Date) {
    this.#store = store;
    this.#clock = clock;
  }

  async record(
    communityId: string,
    actor: MembershipRow,
    action: string,
    target: MembershipRow | null,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    await this.#store.audit({
      id: newId('aud'),
      communityId,
      actorId: actor.id,
      actorHandle: actor.handle,
      action,
      targetId: target?.id ?? null,
      targetHandle: target?.handle ?? null,
      detail,
      createdAt: this.#clock(),
    });
  }
}
