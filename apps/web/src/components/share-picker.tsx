import { useId } from 'react';
import { Link } from 'react-router';
import type { Profile } from '../api/account.ts';
import { SHAREABLE_FIELDS, type ShareField } from '../api/communities.ts';
import { profileValue, SHARE_FIELD_INFO } from '../lib/community-meta.ts';

interface SharePickerProps {
  profile: Profile;
  value: readonly ShareField[];
  onChange: (value: ShareField[]) => void;
  /** "Rosa's Tape Club": whose eyes the fields are for. */
  audience: string;
  legend?: string;
  error?: string | undefined;
}

/**
 * Ticks which fields of my private profile a community may see. Each row shows my own value, so
 * the choice is about real data, not about field names; an empty field has nothing to share.
 */
export function SharePicker({ profile, value, onChange, audience, legend, error }: SharePickerProps) {
  const id = useId();
  const chosen = new Set(value);
  const toggle = (field: ShareField, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(field);
    else next.delete(field);
    // Kept in the profile's order, so the request and the preview read the same way.
    onChange(SHAREABLE_FIELDS.filter((f) => next.has(f)));
  };

  return (
    <fieldset className="share-picker" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
      <legend className="share-picker__legend">{legend ?? `What ${audience} may see of you`}</legend>
      <p className="field__hint" id={`${id}-hint`}>
        Your handle is always visible. Tick only what you want to share: nothing else leaves your private
        profile. <Link to="/me">Edit your profile</Link> to fill in more.
      </p>
      <ul className="share-picker__list">
        {SHAREABLE_FIELDS.map((field) => {
          const mine = profileValue(profile, field);
          const checked = chosen.has(field);
          const empty = mine === null;
          return (
            <li key={field} className={checked ? 'share-option share-option--on' : 'share-option'}>
              <input
                id={`${id}-${field}`}
                type="checkbox"
                name="share"
                value={field}
                checked={checked}
                disabled={empty && !checked}
                onChange={(event) => toggle(field, event.target.checked)}
                aria-describedby={`${id}-${field}-value`}
              />
              <label htmlFor={`${id}-${field}`} className="share-option__label">
                {SHARE_FIELD_INFO[field]}
              </label>
              <span
                id={`${id}-${field}-value`}
                className={empty ? 'share-option__value share-option__value--empty' : 'share-option__value'}
              >
                {empty ? 'Empty in your profile' : mine}
              </span>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span aria-hidden="true" className="field__error-icon">
            !
          </span>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
