// The upload panel: chosen files become block uploads (two files at a time), with progress per file and overall,
// throughput and time left, and a note of unfinished uploads that choosing the same files again resumes.
import * as store from './upload-store.js';
import { BlockUpload, UploadInterrupted } from './uploader.js';
import { element, report } from './problems.js';

const fileConcurrency = 2;

export class UploadView {
  constructor(api, onUploaded) {
    this.api = api;
    this.onUploaded = onUploaded;
    this.projectId = null;
    this.table = document.querySelector('#upload-files-table');
    for (const input of [document.querySelector('#upload-files'), document.querySelector('#upload-folder')]) {
      input.addEventListener('change', () => {
        const files = [...input.files];
        input.value = '';
        if (files.length) this.upload(files).catch(report);
      });
    }
  }

  show(projectId) {
    this.projectId = projectId;
    this.table.tBodies[0].replaceChildren();
    this.table.hidden = true;
    document.querySelector('#upload-overall').hidden = true;
    this.showResumable();
  }

  showResumable() {
    const note = document.querySelector('#resumable');
    const records = store.pending(this.projectId);
    note.hidden = records.length === 0;
    note.replaceChildren(
      element('strong', {}, 'Unfinished uploads. '),
      'Choose the same files again to resume them where they stopped: ',
      element('ul', {}, records.map(r => element('li', { 'data-path': r.path },
        `${r.path}: ${r.staged.length} of ${r.blockCount} blocks stored`))));
  }

  #folder() {
    const folder = document.querySelector('#upload-form [name=folder]').value.trim().replace(/^\/+/, '');
    return folder === '' || folder.endsWith('/') ? folder : `${folder}/`;
  }

  #blockSize() {
    const kib = Number(document.querySelector('#block-size').value) || 4096;
    return Math.max(64, Math.round(kib)) * 1024;
  }

  async upload(files) {
    const projectId = this.projectId;
    const folder = this.#folder();
    const blockSize = this.#blockSize();
    this.table.hidden = false;
    const unfinished = store.pending(projectId);
    const uploads = files.map(file => {
      const relative = file.webkitRelativePath || file.name;
      // The same file chosen again resumes where it was going, whatever the folder and block size fields say now.
      const earlier = unfinished.find(r => r.name === file.name && r.size === file.size && r.lastModified === file.lastModified
        && (r.path === relative || r.path.endsWith(`/${relative}`)));
      const upload = new BlockUpload({
        api: this.api, projectId, file,
        blockSize: earlier?.blockSize ?? blockSize,
        path: earlier?.path ?? folder + relative,
        onProgress: u => { this.#renderRow(u); this.#renderOverall(); },
      });
      upload.row = this.#row(upload);
      return upload;
    });
    this.uploads = [...(this.uploads ?? []).filter(u => u.state === 'uploading' || u.state === 'queued'), ...uploads];
    this.started ??= performance.now();

    const queue = [...uploads];
    const worker = async () => {
      while (queue.length) {
        const upload = queue.shift();
        upload.state = 'uploading';
        this.#renderRow(upload);
        try {
          await upload.run();
          upload.state = 'done';
        } catch (e) {
          upload.state = e instanceof UploadInterrupted ? 'interrupted' : 'failed';
          upload.error = e;
          if (!(e instanceof UploadInterrupted)) report(e);
        }
        this.#renderRow(upload);
        this.#renderOverall();
      }
    };
    await Promise.all(Array.from({ length: Math.min(fileConcurrency, uploads.length) }, worker));
    if (this.uploads.every(u => u.state !== 'uploading' && u.state !== 'queued')) this.started = null;
    this.showResumable();
    if (this.projectId === projectId) this.onUploaded?.();
  }

  #row(upload) {
    upload.state = 'queued';
    const row = element('tr', { 'data-path': upload.path },
      element('td', {}, upload.path),
      element('td', {}, element('progress', { max: 1, value: 0 }), element('span', { class: 'hint' })),
      element('td', { class: 'state' }));
    const existing = [...this.table.tBodies[0].rows].find(r => r.dataset.path === upload.path);
    if (existing) existing.replaceWith(row); else this.table.tBodies[0].append(row);
    return row;
  }

  #renderRow(upload) {
    const { row, record } = upload;
    const fraction = record.size ? upload.stagedBytes / record.size : (upload.state === 'done' ? 1 : 0);
    row.dataset.state = upload.state;
    row.dataset.staged = String(record.staged.length);
    row.dataset.blocks = String(record.blockCount);
    row.querySelector('progress').value = upload.state === 'done' ? 1 : fraction;
    row.querySelector('.hint').textContent =
      ` ${formatBytes(upload.stagedBytes)} of ${formatBytes(record.size)}, ${record.staged.length}/${record.blockCount} blocks`;
    const state = row.querySelector('.state');
    state.className = `state status-${upload.state}`;
    state.textContent = {
      queued: 'waiting', uploading: 'uploading', done: 'done',
      interrupted: 'interrupted: choose the file again to resume',
      failed: `failed: ${upload.error?.problem?.title ?? upload.error?.message ?? ''}`,
    }[upload.state];
  }

  #renderOverall() {
    const uploads = this.uploads ?? [];
    const total = uploads.reduce((s, u) => s + u.record.size, 0);
    const done = uploads.reduce((s, u) => s + (u.state === 'done' ? u.record.size : u.stagedBytes), 0);
    const sent = uploads.reduce((s, u) => s + u.sentBytes, 0);
    const seconds = this.started ? (performance.now() - this.started) / 1000 : 0;
    // Throughput counts only bytes sent in this session: blocks resumed from an earlier one took no time here.
    const rate = seconds > 0 ? sent / seconds : 0;
    const left = rate > 0 ? (total - done) / rate : NaN;
    document.querySelector('#upload-overall').hidden = false;
    document.querySelector('#overall-progress').value = total ? done / total : 1;
    document.querySelector('#overall-text').textContent =
      `${formatBytes(done)} of ${formatBytes(total)} · ${formatBytes(rate)}/s · ${done >= total ? 'complete' : `${formatDuration(left)} left`}`;
  }
}

export function formatBytes(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return 'unknown time';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.ceil((seconds % 3600) / 60)} min`;
}
