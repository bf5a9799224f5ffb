/** Erasure behind the contract: the preview reads, the commit and the bulk run as jobs, holds and settings are audited changes. */
import crypto from 'node:crypto';
import type { SliceHandlers } from '../core/handlers';
import { OutputFile } from '../platform/output-file';
import { readRequestSettings } from '../requests/index';
import type { CapabilityContext } from '../vault/index';
import { getCertificate, listCertificates } from './certificate';
import { certificatePdf } from './certificate-pdf';
import type { ErasureSettings, erasureMethods } from './contract';
import { eraseBulk, previewBulk } from './bulk';
import { eraseOne, vaultToday } from './erase-job';
import { getHold, listHolds, placeHold, releaseHold } from './holds';
import { planErasure, previewOf } from './plan';
import { recipientLetterPdf } from './recipient-letter';
import { readErasureSettings, saveErasureSettings } from './settings';
import { verifyProfile } from './verify';

type AuditOf = Parameters<CapabilityContext['vaults']['mutate']>[0];

/** A PDF saved where the user chose (through the one file writer) or handed back in base64; its export audited with its hash. */
function savePdf(
  context: CapabilityContext,
  pdf: Buffer,
  fileName: string,
  target: { outFile?: string | undefined; overwrite: boolean },
  audit: (sha256: string) => ReturnType<AuditOf>,
) {
  const sha256 = crypto.hash('sha256', pdf, 'hex');
  const file = target.outFile === undefined ? null : OutputFile.open(target.outFile, { overwrite: target.overwrite });
  try {
    file?.write(pdf);
    context.vaults.mutate(
      () => audit(sha256),
      () => undefined,
    );
    const savedTo = file?.commit() ?? null;
    return { fileName, savedTo, pdfBase64: file === null ? pdf.toString('base64') : null, sha256 };
  } catch (error) {
    file?.abort();
    throw error;
  }
}

const personal = (context: CapabilityContext): boolean => context.vaults.current().user.role !== 'auditor';

export const erasureHandlers: SliceHandlers<typeof erasureMethods, CapabilityContext> = {
  'erasure.preview': ({ profileId, requestId }, context) => {
    const vault = context.vaults.current();
    return previewOf(planErasure(vault.db, profileId, requestId ?? null, vault.files.stagingRoot, vaultToday(vault, context.now())));
  },
  'erasure.commit': ({ profileId, requestId, token }, context, job) =>
    eraseOne(context, { profileId, requestId: requestId ?? null, token, reason: requestId === undefined ? 'steward' : 'request' }, job),
  'erasure.previewBulk': async ({ requestIds }, context, job) => previewBulk(context, requestIds, job),
  'erasure.bulk': ({ requestIds, token }, context, job) => eraseBulk(context, requestIds, token, job),
  'erasure.verify': ({ profileId }, context, job) => verifyProfile(context, profileId, job),
  'erasure.certificates': ({ limit, offset }, context) => listCertificates(context.vaults.current().db, limit, offset),
  'erasure.certificate': ({ id }, context) => getCertificate(context.vaults.current().db, id),
  'erasure.certificatePdf': async ({ id, language, outFile, overwrite }, context) => {
    const vault = context.vaults.current();
    const certificate = getCertificate(vault.db, id);
    const pdf = await certificatePdf(certificate, readRequestSettings(vault.db).organisationName, language ?? context.vaults.language() ?? 'en');
    return savePdf(context, pdf, `erasure-certificate-${id}.pdf`, { outFile, overwrite }, (sha256) => ({
      action: 'erasure.certificate_exported',
      objectType: 'erasure',
      objectId: id,
      details: { sha256, bytes: pdf.length },
    }));
  },
  'erasure.recipientLetter': async ({ certificateId, agreementId, language, outFile, overwrite }, context) => {
    const vault = context.vaults.current();
    const certificate = getCertificate(vault.db, certificateId);
    const organisation = readRequestSettings(vault.db).organisationName;
    const pdf = await recipientLetterPdf(vault.db, certificate, agreementId, organisation, language ?? context.vaults.language() ?? 'en');
    return savePdf(context, pdf, `erasure-${certificateId}-notice-agreement-${agreementId}.pdf`, { outFile, overwrite }, (sha256) => ({
      action: 'erasure.letter_exported',
      objectType: 'erasure',
      objectId: certificateId,
      details: { agreementId, sha256, bytes: pdf.length },
    }));
  },
  'erasure.settings': (_input, context) => readErasureSettings(context.vaults.current().db),
  'erasure.saveSettings': (input, context) =>
    context.vaults.mutate<ErasureSettings>(
      (saved) => ({ action: 'erasure.settings_changed', objectType: 'setting', objectId: 'erasure_k', details: { k: saved.k } }),
      ({ db }) => saveErasureSettings(db, input),
    ),
  'erasure.holds': ({ active }, context) => listHolds(context.vaults.current().db, active, personal(context)),
  'erasure.placeHold': (input, context) => {
    const id = context.vaults.mutate<number>(
      (holdId) => ({
        action: 'erasure.hold_placed',
        objectType: 'legal_hold',
        objectId: holdId,
        details: {
          kind: input.kind,
          profileId: 'profileId' in input ? input.profileId : null,
          sourceId: 'sourceId' in input ? input.sourceId : null,
        },
      }),
      ({ db, user }) => placeHold(db, input, user.id, context.now()),
    );
    return getHold(context.vaults.current().db, id, true);
  },
  'erasure.releaseHold': ({ id }, context) => {
    context.vaults.mutate(
      () => ({ action: 'erasure.hold_released', objectType: 'legal_hold', objectId: id }),
      ({ db, user }) => releaseHold(db, id, user.id, context.now()),
    );
    return getHold(context.vaults.current().db, id, true);
  },
};
