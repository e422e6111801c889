/** Pure parts of the storage upload: the multipart body, the XML error reader, where a file may go. */
import { storageUrl } from '../../nodes/shared/execution/upload';
import { multipartBody, xmlText } from '../../nodes/shared/transport/storageUpload';

describe('storage upload helpers', () => {
	it('writes the fields in the given order, the file last, with a safe file name and part type', () => {
		const file = { name: 'a"b\r\nc.pdf', mimeType: 'text/plain\r\nX-Evil: 1', data: Buffer.from([0, 255, 10]) };
		const body = multipartBody({ url: 'https://s3.example/', fields: [['key', 'k/1'], ['acl', 'private']] }, file, 'BOUNDARY');
		const text = body.toString('latin1');
		expect(text.indexOf('name="key"')).toBeLessThan(text.indexOf('name="acl"'));
		expect(text.indexOf('name="acl"')).toBeLessThan(text.indexOf('name="file"'));
		expect(text).toContain('filename="a%22b%0D%0Ac.pdf"');
		expect(text).toContain('Content-Type: application/octet-stream\r\n\r\n');
		expect(text).not.toContain('X-Evil');
		expect(text.endsWith('\r\n--BOUNDARY--\r\n')).toBe(true);
		const start = body.indexOf('\r\n\r\n', body.indexOf('name="file"')) + 4;
		expect([...body.subarray(start, start + 3)]).toEqual([0, 255, 10]);
	});

	it('reads the code and message of an S3 error, entities decoded', () => {
		const xml = '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Policy &quot;x&quot; &lt;failed&gt; &amp; more</Message></Error>';
		expect(xmlText(xml, 'Code')).toBe('AccessDenied');
		expect(xmlText(xml, 'Message')).toBe('Policy "x" <failed> & more');
		expect(xmlText('<html>502</html>', 'Message')).toBeUndefined();
	});

	it.each([
		['https://bucket.s3.amazonaws.com/', 'https://api.copper.com/developer_api/v1', 'https://bucket.s3.amazonaws.com/'],
		['http://bucket.s3.amazonaws.com/', 'https://api.copper.com/developer_api/v1', undefined],
		['http://127.0.0.1:9000/', 'http://127.0.0.1:8000/developer_api/v1', 'http://127.0.0.1:9000/'],
		['https://user:pw@bucket.example/', 'https://api.copper.com/developer_api/v1', undefined],
		['file:///etc/passwd', 'http://127.0.0.1:8000/developer_api/v1', undefined],
		['not a url', 'https://api.copper.com/developer_api/v1', undefined],
		[42, 'https://api.copper.com/developer_api/v1', undefined],
	])('storage URL %p with the API at %s → %p', (raw, api, expected) => {
		expect(storageUrl(raw, api)).toBe(expected);
	});
});
