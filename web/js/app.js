// The page: sign in, projects and their members, uploads, files, tools and runs. Only the REST contract is used.
import { Api } from './api.js';
import { createSignIn } from './auth.js';
import { element, report } from './problems.js';
import { UploadView, formatBytes } from './upload-view.js';
import { RunsView } from './runs-view.js';
import { renderToolForm } from './tool-form.js';

const $ = selector => document.querySelector(selector);

let signIn, api, uploads, runs, tools = [], project = null;

async function main() {
  signIn = await createSignIn();
  api = new Api(signIn, () => { signIn.signOut(); showSignedOut(); });
  uploads = new UploadView(api, () => refreshFiles().catch(report));
  runs = new RunsView(api);

  $('#sign-in').addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await signIn.signIn($('#sign-in-user').value.trim());
      await showSignedIn();
    } catch (e) { report(e); }
  });
  $('#sign-out').addEventListener('click', () => { signIn.signOut(); showSignedOut(); });
  $('#create-project').addEventListener('submit', event => createProject(event).catch(report));
  $('#share').addEventListener('submit', event => share(event).catch(report));
  $('#refresh-files').addEventListener('click', () => refreshFiles().catch(report));
  $('#tool').addEventListener('change', () => showTool($('#tool').value));
  addEventListener('hashchange', () => openFromHash().catch(report));

  if (signIn.user) await showSignedIn(); else showSignedOut();
}

function showSignedOut() {
  $('#sign-in').hidden = false;
  $('#signed-in').hidden = true;
  $('#workspace').hidden = true;
  if (signIn.mode !== 'development') {
    // Entra: no user name to type, one button that starts the redirect.
    $('#sign-in-user').closest('label').hidden = true;
    $('#sign-in-user').required = false;
  }
}

async function showSignedIn() {
  $('#sign-in').hidden = true;
  $('#signed-in').hidden = false;
  $('#user-name').textContent = signIn.user;
  $('#workspace').hidden = false;
  tools = await api.tools();
  $('#tool').replaceChildren(...tools.map(t => element('option', { value: t.name }, t.title || t.name)));
  showTool(tools[0]?.name);
  await refreshProjects();
  await openFromHash();
}

async function refreshProjects() {
  const projects = await api.projects();
  projects.sort((a, b) => a.name.localeCompare(b.name));
  $('#projects').replaceChildren(...projects.map(p => element('li', { 'data-project': p.id, class: p.id === project?.id ? 'selected' : '' },
    element('a', { href: `#project=${p.id}` }, p.name), ' ',
    element('span', { class: 'hint' }, p.owner === signIn.user ? 'owner' : (p.members.find(m => m.user === signIn.user)?.role ?? '')))));
  if (!projects.length) $('#projects').append(element('li', { class: 'muted' }, 'No projects yet.'));
}

/** The open project lives in the address (#project=id), so a reload or a shared link comes back to it. */
async function openFromHash() {
  const id = new URLSearchParams(location.hash.slice(1)).get('project');
  if (!id || id === project?.id) return;
  project = await api.project(id);
  for (const li of document.querySelectorAll('#projects li')) li.classList.toggle('selected', li.dataset.project === id);
  $('#project').hidden = false;
  $('#project-title').textContent = project.name;
  $('#project-description').textContent = project.description || '';
  renderMembers();
  uploads.show(id);
  await Promise.all([refreshFiles(), runs.show(id)]);
}

async function createProject(event) {
  event.preventDefault();
  const form = event.target;
  const created = await api.createProject(form.name.value.trim(), form.description.value.trim());
  form.reset();
  await refreshProjects();
  location.hash = `project=${created.id}`;
}

function renderMembers() {
  const owner = project.owner === signIn.user;
  $('#members').replaceChildren(
    element('li', {}, `${project.owner} `, element('span', { class: 'hint' }, 'owner')),
    ...project.members.filter(m => m.role !== 'owner').map(m => element('li', { 'data-member': m.user }, `${m.user} `,
      element('span', { class: 'hint' }, m.role), ' ',
      owner ? element('button', { type: 'button', class: 'link', onclick: () => unshare(m.user).catch(report) }, 'remove') : null)));
  $('#share').hidden = !owner;
}

async function share(event) {
  event.preventDefault();
  const form = event.target;
  project = await api.share(project.id, form.user.value.trim(), form.role.value);
  form.reset();
  renderMembers();
}

async function unshare(user) {
  await api.unshare(project.id, user);
  project = await api.project(project.id);
  renderMembers();
}

async function refreshFiles() {
  if (!project) return;
  const id = project.id;
  const files = await api.files(id);
  if (id !== project?.id) return;
  $('#files tbody').replaceChildren(...files.map(f => element('tr', { 'data-path': f.path, 'data-size': String(f.size) },
    element('td', {}, f.path), element('td', {}, formatBytes(f.size)), element('td', {}, new Date(f.lastModified).toLocaleString()))));
}

function showTool(name) {
  const tool = tools.find(t => t.name === name);
  if (!tool) return;
  $('#tool-description').textContent = tool.description ?? '';
  renderToolForm($('#tool-form'), tool, request => startRun(request).catch(report));
}

async function startRun(request) {
  const started = await api.startRun(project.id, request);
  await runs.refreshList();
  runs.follow(started.runId);
}

main().catch(report);
