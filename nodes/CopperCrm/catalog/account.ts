/** §3.1 Account & Users. */
import type { OperationSpec } from '../../shared/catalog';
import { lookupIdParam } from './fields';

const resource = 'accountAndUsers';

export const accountOperations: OperationSpec[] = [
	{
		docId: 'ACC-1',
		resource,
		value: 'getAccount',
		title: 'Fetch Account Details',
		method: 'GET',
		path: '/account',
		kind: 'read',
	},
	{
		docId: 'ACC-2',
		resource,
		value: 'getUser',
		title: 'Fetch User by ID',
		method: 'GET',
		path: '/users/{user_id}',
		kind: 'read',
		pathParams: [
			{
				...lookupIdParam('user_id', 'User ID', 'getUsers'),
				description: 'Numeric user ID; for the special ID `me` use Fetch API User',
			},
		],
	},
	{
		docId: 'ACC-3',
		resource,
		value: 'getCurrentUser',
		title: 'Fetch API User',
		method: 'GET',
		path: '/users/me',
		kind: 'read',
		description: 'Returns the user who owns the credential (special user ID `me`)',
		note: 'The title is inferred from the doc URL slug fetch-api-user.html; the path is confirmed.',
	},
	{
		docId: 'ACC-4',
		resource,
		value: 'listUsers',
		title: 'List Users',
		method: 'POST',
		path: '/users/search',
		kind: 'read',
		paginated: true,
		alwaysSendBody: true,
	},
];
