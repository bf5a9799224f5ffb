/**
 * An extract: the lease checked at this moment, the audience drawn, each person's consent for the lease's
 * purposes applied, the file written with only the agreed fields, delivered, and entered on the register with
 * one disclosure per person in the same transaction (docs/partners.md).
 */
import { AppError } from '../../core/errors';
import type { JobControl } from '../../core/job-control';
import type { CapabilityContext } from '../../vault/index';
import type { Audience, ExtractField, ExtractFormat, RegisterEntry } from '../contract';

export interface ExtractRequest {
  readonly agreementId: number;
  readonly audience: Audience;
  readonly format: ExtractFormat;
  /** A file chosen by the user (the CLI's --out); otherwise the agreement's folder or SFTP server. */
  readonly outFile?: string | undefined;
  readonly overwrite?: boolean | undefined;
  /** Set when a schedule runs it: the register says so. */
  readonly scheduleId?: number | null | undefined;
  /** A subset of the agreement's fields; a field the agreement does not allow is refused. */
  readonly fields?: readonly ExtractField[] | undefined;
}

export async function runExtract(_context: CapabilityContext, request: ExtractRequest, _job: JobControl): Promise<RegisterEntry> {
  await Promise.resolve();
  throw new AppError('INTERNAL', `Extracts of agreement ${request.agreementId} are not built yet.`);
}
