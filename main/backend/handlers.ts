/** The one handler table: every contract method, gathered from the domain folders. */
import type { HandlerTable } from '../api/dispatch';
import { auditHandlers } from '../audit/handlers';
import { consentHandlers } from '../consent/handlers';
import { contactHandlers } from '../contact/handlers';
import { connectorHandlers } from '../ingest/connectors/handlers';
import { ingestHandlers } from '../ingest/handlers';
import { qualityHandlers } from '../ingest/quality/handlers';
import { jobHandlers } from '../jobs/handlers';
import { overviewHandlers } from '../overview/handlers';
import { profileHandlers } from '../profiles/handlers';
import { requestHandlers } from '../requests/handlers';
import { erasureHandlers } from '../erasure/handlers';
import { partnersHandlers } from '../partners/handlers';
import { retentionHandlers } from '../retention/handlers';
import { processingHandlers } from '../processing/handlers';
import { suppressionHandlers } from '../suppression/handlers';
import { identityHandlers } from '../identity/handlers';
import { userHandlers } from '../users/handlers';
import { vaultHandlers } from '../vault/handlers';
import type { BackendContext } from './context';
import { linkedAfter } from './link-after-import';

export const handlers: HandlerTable<BackendContext> = {
  ...vaultHandlers,
  ...userHandlers,
  ...auditHandlers,
  ...ingestHandlers,
  ...connectorHandlers,
  // Every import and sync ends by linking its new and changed records to the people already known.
  'import.file': linkedAfter(ingestHandlers['import.file']),
  'connectors.sync': linkedAfter(connectorHandlers['connectors.sync']),
  ...qualityHandlers,
  ...overviewHandlers,
  ...profileHandlers,
  ...identityHandlers,
  ...consentHandlers,
  ...contactHandlers,
  ...requestHandlers,
  ...erasureHandlers,
  ...partnersHandlers,
  ...retentionHandlers,
  ...processingHandlers,
  ...suppressionHandlers,
  ...jobHandlers,
};
