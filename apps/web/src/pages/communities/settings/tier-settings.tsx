import { useState } from 'react';
import { Link } from 'react-router';
import { billingApi, type Tier } from '../../../api/billing.ts';
import { ApiError } from '../../../api/client.ts';
import { useAnnounce } from '../../../components/announcer.tsx';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { ChevronDownIcon, ChevronUpIcon, PencilIcon } from '../../../components/icons.tsx';
import { formatMoney } from '../../../lib/money.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useCommunity } from '../community-context.ts';
import { perkLines } from '../support/tier-card.tsx';
import { TierForm } from './tier-form.tsx';

const byPosition = (tiers: readonly Tier[]) => [...tiers].sort((a, b) => a.position - b.position);

/** Settings → Tiers (owner): create, edit in place, archive and reorder the monthly tiers. */
export function TierSettings() {
  const { community, tiers, reloadTiers } = useCommunity();
  useDocumentTitle(`Tiers · ${community.name}`);
  const announce = useAnnounce();
  const [editing, setEditing] = useState<string | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [created, setCreated] = useState<Notice | null>(null);
  const list = tiers ? byPosition(tiers) : null;
  const fixedCurrency = list?.find((t) => !t.archived)?.currency ?? null;

  async function act(key: string, run: () => Promise<void>, done: string) {
    setWorking(key);
    setNotice(null);
    try {
      await run();
      await reloadTiers();
      announce(done);
    } catch (error) {
      setNotice({
        tone: 'error',
        text: error instanceof ApiError ? error.message : 'That change did not go through. Please try again.',
      });
    } finally {
      setWorking(null);
    }
  }

  /** Moves a tier one place and renumbers the list, so equal or gapped positions sort out too. */
  function move(tier: Tier, by: -1 | 1) {
    if (!list) return;
    const order = list.filter((t) => t.id !== tier.id);
    order.splice(list.indexOf(tier) + by, 0, tier);
    const changed = order.map((t, index) => ({ t, index })).filter(({ t, index }) => t.position !== index);
    void act(
      `move-${tier.id}`,
      async () => {
        for (const { t, index } of changed) await billingApi.updateTier(t.id, { position: index });
      },
      `${tier.name} moved ${by < 0 ? 'up' : 'down'}.`,
    ).then(() => document.getElementById(`tier-row-${tier.id}`)?.focus());
  }

  return (
    <div className="panel-stack">
      <section className="panel" aria-labelledby="tiers-title">
        <div className="panel__header">
          <h2 id="tiers-title" className="panel__title">
            Tiers
          </h2>
          <p className="panel__lead">
            Monthly subscriptions fans choose on the{' '}
            <Link to={`/c/${community.slug}/support`}>Support page</Link>, in this order. Archiving a tier
            stops new subscriptions; its subscribers keep it.
          </p>
        </div>
        <StatusMessage notice={notice} className="settings__notice" />
        {list === null ? (
          <p className="muted-state" role="status">
            <span className="spinner" aria-hidden="true" /> Loading tiers…
          </p>
        ) : list.length === 0 ? (
          <p className="empty-line">No tiers yet. Create the first one below.</p>
        ) : (
          <ul className="tier-rows" aria-label="Your tiers">
            {list.map((tier, index) => (
              <li
                key={tier.id}
                id={`tier-row-${tier.id}`}
                tabIndex={-1}
                className={tier.archived ? 'tier-row tier-row--archived' : 'tier-row'}
                aria-label={tier.name}
              >
                {editing === tier.id ? (
                  <>
                    <p className="tier-row__editing">Editing {tier.name}</p>
                    <TierForm
                      tier={tier}
                      fixedCurrency={tier.currency}
                      submitLabel="Save tier"
                      busyLabel="Saving…"
                      onCancel={() => setEditing(null)}
                      onSubmit={async (input) => {
                        await billingApi.updateTier(tier.id, {
                          name: input.name,
                          priceMinor: input.priceMinor,
                          perks: input.perks ?? '',
                        });
                        await reloadTiers();
                        setEditing(null);
                        announce(`${input.name} saved.`);
                      }}
                    />
                  </>
                ) : (
                  <div className="tier-row__main">
                    <div className="tier-row__text">
                      <p className="tier-row__name">
                        {tier.name}
                        {tier.archived ? <span className="chip">Archived</span> : null}
                      </p>
                      <p className="tier-row__meta">
                        <strong>{formatMoney(tier.priceMinor, tier.currency)}</strong> / month
                        <span aria-hidden="true"> · </span>
                        {tier.subscribers ?? 0} {tier.subscribers === 1 ? 'subscriber' : 'subscribers'}
                      </p>
                      {perkLines(tier.perks).length > 0 ? (
                        <p className="tier-row__perks">{perkLines(tier.perks).join(' · ')}</p>
                      ) : null}
                    </div>
                    <div className="tier-row__actions">
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Move ${tier.name} up`}
                        disabled={index === 0 || working !== null}
                        onClick={() => move(tier, -1)}
                      >
                        <ChevronUpIcon className="icon icon--inline" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Move ${tier.name} down`}
                        disabled={index === list.length - 1 || working !== null}
                        onClick={() => move(tier, 1)}
                      >
                        <ChevronDownIcon className="icon icon--inline" />
                      </Button>
                      <Button
                        variant="secondary"
                        size="sm"
                        aria-label={`Edit ${tier.name}`}
                        disabled={working !== null}
                        onClick={() => setEditing(tier.id)}
                      >
                        <PencilIcon className="icon icon--inline" />
                        Edit
                      </Button>
                      <Button
                        variant={tier.archived ? 'secondary' : 'danger-ghost'}
                        size="sm"
                        aria-label={`${tier.archived ? 'Unarchive' : 'Archive'} ${tier.name}`}
                        busy={working === `archive-${tier.id}`}
                        busyLabel={tier.archived ? 'Unarchiving…' : 'Archiving…'}
                        disabled={working !== null}
                        onClick={() =>
                          void act(
                            `archive-${tier.id}`,
                            () => billingApi.updateTier(tier.id, { archived: !tier.archived }).then(() => {}),
                            tier.archived ? `${tier.name} is offered again.` : `${tier.name} archived.`,
                          )
                        }
                      >
                        {tier.archived ? 'Unarchive' : 'Archive'}
                      </Button>
                    </div>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="new-tier-title">
        <div className="panel__header">
          <h2 id="new-tier-title" className="panel__title">
            New tier
          </h2>
          <p className="panel__lead">
            A monthly price and what it brings. {community.name} keeps at least 80&nbsp;% of every payment.
          </p>
        </div>
        <StatusMessage notice={created} className="settings__notice" />
        <TierForm
          fixedCurrency={fixedCurrency}
          submitLabel="Create tier"
          busyLabel="Creating…"
          onSubmit={async (input) => {
            setCreated(null);
            const tier = await billingApi.createTier(community.slug, input);
            await reloadTiers();
            setCreated({
              tone: 'success',
              text: `${tier.name} created at ${formatMoney(tier.priceMinor, tier.currency)} a month.`,
            });
          }}
        />
      </section>
    </div>
  );
}
