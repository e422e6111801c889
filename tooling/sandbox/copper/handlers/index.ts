/** All API routes, in matching order (literal paths before parameterised ones). */

import { Router } from '../router';
import { registerAccountRoutes } from './account';
import { registerActivityRoutes } from './activities';
import { registerCustomFieldRoutes } from './customFields';
import { registerFileRoutes } from './files';
import { registerLeadRoutes } from './leads';
import { registerLookupRoutes } from './lookups';
import { registerRecordLiteralRoutes, registerRecordRoutes } from './records';
import { registerRelationRoutes } from './relations';
import { registerWebhookRoutes } from './webhooks';

export function buildRouter(): Router {
	const router = new Router();
	registerAccountRoutes(router);
	registerLookupRoutes(router);
	registerCustomFieldRoutes(router);
	registerWebhookRoutes(router);
	registerActivityRoutes(router);
	registerLeadRoutes(router);
	registerRecordLiteralRoutes(router);
	registerRecordRoutes(router);
	registerRelationRoutes(router);
	registerFileRoutes(router);
	return router;
}
