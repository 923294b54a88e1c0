// Projects: the list (search, membership, pagination) and one project by id or path.
import type { Hono } from 'hono';
import { invalidParam, notFound } from '../http/errors.ts';
import { offsetPage } from '../http/pagination.ts';
import type { SimState } from '../state.ts';
import type { Project } from '../world/model.ts';
import { projectEntity, projectPath } from '../world/entities.ts';
import { begin, boolParam, canSee, findProject, json, route } from './common.ts';

const ORDERS = ['id', 'name', 'path', 'created_at', 'updated_at', 'last_activity_at', 'similarity', 'star_count'];

export function registerProjectRoutes(api: Hono, state: SimState): void {
  route(api, state, 'GET /projects', (c) => {
    const call = begin(state, c);
    const url = call.url;
    const search = (url.searchParams.get('search') ?? '').toLowerCase();
    const membership = boolParam(url, 'membership', false);
    const owned = boolParam(url, 'owned', false);
    const archived = url.searchParams.has('archived') ? boolParam(url, 'archived', false) : null;
    const orderBy = url.searchParams.get('order_by') ?? 'created_at';
    if (!ORDERS.includes(orderBy)) throw invalidParam('order_by does not have a valid value');
    const sort = url.searchParams.get('sort') ?? 'desc';
    if (sort !== 'asc' && sort !== 'desc') throw invalidParam('sort does not have a valid value');
    const user = call.principal.user;
    let list = state.world.projects.filter((p) => canSee(p, call.principal));
    if (membership) list = list.filter((p) => p.memberIds.includes(user.id));
    if (owned) list = list.filter(() => user.id === 1);
    if (archived === true) list = [];
    if (search) {
      const withNamespaces = boolParam(url, 'search_namespaces', false);
      list = list.filter((p) => {
        const hay = withNamespaces ? `${p.name} ${projectPath(p)}` : `${p.name} ${p.path} ${p.description}`;
        return hay.toLowerCase().includes(search);
      });
    }
    const key = (p: (typeof list)[number]): string | number =>
      orderBy === 'name' ? p.name : orderBy === 'path' ? p.path : orderBy === 'id' ? p.id : p.createdAt;
    list = [...list].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const d = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
      return sort === 'asc' ? d : -d;
    });
    const page = offsetPage(url, list, { count: true });
    return json(page.items.map((p) => projectEntity(call.view, p, false, user.id)), 200, page.headers);
  });

  // A group's projects (GitLab: `GET /groups/:id/projects`, by id or URL-encoded full path);
  // `include_subgroups=true` adds the projects of every subgroup below it.
  route(api, state, 'GET /groups/:id/projects', (c) => {
    const call = begin(state, c);
    const url = call.url;
    const raw = decodeURIComponent(c.req.param('id') ?? '');
    // Groups are the namespaces of the projects and every namespace above them.
    const paths = new Map<string, string>();
    const ids = new Map<number, string>();
    for (const p of state.world.projects) {
      ids.set(p.namespace.id, p.namespace.fullPath);
      const parts = p.namespace.fullPath.split('/');
      for (let i = 1; i <= parts.length; i++) {
        const path = parts.slice(0, i).join('/');
        paths.set(path.toLowerCase(), path);
      }
    }
    const groupPath = /^\d+$/.test(raw) ? ids.get(Number(raw)) : paths.get(raw.toLowerCase());
    const visible = state.world.projects.filter((p) => canSee(p, call.principal));
    const inside = (p: Project, path: string): boolean => p.namespace.fullPath === path || p.namespace.fullPath.startsWith(`${path}/`);
    if (groupPath === undefined || !visible.some((p) => inside(p, groupPath))) throw notFound('Group');
    const subgroups = boolParam(url, 'include_subgroups', false);
    const archived = url.searchParams.has('archived') ? boolParam(url, 'archived', false) : null;
    let list = visible.filter((p) => (subgroups ? inside(p, groupPath) : p.namespace.fullPath === groupPath));
    if (archived === true) list = [];
    list = [...list].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    const page = offsetPage(url, list, { count: true });
    return json(page.items.map((p) => projectEntity(call.view, p, false, call.principal.user.id)), 200, page.headers);
  });

  route(api, state, 'GET /projects/:id', (c) => {
    const call = begin(state, c);
    const project = findProject(call, c.req.param('id'));
    return json(projectEntity(call.view, project, true, call.principal.user.id));
  });
}
