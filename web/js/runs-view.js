// Runs of a project: the list, and one run followed live (GET the run every couple of seconds until it settles):
// its steps with progress, its error with the log tail, its PNG plots and download links for every output.
import { element, problemBox, report } from './problems.js';
import { download, imageUrl } from './downloads.js';

const pollInterval = 2000;
const finished = new Set(['Completed', 'Failed', 'Canceled']);

export class RunsView {
  constructor(api) {
    this.api = api;
    this.projectId = null;
    this.runId = null;
    this.timer = null;
    this.shownImages = new Set();
    document.querySelector('#cancel-run').addEventListener('click', () =>
      this.api.cancelRun(this.projectId, this.runId).then(() => this.#poll()).catch(report));
  }

  async show(projectId) {
    this.projectId = projectId;
    this.#select(null);
    const runs = await this.refreshList();
    // Back on a project (after a reload, say), the newest unfinished run is followed again without a click.
    const active = runs?.find(run => !finished.has(run.status));
    if (active && projectId === this.projectId) this.follow(active.runId);
  }

  async refreshList() {
    const projectId = this.projectId;
    const runs = await this.api.runs(projectId);
    if (projectId !== this.projectId) return null;
    runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    document.querySelector('#runs').replaceChildren(...runs.map(run =>
      element('li', { 'data-run': run.runId, class: run.runId === this.runId ? 'selected' : '' },
        element('button', { type: 'button', class: 'link', onclick: () => this.follow(run.runId) }, `${run.tool} · ${new Date(run.createdAt).toLocaleString()}`),
        ' ', element('span', { class: `status-${run.status}` }, run.status))));
    if (!runs.length) document.querySelector('#runs').append(element('li', { class: 'muted' }, 'No runs yet.'));
    return runs;
  }

  follow(runId) {
    this.#select(runId);
    this.#poll();
  }

  #select(runId) {
    clearTimeout(this.timer);
    this.runId = runId;
    this.shownImages = new Set();
    document.querySelector('#run').hidden = !runId;
    document.querySelector('#run-images').replaceChildren();
    document.querySelector('#run-outputs').replaceChildren();
    for (const li of document.querySelectorAll('#runs li')) li.classList.toggle('selected', li.dataset.run === runId);
  }

  async #poll() {
    clearTimeout(this.timer);
    const { projectId, runId } = this;
    if (!runId) return;
    try {
      const run = await this.api.run(projectId, runId);
      if (runId !== this.runId) return;
      this.#render(run);
      if (finished.has(run.status)) {
        await this.refreshList();
        return;
      }
    } catch (e) {
      report(e);
    }
    if (runId === this.runId) this.timer = setTimeout(() => this.#poll(), pollInterval);
  }

  #render(run) {
    const article = document.querySelector('#run');
    article.dataset.status = run.status;
    document.querySelector('#run-title').textContent = `${run.tool} ${run.runId}`;
    const status = document.querySelector('#run-status');
    status.textContent = run.status;
    status.className = `status-${run.status}`;
    document.querySelector('#cancel-run').hidden = finished.has(run.status);

    document.querySelector('#steps tbody').replaceChildren(...run.steps.map(step => element('tr', { 'data-step': step.name },
      element('td', {}, step.name),
      element('td', { class: `status-${step.status}` }, step.status),
      element('td', {}, step.backend, step.jobId ? element('span', { class: 'hint' }, ` ${step.jobId}`) : null),
      element('td', {}, element('progress', { max: 1, value: step.status === 'Completed' ? 1 : (step.progress ?? 0) })))));

    const error = document.querySelector('#run-error');
    error.hidden = !run.error;
    error.replaceChildren(...(run.error ? [problemBox(run.error)] : []));

    document.querySelector('#run-outputs').replaceChildren(...run.outputs.map(path => element('li', {},
      element('button', { type: 'button', class: 'link', 'data-output': path, onclick: () => download(this.api, this.projectId, path).catch(report) },
        path.slice(`Runs/${run.runId}/`.length) || path))));

    for (const path of run.outputs.filter(p => p.toLowerCase().endsWith('.png'))) {
      if (this.shownImages.has(path)) continue;
      this.shownImages.add(path);
      const img = element('img', { alt: path.split('/').pop(), 'data-output': path });
      document.querySelector('#run-images').append(element('figure', {}, img, element('figcaption', {}, path.split('/').pop())));
      imageUrl(this.api, this.projectId, path).then(url => { img.src = url; }).catch(report);
    }
  }
}
