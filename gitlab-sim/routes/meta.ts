// The instance around the Jobs API: version, the current user, the token itself, and the
// job-token endpoints (/job, /job/allowed_agents).
import type { Hono } from 'hono';
import { notFound } from '../http/errors.ts';
import { hostOf, versionString, type SimState } from '../state.ts';
import { getProject } from '../world/lookup.ts';
import { iso, jobEntity, userFull } from '../world/entities.ts';
import { begin, json, route } from './common.ts';

export function registerMetaRoutes(api: Hono, state: SimState): void {
  route(api, state, 'GET /version', (c) => {
    const call = begin(state, c);
    const version = versionString(state.faults.apiVersion);
    const { major } = hostOf(state);
    const body: Record<string, unknown> = { version, revision: '6f1e2d3c4b5' };
    if (major >= 14) {
      body.kas = { enabled: true, externalUrl: `${call.url.origin.replace(/^http/, 'ws')}/-/kubernetes-agent/`, externalK8sProxyUrl: `${call.url.origin}/-/kubernetes-agent/k8s-proxy/`, version: version.replace(/-ee$/, '') };
      body.enterprise = version.endsWith('-ee');
    }
    return json(body);
  });

  route(api, state, 'GET /user', (c) => {
    const call = begin(state, c);
    const user = call.principal.user;
    return json({
      ...userFull(call.view, user),
      last_sign_in_at: iso(state.world.startAt - 3_600_000),
      confirmed_at: iso(user.createdAt),
      last_activity_on: iso(state.world.startAt)?.slice(0, 10),
      email: user.email,
      theme_id: 1,
      color_scheme_id: 1,
      projects_limit: 100000,
      current_sign_in_at: iso(state.world.startAt - 600_000),
      identities: [],
      can_create_group: true,
      can_create_project: true,
      two_factor_enabled: false,
      external: false,
      private_profile: false,
      commit_email: user.email,
      ...(user.id === 1 ? { is_admin: true } : {}),
    });
  });

  route(api, state, 'GET /personal_access_tokens/self', (c) => {
    const call = begin(state, c);
    if (call.principal.kind !== 'user') throw notFound();
    const t = call.principal.token;
    const created = state.world.startAt - 30 * 86_400_000;
    return json({
      id: t.id,
      name: t.name,
      revoked: false,
      created_at: iso(created),
      description: 'Seeded by the simulated GitLab',
      scopes: t.scopes,
      user_id: t.userId,
      last_used_at: iso(call.view.now),
      active: true,
      expires_at: new Date(state.world.startAt + 335 * 86_400_000).toISOString().slice(0, 10),
    });
  });

  route(api, state, 'GET /job', (c) => {
    const call = begin(state, c, { jobTokenAllowed: true });
    if (call.principal.kind !== 'job') throw notFound('Job');
    return json(jobEntity(call.view, call.principal.job));
  });

  route(api, state, 'GET /job/allowed_agents', (c) => {
    const call = begin(state, c, { jobTokenAllowed: true });
    if (call.principal.kind !== 'job') throw notFound('Job');
    const job = call.principal.job;
    const project = getProject(state.world, job.projectId);
    const groups: { id: number }[] = [];
    if (project) {
      groups.push({ id: project.namespace.id });
      if (project.namespace.parentId !== null) groups.push({ id: project.namespace.parentId });
    }
    return json({
      allowed_agents: [],
      job: { id: job.id },
      pipeline: { id: job.pipelineId },
      project: { id: job.projectId, groups },
      user: { id: call.principal.user.id, username: call.principal.user.username, roles_in_project: ['guest', 'planner', 'reporter', 'developer', 'maintainer'] },
    });
  });
}
