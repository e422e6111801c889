/** GET /me, GET /workspaces */

import { ok, type Handler } from '../http';

export const getMe: Handler = (ctx) => ok({ ...ctx.store.user });

export const listWorkspaces: Handler = (ctx) =>
	ok(ctx.store.workspaces.map((w) => ({ id: w.id, name: w.name, userCount: w.userCount })));
