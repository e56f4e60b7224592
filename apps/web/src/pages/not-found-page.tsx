import { Link, useLocation } from 'react-router';
import { useDocumentTitle } from '../lib/use-document-title.ts';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  const { pathname } = useLocation();
  return (
    <div className="container not-found">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 className="not-found__title">This page is not here</h1>
      <p className="not-found__text">
        Nothing lives at <code>{pathname}</code>. The link may be old, or the address mistyped.
      </p>
      <Link to="/" className="button button--primary">
        Back to the home page
      </Link>
    </div>
  );
}
