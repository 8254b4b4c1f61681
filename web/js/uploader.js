// One file to one blob, straight to storage with the upload SAS: Put Block for each block (several at once), then
// Put Block List. Every staged block is written down (upload-store.js) the moment storage confirms it, so a new
// attempt, even after the tab was closed, sends only the missing blocks.
import * as store from './upload-store.js';
import { problemFrom } from './problems.js';

const blockConcurrency = 3;
const maxAttempts = 5;
// Ask for a new SAS a little before the old one runs out rather than have a block refused.
const grantMargin = 30_000;
// A fresh SAS per batch of blocks: a member removed from the project stops within one batch (the API grants them
// nothing more), not when a grant expires.
export const blocksPerGrant = 16;

/** The network is gone for longer than the retries wait; what was staged stays recorded for the next attempt. */
export class UploadInterrupted extends Error {}

export class BlockUpload {
  #grant = null;
  #grantRequest = null;
  #grantUses = 0;

  constructor({ api, projectId, path, file, blockSize, onProgress }) {
    Object.assign(this, { api, projectId, path, file, onProgress });
    this.record = store.open(projectId, path, file, blockSize);
    this.sentBytes = 0;
  }

  get stagedBytes() {
    return this.record.staged.reduce((sum, index) => sum + this.#blockSize(index), 0);
  }

  async run() {
    try {
      await this.#upload();
    } catch (e) {
      // Storage drops uncommitted blocks after a week: the remembered ones are gone, so start this file afresh, once.
      if (e?.problem?.title !== 'InvalidBlockList' || this.restarted) throw e;
      this.restarted = true;
      store.remove(this.record);
      this.record = store.open(this.projectId, this.path, this.file, this.record.blockSize);
      await this.#upload();
    }
  }

  async #upload() {
    this.onProgress?.(this);
    const staged = new Set(this.record.staged);
    const missing = [];
    for (let i = 0; i < this.record.blockCount; i++) if (!staged.has(i)) missing.push(i);

    // One failed block stops the others taking new ones, so a failed file is not still busy in the background.
    let stopped = false;
    const worker = async () => {
      while (missing.length && !stopped) {
        const index = missing.shift();
        try {
          await this.#putBlock(index);
        } catch (e) {
          stopped = true;
          throw e;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(blockConcurrency, missing.length) }, worker));
    await this.#putBlockList();
    store.remove(this.record);
  }

  #blockSize(index) {
    const start = index * this.record.blockSize;
    return Math.min(this.record.size, start + this.record.blockSize) - start;
  }

  async #putBlock(index) {
    const start = index * this.record.blockSize;
    const body = this.file.slice(start, start + this.#blockSize(index));
    await this.#send({ comp: 'block', blockid: store.blockId(this.record, index) }, body, {});
    this.record.staged.push(index);
    store.save(this.record);
    this.sentBytes += body.size;
    this.onProgress?.(this);
  }

  async #putBlockList() {
    const ids = Array.from({ length: this.record.blockCount }, (_, i) => `<Latest>${store.blockId(this.record, i)}</Latest>`);
    const xml = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.join('')}</BlockList>`;
    await this.#send({ comp: 'blocklist' }, xml, {
      'Content-Type': 'application/xml',
      'x-ms-blob-content-type': this.file.type || 'application/octet-stream',
    });
  }

  /** One request to storage, retried: a new SAS when the old one expired, waits and retries when the network fails. */
  async #send(query, body, headers) {
    let refused = null;
    for (let attempt = 1; ; attempt++) {
      const grant = await this.#currentGrant(refused);
      const url = new URL(grant.url);
      for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
      let response;
      try {
        response = await fetch(url, { method: 'PUT', body, headers });
      } catch (networkFailure) {
        if (attempt >= maxAttempts) throw new UploadInterrupted(`The connection to storage failed: ${networkFailure.message}`);
        await backOff(attempt);
        continue;
      }
      if (response.ok) return;
      // 403 from storage: the SAS expired (or the clocks disagree); a fresh grant for the same blob goes on.
      refused = response.status === 403 ? grant : null;
      const transient = refused || response.status === 408 || response.status === 429 || response.status >= 500;
      if (!transient || attempt >= maxAttempts) throw await problemFrom(response, 'Storage refused the upload');
      if (!refused) await backOff(attempt);
    }
  }

  /**
   * The SAS to use now. Blocks go up several at a time, so one request serves them all; a grant serves one batch of
   * blocks, and a grant storage refused is replaced once, by whichever block saw it first; the others then find the new one.
   */
  #currentGrant(refused) {
    const stale = grant => grant === refused || this.#grantUses >= blocksPerGrant || Date.parse(grant.expiresAt) - Date.now() < grantMargin;
    if (!this.#grantRequest || (this.#grant && stale(this.#grant))) {
      this.#grant = null;
      this.#grantUses = 0;
      const request = this.api.startUpload(this.projectId, this.path, this.file.size).then(grant => (this.#grant = grant));
      // A refused grant request (a reader, say) is reported by the caller; the next attempt asks again.
      request.catch(() => { if (this.#grantRequest === request) this.#grantRequest = null; });
      this.#grantRequest = request;
    }
    this.#grantUses++;
    return this.#grantRequest;
  }
}

/** Waits longer after each failure, and while the browser says it is offline, until it is back. */
async function backOff(attempt) {
  await new Promise(resolve => setTimeout(resolve, Math.min(8000, 500 * 2 ** attempt)));
  if (!navigator.onLine) await new Promise(resolve => addEventListener('online', resolve, { once: true }));
}
