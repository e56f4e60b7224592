import { EXPORT_URL } from '../../api/account.ts';
import { DownloadIcon } from '../../components/icons.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { DeleteAccountPanel } from './delete-account-panel.tsx';

export function DataPage() {
  useDocumentTitle('Your data');
  return (
    <div className="panel-stack">
      <h1 className="page-title page-title--section">Your data</h1>
      <section className="panel" aria-labelledby="export-title">
        <div className="panel__header">
          <h2 id="export-title" className="panel__title">
            Download everything
          </h2>
          <p className="panel__lead">
            One JSON file with everything this server holds about you: your profile, your sessions, what you
            shared with each community, and your posts, comments and reactions there. Take it wherever you
            like.
          </p>
        </div>
        <div className="form-actions">
          <a className="button button--secondary" href={EXPORT_URL} download>
            <DownloadIcon className="icon icon--inline" />
            Download my data
          </a>
          <span className="form-actions__hint">A JSON file, ready in a moment.</span>
        </div>
      </section>
      <DeleteAccountPanel />
    </div>
  );
}
