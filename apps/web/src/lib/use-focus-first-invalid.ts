import { type RefObject, useEffect } from 'react';
import type { FieldErrors } from './form-errors.ts';

/**
 * After a failed submit, puts the caret in the first field that needs fixing, so keyboard and
 * screen-reader users land on the problem instead of hunting for it.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, errors: FieldErrors): void {
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, errors]);
}
