import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { type Author, type Comment, postsApi, type Report } from '../../../api/posts.ts';
import { useAnnounce } from '../../../components/announcer.tsx';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { ShieldIcon } from '../../../components/icons.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useCommunity } from '../community-context.ts';
import { AuthorLine, authorName, excerpt, RelativeTime } from '../posts/post-parts.tsx';

/** What was reported, as the moderators need to judge it. */
type Target =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'found'; body: string; author: Author | null; hidden: boolean; postId: string };

interface ReportGroup {
  /** "post:<id>" or "comment:<id>": every report about one thing is settled together. */
  key: string;
  kind: 'post' | 'comment';
  targetId: string;
  reports: Report[];
  target: Target;
}

type Load =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; groups: ReportGroup[] };

function group(reports: Report[]): ReportGroup[] {
  const groups = new Map<string, ReportGroup>();
  for (const report of reports) {
    const kind = report.commentId ? 'comment' : 'post';
    const targetId = report.commentId ?? report.postId;
    if (!targetId) continue;
    const key = `${kind}:${targetId}`;
    const existing = groups.get(key);
    if (existing) existing.reports.push(report);
    else groups.set(key, { key, kind, targetId, reports: [report], target: { status: 'loading' } });
  }
  return [...groups.values()];
}

/** How many feed pages to look through for reported comments whose post the report does not name. */
const SEARCH_PAGES = 5;

/**
 * Finds reported comments. A report names its comment but not always the comment's post, and a
 * comment cannot be fetched by its id alone, so this reads the threads of the feed (newest first,
 * a few posts at a time) until every one is found.
 */
