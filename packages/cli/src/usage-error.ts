import { RelnotesError } from '@relnotes/core';

export function usageError(message: string, hint?: string): RelnotesError {
  return new RelnotesError('E_USAGE', message, hint === undefined ? {} : { hint });
}
