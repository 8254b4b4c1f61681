// The REST contract (shared/docs/contract.md), nothing else. Every call carries the signed-in user's token.
import { problemFrom } from './problems.js';

export class Api {
  constructor(signIn, onUnauthenticated) {
    this.signIn = signIn;
    this.onUnauthenticated = onUnauthenticated;
  }

  async send(method, path, body, extraHeaders = {}) {
    const headers = { ...extraHeaders, Authorization: `Bearer ${await this.signIn.token()}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`/api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) this.onUnauthenticated?.();
    if (!response.ok) throw await problemFrom(response);
    return response;
  }

  async json(method, path, body) {
    const text = await (await this.send(method, path, body)).text();
    return text ? JSON.parse(text) : null;
  }

  projects() { return this.json('GET', 'projects'); }
  project(id) { return this.json('GET', `projects/${id}`); }
  createProject(name, description) { return this.json('POST', 'projects', { name, description }); }
  share(id, user, role) { return this.json('PUT', `projects/${id}/members/${encodeURIComponent(user)}`, { role }); }
  unshare(id, user) { return this.send('DELETE', `projects/${id}/members/${encodeURIComponent(user)}`); }
  startUpload(id, path, size) { return this.json('POST', `projects/${id}/uploads`, { path, size }); }
  /** Every file under the prefix: the listing comes in pages of at most 5,000, each naming the next. */
  async files(id, prefix = '') {
    const files = [];
    let token = '';
    do {
      const page = await this.json('GET', `projects/${id}/files?prefix=${encodeURIComponent(prefix)}&continuationToken=${encodeURIComponent(token)}`);
      files.push(...page.files);
      token = page.continuationToken ?? '';
    } while (token);
    return files;
  }
  tools() { return this.json('GET', 'tools'); }
  runs(id) { return this.json('GET', `projects/${id}/runs`); }
  run(id, runId) { return this.json('GET', `projects/${id}/runs/${runId}`); }
  startRun(id, request) { return this.json('POST', `projects/${id}/runs`, request); }
  cancelRun(id, runId) { return this.send('POST', `projects/${id}/runs/${runId}/cancel`); }

  /**
   * GET files/{path} answers 302 to a short read SAS on storage. fetch follows it (dropping the Authorization
   * header on the cross-origin hop, as the Fetch standard requires), so the response is storage's and its url
   * is the signed one. A 200 with the bytes, which the contract also allows, comes out the same way.
   */
  file(id, path, headers = {}) {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    return this.send('GET', `projects/${id}/files/${encoded}`, undefined, headers);
  }
}
