/**
 * The JSON Schemas the routes share (TypeBox), registered once by `$id` so that the OpenAPI
 * document names them. Each route's own params, query and body schemas sit beside the route.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { FACT_QUESTIONS } from '../src/review/models.js';

export const ApiErrorSchema = Type.Object({
  code: Type.String({ description: 'stable, for machines' }),
  message: Type.String({ description: 'plain English, for people' }),
  file: Type.Optional(Type.String()),
  line: Type.Optional(Type.Integer()),
  failures: Type.Optional(Type.Array(Type.Object({ file: Type.Optional(Type.String()), code: Type.String(), message: Type.String() }))),
}, { $id: 'ApiError' });

export const TermsSchema = Type.Object({
  from: Type.Optional(Type.String({ description: 'first day of the review scope, yyyy-mm-dd' })),
  to: Type.Optional(Type.String({ description: 'last day of the review scope, yyyy-mm-dd' })),
  childNames: Type.Array(Type.String(), { description: 'the child\'s names as the records write them' }),
  dob: Type.Optional(Type.String({ description: 'date of birth, yyyy-mm-dd' })),
  model: Type.Optional(Type.String({ description: 'the review model chosen' })),
  modelReason: Type.Optional(Type.String({ description: 'why that model' })),
  modelFacts: Type.Optional(Type.Object(Object.fromEntries(FACT_QUESTIONS.map((q) => [q.id, Type.Optional(q.type === 'count' ? Type.Integer({ minimum: 1 }) : Type.Boolean())])),
    { description: 'the case\'s facts as the review-model guide read them', additionalProperties: false })),
  agencyOrder: Type.Array(Type.String(), { description: 'agencies first on a shared date, in this order' }),
}, { $id: 'Terms', additionalProperties: false });

export const ReviewSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  terms: Type.Ref('Terms'),
  role: Type.Union([Type.Literal('author'), Type.Literal('investigator'), Type.Literal('viewer')]),
  revision: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
}, { $id: 'Review' });

export const MemberSchema = Type.Object({
  userId: Type.Integer(), username: Type.String(), displayName: Type.String(),
  role: Type.Union([Type.Literal('author'), Type.Literal('investigator'), Type.Literal('viewer')]),
}, { $id: 'Member' });

export const AccountSchema = Type.Object({
  id: Type.Integer(), username: Type.String(), displayName: Type.String(), isAdmin: Type.Boolean(), disabled: Type.Boolean(),
  hasPassword: Type.Boolean(), createdAt: Type.String(),
}, { $id: 'Account' });

export const IssueSchema = Type.Object({
  file: Type.String(), line: Type.Integer(), severity: Type.String(), code: Type.String(), message: Type.String(),
}, { $id: 'IngestIssue', additionalProperties: true });

export const AgencyFileSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  sha256: Type.String(),
  size: Type.Integer(),
  agency: Type.Union([Type.String(), Type.Null()], { description: 'the agency a person set for this file, if any' }),
  profile: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()], { description: 'this file\'s own profile: column mapping, date order…' }),
  uploadedAt: Type.String(),
  report: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'the ingest report: encoding, delimiter, header line, date order, rows, unusable rows, mapping (a workbook\'s: its first chronology sheet\'s)' })),
  sheets: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }), { description: 'a workbook\'s ingest reports, one for each sheet that holds a chronology (its file is `police.xlsx [Incidents]`)' })),
  issues: Type.Optional(Type.Array(Type.Ref('IngestIssue'), { description: 'issues by line (a workbook\'s: all its sheets\')' })),
}, { $id: 'AgencyFile' });

export const RcaVersionSchema = Type.Object({
  version: Type.Integer(), format: Type.String(), note: Type.Union([Type.String(), Type.Null()]), author: Type.String(), createdAt: Type.String(),
}, { $id: 'RcaVersion' });

export const RcaGraphSchema = Type.Object({
  id: Type.String(), title: Type.String(), createdAt: Type.String(), latest: Type.Integer(),
  versions: Type.Optional(Type.Array(Type.Ref('RcaVersion'))),
}, { $id: 'RcaGraph' });

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(), at: Type.String(), userId: Type.Union([Type.Integer(), Type.Null()]), reviewId: Type.Union([Type.String(), Type.Null()]),
  method: Type.String(), route: Type.String(), status: Type.Integer(), requestId: Type.String(), ip: Type.String(),
}, { $id: 'AuditEntry' });

export const SCHEMAS: TSchema[] = [ApiErrorSchema, TermsSchema, ReviewSchema, MemberSchema, AccountSchema, IssueSchema, AgencyFileSchema, RcaVersionSchema, RcaGraphSchema, AuditEntrySchema];

/** Every route's error replies: the catalogue's `{ code, message }`. */
export const ERROR_REPLIES = { '4xx': Type.Ref('ApiError'), '5xx': Type.Ref('ApiError') } as const;

/** An object whose fields the route documents in prose (a merged timeline, an analysis): passed through whole. */
export const OPEN_OBJECT = Type.Object({}, { additionalProperties: true });

export const REVIEW_PARAMS = Type.Object({ reviewId: Type.String({ maxLength: 64 }) });
