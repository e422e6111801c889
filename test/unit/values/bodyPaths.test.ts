/** values/bodyPaths.ts called directly: dotted paths, deep merges, path segments and field placement. */
import { deepMerge, encodePathSegment, placeField, setPath } from '../../../nodes/shared/values/bodyPaths';
import { valueContext } from '../context';

describe('body paths', () => {
	it('setPath creates the objects on the way and replaces scalars', () => {
		const body: Record<string, unknown> = { details: 'x' };
		setPath(body, 'details.person.name', 'Ada');
		expect(body).toEqual({ details: { person: { name: 'Ada' } } });
	});

	it('deepMerge merges objects; lists and scalars of the source win', () => {
		expect(deepMerge({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2], e: 3 }, d: { f: 1 } })).toEqual({ a: { b: 1, c: [2], e: 3 }, d: { f: 1 } });
	});

	it('encodePathSegment leaves no dot segment and no separator', () => {
		expect(encodePathSegment('..')).toBe('%2E%2E');
		expect(encodePathSegment('.')).toBe('%2E');
		expect(encodePathSegment('a/b?c#d')).toBe('a%2Fb%3Fc%23d');
		expect(encodePathSegment(12)).toBe('12');
	});

	it('placeField writes every path it names, and two lists at one path add up', () => {
		const body: Record<string, unknown> = { tags: ['a'] };
		expect(placeField(body, { name: 'tags', label: 'Tags', type: 'stringList', alsoSendAs: ['copy.tags'] }, 'b, c', valueContext())).toBe(true);
		expect(body).toEqual({ tags: ['a', 'b', 'c'], copy: { tags: ['b', 'c'] } });
		expect(placeField(body, { name: 'x', label: 'X', type: 'string' }, '', valueContext())).toBe(false);
	});
});
