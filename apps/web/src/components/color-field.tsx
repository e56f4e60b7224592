import { useEffect, useId, useState } from 'react';
import { normalizeHex } from '../lib/accent.ts';

interface ColorFieldProps {
  label: string;
  /** Always a valid "#rrggbb". */
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string | undefined;
}

const SWATCHES = ['#2f5d50', '#7a2e3b', '#c2410c', '#b7791f', '#3b5bdb', '#6d28d9', '#0f766e', '#1e1c27'];

/**
 * The accent colour: the browser's picker for choosing by eye, a hex field for pasting a brand
 * colour, and a few swatches. The hex field may hold a half-typed value; the colour only changes
 * once it is a valid one.
 */
export function ColorField({ label, value, onChange, hint, error }: ColorFieldProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const [typedError, setTypedError] = useState<string | null>(null);

  useEffect(() => {
    setText((current) => (normalizeHex(current) === value ? current : value));
  }, [value]);

  const shownError = error ?? typedError ?? undefined;
  const describedBy = [hint ? `${id}-hint` : null, shownError ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');

  return (
    <fieldset className={shownError ? 'color-field field--invalid' : 'color-field'}>
      <legend className="field__label">{label}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="color-field__controls">
        <input
          id={`${id}-picker`}
          type="color"
          className="color-field__picker"
          value={value}
          onChange={(event) => {
            setTypedError(null);
            onChange(event.target.value);
          }}
          aria-label={`${label}: colour picker`}
        />
        <input
          id={`${id}-hex`}
          className="input color-field__hex"
          value={text}
          maxLength={7}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-label={`${label}: hex code`}
          aria-describedby={describedBy || undefined}
          aria-invalid={shownError ? true : undefined}
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            const hex = normalizeHex(next);
            if (hex && next.replace('#', '').length === 6) {
              setTypedError(null);
              onChange(hex);
            }
          }}
          onBlur={() => {
            const hex = normalizeHex(text);
            if (hex) {
              setTypedError(null);
              setText(hex);
              onChange(hex);
            } else {
              setTypedError('Enter a colour as six hex digits, like #2f5d50.');
            }
          }}
        />
        <ul className="color-field__swatches" aria-label="Suggested colours">
          {SWATCHES.map((swatch) => (
            <li key={swatch}>
              <button
                type="button"
                className="color-swatch"
                ref={(element) => element?.style.setProperty('--swatch', swatch)}
                aria-pressed={swatch === value}
                onClick={() => {
                  setTypedError(null);
                  onChange(swatch);
                }}
              >
                <span className="visually-hidden">Use {swatch}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      {shownError ? (
        <p className="field__error" id={`${id}-error`}>
          <span aria-hidden="true" className="field__error-icon">
            !
          </span>
          {shownError}
        </p>
      ) : null}
    </fieldset>
  );
}
