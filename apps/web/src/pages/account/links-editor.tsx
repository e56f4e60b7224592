import { useEffect, useRef, useState } from 'react';
import { MAX_LINKS } from '../../api/account.ts';
import { Button } from '../../components/feedback.tsx';
import { TextField } from '../../components/fields.tsx';
import { PlusIcon, TrashIcon } from '../../components/icons.tsx';
import type { FieldErrors } from '../../lib/form-errors.ts';
import { type LinkRow, newLinkRow } from './profile-form-model.ts';

interface LinksEditorProps {
  rows: LinkRow[];
  onChange: (rows: LinkRow[]) => void;
  errors: FieldErrors;
}

export function LinksEditor({ rows, onChange, errors }: LinksEditorProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);

  // Moving focus to the row just added (or back to "Add" after a removal) keeps keyboard users in place.
  useEffect(() => {
    if (focusKey === null) return;
    if (focusKey === 'add') addRef.current?.focus();
    else listRef.current?.querySelector<HTMLInputElement>(`[data-row="${focusKey}"] input`)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const update = (key: string, patch: Partial<LinkRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  const add = () => {
    const row = newLinkRow();
    onChange([...rows, row]);
    setFocusKey(row.key);
  };

  const remove = (key: string) => {
    onChange(rows.filter((row) => row.key !== key));
    setFocusKey('add');
  };

  const full = rows.length >= MAX_LINKS;
  return (
    <fieldset className="links-editor">
      <legend className="links-editor__legend">Links</legend>
      <p className="field__hint" id="links-hint">
        Your website, a shop, a profile elsewhere: up to {MAX_LINKS}. Leave the label empty to show the site’s
        name.
      </p>
      {rows.length === 0 ? <p className="links-editor__empty">No links yet.</p> : null}
      <ol className="links-editor__rows" ref={listRef}>
        {rows.map((row, index) => (
          <li key={row.key} className="links-editor__row" data-row={row.key}>
            <TextField
              label={
                <>
                  Label<span className="visually-hidden"> of link {index + 1}</span>
                </>
              }
              fieldClassName="links-editor__label"
              value={row.label}
              maxLength={40}
              placeholder="My website"
              onValueChange={(label) => update(row.key, { label })}
              error={errors[`links.${index}.label`]}
            />
            <TextField
              label={
                <>
                  Address<span className="visually-hidden"> of link {index + 1}</span>
                </>
              }
              fieldClassName="links-editor__url"
              type="url"
              inputMode="url"
              spellCheck={false}
              autoCapitalize="off"
              value={row.url}
              maxLength={500}
              placeholder="https://"
              onValueChange={(url) => update(row.key, { url })}
              error={errors[`links.${index}.url`]}
            />
            <Button
              variant="danger-ghost"
              size="sm"
              className="links-editor__remove"
              onClick={() => remove(row.key)}
            >
              <TrashIcon className="icon icon--inline" />
              <span className="visually-hidden">Remove link {index + 1}</span>
            </Button>
          </li>
        ))}
      </ol>
      <div className="links-editor__footer">
        <Button ref={addRef} variant="secondary" size="sm" onClick={add} disabled={full}>
          <PlusIcon className="icon icon--inline" />
          Add a link
        </Button>
        <span className="links-editor__count">
          {rows.length} of {MAX_LINKS}
          {full ? ': that is the most a profile can hold' : ''}
        </span>
      </div>
      {errors.links ? <p className="field__error">{errors.links}</p> : null}
    </fieldset>
  );
}
