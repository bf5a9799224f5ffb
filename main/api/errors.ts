/** The error codes and result shape as the renderer sees them: defined in main/core, served through the contract. */
export * from '../core/errors';
