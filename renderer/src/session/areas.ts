/**
 * The areas of the unlocked app and who may open them. Navigation lists only what works today AND what
 * the role may use, mirroring the contract's access rules so nobody meets a FORBIDDEN by clicking.
 */
import type { ReviewFinding, Role } from '../../../main/api/contract';

export const AREAS = [
  'home',
  'import',
  'profiles',
  'identity',
  'consent',
  'requests',
  'erasure',
  'partners',
  'retention',
  'quality',
  'sources',
  'audit',
  'users',
  'settings',
] as const;
export type Area = (typeof AREAS)[number];

const AREA_ROLES: Readonly<Record<Area, readonly Role[]>> = {
  home: ['administrator', 'steward', 'auditor'],
  // Auditors read the register without requesters' names (docs/requests.md); stewards and administrators act.
  requests: ['administrator', 'steward', 'auditor'],
  // Imports and profiles show personal data: never to auditors, who see the runs and connectors only.
  import: ['administrator', 'steward'],
  profiles: ['administrator', 'steward'],
  // Pairs of records side by side are personal data too.
  identity: ['administrator', 'steward'],
  // The consent review's counts and charts name no one: auditors see them; the lists of people are hidden from them.
  consent: ['administrator', 'steward', 'auditor'],
  // Certificates and holds are the proof an erasure happened: auditors read them (a person's hold without its reason).
  erasure: ['administrator', 'steward', 'auditor'],
  // Partners, leases and the register name no person: auditors read them (a person's disclosures are on their page).
  partners: ['administrator', 'steward', 'auditor'],
  // Rules and sweeps name no one: auditors read them; the due list and a person's dates are the stewards'.
  retention: ['administrator', 'steward', 'auditor'],
  // Flagged values are personal data as sent: the same people as imports.
  quality: ['administrator', 'steward'],
  sources: ['administrator', 'steward', 'auditor'],
  audit: ['administrator', 'auditor'],
  users: ['administrator'],
  settings: ['administrator', 'steward', 'auditor'],
};

export function areasFor(role: Role): Area[] {
  return AREAS.filter((area) => AREA_ROLES[area].includes(role));
}

/**
 * Where to land in an area, when it is opened from another: Data quality on one source, perhaps one run;
 * Sources on its import history with one run selected (its rejected rows opened), or on its connectors;
 * Identities on its review queue or its conflicts.
 */
export interface AreaFocus {
  readonly sourceId?: number;
  readonly runId?: number;
  readonly tab?: 'runs' | 'connectors';
  readonly identityView?: IdentityView;
  /** People, on the records held for a lawful basis. */
  readonly profilesView?: 'held';
  /** The Consent screen, on one finding's list. */
  readonly consentFinding?: ReviewFinding;
  /** People, with one person opened. */
  readonly profileId?: number;
  /** Erasure, on one certificate, or on the legal holds. */
  readonly certificateId?: number;
  readonly erasureView?: 'certificates' | 'holds';
  /** Partners, on one of its tabs. */
  readonly partnersView?: PartnersView;
  /** Retention, on one of its tabs (the due list perhaps narrowed to one action). */
  readonly retentionView?: RetentionView;
  readonly retentionAction?: 'anonymize' | 'review';
}

export type RetentionView = 'due' | 'rules' | 'sweeps';

export type PartnersView = 'partners' | 'agreements' | 'extract' | 'schedules' | 'register';

export type IdentityView = 'review' | 'conflicts' | 'settings' | 'golden';

export type Navigate = (area: Area, focus?: AreaFocus) => void;
