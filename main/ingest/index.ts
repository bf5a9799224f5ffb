/** What other capabilities may use of ingest: everything else in this folder is its own business. */
export { searchQuery } from './search-terms';
export { ingestAttention, UNDONE_SHOWN_DAYS, type IngestAttentionItem, type IngestAttentionKind } from './attention';
export { FIGURE_MONTHS, ingestFigures, type IngestFigures } from './figures';
export { refreshProfile, refreshProfiles, setProfileNamer, type ProfileNamer } from './profile-refresh';
export { foldForSearch } from './normalize/text';
/** What an access package needs to withhold someone else's details and to read a date range in the vault's zone. */
export { isThirdPartyPath } from './mapping/third-party';
export { THIRD_PARTY_KEY } from './record-writer';
export { wallTimeToUtc } from './normalize/zoned-time';
/** What the consent gate's release and delete do to records (plugged in by main/backend). */
export { admitRecord, removeUnadmittedRecords } from './held-records';
