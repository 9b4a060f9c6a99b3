/** The signed-in person: who they are, their password, their API tokens for scripts. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { apiError } from '../errors.js';
import { hashPassword, newSecret, secretHash, verifyPassword } from '../auth.js';
import { ERROR_REPLIES } from '../schemas.js';
import { accountView, PASSWORD } from './accounts.js';

const TOKEN = Type.Object({ id: Type.Integer(), name: Type.String(), createdAt: Type.String(), lastUsedAt: Type.Union([Type.String(), Type.Null()]) });

const routes: FastifyPluginAsync = async (app) => {
  app.get('', {
    config: { access: 'user' },
    schema: { summary: 'The signed-in account', response: { 200: Type.Ref('Account'), ...ERROR_REPLIES } },
  }, async (request) => accountView(request.user!));

  app.put('/password', {
    config: { access: 'user' },
    schema: {
      summary: 'Set your password (the current one is needed once one is set)',
      body: Type.Object({ current: Type.Optional(Type.String({ maxLength: 1000 })), password: PASSWORD }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...ERROR_REPLIES },
    },
  }, async (request, reply) => {
    const user = request.user!;
    const { current, password } = request.body as { current?: string; password: string };
    if (user.passwordHash !== null && !verifyPassword(current ?? '', user.passwordHash)) throw apiError('credentials-wrong');
    app.store.tx(() => app.store.setPassword(user.id, hashPassword(password)));
    return reply.status(204).send();
  });

  app.get('/tokens', {
    config: { access: 'user' },
    schema: { summary: 'Your API tokens (never the secrets)', response: { 200: Type.Array(TOKEN), ...ERROR_REPLIES } },
  }, async (request) => app.store.tokens(request.user!.id));

  app.post('/tokens', {
    config: { access: 'user' },
    schema: {
      summary: 'A new API token for scripts (`Authorization: Bearer …`): the secret is shown once',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer(), name: Type.String(), token: Type.String() }), ...ERROR_REPLIES },
    },
  }, async (request, reply) => {
    const { name } = request.body as { name: string };
    const token = newSecret('tlt_');
    const id = app.store.tx(() => app.store.createToken(request.user!.id, name, secretHash(token), app.now().toISOString()));
    return reply.status(201).send({ id, name, token });
  });

  app.delete('/tokens/:tokenId', {
    config: { access: 'user' },
    schema: { summary: 'Revoke one of your API tokens', params: Type.Object({ tokenId: Type.Integer({ minimum: 1 }) }), response: { 204: Type.Null(), ...ERROR_REPLIES } },
  }, async (request, reply) => {
    const { tokenId } = request.params as { tokenId: number };
    if (!app.store.tx(() => app.store.deleteToken(request.user!.id, tokenId))) throw apiError('token-not-found', { token: tokenId });
    return reply.status(204).send();
  });
};

export default routes;
