import type { Tier } from '../../../api/billing.ts';
import { Button } from '../../../components/feedback.tsx';
import { CheckIcon } from '../../../components/icons.tsx';
import { formatMoney } from '../../../lib/money.ts';

/** Perks are written one per line in the tier editor; blank lines are spacing, not perks. */
export const perkLines = (perks: string): string[] =>
  perks
    .split('\n')
    .map((line) => line.replace(/^\s*[-*•]\s*/, '').trim())
    .filter(Boolean);

interface TierCardProps {
  tier: Tier;
  /** The viewer's live tier here, if any: its card says so instead of offering it again. */
  current: Tier | null;
  /** When the current tier ends (cancelled at period end), in words; null while it renews. */
  endsOn: string | null;
  /** Null when the viewer cannot choose (owner, outsider): the card only shows the offer. */
  onChoose: ((tier: Tier) => void) | null;
  busy: boolean;
  disabled: boolean;
}

function chooseWords(tier: Tier, current: Tier | null): string {
  if (!current) return 'Choose';
  if (tier.priceMinor > current.priceMinor) return 'Upgrade';
  if (tier.priceMinor < current.priceMinor) return 'Downgrade';
  return 'Switch';
}

export function TierCard({ tier, current, endsOn, onChoose, busy, disabled }: TierCardProps) {
  const titleId = `tier-${tier.id}`;
  const isCurrent = current?.id === tier.id;
  const perks = perkLines(tier.perks);
  return (
    <article className={isCurrent ? 'tier-card tier-card--current' : 'tier-card'} aria-labelledby={titleId}>
      <header className="tier-card__header">
        <h3 id={titleId} className="tier-card__name">
          {tier.name}
        </h3>
        {isCurrent ? <span className="badge">Your tier</span> : null}
      </header>
      <p className="tier-card__price">
        <strong>{formatMoney(tier.priceMinor, tier.currency)}</strong>
        <span className="tier-card__per"> / month</span>
      </p>
      {perks.length > 0 ? (
        <ul className="tier-card__perks" aria-label={`What ${tier.name} includes`}>
          {perks.map((perk) => (
            <li key={perk}>
              <CheckIcon className="icon tier-card__tick" />
              <span>{perk}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="tier-card__no-perks">A monthly thank-you, no extras attached.</p>
      )}
      {onChoose ? (
        <div className="tier-card__action">
          {isCurrent ? (
            <p className="tier-card__current">
              <CheckIcon className="icon icon--inline" />{' '}
              {endsOn ? `Yours until ${endsOn}` : 'You support at this tier'}
            </p>
          ) : (
            <Button
              variant={current ? 'secondary' : 'primary'}
              className="button--block"
              busy={busy}
              busyLabel="Opening checkout…"
              disabled={disabled}
              onClick={() => onChoose(tier)}
            >
              {chooseWords(tier, current)}
              <span className="visually-hidden"> {tier.name}</span>
            </Button>
          )}
        </div>
      ) : null}
    </article>
  );
}
