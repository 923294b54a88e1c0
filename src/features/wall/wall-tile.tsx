import { useRef } from 'react';
import { StatusIcon, statusLook } from '../../ui/index.ts';
import type { TileView } from './model/tile-view.ts';
import { formatSpan } from './model/tile-view.ts';
import { useFitText } from './use-fit-text.ts';

export interface WallTileProps {
  view: TileView;
  now: number;
  /** The tile's data is older than twice the refresh interval: when it was last good (ms). */
  staleSince: number | null;
  /** The tile has never loaded: why (a fault), or null while it loads. */
  notYet: string | null;
}

/** "14:02" (today) or "3 Dec 14:02". */
export function clockTime(ms: number, now: number): string {
  const d = new Date(ms);
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return new Date(now).toDateString() === d.toDateString() ? time : `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}

function reasonWords(reason: string | null): string {
  return reason ? reason.replace(/_/g, ' ') : 'no reason given';
}

function sinceText(view: TileView, now: number): string | null {
  if (view.health === 'unknown') return null;
  const word = view.health === 'failing' ? 'Failing' : 'Passing';
  if (view.sinceMs === null) return `${word} (since when: unknown)`;
  return `${word} for ${view.sinceAtLeast ? 'at least ' : ''}${formatSpan(now - view.sinceMs)}`;
}

function streakText(view: TileView): string | null {
  if (view.health === 'unknown' || view.streak === 0) return null;
  const n = `${view.streakAtLeast ? `${view.streak}+` : view.streak}`;
  return view.health === 'passing' ? `${n} passed in a row` : `${n} failed in a row`;
}

function progressText(view: TileView): string | null {
  if (view.blocked === 'manual') return 'Waiting for someone to run a manual job';
  if (view.blocked === 'scheduled') return 'Waiting for a scheduled job';
  if (view.status === null || !['running', 'pending', 'created', 'preparing', 'waiting_for_resource', 'waiting_for_callback', 'canceling'].includes(view.status)) return null;
  const parts: string[] = [];
  parts.push(view.progress ? `${view.progress.done} of ${view.progress.total} jobs done` : 'Jobs: counting…');
  if (view.remainingMs !== null) parts.push(view.remainingMs >= 60_000 ? `about ${formatSpan(view.remainingMs)} left` : view.remainingMs >= 0 ? 'almost done' : `longer than usual (+${formatSpan(-view.remainingMs)})`);
  return parts.join(' · ');
}

/** One project × ref on the wall: readable from four metres, never colour alone. */
export function WallTile({ view, now, staleSince, notYet }: WallTileProps) {
  const ref = useRef<HTMLElement>(null);
  const look = statusLook(view.status);
  const since = sinceText(view, now);
  const streak = streakText(view);
  const progress = progressText(view);
  const ns = view.path.includes('/') ? view.path.slice(0, view.path.lastIndexOf('/')) : '';
  const stale = staleSince !== null ? `Not updated since ${clockTime(staleSince, now)}` : null;
  const contentKey = [view.status, since, streak, view.culprit?.pipelineId, view.failing.length, progress, stale, notYet, view.name].join('|');
  useFitText(ref, contentKey);
  const statusWord = view.status === null ? (notYet ?? 'loading') : look.label;

  return (
    <article
      ref={ref}
      className={`wall-tile wall-tile--${view.group}${stale ? ' wall-tile--stale' : ''}`}
      aria-label={`${view.path} ${view.ref}: ${statusWord}`}
      data-testid="wall-tile"
      data-tile={view.key}
      data-group={view.group}
    >
      <p className="wall-tile__status">
        <StatusIcon status={view.status ?? 'unknown'} />
        <span className="wall-tile__word">{statusWord}</span>
        <span className="wall-tile__ref" title="branch or tag">
          {view.ref}
        </span>
      </p>
      <h2 className="wall-tile__name">
        {ns ? <span className="wall-tile__ns">{ns}/</span> : null}
        {view.path.split('/').pop()}
      </h2>
      {since || streak ? (
        <p className="wall-tile__since">
          {since}
          {since && streak ? ' · ' : null}
          {streak}
        </p>
      ) : null}
      {view.culprit ? (
        <p className="wall-tile__culprit">
          Broken by <strong>{view.culprit.author ?? 'someone (unknown)'}</strong>
          {view.culprit.title ? <>: “{view.culprit.title}”</> : null}
        </p>
      ) : null}
      {view.failing.length > 0 ? (
        <ul className="wall-tile__jobs" aria-label="Failing jobs">
          {view.failing.map((f) => (
            <li key={`${f.via ?? ''}/${f.name}`}>
              <strong>{f.name}</strong>
              {f.via ? ` (in ${f.via})` : ''} · {reasonWords(f.reason)}
            </li>
          ))}
          {view.moreFailing > 0 ? <li>+{view.moreFailing} more</li> : null}
        </ul>
      ) : null}
      {progress ? (
        <p className="wall-tile__progress">
          {view.progress ? <span className="wall-tile__bar" aria-hidden="true" style={{ ['--done' as string]: String(view.progress.done / Math.max(1, view.progress.total)) }} /> : null}
          {progress}
        </p>
      ) : null}
      {stale ? <p className="wall-tile__stale">{stale}</p> : null}
    </article>
  );
}

export function PassingSummaryTile({ count }: { count: number }) {
  return (
    <article className="wall-tile wall-tile--passing wall-tile--summary" aria-label={`${count} projects passing`} data-testid="wall-passing-summary">
      <p className="wall-tile__status">
        <StatusIcon status="success" />
        <span className="wall-tile__word">passed</span>
      </p>
      <h2 className="wall-tile__name">
        {count} {count === 1 ? 'project' : 'projects'} passing
      </h2>
    </article>
  );
}
