/** Human labels for the taxonomy's values. */
import type { CauseCategory, TimelineKind } from './schema.ts';

export const CAUSE_LABELS: Record<CauseCategory, string> = {
  deploy: 'Deploy',
  config: 'Configuration',
  capacity: 'Capacity',
  dependency: 'Dependency',
  database: 'Database',
  network: 'Network',
  hardware: 'Hardware',
  'software-bug': 'Software bug',
  security: 'Security',
  data: 'Data',
  process: 'Process',
  unknown: 'Unknown',
};

export const KIND_LABELS: Record<TimelineKind, string> = {
  trigger: 'Trigger',
  detect: 'Detection',
  investigate: 'Investigation',
  escalate: 'Escalation',
  mitigate: 'Mitigation',
  resolve: 'Resolution',
  communicate: 'Communication',
  note: 'Note',
};

export const SEVERITY_LABELS = {
  SEV1: 'Critical',
  SEV2: 'Major',
  SEV3: 'Minor',
  SEV4: 'Low',
} as const;
