/**
 * The review workspace: signs a person in, lists their reviews, and opens one (files, timeline,
 * analysis, cause analysis). Routes are the page's hash (`#/reviews/ID/timeline`), so the server
 * serves one page and every view can be bookmarked.
 */
import { api, ApiFailure } from './api.js';
import { fill, h } from './dom.js';
import { showSignin } from './views/signin.js';
import { showReviews, type Account, type ReviewSummary } from './views/reviews.js';
import { showReview, TABS, type Tab } from './views/review.js';

const main = document.getElementById('main')!;
const account = document.getElementById('account')!;
let me: Account | null | undefined;

async function whoAmI(): Promise<Account | null> {
  try {
    return await api<Account>('/api/me');
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) return null;
    throw e;
  }
}

function accountBar(user: Account | null): void {
  if (!user) { fill(account); return; }
  fill(account,
    h('span', { class: 'who' }, `Signed in as ${user.displayName}`),
    h('button', { type: 'button', class: 'link', onclick: async () => { await api('/api/auth/logout', { method: 'POST' }); me = null; location.hash = '#/'; await route(); } }, 'Sign out'));
}

export async function route(): Promise<void> {
  try {
    if (me === undefined) me = await whoAmI();
    accountBar(me);
    if (!me) {
      showSignin(main, async (user) => { me = user; await route(); });
      return;
    }
    const m = /^#\/reviews\/([^/]+)(?:\/([a-z-]+))?/.exec(location.hash);
    if (m) {
      const tab = (TABS as readonly string[]).includes(m[2] ?? '') ? m[2] as Tab : 'timeline';
      await showReview(main, decodeURIComponent(m[1]!), tab, me);
      return;
    }
    const reviews = await showReviews(main, me);
    // Straight from a sign-in link with one review (the first run's demo): open it.
    if (location.hash === '' && reviews.length === 1) location.hash = `#/reviews/${encodeURIComponent((reviews[0] as ReviewSummary).id)}/timeline`;
  } catch (e) {
    fill(main, h('div', { class: 'error', role: 'alert' }, h('h1', {}, 'Something went wrong'),
      h('p', {}, e instanceof ApiFailure ? `${e.message} (${e.code})` : 'The page could not load. Reload to try again.')));
  }
}

window.addEventListener('hashchange', () => { void route(); });
void route();
