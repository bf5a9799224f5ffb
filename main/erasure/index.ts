/** What other capabilities may use of erasure: the certificate of an erased profile (an access request answers from it). */
export { certificateOfProfile, getCertificate } from './certificate';
export { setCertificateTranslator } from './certificate-pdf';
