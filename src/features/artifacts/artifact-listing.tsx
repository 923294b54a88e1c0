import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { countOf, formatBytes } from '../../ui/index.ts';
import { Checkbox } from '../../ui/popups.ts';
import { EntryIcon } from './entry-icon.tsx';
import { breadcrumbs, filterByName, parentOf, searchTree, sortNodes } from './model/index.ts';
import type { ArtifactNode, ArtifactTree, SortOrder } from './model/index.ts';

export interface ListingView {
  /** The folder shown ("" for the root; ends in "/"). */
  folder: string;
  /** The file open in the preview, if any. */
  selected: string | null;
  sort: SortOrder;
  query: string;
  /** Search every folder below instead of this one only. */
  deep: boolean;
}

export interface ArtifactListingTableProps {
  tree: ArtifactTree;
  view: ListingView;
  /** Where a path of the archive ("" root, "a/b/" folder, "a/b.txt" file) is browsed, as a router location. */
  linkTo: (path: string) => { pathname: string; search: string };
  onSort: (sort: SortOrder) => void;
  onQuery: (query: string, deep: boolean) => void;
}

function contentsText(node: ArtifactNode): string {
  if (node.type !== 'directory') return '';
  const { childFolders, childFiles, fileCount } = node.totals;
  const parts: string[] = [];
  if (childFolders > 0) parts.push(countOf(childFolders, 'folder'));
  // "1 folder (3 files in all)", not "1 folder, 0 files (3 in all)".
  if (childFiles > 0 || childFolders === 0) parts.push(countOf(childFiles, 'file'));
  const deep = fileCount !== childFiles ? ` (${countOf(fileCount, 'file')} in all)` : '';
  return `${parts.join(', ')}${deep}`;
}

/** The breadcrumb trail of a folder or file: root first, each part a link, the last one the current page. */
export function ArtifactBreadcrumbs({ path, linkTo }: { path: string; linkTo: ArtifactListingTableProps['linkTo'] }) {
  const crumbs = breadcrumbs(path);
  return (
    <nav aria-label="Breadcrumb" className="artifact-crumbs">
      <ol>
        {crumbs.map((c, i) => {
          const last = i === crumbs.length - 1;
          return (
            <li key={c.path || '/'}>
              {last ? (
                <span aria-current="page">{c.name}</span>
              ) : (
                <Link to={linkTo(c.path)}>{c.name}</Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function SortHeader({ label, sortKey, sort, onSort, className }: { label: string; sortKey: SortOrder['key']; sort: SortOrder; onSort: (s: SortOrder) => void; className?: string }) {
  const active = sort.key === sortKey;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  const next: SortOrder = { key: sortKey, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' };
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <button type="button" className="artifact-sort" onClick={() => onSort(next)}>
        {label}
        <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

/** One folder of the archive: filter, sortable columns, folders first, sizes and counts; rows link into folders and files. */
export function ArtifactListingTable({ tree, view, linkTo, onSort, onQuery }: ArtifactListingTableProps) {
  const filterId = useId();
  const q = view.query.trim();
  const deepResult = q !== '' && view.deep ? searchTree(tree, q, view.folder) : null;
  const rows: ArtifactNode[] = deepResult ? sortNodes(deepResult.matches, view.sort) : sortNodes(filterByName(tree.childrenOf(view.folder), q), view.sort);
  const folderName = view.folder === '' ? 'the artifacts' : view.folder.slice(0, -1);
  let body: ReactNode;
  if (rows.length === 0) {
    body = (
      <tr>
        <td colSpan={3} className="muted">
          {q !== '' ? `Nothing named like “${q}” in ${folderName}.` : 'This folder is empty.'}
        </td>
      </tr>
    );
  } else {
    body = rows.map((node) => (
      <tr key={node.path} aria-current={node.path === view.selected ? 'true' : undefined} className={node.path === view.selected ? 'is-selected' : undefined}>
        <td className="artifact-name">
          <EntryIcon type={node.type} name={node.name} />
          <Link to={linkTo(node.path)} aria-label={node.type === 'directory' ? `Folder ${node.name}` : undefined}>
            {deepResult ? (node.type === 'directory' ? node.path.slice(0, -1) : node.path).slice(view.folder.length) : node.name}
          </Link>
        </td>
        <td className="num">{formatBytes(node.type === 'directory' ? node.totals.totalSize : node.size)}</td>
        <td className="muted">{contentsText(node)}</td>
      </tr>
    ));
  }
  return (
    <div className="artifact-listing">
      <div className="artifact-listing__tools">
        <label htmlFor={filterId}>Filter by name</label>
        <input id={filterId} type="search" value={view.query} onChange={(e) => onQuery(e.target.value, view.deep)} placeholder="e.g. junit" />
        <Checkbox checked={view.deep} onCheckedChange={(deep) => onQuery(view.query, deep)}>
          in subfolders too
        </Checkbox>
      </div>
      <table className="table artifact-table">
        <caption className="visually-hidden">
          Files in {folderName}
          {q !== '' ? `, filtered by “${q}”` : ''}
        </caption>
        <thead>
          <tr>
            <SortHeader label="Name" sortKey="name" sort={view.sort} onSort={onSort} />
            <SortHeader label="Size" sortKey="size" sort={view.sort} onSort={onSort} className="num" />
            <th scope="col">Contents</th>
          </tr>
        </thead>
        <tbody>
          {view.folder !== '' && q === '' ? (
            <tr>
              <td colSpan={3}>
                <Link to={linkTo(parentOf(view.folder))} aria-label="Up to the parent folder">
                  ..
                </Link>
              </td>
            </tr>
          ) : null}
          {body}
        </tbody>
      </table>
      {deepResult?.more ? <p className="muted">Showing the first {deepResult.matches.length} matches; type more of the name to narrow them.</p> : null}
    </div>
  );
}
