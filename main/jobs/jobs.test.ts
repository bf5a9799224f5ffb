import { describe, expect, it } from 'vitest';
import type { BackendEvent } from '../core/events';
import { AppError } from '../core/errors';
import { JobRegistry, yieldToEventLoop } from './jobs';

function registry(): { jobs: JobRegistry; events: BackendEvent[] } {
  const events: BackendEvent[] = [];
  const jobs = new JobRegistry(
    (event) => events.push(event),
    () => ({ code: 'INTERNAL', message: 'boom' }),
  );
  return { jobs, events };
}

const finished = (events: BackendEvent[], jobId: string) => events.find((event) => event.type === 'job.finished' && event.jobId === jobId);

describe('jobs', () => {
  it('report progress and complete with a value', async () => {
    const { jobs, events } = registry();
    const jobId = jobs.start('audit.verify', async (job) => {
      for (let done = 1; done <= 3; done += 1) {
        job.progress('counting', done, 3);
        await yieldToEventLoop();
      }
      return 'all three';
    });
    expect(jobs.get(jobId).status).toBe('running');
    await expect.poll(() => finished(events, jobId)).toMatchObject({ status: 'completed', value: 'all three' });
    expect(events.filter((event) => event.type === 'job.progress').at(-1)).toMatchObject({ step: 'counting', done: 3, total: 3 });
    expect(jobs.get(jobId)).toMatchObject({ status: 'completed', done: 3, total: 3, value: 'all three' });
  });

  it('stop at the next checkpoint when cancelled', async () => {
    const { jobs, events } = registry();
    let batches = 0;
    const jobId = jobs.start('audit.export', async (job) => {
      for (;;) {
        job.checkpoint();
        batches += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    await expect.poll(() => batches).toBeGreaterThan(2);
    jobs.cancel(jobId);
    await expect.poll(() => finished(events, jobId)).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
    const stoppedAt = batches;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(batches).toBe(stoppedAt);
  });

  it('can be cancelled as soon as the id is returned, before the job reported anything', async () => {
    const { jobs, events } = registry();
    let ran = false;
    const jobId = jobs.start('import.file', async () => {
      ran = true;
      return 'too late';
    });
    expect(jobs.cancel(jobId)).toMatchObject({ status: 'running', step: 'starting' });
    await expect.poll(() => finished(events, jobId)).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
    expect(ran).toBe(false);
    expect(events.filter((event) => event.type === 'job.progress')).toEqual([]);
  });

  it('stop at their first checkpoint when cancelled during a slow start with no progress yet', async () => {
    const { jobs, events } = registry();
    let release: () => void = () => undefined;
    let started = false;
    let wrote = false;
    // Like an import hashing a large file, or a connector waiting for its server: busy, nothing reported.
    const jobId = jobs.start('connectors.sync', async (job) => {
      started = true;
      await new Promise<void>((resolve) => (release = resolve));
      job.checkpoint();
      wrote = true;
    });
    await expect.poll(() => started).toBe(true);
    jobs.cancel(jobId);
    release();
    await expect.poll(() => finished(events, jobId)).toMatchObject({ status: 'cancelled' });
    expect(wrote).toBe(false);
    expect(jobs.get(jobId).status).toBe('cancelled');
  });

  it('fail with the error code the job threw, or INTERNAL for anything unexpected', async () => {
    const { jobs, events } = registry();
    const expected = jobs.start('vault.backup', async () => {
      throw new AppError('IO_ERROR', 'disk full');
    });
    const unexpected = jobs.start('vault.backup', async () => {
      throw new TypeError('bug');
    });
    await expect.poll(() => finished(events, expected)).toMatchObject({ status: 'failed', error: { code: 'IO_ERROR', message: 'disk full' } });
    await expect.poll(() => finished(events, unexpected)).toMatchObject({ status: 'failed', error: { code: 'INTERNAL' } });
    expect(jobs.get(expected)).toMatchObject({ status: 'failed', error: { code: 'IO_ERROR' } });
    expect(() => jobs.get('missing')).toThrow(AppError);
  });
});
