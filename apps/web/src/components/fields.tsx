import {
  type ComponentPropsWithRef,
  type ReactNode,
  type TextareaHTMLAttributes,
  useId,
  useState,
} from 'react';

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode | undefined;
  error?: string | undefined;
  optional?: boolean | undefined;
  children: (describedBy: string | undefined) => ReactNode;
  className?: string | undefined;
}

/** Label, hint and error around one control, wired together with aria-describedby. */
function FieldFrame({ id, label, hint, error, optional, children, className }: FieldFrameProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optional ? <span className="field__optional"> (optional)</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children(describedBy)}
      {error ? (
        <p className="field__error" id={errorId}>
          <span aria-hidden="true" className="field__error-icon">
            !
          </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** `ref` reaches the input (React 19 passes it as a prop), so a dialog can focus the field. */
type InputProps = Omit<ComponentPropsWithRef<'input'>, 'id' | 'onChange' | 'value'> & {
  label: ReactNode;
  value: string;
  onValueChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  fieldClassName?: string;
};

export function TextField({
  label,
  hint,
  error,
  optional,
  value,
  onValueChange,
  fieldClassName,
  ...rest
}: InputProps) {
  const id = useId();
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      error={error}
      optional={optional}
      className={fieldClassName}
    >
      {(describedBy) => (
        <input
          {...rest}
          id={id}
          className="input"
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
      )}
    </FieldFrame>
  );
}

type PasswordProps = Omit<InputProps, 'type'>;

/** A password input with a show/hide toggle: seeing what you typed beats retyping it twice. */
export function PasswordField({
  label,
  hint,
  error,
  optional,
  value,
  onValueChange,
  fieldClassName,
  ...rest
}: PasswordProps) {
  const id = useId();
  const [visible, setVisible] = useState(false);
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      error={error}
      optional={optional}
      className={fieldClassName}
    >
      {(describedBy) => (
        <div className="password-input">
          <input
            {...rest}
            id={id}
            className="input"
            type={visible ? 'text' : 'password'}
            value={value}
            onChange={(event) => onValueChange(event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            spellCheck={false}
            autoCapitalize="off"
          />
          <button
            type="button"
            className="password-input__toggle"
            aria-controls={id}
            aria-pressed={visible}
            onClick={() => setVisible((v) => !v)}
          >
            {visible ? 'Hide' : 'Show'}
            <span className="visually-hidden"> password</span>
          </button>
        </div>
      )}
    </FieldFrame>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange' | 'value'> & {
  label: ReactNode;
  value: string;
  onValueChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  fieldClassName?: string;
};

export function TextAreaField({
  label,
  hint,
  error,
  optional,
  value,
  onValueChange,
  fieldClassName,
  maxLength,
  ...rest
}: TextAreaProps) {
  const id = useId();
  const count = [...value].length;
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      error={error}
      optional={optional}
      className={fieldClassName}
    >
      {(describedBy) => (
        <>
          <textarea
            {...rest}
            id={id}
            className="input input--textarea"
            value={value}
            maxLength={maxLength}
            onChange={(event) => onValueChange(event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
          />
          {maxLength ? (
            <p className={count > maxLength * 0.9 ? 'field__count field__count--near' : 'field__count'}>
              {count} / {maxLength}
            </p>
          ) : null}
        </>
      )}
    </FieldFrame>
  );
}
