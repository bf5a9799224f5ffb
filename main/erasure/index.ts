/** What other capabilities may use of erasure: the certificate of an erased profile (an access request answers from it). */
export { certificateOfProfile, getCertificate } from './certificate';
export { setCertificateTranslator } from './certificate-pdf';
export { erasureAttention, type ErasureAttentionItem } from './attention';
export { replayErasures } from './replay';
/** The profiles a litigation hold keeps from leaving the vault (partner extracts leave them out). */
export { litigationHeldProfiles } from './holds';
/** Retention sweeps erase the profiles found due through the same engine, and skip those a hold suspends. */
export { eraseProfiles, previewProfiles } from './bulk';
export { heldProfiles } from './holds';
