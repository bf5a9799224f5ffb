/** What other capabilities may use of ingest: everything else in this folder is its own business. */
export { searchQuery } from './search-terms';
export { ingestAttention, UNDONE_SHOWN_DAYS, type IngestAttentionItem, type IngestAttentionKind } from './attention';
export { FIGURE_MONTHS, ingestFigures, type IngestFigures } from './figures';
export { refreshProfile, refreshProfiles, setProfileNamer, type ProfileNamer } from './profile-refresh';
export { foldForSearch } from './normalize/text';
/** What the consent gate's release and delete do to records (plugged in by main/backend). */
export { admitRecord, removeUnadmittedRecords } from './held-records';
