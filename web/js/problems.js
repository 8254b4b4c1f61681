// RFC 7807 problems from the API (and failures of our own) shown to the user with their title and detail.

export class ApiProblem extends Error {
  constructor(problem) {
    super(`${problem.title}: ${problem.detail ?? ''}`);
    this.problem = problem;
    this.status = problem.status;
  }
}

/** Reads a failed response as a problem; storage (XML errors) and proxies do not always answer problem JSON. */
export async function problemFrom(response, fallbackTitle = 'Request failed') {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    if (body && body.title) return new ApiProblem(body);
  } catch { /* not JSON */ }
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]+)<\/Message>/.exec(text)?.[1];
  return new ApiProblem({
    status: response.status,
    title: code ?? `${fallbackTitle} (${response.status})`,
    detail: message ?? (text.slice(0, 300) || response.statusText),
  });
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name in node && typeof value !== 'string') node[name] = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.flat().filter(c => c !== undefined && c !== null));
  return node;
}

/** Renders a problem (title, detail, field errors, log tail) into a box. */
export function problemBox(problem, onClose) {
  const errors = problem.errors
    ? element('ul', {}, Object.entries(problem.errors).map(([field, messages]) => element('li', {}, `${field}: ${[].concat(messages).join(' ')}`)))
    : null;
  return element('div', { class: 'problem', 'data-status': String(problem.status ?? '') },
    onClose ? element('button', { type: 'button', title: 'Dismiss', onclick: onClose }, '×') : null,
    element('strong', { class: 'problem-title' }, problem.title ?? 'Error'),
    element('span', { class: 'problem-detail' }, problem.detail ?? ''),
    errors,
    problem.step ? element('div', { class: 'muted' }, `Step: ${problem.step}`) : null,
    problem.logTail ? element('pre', { class: 'log-tail' }, problem.logTail) : null);
}

/** Shows any error to the user; API problems keep their title and detail. */
export function report(error) {
  const problem = error instanceof ApiProblem
    ? error.problem
    : { title: 'Something went wrong', detail: error?.message ?? String(error) };
  const area = document.getElementById('problems');
  const box = problemBox(problem, () => box.remove());
  area.append(box);
  console.error(error);
}
