import { ApiError } from '../api/client.ts';

export type FieldErrors = Record<string, string>;

export interface FormErrors {
  /** Messages keyed by the form's field names. */
  fields: FieldErrors;
  /** A message for the whole form, when no field can carry it. */
  general: string | null;
}

export interface FormErrorOptions {
  /** The form's fields, with the words a person reads for each. */
  labels: Record<string, string>;
  /** Error codes that always belong to one field (weak_password → the new password). */
  codeFields?: Record<string, string>;
  /** Sentences for codes whose server wording does not fit this form. */
  codeMessages?: Record<string, string>;
}

const LINK_PART = /^links\.(\d+)\.(label|url)$/;

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function labelFor(field: string, labels: Record<string, string>): string | null {
  const label = labels[field];
  if (label) return label;
  const link = LINK_PART.exec(field);
  if (link && 'links' in labels) return link[2] === 'url' ? 'The address' : 'The label';
  return null;
}

/** Replaces the API's field name at the start of a message with the label the form shows. */
function humanize(message: string, field: string, labels: Record<string, string>): string {
  const label = labelFor(field, labels);
  if (label && message.startsWith(field)) return sentence(`${label}${message.slice(field.length)}`);
  return sentence(message);
}

/**
 * Spreads a failed request over the form: validation details go to their fields; a domain error
 * whose sentence starts with a field name ("birthday must be…") goes to that field; the rest is
 * a message for the whole form.
 */
export function toFormErrors(error: unknown, options: FormErrorOptions): FormErrors {
  if (!(error instanceof ApiError)) {
    return { fields: {}, general: 'Something unexpected went wrong. Please try again.' };
  }
  const general = options.codeMessages?.[error.code] ?? error.message;
  const codeField = options.codeFields?.[error.code];
  if (codeField) return { fields: { [codeField]: sentence(general) }, general: null };

  const fields: FieldErrors = {};
  const claim = (field: string, message: string): boolean => {
    if (!labelFor(field, options.labels)) return false;
    fields[field] ??= humanize(message, field, options.labels);
    return true;
  };

  let unclaimed = false;
  for (const issue of error.details) {
    if (!claim(issue.field, issue.message)) unclaimed = true;
  }
  if (error.details.length === 0) {
    const prefix = /^([A-Za-z]+(?:\.\d+\.[A-Za-z]+)?) /.exec(error.message)?.[1];
    if (!prefix || !claim(prefix, error.message)) unclaimed = true;
  }
  if (unclaimed) return { fields, general: sentence(general) };
  return { fields, general: null };
}

/** Words for a 429, using the server's Retry-After when it sent one. */
export function waitMessage(seconds: number | null): string {
  if (seconds === null) return 'Too many attempts. Please wait a little and try again.';
  if (seconds < 60) return `Too many attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
