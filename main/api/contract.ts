/**
 * The one contract every transport serves: Electron IPC, the loopback bridge, the CLI and the tests.
 * Each capability declares its own slice (main/<capability>/contract.ts: schemas, methods, who may call
 * them, what they audit); this file only composes the slices. What all of them share (roles, access
 * kinds, the shared input shapes, the event map) lives in main/core and is re-exported here, so the
 * renderer keeps one place to import the contract from. Environment-neutral: no Node, no DOM.
 */
import type { z } from 'zod';
import { auditMethods } from '../audit/contract';
import { consentMethods } from '../consent/contract';
import { contactMethods } from '../contact/contract';
import { identityMethods } from '../identity/contract';
import { connectorMethods } from '../ingest/connectors/contract';
import { ingestMethods } from '../ingest/contract';
import { qualityMethods } from '../ingest/quality/contract';
import { jobMethods } from '../jobs/contract';
import { overviewMethods } from '../overview/contract';
import { profileMethods } from '../profiles/contract';
import { requestMethods } from '../requests/contract';
import { erasureMethods } from '../erasure/contract';
import { suppressionMethods } from '../suppression/contract';
import { partnersMethods } from '../partners/contract';
import { retentionMethods } from '../retention/contract';
import { processingMethods } from '../processing/contract';
import { userMethods } from '../users/contract';
import { vaultMethods } from '../vault/contract';

export { COUNTRY_CODES, CountryCode, isCountryCode } from '../core/countries';
export { LANGUAGE_CODES, LanguageCode, isLanguageCode } from '../core/languages';
export { LANGUAGES, Language, REGIONS, Region, ROLES, Role, type Access, type AuditEffect, type MethodSpec } from '../core/contract-kit';
export type { BackendEvent } from '../core/events';
export * from '../audit/contract';
export * from '../consent/contract';
export * from '../contact/contract';
export * from '../identity/contract';
export * from '../ingest/connectors/contract';
export * from '../ingest/contract';
export * from '../ingest/quality/contract';
export * from '../jobs/contract';
export * from '../overview/contract';
export * from '../profiles/contract';
export * from '../requests/contract';
export * from '../erasure/contract';
export * from '../suppression/contract';
export * from '../partners/contract';
export * from '../retention/contract';
export * from '../processing/contract';
export * from '../users/contract';
export * from '../vault/contract';

/** The slices, by capability: a test checks that no method name appears in two of them. */
export const CONTRACT_SLICES = {
  vault: vaultMethods,
  users: userMethods,
  audit: auditMethods,
  ingest: ingestMethods,
  connectors: connectorMethods,
  quality: qualityMethods,
  overview: overviewMethods,
  profiles: profileMethods,
  identity: identityMethods,
  consent: consentMethods,
  contact: contactMethods,
  requests: requestMethods,
  erasure: erasureMethods,
  suppression: suppressionMethods,
  partners: partnersMethods,
  retention: retentionMethods,
  processing: processingMethods,
  jobs: jobMethods,
} as const;

export const contract = {
  ...vaultMethods,
  ...userMethods,
  ...auditMethods,
  ...ingestMethods,
  ...connectorMethods,
  ...qualityMethods,
  ...overviewMethods,
  ...profileMethods,
  ...identityMethods,
  ...consentMethods,
  ...contactMethods,
  ...requestMethods,
  ...erasureMethods,
  ...suppressionMethods,
  ...partnersMethods,
  ...retentionMethods,
  ...processingMethods,
  ...jobMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
/** What dispatch() answers: a job id for job methods, the output otherwise. */
export type MethodReply<M extends MethodName> = Contract[M] extends { job: true } ? { jobId: string } : MethodOutput<M>;
export type JobMethodName = { [M in MethodName]: Contract[M] extends { job: true } ? M : never }[MethodName];