async function findComments(slug: string, wanted: Map<string, string | null>): Promise<Map<string, Comment>> {
  const found = new Map<string, Comment>();
  const searched = new Set<string>();
  const readThread = async (postId: string) => {
    if (searched.has(postId)) return;
    searched.add(postId);
    const page = await postsApi.comments(postId);
    for (const comment of page.items) if (wanted.has(comment.id)) found.set(comment.id, comment);
  };
  // Reports that do name the post first.
  await Promise.all(
    [...new Set([...wanted.values()].filter((id): id is string => id !== null))].map(readThread),
  );
  let cursor: string | null = null;
  for (let pages = 0; found.size < wanted.size && pages < SEARCH_PAGES; pages++) {
    const page = await postsApi.feed(slug, cursor);
    const posts = [...page.pinned, ...page.items].filter((p) => p.commentCount > 0 && !searched.has(p.id));
    for (let i = 0; i < posts.length && found.size < wanted.size; i += 4) {
      await Promise.all(posts.slice(i, i + 4).map((p) => readThread(p.id)));
    }
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return found;
}

/** Settings → Reports: what members reported, with the words in question, to hide or dismiss. */
export function ReportsSection() {
  const { community } = useCommunity();
  useDocumentTitle(`Reports · ${community.name}`);
  const announce = useAnnounce();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const panelRef = useRef<HTMLElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);

  const setTarget = useCallback((key: string, target: Target) => {
    setLoad((current) =>
      current.status === 'ready'
        ? { status: 'ready', groups: current.groups.map((g) => (g.key === key ? { ...g, target } : g)) }
        : current,
    );
  }, []);

  const fetchReports = useCallback(async () => {
    let groups: ReportGroup[];
    try {
      groups = group((await postsApi.reports(community.slug)).items);
      setLoad({ status: 'ready', groups });
    } catch (error) {
      setLoad({
        status: 'failed',
        message: error instanceof ApiError ? error.message : 'The reports could not be loaded.',
      });
      return;
    }
    await Promise.all(
      groups
        .filter((g) => g.kind === 'post')
        .map(async (g) => {
          try {
            const post = await postsApi.get(g.targetId);
            setTarget(g.key, {
              status: 'found',
              body: post.body,
              author: post.author,
              hidden: post.hidden,
              postId: post.id,
            });
          } catch {
            setTarget(g.key, { status: 'missing' });
          }
        }),
    );
    const comments = groups.filter((g) => g.kind === 'comment');
    if (comments.length === 0) return;
    const wanted = new Map(
      comments.map((g) => [g.targetId, g.reports.find((r) => r.postId)?.postId ?? null]),
    );
    let found = new Map<string, Comment>();
    try {
      found = await findComments(community.slug, wanted);
    } catch {
      // Whatever was not found is shown as such; the actions still work on the id.
    }
    for (const g of comments) {
      const comment = found.get(g.targetId);
      setTarget(
        g.key,
        comment
          ? {
              status: 'found',
              body: comment.body,
              author: comment.author,
              hidden: comment.hidden,
              postId: comment.postId,
            }
          : { status: 'missing' },
      );
    }
  }, [community.slug, setTarget]);

  useEffect(() => {
    void fetchReports();
  }, [fetchReports]);

  useEffect(() => {
    if (focusKey === null) return;
    if (focusKey === 'title') titleRef.current?.focus();
    else panelRef.current?.querySelector<HTMLElement>(`[data-report="${CSS.escape(focusKey)}"]`)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  function settled(done: ReportGroup, words: string) {
    if (load.status !== 'ready') return;
    const index = load.groups.findIndex((g) => g.key === done.key);
    const next = load.groups[index + 1] ?? load.groups[index - 1];
    setLoad({ status: 'ready', groups: load.groups.filter((g) => g.key !== done.key) });
    setFocusKey(next?.key ?? 'title');
    announce(words);
  }

  const count = load.status === 'ready' ? load.groups.length : 0;

  return (
    <section ref={panelRef} className="panel" aria-labelledby="reports-title">
      <div className="panel__header panel__header--split">
        <div>
          <h2 id="reports-title" ref={titleRef} tabIndex={-1} className="panel__title">
            Reports{count > 0 ? <span className="count-badge">{count}</span> : null}
          </h2>
          <p className="panel__lead">
            What members of {community.name} reported. Hiding takes it out of members’ sight; dismissing keeps
            it as it is. Either settles every report about it and is noted in the audit log.
          </p>
        </div>
        <Button variant="secondary" size="sm" onClick={() => void fetchReports()}>
          Refresh
        </Button>
      </div>
      {load.status === 'loading' ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the reports…
        </p>
      ) : load.status === 'failed' ? (
        <div className="muted-state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void fetchReports()}>
            Try again
          </Button>
        </div>
      ) : load.groups.length === 0 ? (
        <div className="reports-empty">
          <ShieldIcon className="icon reports-empty__icon" />
          <p>
            <strong>Nothing to look at.</strong> When a member reports a post or a comment, it shows up here.
          </p>
        </div>
      ) : (
        <ol className="reports" aria-label="Open reports">
          {load.groups.map((g) => (
            <li key={g.key}>
              <ReportItem group={g} onSettled={settled} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ReportItem({
  group: g,
  onSettled,
}: {
  group: ReportGroup;
  onSettled: (group: ReportGroup, words: string) => void;
}) {
  const { community } = useCommunity();
  const [busy, setBusy] = useState<'hide' | 'dismiss' | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noun = g.kind === 'post' ? 'post' : 'comment';
  const target = g.target;
  const by = target.status === 'found' ? ` by ${authorName(target.author)}` : '';
  const alreadyHidden = target.status === 'found' && target.hidden;
  const latest = g.reports[0]?.createdAt ?? '';

  async function settle(hide: boolean) {
    setBusy(hide ? 'hide' : 'dismiss');
    setNotice(null);
    try {
      if (g.kind === 'post') await postsApi.setHidden(g.targetId, hide);
      else await postsApi.setCommentHidden(g.targetId, hide);
      onSettled(
        g,
        hide
          ? `The ${noun} is hidden from members, and its reports are settled.`
          : `Reports dismissed. The ${noun} stays visible.`,
      );
    } catch (error) {
      setBusy(null);
      setNotice({ tone: 'error', text: error instanceof ApiError ? error.message : 'That did not work.' });
    }
  }

  return (
    <article className="report" aria-label={`Reports about a ${noun}${by}`} tabIndex={-1} data-report={g.key}>
      <header className="report__head">
        <span className="chip chip--mine">{g.kind === 'post' ? 'Post' : 'Comment'}</span>
        <span className="report__count">
          {g.reports.length === 1 ? 'Reported once' : `Reported ${g.reports.length} times`}
          {latest ? (
            <>
              , last <RelativeTime iso={latest} />
            </>
          ) : null}
        </span>
        {alreadyHidden ? <span className="tag tag--hidden">Hidden</span> : null}
      </header>
      {target.status === 'loading' ? (
        <p className="muted-state report__target" role="status">
          <span className="spinner" aria-hidden="true" /> Finding the {noun}…
        </p>
      ) : target.status === 'missing' ? (
        <p className="report__target report__target--missing">
          The {noun} could not be shown here. You can still hide it or dismiss the report.
        </p>
      ) : (
        <figure className="report__target">
          <blockquote className="report__excerpt">{excerpt(target.body, 280)}</blockquote>
          <figcaption className="report__author">
            <AuthorLine author={target.author} />
          </figcaption>
        </figure>
      )}
      <ul className="report__reasons" aria-label="What members said">
        {g.reports.map((report) => (
          <li key={report.id} className="report__reason-row">
            <span className="report__reason">{report.reason}</span>
            <span className="report__time">
              <RelativeTime iso={report.createdAt} />
            </span>
          </li>
        ))}
      </ul>
      <div className="report__actions">
        <Button
          variant="danger"
          size="sm"
          onClick={() => void settle(true)}
          busy={busy === 'hide'}
          busyLabel="Hiding…"
          disabled={busy !== null}
        >
          {alreadyHidden ? 'Keep it hidden' : 'Hide'}
          <span className="visually-hidden"> the {noun}</span>
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => void settle(false)}
          busy={busy === 'dismiss'}
          busyLabel="Dismissing…"
          disabled={busy !== null}
        >
          {alreadyHidden ? 'Unhide' : 'Dismiss'}
          <span className="visually-hidden">
            {alreadyHidden ? ` the ${noun}` : ' the report, keep it visible'}
          </span>
        </Button>
        {target.status === 'found' ? (
          <Link to={`/c/${community.slug}/p/${target.postId}`} className="report__open">
            Open the post
          </Link>
        ) : null}
      </div>
      <StatusMessage notice={notice} />
    </article>
  );
}
