import { Link } from 'react-router';
import { useDocumentTitle } from '../components/useDocumentTitle';

export function NotFound({ what = 'page' }: { what?: string }) {
  useDocumentTitle('Not found');
  return (
    <div className="not-found">
      <h1>We could not find that {what}</h1>
      <p>The link may be mistyped or out of date. Everything in the module is listed on the home page.</p>
      <p>
        <Link className="button button--primary" to="/">
          Go to the module overview
        </Link>
      </p>
    </div>
  );
}
