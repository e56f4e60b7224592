import { type ReactNode, useId } from 'react';

interface RadioCardsProps<T extends string> {
  legend: string;
  name: string;
  options: { value: T; label: ReactNode; text: ReactNode; icon?: ReactNode }[];
  value: T;
  onChange: (value: T) => void;
  hint?: ReactNode;
  error?: string | undefined;
  columns?: 2 | 4;
}

/** A choice among a few options, each a card with a sentence that says what it means. */
export function RadioCards<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  hint,
  error,
  columns = 2,
}: RadioCardsProps<T>) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset
      className={error ? 'radio-cards field--invalid' : 'radio-cards'}
      aria-describedby={describedBy || undefined}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className={`radio-cards__grid radio-cards__grid--${columns}`}>
        {options.map((option) => (
          <div
            key={option.value}
            className={option.value === value ? 'radio-card radio-card--on' : 'radio-card'}
          >
            <input
              id={`${id}-${option.value}`}
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
              aria-describedby={`${id}-${option.value}-text`}
            />
            {/* The label stretches over the whole card, so the card is one big target. */}
            <label className="radio-card__label" htmlFor={`${id}-${option.value}`}>
              {option.icon}
              {option.label}
            </label>
            <span className="radio-card__text" id={`${id}-${option.value}-text`}>
              {option.text}
            </span>
          </div>
        ))}
      </div>
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
