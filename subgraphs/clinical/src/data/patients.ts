import { injectTraceHeaders, silentLogger, SpanKind, withSpan, type Logger } from '@carebridge/common';

/**
 * Whether the caller may see a patient. The clinical subgraph does not own patients (the patient
 * subgraph does, with their organization), so before storing a staff member's answers for a
 * patient it asks the graph, as the caller, whether that patient is theirs.
 */
export interface PatientDirectory {
  /** True only when the patient exists and the caller (by `authorization`) may see it. */
  isVisible(patientId: string, authorization: string): Promise<boolean>;
}

export const PATIENT_VISIBLE_QUERY = 'query PatientVisible($id: ID!) { patient(id: $id) { id } }';

export interface HttpPatientDirectoryOptions {
  /** The graph's GraphQL endpoint (the gateway), e.g. http://127.0.0.1:4000/graphql. */
  graphUrl: string;
  /** How long to wait for the graph before answering false. */
  timeoutMs?: number;
  logger?: Logger;
}

/**
 * Asks the graph `patient(id)` with the caller's own token: the patient subgraph answers null (and
 * FORBIDDEN) for another organization's patient, so only the id coming back means "yours". Any
 * failure (network, status, malformed body, errors) answers false: a patient is never assumed visible.
 */
export function createHttpPatientDirectory({
  graphUrl,
  timeoutMs = 5_000,
  logger = silentLogger,
}: HttpPatientDirectoryOptions): PatientDirectory {
  return {
    // A CLIENT span of the caller's trace, continued by the gateway (`traceparent`).
    isVisible: (patientId, authorization) =>
      withSpan('graph PatientVisible', {}, () => isVisible(patientId, authorization), { kind: SpanKind.CLIENT }),
  };

  async function isVisible(patientId: string, authorization: string): Promise<boolean> {
    try {
      const response = await fetch(graphUrl, {
        method: 'POST',
        headers: injectTraceHeaders({ authorization, 'content-type': 'application/json' }),
        body: JSON.stringify({
          query: PATIENT_VISIBLE_QUERY,
          operationName: 'PatientVisible',
          variables: { id: patientId },
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        logger.warn('patients.lookup_failed', { patientId, status: response.status });
        return false;
      }
      const body = (await response.json()) as { data?: { patient?: { id?: unknown } | null } | null } | null;
      return body?.data?.patient?.id === patientId;
    } catch (error) {
      logger.warn('patients.lookup_failed', { patientId, error: error instanceof Error ? error.name : 'unknown' });
      return false;
    }
  }
}
