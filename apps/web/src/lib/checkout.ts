import type { NavigateFunction } from 'react-router';

/**
 * Sends the browser to a checkout. The sandbox's page is part of this app, so it is a route
 * change; a real provider's is another site, so it is a full navigation.
 */
export function openCheckout(checkoutUrl: string, navigate: NavigateFunction): void {
  if (checkoutUrl.startsWith('/') && !checkoutUrl.startsWith('//')) navigate(checkoutUrl);
  else window.location.assign(checkoutUrl);
}
