import type { AppContext, ErasureOptions } from '@coterie/platform';

export interface ExportDocument {
  format: 'coterie-export/1';
  exportedAt: string;
  sections: Record<string, unknown>;
}

/** "Everything about me" and "erase me", assembled from every capability's registered section. */
export class PrivacyService {
  readonly #ctx: AppContext;
  constructor(ctx: AppContext) {
    this.#ctx = ctx;
  }

  async exportFor(userId: string): Promise<ExportDocument> {
    const sections: Record<string, unknown> = {};
    for (const section of this.#ctx.personalData) sections[section.name] = await section.export(userId);
    return { format: 'coterie-export/1', exportedAt: this.#ctx.clock().toISOString(), sections };
  }

  /** Later capabilities erase first; the account itself (registered first) goes last. */
  async erase(userId: string, options: ErasureOptions): Promise<void> {
    for (const section of [...this.#ctx.personalData].reverse()) await section.erase(userId, options);
    this.#ctx.logger.info({ event: 'account_erased' }, 'an account was erased');
  }
}
