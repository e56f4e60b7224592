import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { billingApi } from '../../../api/billing.ts';
import type { Notice } from '../../../components/feedback.tsx';

/**
 * Back from checkout on an item's page (?checkout=<id>): says how it went once, drops the
 * parameter so a reload does not repeat it, and asks for the item again until it reads as bought
 * (the provider's confirmation may reach the server a moment after the browser returns).
 */
export function useCheckoutReturn(title: string, refresh: () => Promise<boolean>): Notice | null {
  const [params, setParams] = useSearchParams();
  const returnedFrom = params.get('checkout');
  const [notice, setNotice] = useState<Notice | null>(null);
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const titleRef = useRef(title);
  titleRef.current = title;
  // Dropping ?checkout re-renders without it: the work for one checkout must outlive that change,
  // so it stops only when the page goes, not when the parameter does.
  const handled = useRef<string | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (!returnedFrom || handled.current === returnedFrom) return;
    handled.current = returnedFrom;
    setParams({}, { replace: true });
    billingApi.checkout(returnedFrom).then(
      async (checkout) => {
        if (!mounted.current) return;
        if (checkout.status !== 'completed') {
          setNotice(
            checkout.status === 'declined'
              ? { tone: 'error', text: 'That payment was declined. Nothing was charged.' }
              : { tone: 'info', text: 'The payment was not finished. Nothing was charged.' },
          );
          return;
        }
        setNotice({ tone: 'success', text: `Thank you! “${titleRef.current}” is yours.` });
        for (let attempt = 0; attempt < 8 && mounted.current; attempt += 1) {
          if (await refreshRef.current().catch(() => false)) return;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      },
      // Another provider's checkout is not ours to read: the item's own state says enough.
      () => {
        if (mounted.current) void refreshRef.current();
      },
    );
  }, [returnedFrom, setParams]);

  return notice;
}
