/** What other capabilities may use of jobs: everything else in this folder is its own business. */
export { yieldToEventLoop, type JobRegistry } from './jobs';
