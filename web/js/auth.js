// Sign-in behind one small interface: { user, signIn(userHint), signOut(), token() }.
// The host says which one applies in auth-config.json: the development token route (Development only) or Entra ID.
import { problemFrom } from './problems.js';

const sessionKey = 'scipion.session';

/** POST /api/dev/token: only exists where the host runs in Development. Kept per tab, so a reload stays signed in. */
class DevelopmentSignIn {
  mode = 'development';

  get user() { return this.#session()?.user ?? null; }

  async signIn(user) {
    const response = await fetch('/api/dev/token', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }),
    });
    if (!response.ok) throw await problemFrom(response, 'Sign-in failed');
    const { accessToken, expiresAt } = await response.json();
    sessionStorage.setItem(sessionKey, JSON.stringify({ user, accessToken, expiresAt }));
  }

  signOut() { sessionStorage.removeItem(sessionKey); }

  async token() {
    const session = this.#session();
    // A token about to expire would fail mid-request; a fresh one is one cheap call away.
    if (session && Date.parse(session.expiresAt) - Date.now() < 60_000) await this.signIn(session.user);
    return this.#session()?.accessToken ?? null;
  }

  #session() {
    try { return JSON.parse(sessionStorage.getItem(sessionKey)); } catch { return null; }
  }
}

/**
 * Entra ID through MSAL.js (msal-browser), which this repository does not ship: it cannot be fetched where it is
 * built and tested. Deployments copy msal-browser.min.js to web/vendor/ (docs/web.md); without it sign-in says so.
 */
class EntraSignIn {
  mode = 'entra';
  #msal; #scopes;

  static async create(config) {
    if (!globalThis.msal) await loadScript('vendor/msal-browser.min.js');
    if (!globalThis.msal) throw new Error('MSAL.js is not installed: copy msal-browser.min.js to web/vendor/ (see docs/web.md).');
    const app = new globalThis.msal.PublicClientApplication({
      auth: { clientId: config.clientId, authority: config.authority, redirectUri: location.origin + location.pathname },
      cache: { cacheLocation: 'sessionStorage' },
    });
    await app.initialize();
    const result = await app.handleRedirectPromise();
    if (result?.account) app.setActiveAccount(result.account);
    else if (!app.getActiveAccount() && app.getAllAccounts().length) app.setActiveAccount(app.getAllAccounts()[0]);
    return new EntraSignIn(app, config.scopes);
  }

  constructor(app, scopes) { this.#msal = app; this.#scopes = scopes; }

  get user() { const a = this.#msal.getActiveAccount(); return a ? (a.username || a.name) : null; }

  async signIn() { await this.#msal.loginRedirect({ scopes: this.#scopes }); }

  signOut() { this.#msal.logoutRedirect(); }

  async token() {
    const account = this.#msal.getActiveAccount();
    if (!account) return null;
    try {
      return (await this.#msal.acquireTokenSilent({ scopes: this.#scopes, account })).accessToken;
    } catch (e) {
      if (e instanceof globalThis.msal.InteractionRequiredAuthError) await this.#msal.acquireTokenRedirect({ scopes: this.#scopes, account });
      throw e;
    }
  }
}

function loadScript(src) {
  return new Promise(resolve => {
    const script = Object.assign(document.createElement('script'), { src, onload: resolve, onerror: resolve });
    document.head.append(script);
  });
}

export async function createSignIn() {
  const response = await fetch('auth-config.json', { cache: 'no-store' });
  if (!response.ok) throw await problemFrom(response, 'No sign-in configuration');
  const config = await response.json();
  if (config.mode === 'development') return new DevelopmentSignIn();
  if (config.mode === 'entra') return EntraSignIn.create(config);
  throw new Error(`Unknown sign-in mode '${config.mode}'.`);
}
