/** Account & Users (spec §3.1). */

import { notFound } from '../errors';
import { idParam, ok, type Router } from '../router';
import { paginate, parsePaging, searchBody } from '../search';

export function registerAccountRoutes(router: Router): void {
	router.get('/account', (ctx) => ok(ctx.store.account));
	router.post('/users/search', (ctx) => {
		const b = searchBody(ctx.body);
		const paging = parsePaging(b, ctx.query);
		let users = [...ctx.store.users].sort((x, y) => x.id - y.id);
		if (typeof b.name === 'string' && b.name !== '') {
			const q = b.name.toLowerCase();
			users = users.filter((u) => u.name.toLowerCase().includes(q));
		}
		if (Array.isArray(b.ids)) {
			const ids = new Set(b.ids);
			users = users.filter((u) => ids.has(u.id));
		}
		return ok(paginate(users, paging), { 'X-PW-TOTAL': String(users.length) });
	});
	router.get('/users/:id', (ctx) => {
		if (ctx.params.id === 'me') return ok(ctx.store.apiUser());
		const user = ctx.store.users.find((u) => u.id === idParam(ctx));
		if (!user) throw notFound();
		return ok(user);
	});
}
