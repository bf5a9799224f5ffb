/**
 * The translations, one i18next namespace per capability, each in its capability's folder
 * (`main/<capability>/strings/en.json`, `fr.json`) so that a capability owns its words. Every file keeps
 * the top-level groups the keys start with (the audit file holds `{ "audit": {…}, "auditActions": {…} }`),
 * and no group is in two namespaces (a test checks it): with every namespace a fallback of the others, a
 * key such as `t('audit.title')` resolves without naming its namespace.
 *
 *   core        main/core/strings             roles, errors (the roles and error codes every capability shares, and the
 *                                             reasons that refine them: a connector's failures included)
 *   vault       main/vault/strings            start, create, recoveryCode, unlock, recover, lockNotice, settings
 *   users       main/users/strings            users
 *   audit       main/audit/strings            audit, auditActions
 *   jobs        main/jobs/strings             jobs
 *   ingest      main/ingest/strings           import, runs, sources, fields, fieldGroups, eventTypes,
 *                                             declaration, lawfulBasis, lawfulBasisHint
 *   connectors  main/ingest/connectors/strings  connectors
 *   quality     main/ingest/quality/strings  quality
 *   profiles    main/profiles/strings         profiles
 *   overview    main/overview/strings         overview (what needs attention, the home screen's charts)
 *   identity    main/identity/strings         identity (resolution, review, evidence in words, a person's merges)
 *   accessPackage  main/requests/package/strings  accessPackage (the access package's report, in the requester's language)
 *   consent     main/consent/strings          purposes (the catalog), consent (a person's state, events, recording), held (the intake gate)
 *   contact     main/contact/strings          contact (communication authorisations per channel and purpose, do-not-contact)
 *   requests    main/requests/strings         requests (the register of data-subject requests, deadlines, verification)
 *   erasure     main/erasure/strings          erasure (preview, certificate, legal holds)
 *   suppression main/suppression/strings      suppression (the list that keeps erased people from coming back)
 *   partners    main/partners/strings         partners (partners, agreements, extracts, the register)
 *   retention   main/retention/strings        retention (rules, maintain-until dates, the due list, sweeps)
 *   processing  main/processing/strings       processing (the records of processing report)
 *
 * The interface's own words (common, validation, passphrase, shell, home, pager, countries) are the `app`
 * namespace, which the renderer keeps in renderer/src/i18n/strings and adds to these
 * (renderer/src/i18n/resources.ts): main never imports the renderer, and needs none of them. Everything a
 * report or a CLI message may say (an error, an audit action, a role, a field) is here.
 *
 * This module imports JSON only, so the renderer may import it too (the lint rules allow this one file).
 */
import { LANGUAGES, type Language } from '../core/contract-kit';
import coreEn from '../core/strings/en.json';
import coreFr from '../core/strings/fr.json';
import consentEn from '../consent/strings/en.json';
import consentFr from '../consent/strings/fr.json';
import contactEn from '../contact/strings/en.json';
import contactFr from '../contact/strings/fr.json';
import auditEn from '../audit/strings/en.json';
import auditFr from '../audit/strings/fr.json';
import connectorsEn from '../ingest/connectors/strings/en.json';
import connectorsFr from '../ingest/connectors/strings/fr.json';
import ingestEn from '../ingest/strings/en.json';
import ingestFr from '../ingest/strings/fr.json';
import jobsEn from '../jobs/strings/en.json';
import jobsFr from '../jobs/strings/fr.json';
import qualityEn from '../ingest/quality/strings/en.json';
import qualityFr from '../ingest/quality/strings/fr.json';
import identityEn from '../identity/strings/en.json';
import identityFr from '../identity/strings/fr.json';
import overviewEn from '../overview/strings/en.json';
import overviewFr from '../overview/strings/fr.json';
import profilesEn from '../profiles/strings/en.json';
import profilesFr from '../profiles/strings/fr.json';
import requestsEn from '../requests/strings/en.json';
import requestsFr from '../requests/strings/fr.json';
import suppressionEn from '../suppression/strings/en.json';
import suppressionFr from '../suppression/strings/fr.json';
import usersEn from '../users/strings/en.json';
import usersFr from '../users/strings/fr.json';
import vaultEn from '../vault/strings/en.json';
import vaultFr from '../vault/strings/fr.json';
import erasureEn from '../erasure/strings/en.json';
import erasureFr from '../erasure/strings/fr.json';
import partnersEn from '../partners/strings/en.json';
import partnersFr from '../partners/strings/fr.json';
import retentionEn from '../retention/strings/en.json';
import retentionFr from '../retention/strings/fr.json';
import processingEn from '../processing/strings/en.json';
import processingFr from '../processing/strings/fr.json';
import accessPackageEn from '../requests/package/strings/en.json';
import accessPackageFr from '../requests/package/strings/fr.json';

/** A namespace's text: groups of keys, nested, down to strings. */
export type StringTree = { readonly [key: string]: string | StringTree };

/** A namespace in every language the app speaks (the type makes a missing language a compile error). */
export type NamespaceStrings = Readonly<Record<Language, StringTree>>;

/** The namespace that answers first in main; the renderer puts its own `app` before it. */
export const MAIN_DEFAULT_NAMESPACE = 'core';

export const MAIN_NAMESPACES = {
  core: { en: coreEn, fr: coreFr },
  vault: { en: vaultEn, fr: vaultFr },
  users: { en: usersEn, fr: usersFr },
  audit: { en: auditEn, fr: auditFr },
  jobs: { en: jobsEn, fr: jobsFr },
  ingest: { en: ingestEn, fr: ingestFr },
  connectors: { en: connectorsEn, fr: connectorsFr },
  quality: { en: qualityEn, fr: qualityFr },
  profiles: { en: profilesEn, fr: profilesFr },
  overview: { en: overviewEn, fr: overviewFr },
  identity: { en: identityEn, fr: identityFr },
  consent: { en: consentEn, fr: consentFr },
  contact: { en: contactEn, fr: contactFr },
  requests: { en: requestsEn, fr: requestsFr },
  suppression: { en: suppressionEn, fr: suppressionFr },
  accessPackage: { en: accessPackageEn, fr: accessPackageFr },
  erasure: { en: erasureEn, fr: erasureFr },
  partners: { en: partnersEn, fr: partnersFr },
  retention: { en: retentionEn, fr: retentionFr },
  processing: { en: processingEn, fr: processingFr },
} as const satisfies Readonly<Record<string, NamespaceStrings>>;

export type MainNamespace = keyof typeof MAIN_NAMESPACES;

/** i18next's `resources`: `{ en: { core: {…}, vault: {…}, … }, fr: {…} }`. */
export function toResources<N extends string>(namespaces: Readonly<Record<N, NamespaceStrings>>): Record<Language, Record<N, StringTree>> {
  const names = Object.keys(namespaces) as N[];
  const inLanguage = (language: Language): Record<N, StringTree> =>
    Object.fromEntries(names.map((name) => [name, namespaces[name][language]])) as Record<N, StringTree>;
  return Object.fromEntries(LANGUAGES.map((language) => [language, inLanguage(language)])) as Record<Language, Record<N, StringTree>>;
}
