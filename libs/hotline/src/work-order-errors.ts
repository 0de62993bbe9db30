/** What went wrong with a work-order request, for the API to map onto 404 / 409 / 400 / 403. */
export type WorkOrderErrorKind = 'not-found' | 'conflict' | 'invalid' | 'forbidden';

export class WorkOrderError extends Error {
  override name = 'WorkOrderError';

  constructor(readonly kind: WorkOrderErrorKind, message: string) {
    super(message);
  }
}
