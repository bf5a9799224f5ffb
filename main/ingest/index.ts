/** What other capabilities may use of ingest: everything else in this folder is its own business. */
export { searchQuery } from './search-terms';
