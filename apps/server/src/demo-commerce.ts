import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReceivedFile, Viewer } from '@coterie/platform';
import type { App } from './app.ts';

/** A one-page PDF, written by hand: enough for the demo shop's product to download and open. */
function demoPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * Money and charts for the demo: tiers, a tier-only post, a priced EP, a digital product, a paid
 * subscription through the sandbox, a week of listens on the open chart and two campaigns.
 */
export async function seedDemoCommerce(app: App, viewers: Map<string, Viewer>): Promise<void> {
  const ana = viewers.get('ana@example.com');
  const sam = viewers.get('sam@example.com');
  const jo = viewers.get('jo@example.com');
  const mira = viewers.get('mira@example.com');
  if (!ana || !sam || !jo || !mira) return;
  const supporter = await app.billing.tiers.create(ana, 'loop-sessions', {
    name: 'Supporter',
    priceMinor: 500,
    currency: 'EUR',
    perks: 'Demos before anyone else, and the stems of every released track.',
  });
  await app.billing.tiers.create(ana, 'loop-sessions', {
    name: 'Patron',
    priceMinor: 1500,
    currency: 'EUR',
    perks: 'Everything Supporters get, plus a monthly listening call.',
  });
  await app.posts.create(ana, 'loop-sessions', {
    body: 'Supporters: the rough mix of the next single is up. Tell me what the bridge needs.',
    visibility: 'tier',
    tierId: supporter.id,
  });
  const started = await app.billing.subscriptions.subscribe(jo, 'loop-sessions', supporter.id);
  await app.billing.sandbox?.pay(started.checkoutId, '4242 4242 4242 4242');

  const { releases } = await app.music.releases.list(ana, 'loop-sessions');
  const ep = releases[0];
  if (ep) {
    await app.music.releases.update(ana, ep.id, {
      price: { amountMinor: 800, currency: 'EUR', payWhatYouWant: true },
    });
  }

  const dir = await mkdtemp(path.join(tmpdir(), 'coterie-demo-product-'));
  try {
    const pdf = demoPdf('Patching for people who think they cannot patch');
    const file = path.join(dir, 'patching-guide.pdf');
    await writeFile(file, pdf);
    const received: ReceivedFile = {
      path: file,
      bytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      filename: 'patching-guide.pdf',
      discard: async () => {},
    };
    await app.billing.products.create(
      sam,
      'patch-notes',
      {
        title: 'Patching for people who think they cannot patch',
        description: 'The course notes: twelve patches from one oscillator to a small generative system.',
        price: { amountMinor: 1200, currency: 'EUR', payWhatYouWant: true },
      },
      received,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // A week of listens, so the open chart has ranks (counts wait for Monday).
  const { tracks } = await app.music.tracks.list(ana, 'loop-sessions', undefined);
  const playable = tracks.filter((t) => t.status === 'ready' && t.visibility === 'public');
  for (const [i, listener] of [jo, mira, sam].entries()) {
    for (const track of playable.slice(0, 3 - i)) {
      await app.music.tracks.recordPlay(listener, track.id, 30_000);
    }
  }
  // The start tallied the open charts before these listens; show them now rather than in a minute.
  await app.charts.charts.invalidate();
  const lead = playable[0];
  if (lead) {
    await app.charts.campaigns.create(ana, 'loop-sessions', {
      kind: 'supporters',
      title: `25 new listeners for “${lead.title}”`,
      description: 'Play it, pick it, pass it on: every new listener this month counts.',
      trackId: lead.id,
      target: 25,
      endsAt: new Date(Date.now() + 28 * 86_400_000).toISOString(),
    });
  }
  await app.charts.campaigns.create(ana, 'loop-sessions', {
    kind: 'funding',
    title: 'Two days in a real studio',
    description: 'Every subscription and purchase until the end of next month goes to the studio fund.',
    target: 60_000,
    currency: 'EUR',
    endsAt: new Date(Date.now() + 45 * 86_400_000).toISOString(),
  });
}
