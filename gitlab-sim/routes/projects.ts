// Projects: the list (search, membership, pagination) and one project by id or path.
import type { Hono } from 'hono';
import { invalidParam } from '../http/errors.ts';
import { offsetPage } from '../http/pagination.ts';
import type { SimState } from '../state.ts';
import { projectEntity, projectPath } from '../world/entities.ts';
import { begin, boolParam, canSee, findProject, json } from './common.ts';

const ORDERS = ['id', 'name', 'path', 'created_at', 'updated_at', 'last_activity_at', 'similarity', 'star_count'];

export function registerProjectRoutes(api: Hono, state: SimState): void {
  api.get('/projects', (c) => {
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

  api.get('/projects/:id', (c) => {
    const call = begin(state, c);
    const project = findProject(call, c.req.param('id'));
    return json(projectEntity(call.view, project, true, call.principal.user.id));
  });
}
