/** Accounts, managed by an administrator (who sees a review only as one of its members). */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { apiError } from '../errors.js';
import { hashPassword, MIN_PASSWORD, newSecret, secretHash } from '../auth.js';
import { ERROR_REPLIES } from '../schemas.js';
import type { Store, UserRecord } from '../store/types.js';

export const accountView = (u: UserRecord) => ({
  id: u.id, username: u.username, displayName: u.displayName, isAdmin: u.isAdmin, disabled: u.disabled, hasPassword: u.passwordHash !== null, createdAt: u.createdAt,
});

/** How long a one-time sign-in link works. */
export const SIGNIN_LINK_HOURS = 24;

/** A one-time sign-in link for `userId`: the secret is returned once and stored only as its hash. */
export function createSigninLink(store: Store, userId: number, now: Date): string {
  const secret = newSecret('tll_');
  store.createSigninLink(secretHash(secret), userId, now.toISOString(), new Date(now.getTime() + SIGNIN_LINK_HOURS * 3_600_000).toISOString());
  return `/api/auth/link/${secret}`;
}

export const USERNAME = Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9._@-]+$' });
export const PASSWORD = Type.String({ minLength: MIN_PASSWORD, maxLength: 1000 });
const USER_PARAMS = Type.Object({ userId: Type.Integer({ minimum: 1 }) });

const routes: FastifyPluginAsync = async (app) => {
  app.get('', {
    config: { access: 'admin' },
    schema: { summary: 'List accounts', response: { 200: Type.Array(Type.Ref('Account')), ...ERROR_REPLIES } },
  }, async () => app.store.users().map(accountView));

  app.post('', {
    config: { access: 'admin' },
    schema: {
      summary: 'Create an account; without a password, the reply holds a one-time sign-in link',
      body: Type.Object({ username: USERNAME, displayName: Type.String({ minLength: 1, maxLength: 200 }), password: Type.Optional(PASSWORD), isAdmin: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 201: Type.Object({ account: Type.Ref('Account'), signinLink: Type.Optional(Type.String()) }), ...ERROR_REPLIES },
    },
  }, async (request, reply) => {
    const body = request.body as { username: string; displayName: string; password?: string; isAdmin?: boolean };
    const now = app.now();
    const result = app.store.tx(() => {
      if (app.store.userByName(body.username)) throw apiError('username-taken', { username: body.username });
      const id = app.store.createUser({ username: body.username, displayName: body.displayName, passwordHash: body.password ? hashPassword(body.password) : null, isAdmin: body.isAdmin ?? false, createdAt: now.toISOString() });
      return { account: accountView(app.store.userById(id)!), ...(body.password ? {} : { signinLink: createSigninLink(app.store, id, now) }) };
    });
    return reply.status(201).send(result);
  });

  app.patch('/:userId', {
    config: { access: 'admin' },
    schema: {
      summary: 'Make an account an administrator or not, disable or enable it (disabling ends its sessions)',
      params: USER_PARAMS,
      body: Type.Object({ isAdmin: Type.Optional(Type.Boolean()), disabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Type.Ref('Account'), ...ERROR_REPLIES },
    },
  }, async (request) => {
    const { userId } = request.params as { userId: number };
    const change = request.body as { isAdmin?: boolean; disabled?: boolean };
    return app.store.tx(() => {
      if (!app.store.userById(userId)) throw apiError('user-not-found', { user: userId });
      app.store.setUserFlags(userId, change);
      return accountView(app.store.userById(userId)!);
    });
  });

  app.post('/:userId/signin-link', {
    config: { access: 'admin' },
    schema: { summary: 'A new one-time sign-in link for an account (a forgotten password)', params: USER_PARAMS, response: { 201: Type.Object({ signinLink: Type.String() }), ...ERROR_REPLIES } },
  }, async (request, reply) => {
    const { userId } = request.params as { userId: number };
    if (!app.store.userById(userId)) throw apiError('user-not-found', { user: userId });
    return reply.status(201).send({ signinLink: app.store.tx(() => createSigninLink(app.store, userId, app.now())) });
  });
};

export default routes;
